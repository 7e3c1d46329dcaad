/**
 * Coalesced webhook fetches (sandbox, Kafka, PostgreSQL): the entities named by several deliveries
 * of one realm within the window are read with one query per entity type — one CorePlus call at the
 * sandbox — and each still reaches qbo.changes.v1 once, in full, as a delivery fetched alone would.
 */
import { waitFor } from '@ledgerbus/testing';
import { webhookSignature } from '../src/domain/webhook';
import { connectThroughRedirects, createHarness, uniqueRealmId, VERIFIER } from './harness';
import type { Harness } from './harness';

interface Change {
  realmId: string;
  entity: string;
  entityId: string;
  operation: string;
  source: string;
  syncToken?: string;
  object?: Record<string, unknown>;
}

const WINDOW_MS = 1500;

describe('connector: coalesced webhook fetches', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function connected(realmId: string): Promise<void> {
    h.sandbox.admin.createCompany({ realmId, companyName: `Co ${realmId}` });
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });
    expect((await connectThroughRedirects(h.instances[0]!, admin, tenant, realmId)).status).toBe(200);
    await waitFor(
      async () => {
        const row = await h.instances[0]!.db.knex('connections').where({ realm_id: realmId }).first<{ snapshot_completed_at: Date | null; cdc_next_at: Date | null } | undefined>();
        return row?.snapshot_completed_at != null && row.cdc_next_at != null && new Date(row.cdc_next_at).getTime() > Date.now() + 60_000;
      },
      { timeoutMs: 30_000, description: 'the snapshot and the first CDC poll' },
    );
  }

  const post = (body: string): Promise<Response> =>
    fetch(`${h.instances[0]!.url}/v1/webhooks/intuit`, { method: 'POST', headers: { 'content-type': 'application/json', 'intuit-signature': webhookSignature(VERIFIER, body) }, body });

  it('fetches the entities of four deliveries within the window with one query, and publishes each once in full', async () => {
    h = await createHarness({ webhookCoalesceMs: WINDOW_MS });
    const realmId = uniqueRealmId();
    await connected(realmId);
    const customers = Array.from({ length: 12 }, (_, i) => h.sandbox.store.create(realmId, 'Customer', { DisplayName: `Coalesced ${i}` }) as { Id: string; SyncToken: string });
    h.sandbox.admin.resetCalls(realmId);

    // Four deliveries of three entities each, one after the other (Intuit sends a busy realm's changes in several).
    for (let d = 0; d < 4; d++) {
      const entities = customers.slice(d * 3, d * 3 + 3).map((c) => ({ name: 'Customer', id: c.Id, operation: 'Create', lastUpdated: new Date().toISOString() }));
      const body = JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities } }] });
      expect((await post(body)).status).toBe(200);
    }

    const tail = await h.tail(h.topics.changes);
    const ids = new Set(customers.map((c) => c.Id));
    const webhookChanges = (): Change[] => tail.messages.filter((m) => m.key === realmId).map((m) => m.event.data as Change).filter((c) => c.source === 'webhook' && ids.has(c.entityId));
    await waitFor(() => new Set(webhookChanges().map((c) => c.entityId)).size === 12, { timeoutMs: 30_000, description: 'the 12 customers on qbo.changes' });
    await tail.settled(1000);

    // One query call reached QBO for the four deliveries: no batch, no read by id.
    expect(h.sandbox.admin.calls(realmId)).toEqual({ 'POST query': { '200': 1 } });
    expect(h.sandbox.admin.metering(realmId).total).toEqual({ core: 0, corePlus: 1 });
    // Each customer once, in full, as a delivery fetched alone would publish it.
    const changes = webhookChanges();
    expect(changes).toHaveLength(12);
    for (const c of customers) {
      const change = changes.find((x) => x.entityId === c.Id);
      expect(change).toMatchObject({ realmId, entity: 'Customer', operation: 'Create', source: 'webhook', syncToken: '0', object: { Id: c.Id, DisplayName: expect.stringMatching(/^Coalesced /) } });
    }
    // Nothing left pending.
    expect(await h.instances[0]!.db.knex('webhook_pending').where({ realm_id: realmId }).count<{ count: string }[]>('* as count')).toEqual([{ count: '0' }]);
  });

  it('reads each entity type of the window with its own query, in one batch call, and records an unknown id as before', async () => {
    h = await createHarness({ webhookCoalesceMs: WINDOW_MS });
    const realmId = uniqueRealmId();
    await connected(realmId);
    const customer = h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'Two Types Ltd' }) as { Id: string };
    const item = h.sandbox.store.create(realmId, 'Item', { Name: 'Coalesced service', Type: 'Service', IncomeAccountRef: { value: (h.sandbox.store.list(realmId, 'Account') as Array<{ Id: string; AccountType: string }>).find((a) => a.AccountType === 'Income')!.Id } }) as { Id: string };
    h.sandbox.admin.resetCalls(realmId);
    const now = new Date().toISOString();
    expect((await post(JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name: 'Customer', id: customer.Id, operation: 'Update', lastUpdated: now }] } }] }))).status).toBe(200);
    expect(
      (await post(JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name: 'Item', id: item.Id, operation: 'Create', lastUpdated: now }, { name: 'Customer', id: '987654', operation: 'Update', lastUpdated: now }] } }] }))).status,
    ).toBe(200);

    const tail = await h.tail(h.topics.changes);
    await waitFor(
      () => {
        const mine = tail.messages.filter((m) => m.key === realmId && (m.event.data as Change).source === 'webhook');
        return mine.length >= 2;
      },
      { timeoutMs: 30_000, description: 'the customer and the item on qbo.changes' },
    );
    await tail.settled(1000);
    const changes = tail.messages.filter((m) => m.key === realmId).map((m) => m.event.data as Change).filter((c) => c.source === 'webhook');
    expect(changes.map((c) => `${c.entity}/${c.entityId}/${c.operation}`).sort()).toEqual([`Customer/${customer.Id}/Update`, `Item/${item.Id}/Create`]);
    // One batch call carrying two queries: two CorePlus calls (Intuit meters batch items one by one).
    expect(h.sandbox.admin.calls(realmId)).toEqual({ 'POST batch': { '200': 1 } });
    expect(h.sandbox.admin.metering(realmId).total).toEqual({ core: 0, corePlus: 2 });
    const failures = await waitFor(async () => {
      const rows = await h.instances[0]!.db.knex('webhook_fetch_failures').where({ realm_id: realmId }).select('entity', 'entity_id', 'reason');
      return rows.length > 0 ? rows : undefined;
    }, { timeoutMs: 10_000 });
    expect(failures).toEqual([{ entity: 'Customer', entity_id: '987654', reason: 'not_found' }]);
  });
});
