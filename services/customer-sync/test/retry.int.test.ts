/**
 * Refused customers and retries from the sync log, end to end: real Kafka (renamed topics per
 * run), real PostgreSQL (fresh schema), the QBO sandbox. A customer QBO refuses leaves a
 * `customer.sync_failed` and a failed push state (not an `in_flight` row and a dead letter);
 * `sync.retry_requested` for a `customer.*` failure replays that customer.
 */
import { randomUUID } from 'node:crypto';
import { dlqTopicName } from '@ledgerbus/contracts';
import type { Customer } from '@ledgerbus/qbo';
import { kafkaBrokersFromEnv, readTopic, waitFor } from '@ledgerbus/testing';
import type { Harness } from './harness';
import { startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

let n = 0;
function tenant(): string {
  n += 1;
  return `tenant-rt-${Date.now().toString(36)}-${n}`;
}
function qboCustomers(realm: string): Customer[] {
  return h.sandbox.admin.entities(realm, 'Customer') as unknown as Customer[];
}

/** What mapping publishes when an admin presses "Retry" on a sync-log line. */
async function requestRetry(t: string, failed: { id: string; type: string; data: Record<string, unknown> }): Promise<void> {
  await h.publish(h.topics.syncEvents, t, 'sync.retry_requested', {
    tenantId: t,
    entryId: randomUUID(),
    failedEventId: failed.id,
    failedType: failed.type,
    entity: 'customer',
    ...(typeof failed.data.platformId === 'string' ? { platformId: failed.data.platformId } : {}),
    ...(typeof failed.data.qboId === 'string' ? { qboId: failed.data.qboId } : {}),
    requestedBy: `admin@${t}`,
    at: new Date().toISOString(),
  });
}

describe('a customer QBO refuses', () => {
  it('gets its customer.sync_failed with the code and message, a failed push state with the reason, and no dead letter', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'to_qbo' } });
    await h.upsertCustomer(t, { customerId: 'colon-1', displayName: 'Acme: West Branch', email: 'west@acme.test' });
    await h.upsertCustomer(t, { customerId: 'fine-1', displayName: 'Fine After Refused' });

    const failed = await h.waitEvent('customer.sync_failed', (d) => d.tenantId === t && d.platformId === 'colon-1', 'the refused customer reported');
    expect(failed.data).toMatchObject({ direction: 'to_qbo', realmId: realm, code: 'qbo_validation', retriable: false, version: expect.any(Number) });
    expect(String(failed.data.message)).toMatch(/colon/i);
    const state = (await h.db.knex('push_state').where({ tenant_id: t, platform_id: 'colon-1' }).first()) as { status: string; error: string };
    expect(state.status).toBe('failed');
    expect(state.error).toMatch(/^qbo_validation: .*colon/i);

    // The next customer of the tenant still flows; the refused one is in QBO nowhere.
    await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'fine-1');
    expect(qboCustomers(realm).map((c) => c.DisplayName)).toEqual(['Fine After Refused']);
    const dead = await readTopic(kafkaBrokersFromEnv(), dlqTopicName(h.topics.platformCustomers.name), { timeoutMs: 3_000 });
    expect(dead.filter((m) => m.key === t)).toEqual([]);
    expect(h.eventsOf('customer.sync_failed', (d) => d.tenantId === t)).toHaveLength(1);
  });
});

describe('retrying a customer.sync_failed', () => {
  it('replays a to_qbo failure with the platform record once the cause in QBO is gone', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'to_qbo' } });
    // Every name the push may use is taken by another QBO customer (different email: not the same customer).
    const client = h.qbo(realm);
    const names = ['Busy Name', ...Array.from({ length: 19 }, (_, i) => `Busy Name (${i + 2})`)];
    const holders = new Map<string, Customer>();
    for (const name of names) holders.set(name, await client.create('Customer', { DisplayName: name, PrimaryEmailAddr: { Address: 'other@holder.test' } }, { requestId: `hold-${t}-${name}` }));
    await h.upsertCustomer(t, { customerId: 'busy-1', displayName: 'Busy Name', email: 'mine@busy.test' });
    const failed = await h.waitEvent('customer.sync_failed', (d) => d.tenantId === t && d.platformId === 'busy-1');
    expect(failed.data).toMatchObject({ direction: 'to_qbo', code: 'customer_name_exhausted', retriable: false });

    // The admin renames one holder in QBO, then presses Retry.
    const freed = holders.get('Busy Name (7)') as Customer;
    await client.update('Customer', { Id: freed.Id, SyncToken: freed.SyncToken, sparse: true, DisplayName: 'Renamed Holder' }, { requestId: `free-${t}` });
    await requestRetry(t, failed);

    const synced = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'busy-1', 'the retried customer synced');
    expect(synced.data).toMatchObject({ direction: 'to_qbo', action: 'created', qboDisplayName: 'Busy Name (7)', version: failed.data.version });
    const created = qboCustomers(realm).find((c) => c.Id === synced.data.qboId);
    expect(created).toMatchObject({ DisplayName: 'Busy Name (7)', PrimaryEmailAddr: { Address: 'mine@busy.test' } });
    expect(qboCustomers(realm)).toHaveLength(21);
    const state = (await h.db.knex('push_state').where({ tenant_id: t, platform_id: 'busy-1' }).first()) as { status: string; error: string | null };
    expect(state).toMatchObject({ status: 'done', error: null });
  });

  it('replays a from_qbo failure by reading the QBO customer again, after the admin turned on the default state', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'from_qbo' } });
    const client = h.qbo(realm);
    const stateless = await client.create('Customer', { DisplayName: 'No State Co', BillAddr: { Line1: '9 Elm', City: 'Portland', Country: 'US' } }, { requestId: `ns-${t}` });
    await h.qboChanged(realm, stateless, { operation: 'Create' });
    const failed = await h.waitEvent('customer.sync_failed', (d) => d.tenantId === t && d.qboId === stateless.Id);
    expect(failed.data).toMatchObject({ direction: 'from_qbo', code: 'customer_state_unknown' });
    expect(h.eventsOf('customer.changed_in_qbo', (d) => d.tenantId === t)).toHaveLength(0);

    // "… or enable the 'Use default State' in the Sync settings and synchronize again."
    await h.publish(h.topics.mappingSettings, t, 'settings.state', {
      tenantId: t,
      version: 2,
      settings: { settings: { entities: { customers: 'from_qbo' }, customerRules: { useDefaultState: true, defaultState: 'OR', defaultCountry: 'US' } }, mappings: {}, realmId: realm, problems: [] },
      updatedAt: new Date().toISOString(),
    });
    await waitFor(async () => ((await h.db.knex('tenant_settings').where({ tenant_id: t }).first()) as { version: number } | undefined)?.version === 2, { timeoutMs: 20_000, description: 'settings v2 stored' });
    await requestRetry(t, failed);

    const arrived = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === stateless.Id, 'the retried QBO customer applied');
    expect(arrived.data).toMatchObject({ operation: 'created', platformId: `qbo-${realm}-${stateless.Id}`, customer: expect.objectContaining({ billingAddress: expect.objectContaining({ state: 'OR' }) }) });
    await waitFor(() => h.links.find((l) => l.data.tenantId === t && l.type === 'link.created' && l.data.qboId === stateless.Id), { timeoutMs: 20_000, description: 'link published' });
  });

  it('leaves failures of other entities to their own services', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'to_qbo' } });
    await h.upsertCustomer(t, { customerId: 'colon-2', displayName: 'Beta: East' });
    const failed = await h.waitEvent('customer.sync_failed', (d) => d.tenantId === t && d.platformId === 'colon-2');
    // An invoice failure that names the same platform id is not a customer retry.
    await requestRetry(t, { ...failed, type: 'invoice.push_failed' });
    await requestRetry(t, failed);
    // Both requests are on one partition and handled in order: when the customer retry's failure is out, the invoice one was handled before it.
    await waitFor(() => h.eventsOf('customer.sync_failed', (d) => d.tenantId === t && d.platformId === 'colon-2').length >= 2, { timeoutMs: 30_000, description: 'the customer retry ran (and failed again)' });
    expect(h.eventsOf('customer.sync_failed', (d) => d.tenantId === t && d.platformId === 'colon-2')).toHaveLength(2);
  });
});
