/**
 * What customer-sync does with the settings mapping publishes, end to end (real Kafka,
 * PostgreSQL, the sandbox): `settings.applied` for each new version it stores.
 */
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

let n = 0;
function tenant(): string {
  n += 1;
  return `tenant-st-${Date.now().toString(36)}-${n}`;
}

describe('settings.applied', () => {
  it('is emitted once for each new settings version customer-sync stores, not for a restated, redelivered or older one', async () => {
    const t = tenant();
    const realm = h.newRealm();
    const state = (version: number, updatedAt: Date, problems: unknown[] = []) =>
      h.publish(h.topics.mappingSettings, t, 'settings.state', { tenantId: t, version, settings: { settings: { entities: { customers: 'to_qbo' } }, mappings: {}, realmId: realm, problems }, updatedAt: updatedAt.toISOString() });
    await h.setup(t, realm, { entities: { customers: 'to_qbo' } });
    const first = await h.waitEvent('settings.applied', (d) => d.tenantId === t && d.version === 1);
    expect(first.data).toMatchObject({ service: 'customer-sync', version: 1 });
    expect(first.data).not.toHaveProperty('divisionId');

    // The same version restated with problems, then a new version, then a late older one.
    const t0 = Date.now();
    await state(1, new Date(t0 + 1000), [{ field: 'settings.accounts.income', entity: 'Account', qboId: '1', reason: 'inactive', message: 'inactive' }]);
    await state(2, new Date(t0 + 2000));
    await state(1, new Date(t0 - 60_000));
    await h.waitEvent('settings.applied', (d) => d.tenantId === t && d.version === 2);
    // A marker after them on the same partition: when it is applied, the ones before were handled.
    await state(3, new Date(t0 + 3000));
    await h.waitEvent('settings.applied', (d) => d.tenantId === t && d.version === 3);
    await waitFor(async () => ((await h.db.knex('tenant_settings').where({ tenant_id: t }).first()) as { version: number }).version === 3, { timeoutMs: 10_000 });
    expect(h.eventsOf('settings.applied', (d) => d.tenantId === t).map((e) => e.data.version)).toEqual([1, 2, 3]);
    expect(h.eventsOf('settings.applied', (d) => d.tenantId === t).every((e) => e.source === 'ledgerbus/customer-sync')).toBe(true);
  });
});
