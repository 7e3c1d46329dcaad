/**
 * The customers phase of sync runs (issue 14), end to end: real Kafka (renamed topics per run),
 * real PostgreSQL (fresh schema), the QBO sandbox. mapping's side is played by the test: it
 * publishes `sync.phase_requested` on sync.events and reads the answer (`sync.phase_scanned`) and
 * the outcomes carrying the run id. Assertions read the sandbox's ledger and call counters, the
 * service's tables and the events on Kafka.
 */
import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '@ledgerbus/contracts';
import { syncSettingsSchema } from '@ledgerbus/contracts';
import type { Customer } from '@ledgerbus/qbo';
import { waitFor } from '@ledgerbus/testing';
import type { PlatformCustomer } from '../src/domain/customer-shape';
import { toQboCreateBody } from '../src/domain/customer-shape';
import type { Harness } from './harness';
import { startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ runs: { pollMs: 100, leaseMs: 2_000, backoffMs: 100, maxAttempts: 3, inFlightGraceMs: 2_000 } });
});
afterAll(async () => {
  await h?.close();
});

let n = 0;
function tenant(): string {
  n += 1;
  return `tenant-run-${Date.now().toString(36)}-${n}`;
}
function qboCustomers(realm: string): Customer[] {
  return h.sandbox.admin.entities(realm, 'Customer') as unknown as Customer[];
}
const address = { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' };
const OUTCOMES = ['customer.synced', 'customer.sync_failed', 'customer.held'];

/** What mapping publishes to start a run's customers phase. */
async function requestPhase(t: string, runId: string, extra: Record<string, unknown> = {}): Promise<void> {
  await h.publish(h.topics.syncEvents, t, 'sync.phase_requested', { tenantId: t, runId, phase: 'customers', requestedBy: 'svc:mapping', at: new Date().toISOString(), ...extra });
}
function scans(runId: string): CloudEvent<Record<string, unknown>>[] {
  return h.eventsOf('sync.phase_scanned', (d) => d.runId === runId);
}
async function scanned(runId: string, count = 1): Promise<Record<string, unknown>> {
  await waitFor(() => scans(runId).length >= count, { timeoutMs: 30_000, description: `${count} sync.phase_scanned of run ${runId}` });
  return scans(runId)[count - 1]?.data as Record<string, unknown>;
}
function outcomes(runId: string): CloudEvent<Record<string, unknown>>[] {
  return h.events.filter((e) => OUTCOMES.includes(e.type) && e.data.runId === runId);
}
async function settled(runId: string, count: number): Promise<CloudEvent<Record<string, unknown>>[]> {
  await waitFor(() => new Set(outcomes(runId).map((e) => e.data.platformId)).size >= count, { timeoutMs: 60_000, description: `${count} outcomes of run ${runId}` });
  return outcomes(runId);
}
/**
 * Every event the service published for the tenant before this point has been read: a request
 * answered after them (one tenant's events are one key, in order on one partition).
 */
async function drained(t: string): Promise<void> {
  const marker = randomUUID();
  await requestPhase(t, marker, { recordIds: ['no-such-record'] });
  await scanned(marker);
}
async function directorySize(t: string, size: number): Promise<void> {
  await waitFor(async () => Number((await h.db.knex('directory').where({ tenant_id: t, entity: 'customer' }).count<Array<{ n: string }>>('* as n'))[0]?.n) === size, {
    timeoutMs: 30_000,
    description: `${size} customers of ${t} in the directory`,
  });
}

/** A tenant whose customers were published while customers did not go to QBO; then they do. */
async function tenantWithUnpushed(count: number, extra: (t: string) => Promise<void> = async () => undefined): Promise<{ t: string; realm: string }> {
  const t = tenant();
  const realm = h.newRealm();
  await h.setup(t, realm, { entities: { customers: 'off' } });
  for (let i = 0; i < count; i++) await h.upsertCustomer(t, { customerId: `c-${i}`, displayName: `Run Customer ${i}`, email: `c${i}@run.test`, billingAddress: address });
  await extra(t);
  return { t, realm };
}

describe('the customers phase of a sync run', () => {
  it('answers with its figures, gives every queued customer one final outcome with the run id, and a second run right after finds all current and writes nothing', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'to_qbo' } });
    // Two customers pushed live: one stays current, the other gets a newer version while customers are off.
    await h.upsertCustomer(t, { customerId: 'live-1', displayName: 'Live One', billingAddress: address });
    await h.upsertCustomer(t, { customerId: 'live-2', displayName: 'Live Two', billingAddress: address });
    await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'live-2');
    await h.publishSettings(t, realm, 2, { entities: { customers: 'off' } });
    await h.upsertCustomer(t, { customerId: 'live-2', displayName: 'Live Two', phone: '555-0102', billingAddress: address });
    // 10 clients, and 4 sites published before their clients.
    for (let i = 0; i < 4; i++) await h.upsertCustomer(t, { customerId: `site-${i}`, displayName: `Run Site ${i}`, parentCustomerId: `client-${i}`, billingAddress: { line1: `${i} Yard Rd`, city: 'Springfield' } });
    for (let i = 0; i < 10; i++) await h.upsertCustomer(t, { customerId: `client-${i}`, displayName: `Run Client ${i}`, email: `client${i}@run.test`, billingAddress: address });
    await directorySize(t, 16);
    await h.publishSettings(t, realm, 3, { entities: { customers: 'to_qbo' } });
    const postsBefore = h.customerPosts(realm);

    const runId = randomUUID();
    await requestPhase(t, runId);
    expect(await scanned(runId)).toMatchObject({ tenantId: t, runId, phase: 'customers', service: 'customer-sync', considered: 16, alreadyCurrent: 1, queued: 15 });
    expect(scans(runId)[0]?.data.skipped).toBeUndefined();
    const got = await settled(runId, 15);
    await drained(t);

    // One final outcome per queued customer, all carrying the run id.
    const perRecord = new Map<string, string[]>();
    for (const e of outcomes(runId)) perRecord.set(String(e.data.platformId), [...(perRecord.get(String(e.data.platformId)) ?? []), `${e.type}:${String(e.data.action)}`]);
    expect([...perRecord.keys()].sort()).toEqual(['live-2', ...Array.from({ length: 10 }, (_, i) => `client-${i}`), ...Array.from({ length: 4 }, (_, i) => `site-${i}`)].sort());
    expect([...perRecord.values()].every((types) => types.length === 1)).toBe(true);
    expect(perRecord.get('live-2')).toEqual(['customer.synced:updated']);
    expect(got.filter((e) => e.data.platformId !== 'live-2').every((e) => e.type === 'customer.synced' && e.data.action === 'created')).toBe(true);
    // In QBO: each customer once, the sites as sub-customers of their clients.
    const ledger = qboCustomers(realm);
    expect(ledger).toHaveLength(16);
    expect(h.customerPosts(realm)).toBe(postsBefore + 15); // 14 creates and live-2's update
    expect(ledger.find((c) => c.DisplayName === 'Live Two')?.PrimaryPhone?.FreeFormNumber).toBe('555-0102');
    for (let i = 0; i < 4; i++) {
      const site = ledger.find((c) => c.DisplayName === `Run Site ${i}`);
      const client = ledger.find((c) => c.DisplayName === `Run Client ${i}`);
      expect(site).toMatchObject({ Job: true, ParentRef: { value: client?.Id } });
    }
    const members = (await h.db.knex('run_members').where({ tenant_id: t, run_id: runId })) as Array<{ outcome: string | null }>;
    expect(members).toHaveLength(15);
    expect(members.every((m) => m.outcome === 'synced')).toBe(true);

    // "Synchronize now" again: everything is current, nothing is queued and QBO hears nothing.
    const callsBefore = h.callCount(realm);
    const again = randomUUID();
    await requestPhase(t, again);
    expect(await scanned(again)).toMatchObject({ considered: 16, alreadyCurrent: 16, queued: 0 });
    expect(await h.db.knex('run_members').where({ tenant_id: t, run_id: again })).toHaveLength(0);
    await drained(t);
    expect(h.callCount(realm)).toBe(callsBefore);
    expect(outcomes(again)).toHaveLength(0);
  });

  it('answers a redelivered request with the same figures and pushes nothing twice', async () => {
    const { t, realm } = await tenantWithUnpushed(8);
    await directorySize(t, 8);
    await h.publishSettings(t, realm, 2, { entities: { customers: 'to_qbo' } });
    // Slow QBO: the redelivery arrives while the run is still pushing.
    h.sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { latencyMinMs: 150, latencyMaxMs: 150 } } } });
    try {
      const runId = randomUUID();
      await requestPhase(t, runId);
      const first = await scanned(runId);
      await requestPhase(t, runId);
      const second = await scanned(runId, 2);
      const figures = (d: Record<string, unknown>) => ({ considered: d.considered, alreadyCurrent: d.alreadyCurrent, queued: d.queued, skipped: d.skipped });
      expect(figures(first)).toEqual({ considered: 8, alreadyCurrent: 0, queued: 8, skipped: undefined });
      expect(figures(second)).toEqual(figures(first));
      await settled(runId, 8);
      await requestPhase(t, runId); // once more after the run settled
      expect(figures(await scanned(runId, 3))).toEqual(figures(first));
      await drained(t);
      expect(outcomes(runId)).toHaveLength(8);
      expect(await h.db.knex('run_members').where({ tenant_id: t, run_id: runId })).toHaveLength(8);
      expect(qboCustomers(realm)).toHaveLength(8);
      expect(h.customerPosts(realm)).toBe(8);
    } finally {
      h.sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { latencyMinMs: 0, latencyMaxMs: 0 } } } });
    }
  });

  it('takes only the records a retry names, and counts the ones it does not know', async () => {
    const { t, realm } = await tenantWithUnpushed(6);
    await directorySize(t, 6);
    await h.publishSettings(t, realm, 2, { entities: { customers: 'to_qbo' } });
    const runId = randomUUID();
    await requestPhase(t, runId, { mode: 'retry', recordIds: ['c-1', 'c-4', 'ghost'] });
    expect(await scanned(runId)).toMatchObject({ considered: 3, alreadyCurrent: 0, queued: 2, skipped: { not_found: 1 } });
    await settled(runId, 2);
    await drained(t);
    expect(outcomes(runId).map((e) => [e.type, e.data.platformId]).sort()).toEqual([
      ['customer.synced', 'c-1'],
      ['customer.synced', 'c-4'],
    ]);
    expect(qboCustomers(realm).map((c) => c.DisplayName).sort()).toEqual(['Run Customer 1', 'Run Customer 4']);
  });

  it('answers sync_disabled for a scope whose customers do not go to QBO, and not_connected for one without a company, queuing nothing', async () => {
    const { t, realm } = await tenantWithUnpushed(5);
    await directorySize(t, 5);
    const runId = randomUUID();
    await requestPhase(t, runId);
    const answer = await scanned(runId);
    expect(answer).toMatchObject({ considered: 5, alreadyCurrent: 0, queued: 0, skipped: { sync_disabled: 5 } });
    expect(answer.error).toBeUndefined();
    expect(h.callCount(realm)).toBe(0);

    // A tenant with settings but no connection: its customers are parked, the phase cannot run.
    const lonely = tenant();
    await h.publish(h.topics.mappingSettings, lonely, 'settings.state', {
      tenantId: lonely,
      version: 1,
      settings: { settings: syncSettingsSchema.parse({ entities: { customers: 'to_qbo' } }), mappings: {}, problems: [] },
      updatedAt: new Date().toISOString(),
    });
    await h.upsertCustomer(lonely, { customerId: 'p-1', displayName: 'Parked One' });
    await waitFor(async () => (await h.db.knex('pending_records').where({ tenant_id: lonely }).first()) !== undefined, { timeoutMs: 30_000, description: 'the customer parked' });
    const orphanRun = randomUUID();
    await requestPhase(lonely, orphanRun);
    expect(await scanned(orphanRun)).toMatchObject({ considered: 1, queued: 0, error: { code: 'not_connected' } });
    expect(await h.db.knex('run_members').where({ run_id: orphanRun })).toHaveLength(0);
  });

  it('gives a site whose client QBO refuses a final failure naming the client, and pushes the site once the client is fixed', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'off' } });
    await h.upsertCustomer(t, { customerId: 'bad-client', displayName: 'Acme: West', billingAddress: address });
    await h.upsertCustomer(t, { customerId: 'bad-site', displayName: 'Acme West Yard', parentCustomerId: 'bad-client', billingAddress: { line1: '9 Dock Rd', city: 'Springfield' } });
    await h.upsertCustomer(t, { customerId: 'orphan-site', displayName: 'Orphan Yard', parentCustomerId: 'unknown-client', billingAddress: { line1: '7 Dock Rd', city: 'Springfield' } });
    await h.upsertCustomer(t, { customerId: 'good', displayName: 'Good Client', billingAddress: address });
    await directorySize(t, 4);
    await h.publishSettings(t, realm, 2, { entities: { customers: 'to_qbo' } });

    const runId = randomUUID();
    await requestPhase(t, runId);
    expect(await scanned(runId)).toMatchObject({ considered: 4, queued: 4 });
    await settled(runId, 4);
    await drained(t);
    const of = (id: string) => outcomes(runId).filter((e) => e.data.platformId === id);
    expect(of('good').map((e) => e.type)).toEqual(['customer.synced']);
    expect(of('bad-client').map((e) => [e.type, e.data.code])).toEqual([['customer.sync_failed', 'qbo_validation']]);
    expect(of('bad-site')).toHaveLength(1);
    expect(of('bad-site')[0]?.type).toBe('customer.sync_failed');
    expect(of('bad-site')[0]?.data).toMatchObject({ code: 'client_sync_failed', retriable: false, direction: 'to_qbo', runId });
    expect(String(of('bad-site')[0]?.data.message)).toMatch(/client bad-client .*qbo_validation/);
    expect(of('orphan-site')[0]?.data).toMatchObject({ code: 'client_not_synced', retriable: true });
    expect(of('orphan-site')).toHaveLength(1);
    expect(qboCustomers(realm).map((c) => c.DisplayName)).toEqual(['Good Client']);

    // The site keeps waiting for its client: fixed on the platform, the client goes to QBO and the site after it.
    await h.upsertCustomer(t, { customerId: 'bad-client', displayName: 'Acme West', billingAddress: address });
    const site = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'bad-site', 'the waiting site pushed after its client');
    const client = h.eventsOf('customer.synced', (d) => d.tenantId === t && d.platformId === 'bad-client')[0];
    expect(site.data.runId).toBeUndefined();
    expect(qboCustomers(realm).find((c) => c.Id === site.data.qboId)).toMatchObject({ ParentRef: { value: client?.data.qboId } });
  });
});

describe('a run whose worker died', () => {
  it('is taken over when the dead replica\'s lease expires, and a create it left in flight is found in QBO, not made twice', async () => {
    const { t, realm } = await tenantWithUnpushed(5);
    await directorySize(t, 5);
    await h.publishSettings(t, realm, 2, { entities: { customers: 'to_qbo' } });
    // The dead replica: it held the scope's lease, and its create of c-2 reached QBO before it was killed.
    const lease = (await h.db.knex.raw<{ rows: Array<{ until: Date }> }>(`insert into run_leases (tenant_id, owner, until) values (?, 'customer-sync:dead-replica:1', now() + interval '3 seconds') returning until`, [t])).rows[0] as { until: Date };
    const entry = (await h.db.knex('directory').where({ tenant_id: t, entity: 'customer', platform_id: 'c-2' }).first()) as { version: number; record: PlatformCustomer & { updatedAt?: string } };
    const { updatedAt: _u, ...record } = entry.record;
    await h.qbo(realm).create('Customer', toQboCreateBody(record, undefined), { requestId: `cs:${t}:c-2:v${entry.version}` });
    await h.db.knex('push_state').insert({ tenant_id: t, platform_id: 'c-2', version: entry.version, status: 'in_flight', request_id: `cs:${t}:c-2:v${entry.version}`, record: null, error: null, updated_at: new Date(Date.now() - 10_000) });

    const runId = randomUUID();
    await requestPhase(t, runId);
    expect(await scanned(runId)).toMatchObject({ queued: 5 });
    await settled(runId, 5);
    await drained(t);
    const members = (await h.db.knex('run_members').where({ tenant_id: t, run_id: runId })) as Array<{ outcome: string; settled_at: Date }>;
    expect(members.every((m) => m.outcome === 'synced')).toBe(true);
    // Nothing was pushed while the dead replica's lease was alive.
    expect(Math.min(...members.map((m) => new Date(m.settled_at).getTime()))).toBeGreaterThanOrEqual(new Date(lease.until).getTime() - 50);
    expect(outcomes(runId)).toHaveLength(5);
    expect(qboCustomers(realm).map((c) => c.DisplayName).sort()).toEqual(Array.from({ length: 5 }, (_, i) => `Run Customer ${i}`));
    expect(h.customerPosts(realm)).toBe(5); // the dead replica's create and four more
  });

  it('stops pushing the members of a run mapping cancelled', async () => {
    const { t, realm } = await tenantWithUnpushed(4);
    await directorySize(t, 4);
    await h.publishSettings(t, realm, 2, { entities: { customers: 'to_qbo' } });
    // Held off by another replica's lease until the cancel is in.
    await h.db.knex.raw(`insert into run_leases (tenant_id, owner, until) values (?, 'customer-sync:other-replica:1', now() + interval '1 hour')`, [t]);
    const runId = randomUUID();
    await requestPhase(t, runId);
    expect(await scanned(runId)).toMatchObject({ queued: 4 });
    await h.publish(h.topics.syncEvents, t, 'sync.run_completed', { tenantId: t, runId, status: 'cancelled', at: new Date().toISOString() });
    await waitFor(async () => (await h.db.knex('run_members').where({ run_id: runId, outcome: 'cancelled' })).length === 4, { timeoutMs: 30_000, description: 'the members closed' });
    await h.db.knex('run_leases').where({ tenant_id: t }).delete();
    await drained(t);
    expect(outcomes(runId)).toHaveLength(0);
    expect(h.callCount(realm)).toBe(0);
  });
});
