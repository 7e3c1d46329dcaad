/**
 * The admin console in a real browser (Debian's Chromium driven by playwright-core) against the real
 * backend: the embedded stack (sandbox, connector, mapping, the push workers) on free ports, the console
 * built with Vite and served by its own server. Signs in with minted JWTs and does what an admin does.
 * Screenshots go to $CONSOLE_SCREENSHOTS_DIR (default .infra/console-screenshots, git-ignored).
 */
import { createEvent, platformCustomers, platformInvoices } from '@ledgerbus/contracts';
import { createLogger, mintToken } from '@ledgerbus/kit';
import { waitFor } from '@ledgerbus/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildDataset, configureTenant, startStack } from '../../embedded/src/index';
import type { Stack } from '../../embedded/src/index';
import { ROUTE_TITLES, expectAccessible, launchBrowser, shot } from './browser';
const TENANT = 'console-tenant';
const SECRET = 'console-browser-test-secret-0123456789abcdef';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
const tokens: Record<'owner' | 'admin' | 'viewer', string> = { owner: '', admin: '', viewer: '' };

async function api<T>(path: string, role: keyof typeof tokens = 'owner', init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.urls.mapping}${path}`, { ...init, headers: { authorization: `Bearer ${tokens[role]}`, ...(init.headers ?? {}) } });
  return { status: res.status, body: (await res.json()) as T };
}

async function connection(): Promise<{ status: string; companyName: string } | undefined> {
  const res = await fetch(`${stack.urls.connector}/v1/tenants/${TENANT}/connection`, { headers: { authorization: `Bearer ${tokens.owner}` } });
  return res.status === 200 ? ((await res.json()) as { connection: { status: string; companyName: string } }).connection : undefined;
}

/** A page signed in as `role` (the link `make demo` prints: the JWT in the fragment). */
async function signedIn(role: keyof typeof tokens, route = 'connection', width = 1280): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${stack.urls.console!}/#token=${tokens[role]}`);
  await page.getByRole('heading', { level: 1, name: 'Connection' }).waitFor();
  if (route !== 'connection') await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: ROUTE_TITLES[route]! }).click();
  return page;
}

beforeAll(async () => {
  stack = await startStack({
    logger: createLogger({ name: 'console-test', level: 'silent' }),
    ports: { sandbox: 0, connector: 0, mapping: 0, customerSync: 0, metrics: 0, ingest: 0, webhooks: 0 },
    jwtSecret: SECRET,
    metrics: false,
    limits: false,
    company: { size: 'small' },
    pushMaxWaitMs: 3_000,
    console: { port: 0 },
  });
  tokens.owner = await mintToken(SECRET, { sub: 'olivia.owner', tenant: TENANT, role: 'owner' }, '1h');
  tokens.admin = await mintToken(SECRET, { sub: 'adam.admin', tenant: TENANT, role: 'admin' }, '1h');
  tokens.viewer = await mintToken(SECRET, { sub: 'vera.viewer', tenant: TENANT, role: 'viewer' }, '1h');
  browser = await launchBrowser();
  context = await browser.newContext();
  context.setDefaultTimeout(30_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.shutdown('test done');
}, 60_000);

test('an owner connects QuickBooks through Intuit\'s consent page and sees the company, its status and who connected', async () => {
  const page = await signedIn('owner');
  await page.getByText('QuickBooks is not connected yet.').waitFor();
  await shot(page, '01-not-connected');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Connect to QuickBooks' }).click();
  // The sandbox's Intuit consent page (a real page of another origin): choose the company, authorize.
  await page.getByRole('button', { name: 'Authorize' }).waitFor();
  await page.getByRole('radio', { name: new RegExp(stack.company.companyName) }).check();
  await page.getByRole('button', { name: 'Authorize' }).click();

  // Back in the console via the connector's callback.
  await page.getByText('QuickBooks is connected.').waitFor();
  await expect(page.locator('.company-name').textContent()).resolves.toBe(stack.company.companyName);
  await expect(page.locator('.badge').first().textContent()).resolves.toBe('Connected');
  await page.getByText('olivia.owner').first().waitFor();
  expect(page.url()).not.toContain('status=');
  expect((await connection())?.status).toBe('connected');
  await page.getByRole('button', { name: 'Disconnect…' }).waitFor();
  await shot(page, '02-connected');
  await expectAccessible(page);
  await page.close();
});

test('an admin picks the income account and other settings from the company\'s own data, and they are saved through the API', async () => {
  // The connection's snapshot brings the company's accounts to the mapping service.
  await waitFor(async () => (await api<{ items: unknown[] }>(`/v1/tenants/${TENANT}/reference/accounts?type=Income`)).body.items.length > 0, { timeoutMs: 60_000, intervalMs: 250 });
  const income = (await api<{ items: Array<{ id: string; name: string; active: boolean }> }>(`/v1/tenants/${TENANT}/reference/accounts?type=Income`)).body.items.filter((a) => a.active);
  const chosen = income[income.length - 1]!;

  const page = await signedIn('admin', 'settings');
  const select = page.getByLabel('Income account');
  // The drop-down holds the company's Income accounts only.
  const options = await select.locator('option').allTextContents();
  expect(options).toEqual(['Not set', ...income.map((a) => a.name)]);
  await select.selectOption(chosen.id);
  // Seed 004: invoices need an expense account too (the API answers 422 expense_account_required without one).
  const expense = (await api<{ items: Array<{ id: string; active: boolean }> }>(`/v1/tenants/${TENANT}/reference/accounts?type=${encodeURIComponent('Expense,Cost of Goods Sold')}`)).body.items.find((a) => a.active)!;
  await page.getByLabel('Expense account').selectOption(expense.id);
  await page.getByLabel('Send invoices to QuickBooks').check();
  await page.getByLabel('Invoice number prefix').fill('CON-');
  await page.getByLabel('Sync data after').fill('2020-01-31');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText(/Settings saved \(version \d+\)/).waitFor();
  await shot(page, '03-settings-saved');
  await expectAccessible(page);

  const saved = await api<{ settings: { accounts: { income: string; expense: string }; invoices: { enabled: boolean }; documentPrefixes: { invoices: { prefix: string } }; filters: { syncDataAfter: string } } }>(`/v1/tenants/${TENANT}/settings`);
  expect(saved.body.settings.accounts.income).toBe(chosen.id);
  expect(saved.body.settings.accounts.expense).toBe(expense.id);
  expect(saved.body.settings.invoices.enabled).toBe(true);
  expect(saved.body.settings.documentPrefixes.invoices.prefix).toBe('CON-');
  expect(saved.body.settings.filters.syncDataAfter).toBe('2020-01-31');

  // A mapping row added from a drop-down of the company's payment methods.
  await page.getByRole('link', { name: 'Mappings' }).click();
  const methods = (await api<{ items: Array<{ id: string; name: string; active: boolean }> }>(`/v1/tenants/${TENANT}/reference/payment-methods`)).body.items.filter((m) => m.active);
  await page.getByRole('button', { name: 'Add payment method' }).click();
  await page.getByLabel('Platform payment method (row 1)').fill('card');
  await page.getByLabel('QuickBooks payment method for card').selectOption({ label: methods[0]!.name });
  await page.getByRole('button', { name: 'Save mappings' }).click();
  await page.getByText(/Mappings saved \(version \d+\)/).waitFor();
  await shot(page, '04-mappings-saved');
  await expectAccessible(page);
  const mappings = await api<{ mappings: { paymentMethods: Record<string, string> } }>(`/v1/tenants/${TENANT}/mappings`);
  expect(mappings.body.mappings.paymentMethods).toEqual({ card: methods[0]!.id });
  await page.close();
});

test('the audit page shows who saved the settings and the mappings, what changed, filtered by resource, at 390 px too', async () => {
  type Audit = { entries: Array<{ id: string; action: string; resource: string; actor: { sub: string; isService: boolean } }> };
  const audit = (await api<Audit>(`/v1/tenants/${TENANT}/audit`)).body.entries;
  const saved = audit.find((e) => e.action === 'settings.updated')!;
  expect(saved.actor).toEqual({ sub: 'adam.admin', isService: false });

  const page = await signedIn('viewer', 'audit');
  const entry = page.locator(`li.audit-entry[data-action="settings.updated"]`).first();
  await entry.waitFor();
  await expect(entry.locator('.audit-actor').textContent()).resolves.toBe('adam.admin User');
  await expect(entry.textContent()).resolves.toContain('Saved the sync settings');
  // The compact diff names the changed fields with their new values (the rest folded under "N more changes").
  const diff = await entry.locator('.audit-diff li').allTextContents();
  expect(diff.some((l) => l.startsWith('settings.documentPrefixes.invoices.prefix:') && l.endsWith('CON-'))).toBe(true);
  expect(diff.some((l) => l.startsWith('settings.filters.syncDataAfter:') && l.endsWith('2020-01-31'))).toBe(true);
  expect(await page.locator('li.audit-entry').count()).toBe(audit.length);
  await page.locator('li.audit-entry[data-action="mappings.updated"]').first().waitFor();
  await shot(page, '05a-audit');
  await expectAccessible(page);

  // Filtered by resource: only the mappings.
  await page.getByLabel('What changed').selectOption('mappings');
  await waitFor(async () => (await page.locator('li.audit-entry').evaluateAll((items) => items.length > 0 && items.every((i) => i.getAttribute('data-resource') === 'mappings'))) === true);
  const mappings = page.locator('li.audit-entry').first();
  await expect(mappings.textContent()).resolves.toContain('adam.admin');
  await expect(mappings.locator('.audit-diff').textContent()).resolves.toContain('mappings.paymentMethods.card');
  // Nothing of that kind: the empty state says what to do.
  await page.getByLabel('What changed').selectOption('dead-letters');
  await page.getByText('No changes of this kind.').waitFor();
  await page.close();

  const phone = await signedIn('viewer', 'audit', 390);
  await phone.locator('li.audit-entry').first().waitFor();
  expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(phone, '05b-audit-390px');
  await expectAccessible(phone);
  await phone.close();
});

test('a viewer sees the settings and the connection but can change nothing, and an admin cannot disconnect', async () => {
  const page = await signedIn('viewer', 'settings');
  await page.getByText('You have view access.').waitFor();
  await expect(page.getByLabel('Income account').isDisabled()).resolves.toBe(true);
  await expect(page.getByLabel('Send invoices to QuickBooks').isDisabled()).resolves.toBe(true);
  expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
  await shot(page, '05-viewer-settings');
  await page.getByRole('link', { name: 'Connection' }).click();
  await page.getByText('Only the account owner can disconnect QuickBooks.').waitFor();
  expect(await page.getByRole('button', { name: /Disconnect/ }).count()).toBe(0);
  await page.close();

  const admin = await signedIn('admin');
  await admin.getByText('Only the account owner can disconnect QuickBooks.').waitFor();
  expect(await admin.getByRole('button', { name: /Disconnect/ }).count()).toBe(0);
  await admin.close();
});

test('the sync log lists outcomes with their reasons and the held summary, and an admin retries a failed record', async () => {
  const today = stack.sandbox.admin.now().toISOString().slice(0, 10);
  const syncDataAfter = new Date(Date.parse(`${today}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);
  const chosen = await configureTenant({ mappingUrl: stack.urls.mapping, tenantId: TENANT, adminToken: tokens.admin, prefixes: { invoices: 'CON-', payments: 'CONP-' }, syncDataAfter });
  await waitFor(async () => ((await stack.invoicePush.readModel.settings(TENANT))?.version ?? 0) >= chosen.settingsVersion, { timeoutMs: 60_000, intervalMs: 250 });
  const dataset = buildDataset({ tenantId: TENANT, today, customers: 2, invoices: 3, payments: 0 });
  const old = { ...dataset.invoices[0]!, invoiceId: `${dataset.invoices[0]!.invoiceId}-old`, number: 'OLD-1', txnDate: '2001-01-02', dueDate: '2001-02-01' };
  const msg = (type: string, data: unknown) => ({ key: TENANT, event: createEvent({ type, source: 'platform/console-test', tenantid: TENANT, data }) });
  await stack.bus.publish(platformCustomers, dataset.customers.map((c) => msg('customer.upserted', c)));
  await stack.bus.publish(platformInvoices, [...dataset.invoices, old].map((i) => msg('invoice.upserted', i)));
  const bad = dataset.expectedFailures.find((f) => f.entity === 'invoice')!;
  type Log = { entries: Array<{ id: string; outcome: string; platformId: string | null; reason: string | null; retryRequestedAt: string | null }> };
  await waitFor(async () => (await api<Log>(`/v1/tenants/${TENANT}/sync-log?entity=invoice`)).body.entries.some((e) => e.platformId === bad.platformId && e.outcome === 'failed'), { timeoutMs: 90_000, intervalMs: 250 });
  await waitFor(async () => (await api<Log>(`/v1/tenants/${TENANT}/sync-log?entity=invoice&outcome=succeeded`)).body.entries.length >= 1, { timeoutMs: 90_000, intervalMs: 250 });
  const log = (await api<Log>(`/v1/tenants/${TENANT}/sync-log?entity=invoice`)).body.entries;

  const page = await signedIn('admin', 'sync-log');
  await page.locator('table.sync-log tbody tr').first().waitFor();
  await page.getByText('linked to QBO #').first().waitFor();
  const failedRow = page.locator('table.sync-log tbody tr[data-outcome="failed"]', { hasText: bad.platformId });
  const failedEntry = log.find((e) => e.platformId === bad.platformId && e.outcome === 'failed')!;
  expect(failedEntry.reason).toBeTruthy();
  await expect(failedRow.first().textContent()).resolves.toContain(failedEntry.reason);
  const skipped = log.find((e) => e.platformId === old.invoiceId);
  if (skipped !== undefined) await expect(page.locator('table.sync-log tbody tr', { hasText: old.invoiceId }).first().textContent()).resolves.toContain(skipped.reason ?? '');
  await shot(page, '06-sync-log');
  await expectAccessible(page);

  // Only failed ones.
  await page.getByLabel('Outcome').selectOption('failed');
  await waitFor(async () => (await page.locator('table.sync-log tbody tr').evaluateAll((rows) => rows.every((r) => r.getAttribute('data-outcome') === 'failed'))) === true);
  await page.getByRole('button', { name: `Retry invoice ${bad.platformId}` }).first().click();
  await failedRow.first().getByText('Retry requested').waitFor();
  await shot(page, '07-sync-log-retried');
  const after = (await api<Log>(`/v1/tenants/${TENANT}/sync-log?entity=invoice&platformId=${encodeURIComponent(bad.platformId)}`)).body.entries;
  expect(after.some((e) => e.retryRequestedAt !== null)).toBe(true);

  // The held summary is on the page (whatever is held now, counted by the API).
  const summary = (await api<{ held: { total: number } }>(`/v1/tenants/${TENANT}/sync-log/summary`)).body;
  if (summary.held.total === 0) await page.getByText('No records are held.').waitFor();
  else await page.locator('.held-total').getByText(String(summary.held.total)).waitFor();
  await page.close();

  // The same page at phone width.
  const phone = await signedIn('viewer', 'sync-log', 390);
  await phone.locator('table.sync-log tbody tr').first().waitFor();
  expect(await phone.getByRole('button', { name: /^Retry/ }).count()).toBe(0);
  await shot(phone, '08-sync-log-390px-viewer');
  await phone.close();
});

test('onboarding: a review run proposes matches, an admin approves one, then an automatic run imports the rest and finishes with its counts', async () => {
  type OnboardingRun = { runId: string; status: string; counts: Record<string, number> | null };
  type Records = { records: Array<{ entity: string; qboId: string; status: string; proposal: string; platformId: string | null }> };
  const cs = async <T,>(path: string): Promise<T> => {
    const res = await fetch(`${stack.urls.customerSync}${path}`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const runOf = (page: Page) => new URL(page.url()).hash.split('run=')[1]!;

  const page = await signedIn('admin', 'onboarding');
  await page.getByRole('heading', { name: 'Records from QuickBooks' }).waitFor();
  await page.getByText('Nothing imported yet.').waitFor();
  await shot(page, '09a-onboarding-empty');
  await expectAccessible(page);

  // Review first: the run lists the company's records with their proposals and decides nothing.
  await page.getByLabel('Review first: propose the matches, then approve or change them one by one').check();
  await page.getByRole('button', { name: 'Start the import' }).click();
  await page.locator('.onboarding-run[data-status="succeeded"]').waitFor({ timeout: 120_000 });
  const review = await cs<OnboardingRun>(`/v1/tenants/${TENANT}/onboarding/runs/${runOf(page)}`);
  expect(review.status).toBe('succeeded');
  expect(review.counts?.proposed ?? 0).toBeGreaterThan(0);
  expect(review.counts?.imported ?? 0).toBe(0);
  await page.locator('table.onboarding-records tbody tr[data-status="proposed"]').first().waitFor();
  expect(await page.locator('table.onboarding-records tbody tr').count()).toBe(Math.min(100, Object.values(review.counts!).reduce((a, b) => a + b, 0)));
  await shot(page, '09b-onboarding-review');
  await expectAccessible(page);

  // Approve one proposal: its row says so, and so does the API.
  const row = page.locator('table.onboarding-records tbody tr[data-status="proposed"]').first();
  const qboId = (await row.getAttribute('data-qbo-id'))!;
  await row.getByRole('button', { name: /^Approve/ }).click();
  const decided = page.locator(`table.onboarding-records tbody tr[data-qbo-id="${qboId}"]`).first();
  await waitFor(async () => ['imported', 'linked'].includes((await decided.getAttribute('data-status')) ?? ''));
  const after = (await cs<Records>(`/v1/tenants/${TENANT}/onboarding/records`)).records.find((r) => r.qboId === qboId)!;
  expect(['imported', 'linked']).toContain(after.status);
  expect(after.platformId).toBeTruthy();

  // Import automatically: the rest, with progress, ending with the counts the API reports.
  await page.getByLabel('Import automatically: link the confident matches and import the rest').check();
  await page.getByRole('button', { name: 'Start the import' }).click();
  await waitFor(async () => runOf(page) !== review.runId);
  await page.locator('.onboarding-run[data-status="succeeded"]').waitFor({ timeout: 120_000 });
  const auto = await cs<OnboardingRun>(`/v1/tenants/${TENANT}/onboarding/runs/${runOf(page)}`);
  expect(auto.status).toBe('succeeded');
  expect(auto.counts?.proposed ?? 0).toBe(0);
  for (const [status, n] of Object.entries(auto.counts!)) {
    await expect(page.locator(`.onboarding-counts [data-status="${status}"] dd`).textContent()).resolves.toBe(String(n));
  }
  expect((auto.counts?.imported ?? 0) + (auto.counts?.linked ?? 0)).toBeGreaterThan(1);
  await shot(page, '09c-onboarding-done');
  await expectAccessible(page);
  await page.close();

  // A viewer reads the outcome at phone width and has nothing to start or decide.
  const phone = await signedIn('viewer', 'onboarding', 390);
  await phone.locator('table.onboarding-records tbody tr').first().waitFor();
  expect(await phone.getByRole('button', { name: /Start the import|Approve|Link/ }).count()).toBe(0);
  expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(phone, '09d-onboarding-390px-viewer');
  await expectAccessible(phone);
  await phone.close();
});

test('the owner disconnects after a confirmation that says what stops', async () => {
  const page = await signedIn('owner');
  await page.getByRole('button', { name: 'Disconnect…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect from QuickBooks?' });
  await dialog.waitFor();
  await expect(dialog.textContent()).resolves.toContain('stop going to QuickBooks');
  await shot(page, '09-disconnect-confirmation');
  // Cancel keeps the connection; Escape closes the dialog too (keyboard).
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect((await connection())?.status).toBe('connected');

  await page.getByRole('button', { name: 'Disconnect…' }).click();
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await page.getByText('QuickBooks is disconnected.').waitFor();
  await waitFor(async () => (await connection())?.status === 'disconnected');
  await expect(page.locator('.badge').first().textContent()).resolves.toBe('Disconnected');
  await page.getByRole('button', { name: 'Connect to QuickBooks' }).waitFor();
  await shot(page, '10-disconnected');
  await page.close();
});
