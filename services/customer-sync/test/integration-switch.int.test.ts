/**
 * "Disable integration" / "Enable Integration" in customer-sync (issue 14), on real Kafka,
 * PostgreSQL and the sandbox: while the integration is disabled a platform customer is parked
 * (nothing reaches QBO); enabling it does not replay the parked customers by itself — the
 * enable run's customers phase pushes them, each with the run id.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@ledgerbus/testing';
import type { Harness } from './harness';
import { startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ runs: { pollMs: 100, leaseMs: 2_000, backoffMs: 100, maxAttempts: 3, inFlightGraceMs: 2_000 } });
});
afterAll(async () => {
  await h?.close();
});

const address = { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' };

describe('the integration switch in customer-sync', () => {
  it('parks customers while disabled, keeps them parked when enabled, and the enable run pushes them', async () => {
    const t = `tenant-switch-${Date.now().toString(36)}`;
    const realm = h.newRealm();
    await h.setup(t, realm, { integration: { enabled: false }, entities: { customers: 'to_qbo' } });
    for (let i = 0; i < 3; i++) await h.upsertCustomer(t, { customerId: `c-${i}`, displayName: `Switch Customer ${i}`, billingAddress: address });
    await waitFor(async () => (await h.db.knex('pending_records').where({ tenant_id: t })).length === 3, { timeoutMs: 30_000, description: 'three customers parked' });
    expect(h.customerPosts(realm)).toBe(0);

    // Enabled (the settings mapping publishes for "Enable Integration"): still nothing written.
    await h.publishSettings(t, realm, 2, { integration: { enabled: true }, entities: { customers: 'to_qbo' } });
    await waitFor(async () => (await h.db.knex('tenant_settings').where({ tenant_id: t }).first())?.version === 2, { timeoutMs: 30_000, description: 'settings version 2 stored' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(h.customerPosts(realm)).toBe(0);

    // The enable run's customers phase.
    const runId = randomUUID();
    await h.publish(h.topics.syncEvents, t, 'sync.phase_requested', { tenantId: t, runId, phase: 'customers', requestedBy: 'svc:mapping', at: new Date().toISOString() });
    await waitFor(() => h.eventsOf('sync.phase_scanned', (d) => d.runId === runId).length === 1, { timeoutMs: 30_000, description: 'scanned' });
    expect(h.eventsOf('sync.phase_scanned', (d) => d.runId === runId)[0]?.data).toMatchObject({ considered: 3, alreadyCurrent: 0, queued: 3 });
    // A connection event (the connector restates it) replays parked records: the run's customers are no longer parked.
    expect(await h.db.knex('pending_records').where({ tenant_id: t })).toHaveLength(0);
    await h.publish(h.topics.connectorConnections, t, 'connection.state', { tenantId: t, realmId: realm, companyName: 'Customer Sync Co', status: 'connected', updatedAt: new Date().toISOString() });
    await waitFor(() => h.eventsOf('customer.synced', (d) => d.runId === runId).length === 3, { timeoutMs: 60_000, description: 'three synced by the run' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Each customer pushed once, by the run: no outcome without the run id, one create each.
    expect(h.eventsOf('customer.synced', (d) => d.tenantId === t && d.runId === undefined)).toHaveLength(0);
    expect(h.customerPosts(realm)).toBe(3);
    expect(h.sandbox.admin.entities(realm, 'Customer')).toHaveLength(3);
  });
});
