/**
 * The console's "Synchronize" page in a real browser (Debian's Chromium, playwright-core) against the
 * real backend: the embedded stack (sandbox, connector, mapping, customer-sync, the push workers) on
 * free ports with the console. Seeds 003 and 004: what syncs as checks and crosses, what blocks
 * "Enable Integration", the run's phases line by line while it runs and after, its failed records,
 * the history, "Synchronize now" meeting a run already in progress, cancel, the sync log's
 * "Retry all failed", a viewer's read-only page at phone width, and "Disable integration".
 */
import { createEvent, platformCustomers, platformInvoices, platformPayments } from '@ledgerbus/contracts';
import { createLogger, mintToken } from '@ledgerbus/kit';
import { waitFor } from '@ledgerbus/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildDataset, configureTenant, connectDemoCompany, startStack } from '../../embedded/src/index';
import type { DemoDataset, Stack } from '../../embedded/src/index';
import { ROUTE_TITLES, expectAccessible, launchBrowser, shot } from './browser';

const TENANT = 'sync-console-tenant';
const SECRET = 'console-sync-browser-test-secret-0123456789';
const FINAL = ['succeeded', 'partially_failed', 'failed', 'cancelled'];
const BADGE: Record<string, string> = { succeeded: 'Succeeded', partially_failed: 'Partially failed', failed: 'Failed', cancelled: 'Cancelled', running: 'Running', queued: 'Queued' };

interface RunBody {
  runId: string;
  kind: string;
  status: string;
  startedBy: { type: string; id: string };
  phases: Array<{ phase: string; status: string; startedAt: string | null; endedAt: string | null; summary: { pushed: number; failed: { total: number } } }>;
}

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let dataset: DemoDataset;
const tokens: Record<'owner' | 'admin' | 'viewer', string> = { owner: '', admin: '', viewer: '' };

async function api<T>(path: string, role: keyof typeof tokens = 'admin', init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: T }> {
  const { json, ...rest } = init;
  const res = await fetch(`${stack.urls.mapping}/v1/tenants/${TENANT}${path}`, {
    ...rest,
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    headers: { authorization: `Bearer ${tokens[role]}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...(rest.headers ?? {}) },
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A page signed in as `role` (the JWT in the fragment, as `make demo` prints it), on `route`. */
async function signedIn(role: keyof typeof tokens, route: string, width = 1280): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${stack.urls.console!}/#token=${tokens[role]}`);
  await page.getByRole('heading', { level: 1, name: 'Connection' }).waitFor();
  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: ROUTE_TITLES[route]!, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: ROUTE_TITLES[route]!, exact: true }).waitFor();
  return page;
}

/** The run the page shows, once it has ended (the page polls; the test only watches). */
async function runEnds(page: Page, timeoutMs = 120_000): Promise<{ runId: string; status: string }> {
  const run = page.locator('.run');
  await waitFor(async () => FINAL.includes((await run.getAttribute('data-status')) ?? ''), { timeoutMs, intervalMs: 250 });
  return { runId: (await run.getAttribute('data-run-id'))!, status: (await run.getAttribute('data-status'))! };
}

async function settingsVersionReachedWorkers(): Promise<void> {
  const { body } = await api<{ version: number }>('/settings');
  await waitFor(
    async () => {
      const versions = await Promise.all([stack.invoicePush.readModel.settings(TENANT), stack.paymentPush.readModel.settings(TENANT)]);
      return versions.every((v) => (v?.version ?? 0) >= body.version);
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
}

beforeAll(async () => {
  stack = await startStack({
    logger: createLogger({ name: 'console-sync-test', level: 'silent' }),
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

  // Connected and configured (accounts, mappings) through the APIs; the browser journey of connecting is console.int.test.ts's.
  await connectDemoCompany({ connectorUrl: stack.urls.connector, mappingUrl: stack.urls.mapping, tenantId: TENANT, realmId: stack.company.realmId, ownerToken: tokens.owner });
  const today = stack.sandbox.admin.now().toISOString().slice(0, 10);
  const syncDataAfter = new Date(Date.parse(`${today}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);
  await configureTenant({ mappingUrl: stack.urls.mapping, tenantId: TENANT, adminToken: tokens.admin, prefixes: { invoices: 'SYN-', payments: 'SYNP-' }, syncDataAfter });
  dataset = buildDataset({ tenantId: TENANT, today, customers: 3, invoices: 4, payments: 2 });
  // Seed 004's starting point: nothing enabled yet, and nothing chosen to synchronize.
  expect((await api('/integration/disable', 'admin', { method: 'POST' })).status).toBe(200);
  const current = await api<{ version: number; settings: Record<string, unknown> & { entities: Record<string, string> } }>('/settings');
  const off = { ...current.body.settings, entities: { ...current.body.settings.entities, customers: 'off' }, invoices: { enabled: false }, payments: { enabled: false } };
  expect((await api('/settings', 'admin', { method: 'PUT', json: off, headers: { 'if-match': `"${current.body.version}"` } })).status).toBe(200);

  browser = await launchBrowser();
  context = await browser.newContext();
  context.setDefaultTimeout(30_000);
}, 420_000); // the stack, a console build and the OAuth connection on a shared 2-core machine: generous, still bounded

afterAll(async () => {
  await browser?.close();
  await stack?.shutdown('test done');
}, 60_000);

test('an admin sees what blocks Enable Integration, fixes it in the settings, enables, and watches the first run to its end with its phases, failures and history', async () => {
  const page = await signedIn('admin', 'sync');
  // Seed 004: every entity with a check or a cross; nothing to synchronize blocks enabling.
  await page.getByRole('button', { name: 'Enable Integration' }).waitFor();
  await expect(page.locator('.entity-checks li[data-entity="customers"] .mark').textContent()).resolves.toBe('✗');
  await expect(page.locator('.entity-checks li[data-entity="items"] .mark').textContent()).resolves.toBe('✓');
  await expect(page.getByRole('button', { name: 'Enable Integration' }).isDisabled()).resolves.toBe(true);
  const blocker = page.locator('.blockers li[data-field="entities.customers"]');
  await expect(blocker.textContent()).resolves.toMatch(/turn on customers, invoices or payments first/i);
  await expect(page.locator('.badge-not_enabled').count()).resolves.toBe(1);
  await page.getByText('No synchronization has run yet.').waitFor();
  await shot(page, 'sync-01-blocked');
  await expectAccessible(page);

  // The blocker's link leads to the settings: customers to QuickBooks, invoices and payments on.
  await blocker.getByRole('link', { name: /Fix in Sync settings/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Sync settings' }).waitFor();
  await page.getByLabel('Customers', { exact: true }).selectOption('to_qbo');
  await page.getByLabel('Send invoices to QuickBooks').check();
  await page.getByLabel('Send payments to QuickBooks').check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText(/Settings saved \(version \d+\)/).waitFor();
  expect((await api<{ enabled: boolean }>('/integration')).body.enabled).toBe(false);

  // Records published while the integration is off are held (sync_disabled), not pushed.
  await settingsVersionReachedWorkers();
  const msg = (type: string, data: unknown) => ({ key: TENANT, event: createEvent({ type, source: 'platform/console-sync-test', tenantid: TENANT, data }) });
  await stack.bus.publish(platformCustomers, dataset.customers.map((c) => msg('customer.upserted', c)));
  await stack.bus.publish(platformInvoices, dataset.invoices.map((i) => msg('invoice.upserted', i)));
  await stack.bus.publish(platformPayments, dataset.payments.map((p) => msg('payment.recorded', p)));
  type Log = { entries: Array<{ platformId: string | null; outcome: string; reason: string | null }> };
  await waitFor(
    async () => {
      const held = (await api<Log>('/sync-log?outcome=held&limit=500')).body.entries;
      const ids = new Set(held.map((e) => e.platformId));
      return [...dataset.invoices.map((i) => i.invoiceId), ...dataset.payments.map((p) => p.paymentId)].every((id) => ids.has(id));
    },
    { timeoutMs: 90_000, intervalMs: 500 },
  );
  expect(stack.sandbox.admin.entities(stack.company.realmId, 'Invoice').some((i) => String((i as { DocNumber?: string }).DocNumber ?? '').startsWith('SYN-'))).toBe(false);

  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Synchronize', exact: true }).click();
  const enable = page.getByRole('button', { name: 'Enable Integration' });
  await waitFor(async () => !(await enable.isDisabled()), { timeoutMs: 10_000, intervalMs: 100 });
  for (const entity of ['customers', 'items', 'invoices', 'payments']) await expect(page.locator(`.entity-checks li[data-entity="${entity}"] .mark`).textContent()).resolves.toBe('✓');
  await expect(page.locator('.entity-checks li[data-entity="employees"] .mark').textContent()).resolves.toBe('✗');
  await expect(page.locator('.entity-checks li[data-entity="customers"]').textContent()).resolves.toContain('Platform → QuickBooks');
  expect(await page.locator('.blockers').count()).toBe(0);
  await shot(page, 'sync-02-ready');

  await enable.click();
  await page.getByText('The integration is enabled and its first synchronization has started.').waitFor();
  const banner = page.getByRole('status').filter({ hasText: 'Syncing with QuickBooks' });
  if (await banner.isVisible()) await shot(page, 'sync-03-running');
  const { runId, status } = await runEnds(page);
  expect(await banner.count()).toBe(0);

  // The page shows what the API knows: the status, who started it, one line per phase start and end.
  const run = (await api<RunBody>(`/sync-runs/${runId}`)).body;
  expect(run.kind).toBe('enable');
  expect(run.status).toBe(status);
  expect(run.startedBy).toEqual({ type: 'user', id: 'adam.admin' });
  expect(status).toBe('partially_failed'); // the dataset's orphan invoice fails (its customer is never published)
  await expect(page.locator('.run .badge').first().textContent()).resolves.toBe('Partially failed');
  await expect(page.locator('.run .started-by').textContent()).resolves.toContain('adam.admin');
  const lines = await page.locator('.run-lines li').allTextContents();
  const invoices = run.phases.find((p) => p.phase === 'invoices')!;
  expect(lines.some((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s*–\s*Starting Customer Synchronization$/.test(l))).toBe(true);
  expect(lines.some((l) => /–\s*Starting Invoice Synchronization$/.test(l))).toBe(true);
  expect(lines.some((l) => l.includes(`Ending Invoice Synchronization: ${invoices.summary.pushed} pushed`) && l.includes('1 failed (customer_not_synced 1)'))).toBe(true);
  expect(lines.some((l) => l.includes('Ending Payment Synchronization:'))).toBe(true);
  expect(lines.filter((l) => l.includes('Starting ')).length).toBe(run.phases.filter((p) => p.startedAt !== null && p.status !== 'skipped').length);
  await page.getByRole('heading', { name: 'Last Synchronization Details' }).waitFor();

  // Its failed records, with the reason and the way to the sync log.
  const orphan = dataset.expectedFailures[0]!;
  const failedRow = page.locator(`.failed-records tr[data-platform-id="${orphan.platformId}"]`);
  await expect(failedRow.textContent()).resolves.toContain('customer_not_synced');
  // The history lists it; the integration now says enabled.
  const historyRow = page.locator(`.run-history tr[data-run-id="${runId}"]`);
  await expect(historyRow.textContent()).resolves.toContain('Enable Integration');
  await expect(historyRow.textContent()).resolves.toContain('Partially failed');
  await page.locator('.badge-enabled').waitFor();
  await page.getByRole('button', { name: 'Synchronize now' }).waitFor();
  await shot(page, 'sync-04-enabled-run-details');
  await expectAccessible(page);

  await failedRow.getByRole('link', { name: `Open in sync log: invoice ${orphan.platformId}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Sync log' }).waitFor();
  await page.getByText(`Only record ${orphan.platformId}`).waitFor();
  await page.locator('table.sync-log tbody tr[data-outcome="failed"]').first().waitFor();
  const rows = await page.locator('table.sync-log tbody tr').allTextContents();
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.includes(orphan.platformId))).toBe(true);
  await page.close();
});

test('"Retry all failed" on the sync log starts one retry run of the failed records of the chosen type, and the page follows it to its end', async () => {
  const page = await signedIn('admin', 'sync-log');
  await page.getByLabel('Record type').selectOption('invoice');
  await page.locator('table.sync-log tbody tr[data-outcome="failed"]').first().waitFor();
  await page.getByText('every invoice whose latest outcome is failed is sent again').waitFor();
  await shot(page, 'sync-05a-sync-log-retry-all');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Retry all failed invoices' }).click();
  await page.getByRole('heading', { level: 1, name: 'Synchronize' }).waitFor();
  expect(page.url()).toMatch(/#\/sync\?run=/);
  const { runId } = await runEnds(page, 60_000);
  const run = (await api<RunBody>(`/sync-runs/${runId}`)).body;
  expect(run.kind).toBe('retry');
  expect(run.phases.map((p) => p.phase)).toEqual(['invoices']);
  const records = (await api<{ records: Array<{ platformId: string }> }>(`/sync-runs/${runId}/records`)).body.records;
  expect(records.map((r) => r.platformId)).toEqual([dataset.expectedFailures[0]!.platformId]);
  await expect(page.locator('.run .started-by').textContent()).resolves.toContain('Retry of sync-log records');
  await page.locator(`.run-history tr[data-run-id="${runId}"][class~="row-selected"]`).waitFor();
  await shot(page, 'sync-05b-retry-run');

  // Another run from the history: its details replace the retry's.
  const first = (await api<{ runs: RunBody[] }>('/sync-runs')).body.runs.find((r) => r.kind === 'enable')!;
  await page.locator(`.run-history tr[data-run-id="${first.runId}"] a`).click();
  await waitFor(async () => (await page.locator('.run').getAttribute('data-run-id')) === first.runId, { timeoutMs: 10_000, intervalMs: 100 });
  await expect(page.locator('.run .started-by').textContent()).resolves.toContain('Enable Integration');
  await page.close();
});

test('"Synchronize now" while another run is in progress follows that run (409), which shows its phase working and can be cancelled', async () => {
  const page = await signedIn('admin', 'sync');
  const syncNow = page.getByRole('button', { name: 'Synchronize now' });
  await waitFor(async () => !(await syncNow.isDisabled()), { timeoutMs: 10_000, intervalMs: 100 });
  // A slow QuickBooks (15 s an answer) keeps the other run's first phase, the CDC catch-up, busy while the page meets it.
  stack.sandbox.admin.updateSettings({ faults: { global: { latencyMinMs: 15_000, latencyMaxMs: 15_000 } } });
  try {
    const other = await api<RunBody>('/sync-runs', 'owner', { method: 'POST' });
    expect(other.status).toBe(202);
    await syncNow.click();
    await page.getByText('A synchronization is already in progress.').waitFor();
    await waitFor(async () => (await page.locator('.run').getAttribute('data-run-id')) === other.body.runId, { timeoutMs: 10_000, intervalMs: 100 });
    await page.getByRole('status').filter({ hasText: 'Syncing with QuickBooks' }).waitFor();
    await page.getByRole('progressbar', { name: /Changes from QuickBooks/ }).waitFor();
    await expect(page.locator('.run .started-by').textContent()).resolves.toContain('olivia.owner');
    await shot(page, 'sync-06-in-progress');

    await page.getByRole('button', { name: 'Cancel synchronization' }).click();
    const { status } = await runEnds(page, 30_000);
    expect(status).toBe('cancelled');
    expect((await api<RunBody>(`/sync-runs/${other.body.runId}`)).body.status).toBe('cancelled');
    await expect(page.locator('.run .badge').first().textContent()).resolves.toBe(BADGE.cancelled);
    await page.getByText(/Cancel requested .* by adam\.admin/).waitFor();
    await shot(page, 'sync-07-cancelled');
    await expectAccessible(page);
  } finally {
    stack.sandbox.admin.updateSettings({ faults: { global: { latencyMinMs: 0, latencyMaxMs: 0 } } });
  }
  await page.close();
});

test('a viewer reads the integration, the last run and the history at phone width, without any button that changes them', async () => {
  const page = await signedIn('viewer', 'sync', 390);
  await page.locator('.run').waitFor();
  await page.locator('.run-history tbody tr').first().waitFor();
  await page.getByText('An admin or the account owner can enable the integration').waitFor();
  for (const name of ['Enable Integration', 'Synchronize now', 'Disable integration…', 'Cancel synchronization']) expect(await page.getByRole('button', { name }).count()).toBe(0);
  // Nothing wider than the phone's screen but the tables' own scrolling boxes.
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow).toBeLessThanOrEqual(0);
  // The history fits too (no sideways scrolling to reach a run's status).
  await expect(page.locator('.run-history').evaluate((t) => t.scrollWidth - (t.parentElement?.clientWidth ?? 0))).resolves.toBeLessThanOrEqual(0);
  await shot(page, 'sync-08-viewer-390px');
  await expectAccessible(page);
  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Sync log', exact: true }).click();
  await page.locator('table.sync-log tbody tr').first().waitFor();
  expect(await page.getByRole('button', { name: /Retry all failed/ }).count()).toBe(0);
  await page.close();
});

test('an admin disables the integration after a confirmation that says what stops', async () => {
  const page = await signedIn('admin', 'sync');
  await page.getByRole('button', { name: 'Disable integration…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disable the integration?' });
  await dialog.waitFor();
  await expect(dialog.textContent()).resolves.toContain('held');
  await shot(page, 'sync-09-disable-confirmation');
  // Escape keeps it enabled (keyboard), then the confirmation disables it.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect((await api<{ enabled: boolean }>('/integration')).body.enabled).toBe(true);
  await page.getByRole('button', { name: 'Disable integration…' }).click();
  await dialog.getByRole('button', { name: 'Disable integration', exact: true }).click();
  await page.getByText('The integration is disabled.').waitFor();
  await page.getByRole('button', { name: 'Enable Integration' }).waitFor();
  await page.locator('.badge-not_enabled').waitFor();
  expect((await api<{ enabled: boolean }>('/integration')).body.enabled).toBe(false);
  await shot(page, 'sync-10-disabled');
  await page.close();
});
