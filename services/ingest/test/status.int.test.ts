/**
 * The status view on real Kafka and PostgreSQL: outcomes published on sync.events.v1 (as the push
 * workers publish them) become each record's state, for the latest version only, with its QBO id,
 * reason or code and run id.
 */
import { waitFor } from '@ledgerbus/testing';
import type { IngestHarness, Json } from './harness';
import { customer, invoice, startIngestHarness } from './harness';

const REALM = '9130350000000001';

describe('record status from sync.events.v1', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const status = async (entity: string, id: string): Promise<Json> => (await h.api('GET', `/v1/tenants/${h.tenant}/records/${entity}/${id}`)).body;
  const until = (entity: string, id: string, check: (s: Json) => boolean, description: string) =>
    waitFor(async () => {
      const s = await status(entity, id);
      return check(s) ? s : undefined;
    }, { timeoutMs: 20_000, description });
  const at = (n: number) => new Date(Date.UTC(2026, 4, 1, 12, 0, n)).toISOString();

  it('goes waiting → held → failed → pushed as the outcomes of the latest version arrive', async () => {
    await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: invoice('s-1') });
    expect(await status('invoices', 's-1')).toMatchObject({ latestVersion: 1, state: 'waiting', outcome: null });

    await h.publishOutcome('invoice.held', { tenantId: h.tenant, platformId: 's-1', version: 1, reason: 'customer_not_synced', message: 'waiting for customer c-1', at: at(1) });
    const held = await until('invoices', 's-1', (s) => s.state === 'held', 'held');
    expect(held.outcome).toMatchObject({ type: 'invoice.held', reason: 'customer_not_synced', message: 'waiting for customer c-1', version: 1 });

    await h.publishOutcome('invoice.push_failed', { tenantId: h.tenant, realmId: REALM, platformId: 's-1', version: 1, code: 'qbo_validation', message: 'Invalid account', retriable: false, runId: 'run-7', at: at(2) });
    const failed = await until('invoices', 's-1', (s) => s.state === 'failed', 'failed');
    expect(failed.outcome).toMatchObject({ code: 'qbo_validation', message: 'Invalid account', retriable: false, runId: 'run-7' });

    await h.publishOutcome('invoice.pushed', { tenantId: h.tenant, realmId: REALM, platformId: 's-1', version: 1, qboId: '145', docNumber: 'INV-s-1', action: 'created', at: at(3) });
    const pushed = await until('invoices', 's-1', (s) => s.state === 'pushed', 'pushed');
    expect(pushed).toMatchObject({ latestVersion: 1, qboId: '145', outcome: { type: 'invoice.pushed', qboId: '145', docNumber: 'INV-s-1', action: 'created', at: at(3) } });
  });

  it('is waiting again when a newer version is accepted, keeps the QBO id, and ignores an outcome of an older version', async () => {
    await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: invoice('s-1', { number: 'v2' }) });
    const waiting = await status('invoices', 's-1');
    expect(waiting).toMatchObject({ latestVersion: 2, state: 'waiting', qboId: '145', outcome: { version: 1, state: 'pushed' } });

    await h.publishOutcome('invoice.held', { tenantId: h.tenant, realmId: REALM, platformId: 's-1', version: 2, reason: 'reauthorization_required', message: 'reconnect QBO', at: at(10) });
    await until('invoices', 's-1', (s) => s.state === 'held', 'held v2');
    // A late outcome of version 1 (published after) changes nothing.
    await h.publishOutcome('invoice.push_failed', { tenantId: h.tenant, realmId: REALM, platformId: 's-1', version: 1, code: 'late', message: 'late', retriable: true, at: at(11) });
    await h.publishOutcome('invoice.pushed', { tenantId: h.tenant, realmId: REALM, platformId: 's-2', version: 1, qboId: '146', action: 'created', at: at(12) });
    await until('invoices', 's-2', (s) => s.state === 'pushed', 'a later event consumed');
    expect(await status('invoices', 's-1')).toMatchObject({ state: 'held', qboId: '145', outcome: { version: 2, reason: 'reauthorization_required' } });

    await h.api('POST', `/v1/tenants/${h.tenant}/invoices/s-1/void`);
    await h.publishOutcome('invoice.voided', { tenantId: h.tenant, realmId: REALM, platformId: 's-1', version: 3, qboId: '145', at: at(13) });
    expect(await until('invoices', 's-1', (s) => s.state === 'voided', 'voided')).toMatchObject({ latestVersion: 3, operation: 'void', qboId: '145' });
  });

  it('shows a record only seen on sync.events (sent over Kafka), and customer outcomes to QBO only', async () => {
    const s2 = await status('invoices', 's-2');
    expect(s2).toMatchObject({ latestVersion: null, state: 'pushed', qboId: '146' });

    await h.api('POST', `/v1/tenants/${h.tenant}/customers`, { body: customer('c-1') });
    await h.publishOutcome('customer.synced', { tenantId: h.tenant, realmId: REALM, direction: 'to_qbo', action: 'created', platformId: 'c-1', qboId: '58', version: 1, at: at(20) });
    await until('customers', 'c-1', (s) => s.state === 'pushed', 'customer pushed');
    // A change made in QBO and applied to the platform is not this record's push outcome.
    await h.publishOutcome('customer.synced', { tenantId: h.tenant, realmId: REALM, direction: 'from_qbo', action: 'updated', platformId: 'c-1', qboId: '58', at: at(21) });
    await h.publishOutcome('payment.skipped', { tenantId: h.tenant, platformId: 'pay-1', version: 1, filter: 'sync_data_after', message: 'before the sync date', at: at(22) });
    const skipped = await until('payments', 'pay-1', (s) => s.state === 'skipped', 'payment skipped');
    expect(skipped.outcome).toMatchObject({ reason: 'sync_data_after' });
    expect(await status('customers', 'c-1')).toMatchObject({ state: 'pushed', qboId: '58', outcome: { action: 'created', at: at(20) } });
  });
});
