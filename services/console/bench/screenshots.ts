/**
 * Regenerates the README's screenshots of the console (committed PNGs under docs/console/):
 *   npm run screenshots -w @ledgerbus/console
 * Starts the embedded demo with the console (see console-state.ts), opens every page in Debian's Chromium
 * (playwright-core, /usr/bin/chromium or CHROMIUM_PATH) at 1280 px, a few at 390 px, the metric stale after a
 * disconnect, and the embedded route with an accent colour and a logo. CONSOLE_DOCS_DIR overrides the folder.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { bridgeMetrics, launchBrowser } from '../test/browser';
import { startConsoleState } from './console-state';

const OUT = resolve(process.env.CONSOLE_DOCS_DIR ?? join(__dirname, '..', '..', '..', 'docs', 'console'));

/** Each page and what shows that it has loaded. */
const PAGES: Array<{ route: string; ready: string }> = [
  { route: 'connection', ready: '.company-name' },
  { route: 'settings', ready: 'form[aria-label="Sync settings"]' },
  { route: 'mappings', ready: 'form[aria-label="Mappings"]' },
  { route: 'sync', ready: '.run[data-status]' },
  { route: 'sync-log', ready: 'table.sync-log tbody tr' },
  { route: 'onboarding', ready: 'table.onboarding-records tbody tr' },
  { route: 'metrics', ready: 'table.metric-values tbody tr' },
  { route: 'audit', ready: 'li.audit-entry' },
];
const NARROW = ['connection', 'sync', 'metrics'];

async function capture(context: BrowserContext, url: string, token: string, route: string, ready: string, width: number, file: string): Promise<void> {
  const page: Page = await context.newPage();
  await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
  await page.goto(`${url}/#token=${token}`);
  await page.locator('.company-name').waitFor();
  await page.evaluate(`window.location.hash = '#/${route}'`);
  await page.locator(ready).first().waitFor({ timeout: 120_000 });
  // Nothing still loading (spinners gone), fonts settled.
  await page.waitForFunction("document.querySelectorAll('.loading').length === 0", undefined, { timeout: 60_000 });
  await page.evaluate('document.fonts.ready');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(OUT, file), fullPage: true });
  process.stderr.write(`wrote ${join(OUT, file)}\n`);
  await page.close();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const state = await startConsoleState();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ deviceScaleFactor: 1 });
    context.setDefaultTimeout(60_000);
    await bridgeMetrics(context, state.consoleUrl, state.stack.urls.metrics!);
    for (const p of PAGES) await capture(context, state.consoleUrl, state.tokens.admin, p.route, p.ready, 1280, `${p.route}.png`);
    for (const route of NARROW) await capture(context, state.consoleUrl, state.tokens.viewer, route, PAGES.find((p) => p.route === route)!.ready, 390, `${route}-390px.png`);

    // Embedded in a platform's settings screen: its accent colour and logo.
    const embed = await context.newPage();
    await embed.setViewportSize({ width: 1024, height: 760 });
    await embed.goto(`${state.consoleUrl}/embed?accent=%230b7a5a&logo=${encodeURIComponent('/assets/example-logo.svg')}#token=${state.tokens.admin}`);
    await embed.locator('.company-name').waitFor();
    await embed.evaluate('document.fonts.ready');
    await embed.screenshot({ path: join(OUT, 'embedded.png') });
    process.stderr.write(`wrote ${join(OUT, 'embedded.png')}\n`);
    await embed.close();

    // After a disconnect the metrics are stale, with the reason.
    const owner = await context.newPage();
    await owner.setViewportSize({ width: 1280, height: 900 });
    const res = await fetch(`${state.stack.urls.connector}/v1/tenants/${state.tenantId}/connection`, { method: 'DELETE', headers: { authorization: `Bearer ${state.tokens.owner}` } });
    if (!res.ok) throw new Error(`disconnect: ${res.status}`);
    await owner.goto(`${state.consoleUrl}/#token=${state.tokens.owner}`);
    await owner.getByRole('button', { name: 'Connect to QuickBooks' }).waitFor();
    for (let i = 0; i < 60 && (await owner.locator('.metric-stale').count()) === 0; i++) {
      await owner.evaluate(`window.location.hash = '#/connection'`);
      await owner.evaluate(`window.location.hash = '#/metrics'`);
      await owner.waitForTimeout(1_000);
    }
    await owner.locator('.metric-stale').waitFor();
    await owner.waitForFunction("document.querySelectorAll('.loading').length === 0");
    await owner.screenshot({ path: join(OUT, 'metrics-stale.png'), fullPage: true });
    process.stderr.write(`wrote ${join(OUT, 'metrics-stale.png')}\n`);
  } finally {
    await browser.close();
    await state.stack.shutdown('screenshots done');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
