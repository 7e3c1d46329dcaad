/**
 * customer-sync end to end: real Kafka (renamed topics per run), real PostgreSQL (fresh
 * schema), the QBO sandbox on an ephemeral port. Assertions read the sandbox's store and
 * call counters and the events the service published on Kafka.
 */
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
  return `tenant-${Date.now().toString(36)}-${n}`;
}
function qboCustomers(realm: string): Customer[] {
  return h.sandbox.admin.entities(realm, 'Customer') as unknown as Customer[];
}
const address = { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' };

describe('platform → QBO', () => {
  it('creates, updates and deactivates a customer in QBO, and links it once', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'both' } });
    await h.upsertCustomer(t, { customerId: 'c-1', displayName: 'Acme Corp', email: 'ops@acme.test', billingAddress: address });
    const created = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'c-1' && d.action === 'created');
    const qboId = String(created.data.qboId);
    expect(qboCustomers(realm).find((c) => c.Id === qboId)).toMatchObject({ DisplayName: 'Acme Corp', PrimaryEmailAddr: { Address: 'ops@acme.test' }, BillAddr: { City: 'Springfield' } });
    await waitFor(() => h.links.find((l) => l.data.tenantId === t && l.data.platformId === 'c-1' && l.data.qboId === qboId), { timeoutMs: 20_000 });

    await h.upsertCustomer(t, { customerId: 'c-1', displayName: 'Acme Corp', email: 'ops@acme.test', phone: '555-0100', billingAddress: address });
    await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'c-1' && d.action === 'updated');
    expect(qboCustomers(realm).find((c) => c.Id === qboId)?.PrimaryPhone?.FreeFormNumber).toBe('555-0100');

    await h.publish(h.topics.platformCustomers, t, 'customer.deleted', { tenantId: t, customerId: 'c-1', version: 10_000 });
    await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'c-1' && d.action === 'deactivated');
    expect(qboCustomers(realm).find((c) => c.Id === qboId)?.Active).toBe(false);
    expect(qboCustomers(realm)).toHaveLength(1); // one QBO customer, made inactive (QBO renames inactive ones)
  });

  it('creates a site as a QBO sub-customer after its client, even when the site arrives first', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'to_qbo' } });
    await h.upsertCustomer(t, { customerId: 'site-1', displayName: 'Acme Warehouse', parentCustomerId: 'client-1', billingAddress: { line1: '9 Dock Rd', city: 'Springfield' } });
    await h.upsertCustomer(t, { customerId: 'client-1', displayName: 'Acme Holdings', billingAddress: address });
    const site = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'site-1');
    const client = h.eventsOf('customer.synced', (d) => d.tenantId === t && d.platformId === 'client-1')[0];
    const sub = qboCustomers(realm).find((c) => c.Id === site.data.qboId);
    expect(sub).toMatchObject({ Job: true, BillWithParent: true, ParentRef: { value: client?.data.qboId } });
  });

  it('links a 6240 duplicate that is the same customer, and renames one that is not', async () => {
    const t = tenant();
    const realm = h.newRealm();
    const client = h.qbo(realm);
    const same = await client.create('Customer', { DisplayName: 'Globex', PrimaryEmailAddr: { Address: 'ap@globex.test' } }, { requestId: 'seed-globex' });
    await client.create('Customer', { DisplayName: 'Initech', PrimaryEmailAddr: { Address: 'someone@else.test' } }, { requestId: 'seed-initech' });
    await h.setup(t, realm, { entities: { customers: 'to_qbo' } });
    await h.upsertCustomer(t, { customerId: 'g-1', displayName: 'Globex', email: 'AP@globex.test' });
    await h.upsertCustomer(t, { customerId: 'i-1', displayName: 'Initech', email: 'billing@initech.test' });
    const linked = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'g-1');
    expect(linked.data).toMatchObject({ action: 'linked', qboId: same.Id });
    const renamed = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'i-1');
    expect(renamed.data).toMatchObject({ action: 'created', qboDisplayName: 'Initech (2)' });
    expect(qboCustomers(realm).map((c) => c.DisplayName).sort()).toEqual(['Globex', 'Initech', 'Initech (2)']);
  });
});

describe('QBO → platform', () => {
  it('turns a new, an updated, a merged and a deleted QBO customer into customer.changed_in_qbo and keeps links right', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'both' } });
    const client = h.qbo(realm);
    const a = await client.create('Customer', { DisplayName: 'From QBO', BillAddr: { Line1: '2 Elm', City: 'Austin', CountrySubDivisionCode: 'TX' } }, { requestId: 'q-a' });
    await h.qboChanged(realm, a, { operation: 'Create' });
    const created = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === a.Id && d.operation === 'created');
    expect(created.data.platformId).toBe(`qbo-${realm}-${a.Id}`);
    expect(created.data.customer).toMatchObject({ displayName: 'From QBO', billingAddress: { state: 'TX' } });

    const a1 = await client.update('Customer', { Id: a.Id, SyncToken: a.SyncToken, sparse: true, CompanyName: 'From QBO LLC' }, { requestId: 'q-a1' });
    await h.qboChanged(realm, a1);
    await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === a.Id && d.operation === 'updated' && (d.customer as { companyName?: string }).companyName === 'From QBO LLC');

    const b = await client.create('Customer', { DisplayName: 'Duplicate Of A', BillAddr: { CountrySubDivisionCode: 'TX' } }, { requestId: 'q-b' });
    await h.qboChanged(realm, b, { operation: 'Create' });
    await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === b.Id);
    const survivor = h.sandbox.admin.mergeCustomers(realm, b.Id, a.Id) as Record<string, unknown>;
    await h.qboChanged(realm, survivor, { operation: 'Merge', mergedFromId: b.Id });
    const merged = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === b.Id && d.operation === 'merged');
    expect(merged.data.mergedIntoPlatformId).toBe(`qbo-${realm}-${a.Id}`);
    await waitFor(() => h.links.find((l) => l.data.tenantId === t && l.type === 'link.removed' && l.data.qboId === b.Id), { timeoutMs: 20_000 });

    await h.qboChanged(realm, { Id: a.Id }, { operation: 'Delete', entityId: a.Id });
    await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === a.Id && d.operation === 'deleted');
    await waitFor(() => h.links.find((l) => l.data.tenantId === t && l.type === 'link.removed' && l.data.qboId === a.Id), { timeoutMs: 20_000 });
  });

  it('fails a QBO customer without a state with the exact message, and uses the default state when enabled', async () => {
    const t1 = tenant();
    const t2 = tenant();
    const realm1 = h.newRealm();
    const realm2 = h.newRealm();
    await h.setup(t1, realm1, { entities: { customers: 'from_qbo' } });
    await h.setup(t2, realm2, { entities: { customers: 'from_qbo' }, customerRules: { useDefaultState: true, defaultState: 'CA', defaultCountry: 'US' } });
    const c1 = await h.qbo(realm1).create('Customer', { DisplayName: 'Stateless', BillAddr: { Line1: '3 Oak' } }, { requestId: 's-1' });
    const c2 = await h.qbo(realm2).create('Customer', { DisplayName: 'Stateless', BillAddr: { Line1: '3 Oak' } }, { requestId: 's-2' });
    await h.qboChanged(realm1, c1, { operation: 'Create' });
    await h.qboChanged(realm2, c2, { operation: 'Create' });
    const failed = await h.waitEvent('customer.sync_failed', (d) => d.tenantId === t1);
    expect(failed.data).toMatchObject({
      code: 'customer_state_unknown',
      message: "The Client record has an unknown State of Country <United States>. Please add a State to the QuickBooks record or enable the 'Use default State' in the Sync settings and synchronize again.",
    });
    const ok = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t2);
    expect(ok.data.customer).toMatchObject({ billingAddress: { line1: '3 Oak', state: 'CA', country: 'US' } });
    expect(h.eventsOf('customer.changed_in_qbo', (d) => d.tenantId === t1)).toHaveLength(0);
  });
});

describe('no echo loops', () => {
  it('an edit in QBO gives one customer.changed_in_qbo, and the platform republishing it writes nothing to QBO', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'both' } });
    await h.upsertCustomer(t, { customerId: 'loop-1', displayName: 'Loop Co', email: 'loop@co.test', billingAddress: address });
    const created = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'loop-1');
    const qboId = String(created.data.qboId);
    // Our own create coming back through the webhook path is not a change.
    await h.qboChanged(realm, qboCustomers(realm).find((c) => c.Id === qboId) as Record<string, unknown>, { operation: 'Create' });

    const current = await h.qbo(realm).read('Customer', qboId);
    const edited = await h.qbo(realm).update('Customer', { Id: qboId, SyncToken: current.SyncToken, sparse: true, PrimaryPhone: { FreeFormNumber: '555-0199' } }, { requestId: 'loop-edit' });
    await h.qboChanged(realm, edited);
    await h.qboChanged(realm, edited); // the same change again (webhook + CDC)
    const change = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === qboId);
    const postsBefore = h.customerPosts(realm);

    const record = change.data.customer as Record<string, unknown>;
    await h.upsertCustomer(t, { ...record, customerId: 'loop-1' });
    await waitFor(async () => (await h.db.knex('push_state').where({ tenant_id: t, platform_id: 'loop-1', status: 'done' }).andWhere('version', '>', Number(created.data.version)).first()) !== undefined, {
      timeoutMs: 20_000,
      description: 'the republished record processed',
    });
    // A later marker record proves the consumer moved past the republish.
    await h.upsertCustomer(t, { customerId: 'loop-marker', displayName: 'Loop Marker' });
    await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'loop-marker');
    expect(h.eventsOf('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === qboId)).toHaveLength(1);
    expect(h.eventsOf('customer.synced', (d) => d.tenantId === t && d.platformId === 'loop-1')).toHaveLength(1);
    const marker = h.eventsOf('customer.synced', (d) => d.tenantId === t && d.platformId === 'loop-marker')[0];
    expect(marker?.data.action).toBe('created');
    expect(h.customerPosts(realm)).toBe(postsBefore + 1); // only the marker's create
  });
});

describe('conflicts, field by field', () => {
  async function conflictCase(rule: 'qbo_wins' | 'platform_wins' | 'newest_wins', platformNewer: boolean) {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'both' }, conflictRule: rule });
    await h.upsertCustomer(t, { customerId: 'cf-1', displayName: 'Conflict Co', email: 'a@cf.test', phone: '111', billingAddress: address });
    const created = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'cf-1');
    const qboId = String(created.data.qboId);
    // Concurrent edits: QBO changes phone and company; the platform changes phone and email.
    const cur = await h.qbo(realm).read('Customer', qboId);
    const qboEdit = await h.qbo(realm).update('Customer', { Id: qboId, SyncToken: cur.SyncToken, sparse: true, PrimaryPhone: { FreeFormNumber: '222-qbo' }, CompanyName: 'QBO Side Inc' }, { requestId: `cf-${rule}` });
    const updatedAt = new Date(new Date(String(qboEdit.MetaData?.LastUpdatedTime)).getTime() + (platformNewer ? 60_000 : -60_000)).toISOString();
    await h.upsertCustomer(t, { customerId: 'cf-1', displayName: 'Conflict Co', email: 'b@cf.test', phone: '333-platform', billingAddress: address, updatedAt });
    const conflict = await h.waitEvent('customer.conflict_resolved', (d) => d.tenantId === t && d.platformId === 'cf-1');
    await h.qboChanged(realm, qboEdit); // the QBO edit's own notification arrives late: already merged
    const final = await h.qbo(realm).read('Customer', qboId);
    return { t, qboId, conflict, final };
  }

  it('qbo_wins keeps QBO\'s value of the field both changed and tells the platform', async () => {
    const { t, qboId, conflict, final } = await conflictCase('qbo_wins', true);
    expect(conflict.data.fields).toEqual([expect.objectContaining({ field: 'phone', qbo: '222-qbo', platform: '333-platform', base: '111', winner: 'qbo' })]);
    expect(final).toMatchObject({ PrimaryPhone: { FreeFormNumber: '222-qbo' }, CompanyName: 'QBO Side Inc', PrimaryEmailAddr: { Address: 'b@cf.test' } });
    const told = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === qboId);
    expect(told.data.customer).toMatchObject({ phone: '222-qbo', companyName: 'QBO Side Inc', email: 'b@cf.test' });
  });

  it('platform_wins writes the platform\'s value and keeps QBO\'s one-sided change', async () => {
    const { conflict, final } = await conflictCase('platform_wins', false);
    expect(conflict.data).toMatchObject({ rule: 'platform_wins', platformVersion: expect.objectContaining({ phone: '333-platform' }), qboVersion: expect.objectContaining({ phone: '222-qbo' }) });
    expect(final).toMatchObject({ PrimaryPhone: { FreeFormNumber: '333-platform' }, CompanyName: 'QBO Side Inc', PrimaryEmailAddr: { Address: 'b@cf.test' } });
  });

  it('newest_wins lets the later edit win: the platform when it changed after QBO', async () => {
    const { conflict, final } = await conflictCase('newest_wins', true);
    expect(conflict.data.fields).toEqual([expect.objectContaining({ field: 'phone', winner: 'platform' })]);
    expect(final.PrimaryPhone?.FreeFormNumber).toBe('333-platform');
  });

  it('newest_wins lets the later edit win: QBO when it changed after the platform', async () => {
    const { conflict, final } = await conflictCase('newest_wins', false);
    expect(conflict.data.fields).toEqual([expect.objectContaining({ field: 'phone', winner: 'qbo' })]);
    expect(final.PrimaryPhone?.FreeFormNumber).toBe('222-qbo');
  });
});
