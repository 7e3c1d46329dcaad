/**
 * Divisions (seed 001): one tenant connects one QBO company per division. Real Kafka (renamed
 * topics), real PostgreSQL (fresh schema), the sandbox with one company per division and one for
 * the tenant itself. Assertions read the sandbox's companies and the events on Kafka.
 */
import type { Customer } from '@ledgerbus/qbo';
import { syncSettingsSchema } from '@ledgerbus/contracts';
import { waitFor } from '@ledgerbus/testing';
import type { Harness } from './harness';
import { nextVersion, startHarness } from './harness';

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
  return `tenant-div-${Date.now().toString(36)}-${n}`;
}
function qboCustomers(realm: string): Customer[] {
  return h.sandbox.admin.entities(realm, 'Customer') as unknown as Customer[];
}
const address = { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' };

/** Connects one division of the tenant to a realm (key "tenant/division", as the connector does) and publishes its own settings. */
async function connectDivision(t: string, division: string, realmId: string, settings: Record<string, unknown>): Promise<void> {
  const now = new Date().toISOString();
  const key = `${t}/${division}`;
  await h.publish(h.topics.connectorConnections, key, 'connection.state', { tenantId: t, divisionId: division, realmId, companyName: `Division ${division}`, status: 'connected', updatedAt: now });
  const parsed = syncSettingsSchema.parse(settings);
  await h.publish(h.topics.mappingSettings, key, 'settings.state', { tenantId: t, divisionId: division, version: 1, settings: { settings: parsed, mappings: {}, realmId, problems: [] }, updatedAt: now });
  // The settings API's signal (appliedBy): customer-sync applies this division's settings.
  await h.waitEvent('settings.applied', (d) => d.tenantId === t && d.divisionId === division && d.service === 'customer-sync', `settings of ${key} applied`);
}

describe('a tenant with two divisions connected to two companies', () => {
  it('pushes each division’s customers to its own company only, even with the same platform id, and links them with the division', async () => {
    const t = tenant();
    const east = h.newRealm({ companyName: 'East Co' });
    const west = h.newRealm({ companyName: 'West Co' });
    const own = h.newRealm({ companyName: 'Tenant Co' });
    await h.setup(t, own, { entities: { customers: 'both' } });
    await connectDivision(t, 'east', east, { entities: { customers: 'both' } });
    await connectDivision(t, 'west', west, { entities: { customers: 'both' } });

    // The same platform customer id in both divisions, and one customer of the tenant itself.
    await h.publish(h.topics.platformCustomers, t, 'customer.upserted', { tenantId: t, divisionId: 'east', customerId: 'c-1', displayName: 'Acme East', billingAddress: address, version: nextVersion() });
    await h.publish(h.topics.platformCustomers, t, 'customer.upserted', { tenantId: t, divisionId: 'west', customerId: 'c-1', displayName: 'Acme West', billingAddress: address, version: nextVersion() });
    await h.upsertCustomer(t, { customerId: 'c-own', displayName: 'Acme Tenant', billingAddress: address });

    const eastSynced = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.divisionId === 'east' && d.platformId === 'c-1' && d.action === 'created', 'east c-1 created');
    const westSynced = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.divisionId === 'west' && d.platformId === 'c-1' && d.action === 'created', 'west c-1 created');
    const ownSynced = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'c-own' && d.action === 'created', 'tenant c-own created');
    expect(eastSynced.data.realmId).toBe(east);
    expect(westSynced.data.realmId).toBe(west);
    expect(ownSynced.data).toMatchObject({ realmId: own });
    expect(ownSynced.data.divisionId).toBeUndefined();
    expect(qboCustomers(east).map((c) => c.DisplayName)).toEqual(['Acme East']);
    expect(qboCustomers(west).map((c) => c.DisplayName)).toEqual(['Acme West']);
    expect(qboCustomers(own).map((c) => c.DisplayName)).toEqual(['Acme Tenant']);

    // The links say which division (and company) holds each QBO customer.
    await waitFor(() => h.links.find((l) => l.type === 'link.created' && l.data.tenantId === t && l.data.divisionId === 'east' && l.data.realmId === east && l.data.qboId === eastSynced.data.qboId), { timeoutMs: 20_000, description: 'east link' });
    await waitFor(() => h.links.find((l) => l.type === 'link.created' && l.data.tenantId === t && l.data.divisionId === 'west' && l.data.realmId === west && l.data.qboId === westSynced.data.qboId), { timeoutMs: 20_000, description: 'west link' });

    // A new version of east's c-1 updates east's QBO customer, never west's (whose push state and link are its own).
    await h.publish(h.topics.platformCustomers, t, 'customer.upserted', { tenantId: t, divisionId: 'east', customerId: 'c-1', displayName: 'Acme East', phone: '555-0101', billingAddress: address, version: nextVersion() });
    await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.divisionId === 'east' && d.platformId === 'c-1' && d.action === 'updated', 'east c-1 updated');
    expect(qboCustomers(east)[0]?.PrimaryPhone?.FreeFormNumber).toBe('555-0101');
    expect(qboCustomers(west)[0]?.PrimaryPhone).toBeUndefined();
    expect(qboCustomers(west)[0]?.SyncToken).toBe('0');
    expect(h.eventsOf('customer.synced', (d) => d.tenantId === t && d.platformId === 'c-1' && d.divisionId === undefined)).toHaveLength(0);
  });

  it('parks a division’s customer until that division is connected, even when the tenant itself is connected', async () => {
    const t = tenant();
    const own = h.newRealm({ companyName: 'Tenant Co' });
    const north = h.newRealm({ companyName: 'North Co' });
    await h.setup(t, own, { entities: { customers: 'both' } });
    await h.publish(h.topics.platformCustomers, t, 'customer.upserted', { tenantId: t, divisionId: 'north', customerId: 'n-1', displayName: 'Northwind', billingAddress: address, version: nextVersion() });
    // Parked in the division's scope, not pushed to the tenant's company.
    await waitFor(async () => (await h.db.knex('pending_records').where({ platform_id: 'n-1' }).first()) as unknown, { timeoutMs: 20_000, description: 'n-1 parked' });
    expect(qboCustomers(own)).toHaveLength(0);

    await connectDivision(t, 'north', north, { entities: { customers: 'to_qbo' } });
    const synced = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.divisionId === 'north' && d.platformId === 'n-1', 'n-1 pushed on connection');
    expect(synced.data.realmId).toBe(north);
    expect(qboCustomers(north).map((c) => c.DisplayName)).toEqual(['Northwind']);
    expect(qboCustomers(own)).toHaveLength(0);
  });

  it('sends a change in a division’s company back to the platform with the division, under that division’s settings', async () => {
    const t = tenant();
    const east = h.newRealm({ companyName: 'East Co' });
    const west = h.newRealm({ companyName: 'West Co' });
    await connectDivision(t, 'east', east, { entities: { customers: 'both' }, customerRules: { useDefaultState: true, defaultState: 'CA', defaultCountry: 'US' } });
    await connectDivision(t, 'west', west, { entities: { customers: 'from_qbo' } });
    const inEast = await h.qbo(east).create('Customer', { DisplayName: 'Stateless East', BillAddr: { Line1: '3 Oak' } }, { requestId: `div-e-${t}` });
    const inWest = await h.qbo(west).create('Customer', { DisplayName: 'Stateless West', BillAddr: { Line1: '4 Oak' } }, { requestId: `div-w-${t}` });
    // As the connector publishes them: keyed by realm, naming the tenant (a connection's tenant, never its division).
    for (const [realmId, object] of [[east, inEast], [west, inWest]] as const) {
      await h.publish(h.topics.qboChanges, realmId, 'qbo.entity_changed', { realmId, tenantId: t, entity: 'Customer', entityId: object.Id, operation: 'Create', source: 'webhook', syncToken: object.SyncToken, lastUpdated: new Date().toISOString(), object });
    }

    // East's rules fill the default state; west's do not (its own settings): an admin-facing failure with the division.
    const changed = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === inEast.Id && d.realmId === east, 'east change applied');
    expect(changed.data).toMatchObject({ divisionId: 'east', platformId: `qbo-${east}-${inEast.Id}`, operation: 'created', customer: { displayName: 'Stateless East', billingAddress: { state: 'CA' } } });
    const failed = await h.waitEvent('customer.sync_failed', (d) => d.tenantId === t && d.qboId === inWest.Id, 'west change refused');
    expect(failed.data).toMatchObject({ divisionId: 'west', realmId: west, code: 'customer_state_unknown' });
    await waitFor(() => h.links.find((l) => l.type === 'link.created' && l.data.tenantId === t && l.data.divisionId === 'east' && l.data.qboId === inEast.Id), { timeoutMs: 20_000, description: 'east link of the QBO customer' });
    expect(h.eventsOf('customer.changed_in_qbo', (d) => d.tenantId === t && d.divisionId === undefined)).toHaveLength(0);
  });
});
