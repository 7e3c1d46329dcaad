/**
 * Onboarding at scale: a QBO company with 500 customers (some sub-customers, some
 * projects without address), 50 employees (some without email) and 100 items against a
 * platform directory that already has some of them.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@ledgerbus/testing';
import type { Harness } from './harness';
import { startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Run {
  runId: string;
  status: string;
  phase: string | null;
  progress: { listed: number; decided: number; toDecide: number | null };
  counts: Record<string, number> | null;
  error: { code: string; message: string } | null;
}

/** POST a run (202 with its Location at once), then poll the Location until the run has ended. */
async function runToEnd(t: string, token: string): Promise<Run> {
  const started = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/runs`, headers: { authorization: `Bearer ${token}` }, payload: { mode: 'auto' } });
  expect(started.statusCode).toBe(202);
  const run = started.json<Run>();
  expect(run.status).toBe('running');
  expect(started.headers.location).toBe(`/v1/tenants/${t}/onboarding/runs/${run.runId}`);
  return waitFor(
    async () => {
      const polled = await h.service.http.inject({ method: 'GET', url: String(started.headers.location), headers: { authorization: `Bearer ${token}` } });
      const now = polled.json<Run>();
      return polled.statusCode === 200 && now.status !== 'running' ? now : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 200, description: `onboarding run ${run.runId} ended` },
  );
}

interface Row {
  entity: string;
  qboId: string;
  status: string;
  platformId: string | null;
  reason: string | null;
  message: string | null;
}

it('imports or links every QBO record exactly once and lists the ones that need attention with the reason', async () => {
  const t = `onb-${Date.now().toString(36)}`;
  const realm = h.newRealm({ companyName: 'Onboarding Co' });
  const store = h.sandbox.store;
  const income = store.list(realm, 'Account').find((a) => a.AccountType === 'Income');
  // 400 clients, 100 sub-customers (every 10th without an address).
  const clients: string[] = [];
  for (let i = 0; i < 400; i++) {
    const c = store.create(realm, 'Customer', { DisplayName: `Client ${i}`, PrimaryEmailAddr: { Address: `client${i}@example.test` }, BillAddr: { Line1: `${i} Main St`, City: 'Springfield', CountrySubDivisionCode: 'IL', Country: 'US' } });
    clients.push(String(c.Id));
  }
  for (let i = 0; i < 100; i++) {
    store.create(realm, 'Customer', {
      DisplayName: `Site ${i}`,
      ParentRef: { value: clients[i] },
      Job: true,
      BillWithParent: true,
      ...(i % 10 === 0 ? {} : { BillAddr: { Line1: `${i} Yard Rd`, City: 'Springfield' } }),
    });
  }
  for (let i = 0; i < 50; i++) store.create(realm, 'Employee', { DisplayName: `Employee ${i}`, GivenName: 'E', FamilyName: `${i}`, ...(i % 5 === 0 ? {} : { PrimaryEmailAddr: { Address: `emp${i}@example.test` } }) });
  for (let i = 0; i < 100; i++) store.create(realm, 'Item', { Name: `Item ${i}`, Type: 'Service', Sku: `SKU-${i}`, IncomeAccountRef: { value: String(income?.Id) } });

  await h.setup(t, realm, { entities: { customers: 'from_qbo', employees: 'from_qbo' }, customerRules: { useClientAddressForSites: true, subCustomersAsSitesOnOnboarding: true } });
  // The platform's directory: 30 customers (same name and email), 20 employees by email, 25 products by SKU.
  for (let i = 0; i < 30; i++) await h.upsertCustomer(t, { customerId: `p-cust-${i}`, displayName: `Client ${i}`, email: `client${i}@example.test` });
  for (let i = 1; i <= 20; i++) await h.publish(h.topics.platformEmployees, t, 'employee.upserted', { tenantId: t, employeeId: `p-emp-${i}`, displayName: `Emp ${i}`, email: `EMP${i}@example.test`, version: 1 });
  for (let i = 0; i < 25; i++) await h.publish(h.topics.platformProducts, t, 'product.upserted', { tenantId: t, productId: `p-prod-${i}`, name: `Product ${i}`, sku: `sku-${i}`, version: 1 });
  await waitFor(async () => Number((await h.db.knex('directory').where({ tenant_id: t }).count<Array<{ n: string }>>('* as n'))[0]?.n) === 75, { timeoutMs: 30_000, description: 'directory of 75 records' });

  const token = await h.token(t);
  const run = await runToEnd(t, token);
  expect(run).toMatchObject({ status: 'succeeded', phase: 'decide', error: null, progress: { listed: 650, decided: 640, toDecide: 640 } });
  expect(run.counts).toEqual({ linked: 71, imported: 559, refused: 10, needs_attention: 10 });
  const unknown = await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${t}/onboarding/runs/${randomUUID()}`, headers: { authorization: `Bearer ${token}` } });
  expect(unknown.statusCode).toBe(404);
  const list = await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${t}/onboarding/records`, headers: { authorization: `Bearer ${token}` } });
  const rows = list.json<{ records: Row[] }>().records;
  expect(rows).toHaveLength(650);

  const count = (entity: string, status: string) => rows.filter((r) => r.entity === entity && r.status === status).length;
  expect(count('customer', 'linked')).toBe(30);
  expect(count('customer', 'imported')).toBe(370 + 90);
  expect(count('customer', 'refused')).toBe(10);
  expect(rows.filter((r) => r.status === 'refused').every((r) => r.reason === 'site_address_missing' && /has no address/.test(r.message ?? ''))).toBe(true);
  expect(count('employee', 'linked')).toBe(16); // 20 platform emails, minus those of QBO employees without email (5, 10, 15, 20)
  expect(count('employee', 'needs_attention')).toBe(10);
  expect(rows.filter((r) => r.entity === 'employee' && r.status === 'needs_attention').every((r) => r.reason === 'employee_email_missing')).toBe(true);
  expect(count('employee', 'imported')).toBe(24);
  expect(count('item', 'linked')).toBe(25);
  expect(count('item', 'imported')).toBe(75);

  // Every decided record has exactly one *.imported event and one link, even after a second run.
  const decided = rows.filter((r) => r.status === 'imported' || r.status === 'linked');
  const again = await runToEnd(t, token);
  expect(again).toMatchObject({ status: 'succeeded', progress: { listed: 650, decided: 0, toDecide: 0 }, counts: run.counts });
  const imported = () => h.events.filter((e) => e.data.tenantId === t && /\.imported$/.test(e.type));
  await waitFor(() => imported().length >= decided.length, { timeoutMs: 60_000, description: `${decided.length} imported events` });
  const perRecord = new Map<string, number>();
  for (const e of imported()) perRecord.set(`${e.type}:${String(e.data.qboId)}`, (perRecord.get(`${e.type}:${String(e.data.qboId)}`) ?? 0) + 1);
  expect(perRecord.size).toBe(decided.length);
  expect([...perRecord.values()].every((n) => n === 1)).toBe(true);
  const site = imported().find((e) => e.type === 'customer.imported' && (e.data.customer as { displayName: string }).displayName === 'Site 1');
  expect(site?.data.customer).toMatchObject({ parentCustomerId: expect.any(String), billingAddress: { line1: '1 Yard Rd', state: 'IL', country: 'US' } });
  // The run is in the sync log too: started, its phases (the decisions with their outcomes) and its end.
  const completed = await h.waitEvent('sync.run_completed', (d) => d.runId === run.runId);
  expect(completed.data).toMatchObject({ tenantId: t, status: 'succeeded' });
  expect(h.eventsOf('sync.run_started', (d) => d.runId === run.runId).map((e) => e.data)).toEqual([expect.objectContaining({ tenantId: t, kind: 'onboarding' })]);
  expect(h.eventsOf('sync.phase_completed', (d) => d.runId === run.runId).map((e) => [e.data.phase, e.data.counts])).toEqual([
    ['list', undefined],
    ['decide', { succeeded: 630, failed: 10, skipped: 0 }],
  ]);
  const linkedClient = imported().find((e) => e.type === 'customer.imported' && e.data.platformId === 'p-cust-3');
  expect(linkedClient?.data).toMatchObject({ action: 'link', matchedBy: 'name_and_email' });

  // Manual mode: an employee without email is imported by hand, once.
  const pending = rows.find((r) => r.entity === 'employee' && r.status === 'needs_attention') as Row;
  const manual = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/records/employee/${pending.qboId}/import`, headers: { authorization: `Bearer ${token}` } });
  expect(manual.statusCode).toBe(200);
  expect(manual.json()).toMatchObject({ status: 'imported' });
  const twice = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/records/employee/${pending.qboId}/import`, headers: { authorization: `Bearer ${token}` } });
  expect(twice.statusCode).toBe(409);
  expect(twice.json()).toMatchObject({ error: { code: 'onboarding_already_decided' } });
});

// Last in this file: it closes the service's HTTP server.
it('interrupts a run in progress when the service closes its HTTP server, and records it as interrupted', async () => {
  const t = `onb-stop-${Date.now().toString(36)}`;
  const realm = h.newRealm({ companyName: 'Slow Onboarding Co' });
  for (let i = 0; i < 300; i++) h.sandbox.store.create(realm, 'Customer', { DisplayName: `Slow ${i}`, BillAddr: { Line1: `${i} Main St`, City: 'Springfield', CountrySubDivisionCode: 'IL', Country: 'US' } });
  await h.setup(t, realm, { entities: { customers: 'from_qbo' } });
  // Every QBO call of this company takes 300 ms: the run is still listing when the server closes.
  h.sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { latencyMinMs: 300, latencyMaxMs: 300 } } } });
  try {
    const token = await h.token(t);
    const started = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/runs`, headers: { authorization: `Bearer ${token}` }, payload: { mode: 'auto' } });
    expect(started.statusCode).toBe(202);
    const { runId } = started.json<Run>();
    await h.service.http.close();

    const row = (await h.db.knex('onboarding_runs').where({ tenant_id: t, run_id: runId }).first()) as Record<string, unknown>;
    expect(row).toMatchObject({ status: 'interrupted', error_code: 'onboarding_interrupted', ended_at: expect.any(Date) });
    const completed = await h.waitEvent('sync.run_completed', (d) => d.runId === runId);
    expect(completed.data).toMatchObject({ tenantId: t, status: 'failed', error: expect.stringMatching(/^onboarding_interrupted: /) });
    expect(await h.db.knex('onboarding_records').where({ tenant_id: t }).whereIn('status', ['imported', 'linked'])).toHaveLength(0);
  } finally {
    h.sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { latencyMinMs: 0, latencyMaxMs: 0 } } } });
  }
});
