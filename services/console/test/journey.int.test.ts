/**
 * The admin's whole journey in a real browser (issue 15, "Tests in a real browser"): Debian's Chromium driven by
 * playwright-core against the embedded stack (sandbox, connector, mapping, customer-sync, push workers, metrics)
 * with the console. In order, one test per step, each step building on the one before:
 * connect through the sandbox's consent page → fill the wizard from drop-downs (a product type mapped to Inventory
 * by mistake) → Enable Integration and watch the run finish → an invoice's link in the sync log → fix the mapping
 * and retry a failed invoice until it is linked → onboarding import → define a metric and read its values by month
 * → an admin is refused the disconnect (no button, 403 from the API) → the owner disconnects → the metric is stale
 * with its reason. Screenshots `journey-*.png` in $CONSOLE_SCREENSHOTS_DIR; axe-core on every page.
 */
import { createEvent, platformCustomers, platformInvoices } from '@ledgerbus/contracts';
import { createLogger, mintToken } from '@ledgerbus/kit';
import { waitFor } from '@ledgerbus/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildDataset, startStack } from '../../embedded/src/index';
import type { DemoDataset, Stack } from '../../embedded/src/index';
import { ROUTE_TITLES, bridgeMetrics, expectAccessible, launchBrowser, shot } from './browser';

const TENANT = 'journey-tenant';
const SECRET = 'console-journey-browser-test-secret-0123456789';
const FINAL = ['succeeded', 'partially_failed', 'failed', 'cancelled'];

/** Every server of the stack on a free port (ingest's and webhooks' defaults, 8088/8089, may be taken by a running make demo). */
const FREE_PORTS = { sandbox: 0, connector: 0, mapping: 0, customerSync: 0, metrics: 0, ingest: 0, webhooks: 0 };

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let dataset: DemoDataset;
const tokens: Record<'owner' | 'admin' | 'viewer', string> = { owner: '', admin: '', viewer: '' };

type Role = keyof typeof tokens;
type LogEntry = { id: string; entity: string; outcome: string; platformId: string | null; qboId: string | null; reason: string | null };
/** The invoice pusher's message for a product type mapped to Inventory without an item (code item_not_mapped). */
const INVENTORY = 'maps to item type Inventory';

async function get<T>(base: string, path: string, role: Role = 'admin'): Promise<T> {
  const res = await fetch(`${base}/v1/tenants/${TENANT}${path}`, { headers: { authorization: `Bearer ${tokens[role]}` } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const mapping = <T,>(path: string): Promise<T> => get<T>(stack.urls.mapping, path);
const metrics = <T,>(path: string): Promise<T> => get<T>(stack.urls.metrics!, path);

/** A page signed in as `role` (the JWT in the fragment, as `make demo` prints it), on `route`. */
async function signedIn(role: Role, route = 'connection', width = 1280): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${stack.urls.console!}/#token=${tokens[role]}`);
  await page.getByRole('heading', { level: 1, name: 'Connection' }).waitFor();
  if (route !== 'connection') await go(page, route);
  return page;
}

async function go(page: Page, route: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: ROUTE_TITLES[route]!, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: ROUTE_TITLES[route]!, exact: true }).waitFor();
}

async function settingsReachedWorkers(): Promise<void> {
  const { version } = await mapping<{ version: number }>('/settings');
  await waitFor(async () => ((await stack.invoicePush.readModel.settings(TENANT))?.version ?? 0) >= version, { timeoutMs: 60_000, intervalMs: 250 });
}

beforeAll(async () => {
  stack = await startStack({
    logger: createLogger({ name: 'console-journey-test', level: 'silent' }),
    ports: FREE_PORTS,
    jwtSecret: SECRET,
    limits: false,
    company: { size: 'small' },
    pushMaxWaitMs: 3_000,
    console: { port: 0 },
  });
  tokens.owner = await mintToken(SECRET, { sub: 'olivia.owner', tenant: TENANT, role: 'owner' }, '2h');
  tokens.admin = await mintToken(SECRET, { sub: 'adam.admin', tenant: TENANT, role: 'admin' }, '2h');
  tokens.viewer = await mintToken(SECRET, { sub: 'vera.viewer', tenant: TENANT, role: 'viewer' }, '2h');
  const today = stack.sandbox.admin.now().toISOString().slice(0, 10);
  dataset = buildDataset({ tenantId: TENANT, today, customers: 3, invoices: 8, payments: 0 });
  browser = await launchBrowser();
  context = await browser.newContext();
  context.setDefaultTimeout(60_000);
  await bridgeMetrics(context, stack.urls.console!, stack.urls.metrics!);
}, 480_000); // the stack, a console build and Chromium on a shared 2-core machine: generous, still bounded

afterAll(async () => {
  await browser?.close();
  await stack?.shutdown('test done');
}, 60_000);

test('1. the owner connects QuickBooks through the sandbox\'s consent page and sees the company', async () => {
  const page = await signedIn('owner');
  await page.getByText('QuickBooks is not connected yet.').waitFor();
  await shot(page, 'journey-01-not-connected');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Connect to QuickBooks' }).click();
  await page.getByRole('button', { name: 'Authorize' }).waitFor();
  await shot(page, 'journey-02-consent');
  await page.getByRole('radio', { name: new RegExp(stack.company.companyName) }).check();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await page.getByText('QuickBooks is connected.').waitFor();
  await expect(page.locator('.company-name').textContent()).resolves.toBe(stack.company.companyName);
  // The realm's QuickBooks calls: the reads the page shows are at most what the connector counts a moment later.
  const reads = page.locator('.usage dd[data-usage="reads"]');
  await reads.waitFor();
  const shown = Number(((await reads.textContent()) ?? '').replace(/[^0-9]/g, ''));
  // The meter writes its counts every second: the connection's reads are counted within a few.
  const usage = async () => get<{ thisMonth: { corePlus: number } }>(stack.urls.connector, '/qbo-usage', 'owner');
  await waitFor(async () => (await usage()).thisMonth.corePlus > 0, { timeoutMs: 15_000, intervalMs: 250, description: 'the connection reads metered' });
  expect(shown).toBeLessThanOrEqual((await usage()).thisMonth.corePlus);
  await shot(page, 'journey-03-connected');
  await expectAccessible(page);
  await page.close();
}, 240_000);

test('2. an admin fills the settings wizard and the mappings from drop-downs of the company\'s own data', async () => {
  await waitFor(async () => (await mapping<{ items: unknown[] }>('/reference/accounts?type=Income')).items.length > 0, { timeoutMs: 90_000, intervalMs: 500 });
  type Ref = { items: Array<{ id: string; name: string; active: boolean; type: string | null }> };
  const income = (await mapping<Ref>('/reference/accounts?type=Income')).items.filter((a) => a.active);
  const expense = (await mapping<Ref>(`/reference/accounts?type=${encodeURIComponent('Cost of Goods Sold')}`)).items.filter((a) => a.active);
  const receivable = (await mapping<Ref>(`/reference/accounts?type=${encodeURIComponent('Accounts Receivable')}`)).items.filter((a) => a.active);

  // Seed 004's starting point: the integration is not enabled yet (a settings save keeps that).
  const off = await fetch(`${stack.urls.mapping}/v1/tenants/${TENANT}/integration/disable`, { method: 'POST', headers: { authorization: `Bearer ${tokens.admin}` } });
  expect(off.status).toBe(200);

  const page = await signedIn('admin', 'settings');
  await page.getByLabel('Customers', { exact: true }).selectOption('to_qbo');
  await page.getByLabel('Items', { exact: true }).selectOption('to_qbo');
  await page.getByLabel('Send invoices to QuickBooks').check();
  await page.getByLabel('Accounts receivable account').selectOption({ label: receivable[0]!.name });
  // The income drop-down holds exactly the company's Income accounts.
  expect(await page.getByLabel('Income account').locator('option').allTextContents()).toEqual(['Not set', ...income.map((a) => a.name)]);
  await page.getByLabel('Income account').selectOption({ label: income[0]!.name });
  await page.getByLabel('Expense account').selectOption(expense[0]!.id);
  await page.getByLabel('Invoice number prefix').fill('JRN-');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText(/Settings saved \(version \d+\)/).waitFor();
  await shot(page, 'journey-04-settings');
  await expectAccessible(page);
  const saved = await mapping<{ settings: { entities: { customers: string; items: string }; accounts: { income: string }; invoices: { enabled: boolean } } }>('/settings');
  expect(saved.settings.entities).toMatchObject({ customers: 'to_qbo', items: 'to_qbo' });
  expect(saved.settings.accounts.income).toBe(income[0]!.id);
  expect(saved.settings.invoices.enabled).toBe(true);

  // Product types: services as Service items, and — by mistake — materials as Inventory, which ledgerbus does not create.
  await go(page, 'mappings');
  await page.getByRole('button', { name: 'Add product type' }).click();
  await page.getByLabel('Platform product type (row 1)').fill('service');
  await page.getByLabel('QuickBooks item type and item for service').selectOption('Service');
  await page.getByRole('button', { name: 'Add product type' }).click();
  await page.getByLabel('Platform product type (row 2)').fill('material');
  await page.getByLabel('QuickBooks item type and item for material').selectOption('Inventory');
  // Products of no type (a trip fee, a plan) use the default items: the first one-time and recurring items offered.
  await page.getByLabel('Item for one-time products that match nothing').selectOption({ index: 1 });
  await page.getByLabel('Item for recurring products that match nothing').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Save mappings' }).click();
  await page.getByText(/Mappings saved \(version \d+\)/).waitFor();
  await shot(page, 'journey-05-mappings');
  await expectAccessible(page);
  const saved2 = await mapping<{ mappings: { productTypes: Record<string, { itemType: string }>; defaults: { oneTimeItemId: string | null; recurringItemId: string | null } } }>('/mappings');
  expect(saved2.mappings.productTypes.material?.itemType).toBe('Inventory');
  expect(saved2.mappings.defaults.oneTimeItemId).not.toBeNull();
  expect(saved2.mappings.defaults.recurringItemId).not.toBeNull();
  await page.close();
}, 300_000);

test('3. records wait while the integration is off; Enable Integration runs them, and the page follows the run to its end', async () => {
  await settingsReachedWorkers();
  const msg = (type: string, data: unknown) => ({ key: TENANT, event: createEvent({ type, source: 'platform/console-journey-test', tenantid: TENANT, data }) });
  await stack.bus.publish(platformCustomers, dataset.customers.map((c) => msg('customer.upserted', c)));
  await stack.bus.publish(platformInvoices, dataset.invoices.map((i) => msg('invoice.upserted', i)));
  // Held (the integration is not enabled yet), or already decided when it is: every invoice has an outcome before the run.
  await waitFor(async () => {
    const ids = new Set((await mapping<{ entries: LogEntry[] }>('/sync-log?entity=invoice&limit=500')).entries.map((e) => e.platformId));
    return dataset.invoices.every((i) => ids.has(i.invoiceId));
  }, { timeoutMs: 120_000, intervalMs: 500 });

  const page = await signedIn('admin', 'sync');
  const enable = page.getByRole('button', { name: 'Enable Integration' });
  await waitFor(async () => !(await enable.isDisabled()), { timeoutMs: 60_000, intervalMs: 250 });
  await shot(page, 'journey-06-ready-to-enable');
  await expectAccessible(page);
  await enable.click();
  await page.getByText('The integration is enabled and its first synchronization has started.').waitFor();
  const run = page.locator('.run');
  await waitFor(async () => FINAL.includes((await run.getAttribute('data-status')) ?? ''), { timeoutMs: 240_000, intervalMs: 500 });
  const runId = (await run.getAttribute('data-run-id'))!;
  const body = await mapping<{ status: string; kind: string }>(`/sync-runs/${runId}`);
  expect(body.kind).toBe('enable');
  expect(await run.getAttribute('data-status')).toBe(body.status);
  // The invoices with material lines fail (item_not_mapped), the rest are pushed.
  expect(body.status).toBe('partially_failed');
  await page.locator('.badge-enabled').waitFor();
  await page.getByRole('heading', { name: 'Last Synchronization Details' }).waitFor();
  await shot(page, 'journey-07-run-finished');
  await expectAccessible(page);
  await page.close();
}, 420_000);

test('4. the sync log shows a pushed invoice linked to its QBO id, and a failed one is retried after its mapping is fixed', async () => {
  const log = (await mapping<{ entries: LogEntry[] }>('/sync-log?entity=invoice&limit=500')).entries;
  const pushed = log.find((e) => e.outcome === 'succeeded' && e.qboId !== null)!;
  expect(pushed).toBeDefined();
  const failed = log.find((e) => e.outcome === 'failed' && (e.reason ?? '').includes(INVENTORY))!;
  expect(failed).toBeDefined();
  // The QBO invoice is really there.
  expect(stack.sandbox.admin.entities(stack.company.realmId, 'Invoice').some((i) => (i as { Id?: string }).Id === pushed.qboId)).toBe(true);

  const page = await signedIn('admin', 'sync-log');
  const pushedRow = page.locator('table.sync-log tbody tr', { hasText: pushed.platformId! }).filter({ hasText: `linked to QBO #${pushed.qboId!}` });
  await pushedRow.first().waitFor();
  const failedRow = page.locator('table.sync-log tbody tr[data-outcome="failed"]', { hasText: failed.platformId! });
  await expect(failedRow.first().textContent()).resolves.toContain(INVENTORY);
  await shot(page, 'journey-08-sync-log');
  await expectAccessible(page);

  // Fix the mapping: materials become Non-inventory items (created by name).
  await go(page, 'mappings');
  await page.getByLabel('QuickBooks item type and item for material').selectOption('NonInventory');
  await page.getByRole('button', { name: 'Save mappings' }).click();
  await page.getByText(/Mappings saved \(version \d+\)/).waitFor();
  await settingsReachedWorkers();

  // Retry that invoice from the sync log; it ends linked to a QBO invoice.
  await go(page, 'sync-log');
  await page.getByLabel('Outcome').selectOption('failed');
  await page.getByRole('button', { name: `Retry invoice ${failed.platformId!}` }).first().click();
  await failedRow.first().getByText('Retry requested').waitFor();
  const history = async (): Promise<LogEntry[]> => (await mapping<{ entries: LogEntry[] }>(`/sync-log?entity=invoice&platformId=${encodeURIComponent(failed.platformId!)}`)).entries;
  await waitFor(async () => (await history()).some((e) => e.outcome === 'succeeded' && e.qboId !== null), { timeoutMs: 240_000, intervalMs: 1_000 }).catch(async (err: unknown) => {
    // Say what the sync log holds for that invoice instead of a bare timeout.
    throw new Error(`${String(err)}; its sync log: ${JSON.stringify((await history()).map((e) => [e.outcome, e.reason]))}`);
  });
  const linked = (await mapping<{ entries: LogEntry[] }>(`/sync-log?entity=invoice&platformId=${encodeURIComponent(failed.platformId!)}`)).entries.find((e) => e.outcome === 'succeeded')!;
  await page.goto(`${stack.urls.console!}/#/sync-log?platformId=${encodeURIComponent(failed.platformId!)}`);
  await page.locator('table.sync-log tbody tr[data-outcome="succeeded"]', { hasText: `linked to QBO #${linked.qboId!}` }).first().waitFor();
  await shot(page, 'journey-09-retried-and-linked');
  await expectAccessible(page);
  await page.close();
}, 420_000);

test('5. onboarding: an automatic import finishes with the counts the API reports', async () => {
  const page = await signedIn('admin', 'onboarding');
  await page.getByRole('heading', { name: 'Records from QuickBooks' }).waitFor();
  await page.getByLabel('Import automatically: link the confident matches and import the rest').check();
  await page.getByRole('button', { name: 'Start the import' }).click();
  await page.locator('.onboarding-run[data-status="succeeded"]').waitFor({ timeout: 180_000 });
  const runId = new URL(page.url()).hash.split('run=')[1]!;
  const run = await get<{ status: string; counts: Record<string, number> }>(stack.urls.customerSync, `/onboarding/runs/${runId}`);
  expect(run.status).toBe('succeeded');
  for (const [status, n] of Object.entries(run.counts)) await expect(page.locator(`.onboarding-counts [data-status="${status}"] dd`).textContent()).resolves.toBe(String(n));
  await shot(page, 'journey-10-onboarding');
  await expectAccessible(page);
  await page.close();
}, 300_000);

test('6. an admin defines a metric from the company\'s accounts and reads its values by month', async () => {
  type Datasets = { datasets: Array<{ id: string; rows: Array<{ accountId: string | null; label: string; category: string | null }> }> };
  // The metrics service imports the company's reports after the connection.
  await waitFor(async () => ((await metrics<Datasets>('/datasets')).datasets.find((d) => d.id === 'profit_and_loss')?.rows.some((r) => r.accountId !== null && r.category === 'Income') ?? false), {
    timeoutMs: 180_000,
    intervalMs: 1_000,
  });
  const pnl = (await metrics<Datasets>('/datasets')).datasets.find((d) => d.id === 'profit_and_loss')!;
  const incomeRows = pnl.rows.filter((r) => r.accountId !== null && r.category === 'Income');

  const page = await signedIn('admin', 'metrics');
  await page.getByText('No metrics yet.').waitFor();
  await shot(page, 'journey-11-metrics-empty');
  await expectAccessible(page);
  await page.getByLabel('Metric name').fill('Monthly income');
  await page.getByLabel('Dataset').selectOption('profit_and_loss');
  await page.getByLabel('One or more accounts').check();
  await page.getByLabel('Accounts', { exact: true }).selectOption(incomeRows.slice(0, 2).map((r) => r.accountId!));
  await page.getByLabel('Aggregation').selectOption('sum');
  await page.getByLabel('Values by').selectOption('month');
  await page.getByLabel('Target (optional)').fill('5000');
  await page.getByRole('button', { name: 'Define metric' }).click();
  await page.getByText('Metric “Monthly income” defined.').waitFor();

  const defined = (await metrics<{ metrics: Array<{ id: string; name: string; accounts?: string[] }> }>('/metrics')).metrics;
  expect(defined.map((m) => m.name)).toEqual(['Monthly income']);
  expect(defined[0]!.accounts).toEqual(incomeRows.slice(0, 2).map((r) => r.accountId));
  await waitFor(async () => (await metrics<{ values: unknown[] }>(`/metrics/${defined[0]!.id}/values`)).values.length > 0, { timeoutMs: 120_000, intervalMs: 1_000 });
  const series = await metrics<{ values: Array<{ period: string; value: string }> }>(`/metrics/${defined[0]!.id}/values`);
  // The page shows the same months (reload: the values may have been computed after the page read them).
  await page.reload();
  await page.locator('table.metric-values tbody tr').first().waitFor();
  expect(await page.locator('table.metric-values tbody tr').count()).toBe(series.values.length);
  const last = series.values[series.values.length - 1]!;
  const lastRow = page.locator(`table.metric-values tbody tr[data-period="${last.period}"]`);
  await expect(lastRow.locator('td.num').textContent()).resolves.toBe(Number(last.value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  await shot(page, 'journey-12-metric-values');
  await expectAccessible(page);
  await page.close();

  const phone = await signedIn('viewer', 'metrics', 390);
  await phone.locator('table.metric-values tbody tr').first().waitFor();
  expect(await phone.getByRole('button', { name: 'Define metric' }).count()).toBe(0);
  expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(phone, 'journey-13-metrics-390px-viewer');
  await expectAccessible(phone);
  await phone.close();
}, 420_000);

test('7. an admin is refused the disconnect; the owner disconnects, and the metric turns stale with the reason', async () => {
  // The console offers an admin no way to disconnect (seed 001: the account owner does), and the API refuses one.
  const refused = await fetch(`${stack.urls.connector}/v1/tenants/${TENANT}/connection`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.admin}` } });
  expect(refused.status).toBe(403);
  const admin = await signedIn('admin');
  await admin.getByText('Only the account owner can disconnect QuickBooks.').waitFor();
  expect(await admin.getByRole('button', { name: /Disconnect/ }).count()).toBe(0);
  await shot(admin, 'journey-14-admin-cannot-disconnect');
  await admin.close();

  const page = await signedIn('owner');
  await page.locator('.company-name').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Disconnect…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect from QuickBooks?' });
  await dialog.waitFor();
  await shot(page, 'journey-15-disconnect-confirmation');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await page.getByText('QuickBooks is disconnected.').waitFor();
  await shot(page, 'journey-16-disconnected');

  type Listed = { metrics: Array<{ stale: boolean; staleReason: string | null }> };
  await waitFor(async () => (await metrics<Listed>('/metrics')).metrics.every((m) => m.stale), { timeoutMs: 60_000, intervalMs: 500 });
  const reason = (await metrics<Listed>('/metrics')).metrics[0]!.staleReason!;
  expect(reason).toBeTruthy();
  await go(page, 'metrics');
  await expect(page.locator('.metric-stale').textContent()).resolves.toContain(reason);
  await page.locator('table.metric-list tbody tr[data-stale="true"]').waitFor();
  await shot(page, 'journey-17-metric-stale');
  await expectAccessible(page);
  await page.close();
}, 240_000);
