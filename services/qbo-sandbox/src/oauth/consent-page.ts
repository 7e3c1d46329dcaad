/** The HTML pages of the authorize endpoint (company chooser and error page). */
import type { CompanySummary } from '../types';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface ConsentPageInput {
  action: string;
  appName: string;
  userEmail: string | undefined;
  companies: CompanySummary[];
  /** The authorize request's parameters, carried through the form as hidden fields. */
  params: Record<string, string>;
}

export function renderConsentPage(input: ConsentPageInput): string {
  const hidden = Object.entries(input.params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n      ');
  const options = input.companies
    .map(
      (c, i) =>
        `<label class="company"><input type="radio" name="realmId" value="${escapeHtml(c.realmId)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(c.companyName)} <small>(${escapeHtml(c.realmId)})</small></label>`,
    )
    .join('\n      ');
  const body =
    input.companies.length === 0
      ? '<p>You have no QuickBooks companies to connect.</p>'
      : `<h2>Which company would you like to connect to?</h2>
      ${options}`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Connect to ${escapeHtml(input.appName)} | Intuit (sandbox)</title></head>
<body>
  <main>
    <h1>${escapeHtml(input.appName)} wants to connect to your QuickBooks company</h1>
    ${input.userEmail ? `<p>Signed in as ${escapeHtml(input.userEmail)}</p>` : ''}
    <form method="post" action="${escapeHtml(input.action)}">
      ${hidden}
      ${body}
      <p>
        <button type="submit" name="decision" value="authorize"${input.companies.length === 0 ? ' disabled' : ''}>Authorize</button>
        <button type="submit" name="decision" value="cancel">Cancel</button>
      </p>
    </form>
  </main>
</body>
</html>`;
}

export function renderErrorPage(message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Error | Intuit (sandbox)</title></head>
<body><main><h1>Something went wrong</h1><p class="error">${escapeHtml(message)}</p></main></body>
</html>`;
}
