/**
 * What customer-sync does with the settings mapping publishes, end to end (real Kafka,
 * PostgreSQL, the sandbox): `settings.applied` for each new version it stores; the default
 * bill profile, the default platform product and the employee direction; QBO customers of a
 * (re)connect snapshot go through the onboarding match.
 */
import { syncSettingsSchema } from '@ledgerbus/contracts';
import type { Customer } from '@ledgerbus/qbo';
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

/** Connect the tenant and publish its settings with mappings (the harness's setup publishes none). */
async function setupWithMappings(t: string, realm: string, settings: Record<string, unknown>, defaults: Record<string, unknown>): Promise<void> {
  const now = new Date().toISOString();
  await h.publish(h.topics.connectorConnections, t, 'connection.state', { tenantId: t, realmId: realm, companyName: 'Customer Sync Co', status: 'connected', updatedAt: now });
  await h.publish(h.topics.mappingSettings, t, 'settings.state', { tenantId: t, version: 1, settings: { settings: syncSettingsSchema.parse(settings), mappings: { defaults }, realmId: realm, problems: [] }, updatedAt: now });
  await waitFor(async () => (await h.db.knex('connections').where({ tenant_id: t }).first()) && (await h.db.knex('tenant_settings').where({ tenant_id: t }).first()), { timeoutMs: 30_000, description: 'connected and configured' });
}

interface Run {
  runId: string;
  status: string;
  counts: Record<string, number> | null;
}
async function onboard(t: string): Promise<Run> {
  const token = await h.token(t);
  const started = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/runs`, headers: { authorization: `Bearer ${token}` }, payload: { mode: 'auto' } });
  expect(started.statusCode).toBe(202);
  return waitFor(
    async () => {
      const run = (await h.service.http.inject({ method: 'GET', url: String(started.headers.location), headers: { authorization: `Bearer ${token}` } })).json<Run>();
      return run.status === 'running' ? undefined : run;
    },
    { timeoutMs: 60_000, intervalMs: 200, description: 'onboarding run ended' },
  );
}
const address = { Line1: '1 Main St', City: 'Springfield', CountrySubDivisionCode: 'IL', Country: 'US' };

describe('defaults.billProfileId', () => {
  it('is stamped on customers created on the platform from QBO: a new QBO customer and an onboarding import, not on a link', async () => {
    const t = tenant();
    const realm = h.newRealm();
    const store = h.sandbox.store;
    const imported = store.create(realm, 'Customer', { DisplayName: 'Imported Co', BillAddr: address });
    const matched = store.create(realm, 'Customer', { DisplayName: 'Matched Co', BillAddr: address });
    await setupWithMappings(t, realm, { entities: { customers: 'from_qbo' } }, { billProfileId: 'bp-gold' });
    await h.upsertCustomer(t, { customerId: 'p-matched', displayName: 'Matched Co' });
    await waitFor(async () => (await h.db.knex('directory').where({ tenant_id: t, platform_id: 'p-matched' }).first()) !== undefined, { timeoutMs: 20_000 });
    expect(await onboard(t)).toMatchObject({ status: 'succeeded' });
    const byImport = await h.waitEvent('customer.imported', (d) => d.tenantId === t && d.qboId === String(imported.Id));
    expect(byImport.data).toMatchObject({ action: 'create', customer: expect.objectContaining({ displayName: 'Imported Co', billProfileId: 'bp-gold' }) });
    const byLink = await h.waitEvent('customer.imported', (d) => d.tenantId === t && d.qboId === String(matched.Id));
    expect(byLink.data).toMatchObject({ action: 'link', platformId: 'p-matched' });
    expect(byLink.data.customer).not.toHaveProperty('billProfileId');

    // Created in QBO after onboarding: arrives as a new platform customer with the bill profile.
    const later = await h.qbo(realm).create('Customer', { DisplayName: 'Later Co', BillAddr: address }, { requestId: `later-${t}` });
    await h.qboChanged(realm, later, { operation: 'Create' });
    const created = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === later.Id);
    expect(created.data).toMatchObject({ operation: 'created', customer: expect.objectContaining({ displayName: 'Later Co', billProfileId: 'bp-gold' }) });
  });
});

describe('defaults.platformProductId and entities.employees in onboarding', () => {
  it('links QBO items that match no platform product to the default product (no 1:1 link), and lists no employees while employees are off', async () => {
    const t = tenant();
    const realm = h.newRealm();
    const store = h.sandbox.store;
    const income = store.list(realm, 'Account').find((a) => a.AccountType === 'Income');
    const bySku = store.create(realm, 'Item', { Name: 'Known Widget', Type: 'Service', Sku: 'W-1', IncomeAccountRef: { value: String(income?.Id) } });
    const stranger = store.create(realm, 'Item', { Name: 'Unknown Gadget', Type: 'Service', IncomeAccountRef: { value: String(income?.Id) } });
    store.create(realm, 'Employee', { DisplayName: 'Some Employee', GivenName: 'Some', FamilyName: 'Employee', PrimaryEmailAddr: { Address: 'some@employee.test' } });
    await setupWithMappings(t, realm, { entities: { customers: 'from_qbo', employees: 'off' } }, { platformProductId: 'p-misc' });
    await h.publish(h.topics.platformProducts, t, 'product.upserted', { tenantId: t, productId: 'p-widget', name: 'Widget', sku: 'w-1', version: 1 });
    await waitFor(async () => (await h.db.knex('directory').where({ tenant_id: t, platform_id: 'p-widget' }).first()) !== undefined, { timeoutMs: 20_000 });
    const queries = () =>
      Object.entries(h.sandbox.admin.calls(realm))
        .filter(([endpoint]) => / query$/.test(endpoint))
        .flatMap(([, byStatus]) => Object.values(byStatus))
        .reduce((a, b) => a + b, 0);
    const beforeFirst = queries();
    expect(await onboard(t)).toMatchObject({ status: 'succeeded' });
    const firstRunQueries = queries() - beforeFirst;
    const widget = await h.waitEvent('item.imported', (d) => d.tenantId === t && d.qboId === String(bySku.Id));
    expect(widget.data).toMatchObject({ action: 'link', platformId: 'p-widget', matchedBy: 'sku' });
    const gadget = await h.waitEvent('item.imported', (d) => d.tenantId === t && d.qboId === String(stranger.Id));
    expect(gadget.data).toMatchObject({ action: 'link', platformId: 'p-misc', matchedBy: 'default_product' });
    await waitFor(() => h.links.find((l) => l.data.tenantId === t && l.data.qboId === String(bySku.Id)), { timeoutMs: 20_000, description: 'the SKU match linked' });
    expect(h.links.filter((l) => l.data.tenantId === t && l.data.platformId === 'p-misc')).toEqual([]);

    // employees: off → no employee step: nothing proposed or imported (and QBO is not asked: see the query counts below).
    expect(await h.db.knex('onboarding_records').where({ tenant_id: t, entity: 'employee' })).toEqual([]);
    expect(h.eventsOf('employee.imported', (d) => d.tenantId === t)).toEqual([]);

    // from_qbo → the next run imports them.
    await h.publish(h.topics.mappingSettings, t, 'settings.state', { tenantId: t, version: 2, settings: { settings: syncSettingsSchema.parse({ entities: { customers: 'from_qbo', employees: 'from_qbo' } }), mappings: { defaults: { platformProductId: 'p-misc' } }, realmId: realm, problems: [] }, updatedAt: new Date().toISOString() });
    await h.waitEvent('settings.applied', (d) => d.tenantId === t && d.version === 2);
    const beforeSecond = queries();
    expect(await onboard(t)).toMatchObject({ status: 'succeeded' });
    expect(queries() - beforeSecond).toBe(firstRunQueries + 1); // the Employee listing, one page
    const employee = await h.waitEvent('employee.imported', (d) => d.tenantId === t);
    expect(employee.data).toMatchObject({ action: 'create', employee: expect.objectContaining({ email: 'some@employee.test' }) });
  });
});

describe('QBO customers of a (re)connect snapshot', () => {
  it('go through the onboarding match: a name match is linked to the existing platform customer, not created; a doubtful one waits for the admin', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'from_qbo' } });
    await h.upsertCustomer(t, { customerId: 'p-acme', displayName: 'Acme Plumbing' });
    await h.upsertCustomer(t, { customerId: 'p-twin-1', displayName: 'Twin Co', email: 'one@twin.test' });
    await h.upsertCustomer(t, { customerId: 'p-twin-2', displayName: 'Twin Co', email: 'two@twin.test' });
    await waitFor(async () => ((await h.db.knex('directory').where({ tenant_id: t })) as unknown[]).length === 3, { timeoutMs: 20_000, description: 'the platform directory' });
    const client = h.qbo(realm);
    const acme = await client.create('Customer', { DisplayName: 'acme  plumbing', BillAddr: address }, { requestId: `acme-${t}` });
    const fresh = await client.create('Customer', { DisplayName: 'Fresh Co', BillAddr: address }, { requestId: `fresh-${t}` });
    const twin = await client.create('Customer', { DisplayName: 'Twin Co', PrimaryEmailAddr: { Address: 'three@twin.test' }, BillAddr: address }, { requestId: `twin-${t}` });
    const snapshot = (c: Customer) =>
      h.publish(h.topics.qboChanges, realm, 'qbo.entity_changed', { realmId: realm, entity: 'Customer', entityId: c.Id, operation: 'Snapshot', source: 'snapshot', syncToken: c.SyncToken, lastUpdated: new Date().toISOString(), object: c });
    for (const c of [acme, fresh, twin]) await snapshot(c);

    const linked = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.qboId === acme.Id);
    expect(linked.data).toMatchObject({ direction: 'from_qbo', action: 'linked', platformId: 'p-acme' });
    const created = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === fresh.Id);
    expect(created.data).toMatchObject({ operation: 'created', platformId: `qbo-${realm}-${fresh.Id}` });
    const doubtful = await h.waitEvent('customer.sync_failed', (d) => d.tenantId === t && d.qboId === twin.Id);
    expect(doubtful.data).toMatchObject({ direction: 'from_qbo', code: 'ambiguous_match' });
    expect(h.eventsOf('customer.changed_in_qbo', (d) => d.tenantId === t && (d.qboId === acme.Id || d.qboId === twin.Id))).toEqual([]);
    await waitFor(() => h.links.find((l) => l.data.tenantId === t && l.type === 'link.created' && l.data.qboId === acme.Id), { timeoutMs: 20_000, description: 'the match linked' });
    expect(h.links.filter((l) => l.data.tenantId === t && l.data.qboId === acme.Id).map((l) => l.data.platformId)).toEqual(['p-acme']);

    // The onboarding records say so; a later run leaves the linked one linked and lets the admin decide the doubtful one.
    const records = (await h.db.knex('onboarding_records').where({ tenant_id: t }).orderBy('qbo_id')) as Array<{ qbo_id: string; status: string; platform_id: string | null; reason: string | null }>;
    expect(records.map((r) => [r.qbo_id, r.status, r.platform_id])).toEqual(
      expect.arrayContaining([
        [acme.Id, 'linked', 'p-acme'],
        [fresh.Id, 'imported', `qbo-${realm}-${fresh.Id}`],
        [twin.Id, 'needs_attention', null],
      ]),
    );
    const token = await h.token(t);
    const manual = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/records/customer/${twin.Id}/link`, headers: { authorization: `Bearer ${token}` }, payload: { platformId: 'p-twin-2' } });
    expect(manual.statusCode).toBe(200);
    expect((await h.db.knex('customer_links').where({ tenant_id: t, platform_id: 'p-twin-2', status: 'active' }).first())?.qbo_id).toBe(twin.Id);
  });
});
