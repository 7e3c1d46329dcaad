/**
 * An admin's manual links and unlinks (published by mapping on `sync.links.v1`), end to end:
 * real Kafka (renamed topics per run), real PostgreSQL (fresh schema), the QBO sandbox.
 */
import type { Customer } from '@ledgerbus/qbo';
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
  return `tenant-ln-${Date.now().toString(36)}-${n}`;
}
function qboCustomers(realm: string): Customer[] {
  return h.sandbox.admin.entities(realm, 'Customer') as unknown as Customer[];
}

/** What mapping publishes when an admin links or unlinks a customer by hand. */
async function manual(type: 'link.created' | 'link.removed', t: string, realm: string, platformId: string, qboId: string): Promise<void> {
  await h.publish(h.topics.syncLinks, t, type, { tenantId: t, realmId: realm, entity: 'customer', platformId, qboId, at: new Date().toISOString() });
}
async function activeLink(t: string, platformId: string): Promise<{ qbo_id: string } | undefined> {
  return (await h.db.knex('customer_links').where({ tenant_id: t, platform_id: platformId, status: 'active' }).first()) as { qbo_id: string } | undefined;
}

describe('a customer linked by hand in mapping', () => {
  it('is updated in the QBO customer it was linked to, not created again nor renamed "(2)"', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'to_qbo' } });
    // The customer exists in QBO already (entered there by hand), with another email.
    const existing = await h.qbo(realm).create('Customer', { DisplayName: 'Hand Linked Co', PrimaryEmailAddr: { Address: 'old@hand.test' } }, { requestId: `hl-${t}` });
    await manual('link.created', t, realm, 'hl-1', existing.Id);
    const linked = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'hl-1' && d.action === 'linked', 'the manual link applied');
    expect(linked.data).toMatchObject({ qboId: existing.Id });

    const postsBefore = h.customerPosts(realm);
    await h.upsertCustomer(t, { customerId: 'hl-1', displayName: 'Hand Linked Co', email: 'new@hand.test', phone: '555-0101' });
    const synced = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'hl-1' && d.action !== 'linked');
    expect(synced.data).toMatchObject({ direction: 'to_qbo', action: 'updated', qboId: existing.Id });
    expect(qboCustomers(realm)).toHaveLength(1);
    expect(await h.qbo(realm).read('Customer', existing.Id)).toMatchObject({ DisplayName: 'Hand Linked Co', PrimaryEmailAddr: { Address: 'new@hand.test' }, PrimaryPhone: { FreeFormNumber: '555-0101' } });
    expect(h.customerPosts(realm)).toBe(postsBefore + 1); // one sparse update, no create
  });

  it('pushes the platform record it already had to the QBO customer it is now linked to, at once', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'both' } });
    // The customer was in QBO already (another email): the platform's push made "(2)" before the admin linked them.
    const original = await h.qbo(realm).create('Customer', { DisplayName: 'Twice Entered', PrimaryEmailAddr: { Address: 'old@twice.test' } }, { requestId: `oe-${t}` });
    await h.upsertCustomer(t, { customerId: 'dup-1', displayName: 'Twice Entered', email: 'new@twice.test' });
    const first = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'dup-1');
    expect(first.data).toMatchObject({ action: 'created', qboDisplayName: 'Twice Entered (2)' });

    await manual('link.created', t, realm, 'dup-1', original.Id);
    const updated = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'dup-1' && d.qboId === original.Id && d.action === 'updated', 'the record pushed to the linked customer');
    expect(updated.data.direction).toBe('to_qbo');
    expect(await h.qbo(realm).read('Customer', original.Id)).toMatchObject({ DisplayName: 'Twice Entered', PrimaryEmailAddr: { Address: 'new@twice.test' } });
    expect((await activeLink(t, 'dup-1'))?.qbo_id).toBe(original.Id);
  });
  it('reports a link to a QBO customer that does not exist, and its retry tries the link again instead of creating the customer', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'to_qbo' } });
    await h.publish(h.topics.connectorConnections, t, 'connection.state', { tenantId: t, realmId: realm, companyName: 'Customer Sync Co', status: 'reauthorization_required', updatedAt: new Date().toISOString() });
    await waitFor(async () => (await h.db.knex('connections').where({ tenant_id: t, status: 'reauthorization_required' }).first()) !== undefined, { timeoutMs: 20_000 });
    await h.upsertCustomer(t, { customerId: 'ghost-1', displayName: 'Ghost Link Co' });
    await waitFor(async () => (await h.db.knex('pending_records').where({ tenant_id: t, platform_id: 'ghost-1' }).first()) !== undefined, { timeoutMs: 20_000, description: 'parked' });
    // The admin links it to a QBO id that is not in the company; then the tenant is connected again.
    await manual('link.created', t, realm, 'ghost-1', '99999');
    await h.publish(h.topics.connectorConnections, t, 'connection.state', { tenantId: t, realmId: realm, companyName: 'Customer Sync Co', status: 'connected', updatedAt: new Date().toISOString() });
    const failed = await h.waitEvent('customer.sync_failed', (d) => d.tenantId === t && d.platformId === 'ghost-1' && d.qboId === '99999');
    expect(failed.data).toMatchObject({ code: 'qbo_not_found', retriable: false });
    await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'ghost-1', 'the parked record pushed when connected');
    const posts = h.customerPosts(realm);

    await h.publish(h.topics.syncEvents, t, 'sync.retry_requested', { tenantId: t, entryId: 'e-ghost', failedEventId: failed.id, failedType: failed.type, entity: 'customer', platformId: 'ghost-1', qboId: '99999', requestedBy: `admin@${t}`, at: new Date().toISOString() });
    await waitFor(() => h.eventsOf('customer.sync_failed', (d) => d.tenantId === t && d.platformId === 'ghost-1').length === 2, { timeoutMs: 20_000, description: 'the link tried again (and failed again)' });
    expect(h.customerPosts(realm)).toBe(posts);
  });
});

describe('a customer un-linked by hand in mapping', () => {
  it('stops syncing both ways until it is linked again, then the latest platform version goes to QBO', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'both' } });
    await h.upsertCustomer(t, { customerId: 'ul-1', displayName: 'Unlinked Co', email: 'a@unlinked.test' });
    const created = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'ul-1');
    const qboId = String(created.data.qboId);

    await manual('link.removed', t, realm, 'ul-1', qboId);
    await waitFor(async () => (await activeLink(t, 'ul-1')) === undefined, { timeoutMs: 20_000, description: 'the link retired' });

    // Platform → QBO: a new version is not pushed (no create, no update) …
    const postsBefore = h.customerPosts(realm);
    const v = nextVersion();
    await h.publish(h.topics.platformCustomers, t, 'customer.upserted', { tenantId: t, customerId: 'ul-1', version: v, displayName: 'Unlinked Co', email: 'b@unlinked.test' });
    // … QBO → platform: a change of its QBO customer is not applied (nor turned into a new platform customer).
    const cur = await h.qbo(realm).read('Customer', qboId);
    const edited = await h.qbo(realm).update('Customer', { Id: qboId, SyncToken: cur.SyncToken, sparse: true, CompanyName: 'Edited In QBO' }, { requestId: `ul-edit-${t}` });
    await h.qboChanged(realm, edited);
    // Markers after both (same tenant / same realm partitions, handled in order).
    await h.upsertCustomer(t, { customerId: 'marker-p', displayName: 'Platform Marker' });
    const marker = await h.qbo(realm).create('Customer', { DisplayName: 'QBO Marker', BillAddr: { Line1: '1 A', City: 'B', CountrySubDivisionCode: 'CA' } }, { requestId: `mk-${t}` });
    await h.qboChanged(realm, marker, { operation: 'Create' });
    await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'marker-p');
    await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === marker.Id);
    expect(h.customerPosts(realm)).toBe(postsBefore + 3); // the test's own update, the marker create in QBO, the platform marker
    expect(h.eventsOf('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === qboId)).toHaveLength(0);
    expect(h.eventsOf('customer.synced', (d) => d.tenantId === t && d.platformId === 'ul-1')).toHaveLength(1);
    expect(qboCustomers(realm).filter((c) => String(c.DisplayName).startsWith('Unlinked Co'))).toHaveLength(1);

    // Linked again: syncing resumes with the latest platform version.
    await manual('link.created', t, realm, 'ul-1', qboId);
    await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'ul-1' && d.action === 'updated' && d.version === v, 'the latest version pushed after the re-link');
    expect(await h.qbo(realm).read('Customer', qboId)).toMatchObject({ PrimaryEmailAddr: { Address: 'b@unlinked.test' }, CompanyName: 'Edited In QBO' });
  });

  it('is not confused with its own link.removed coming back: a customer whose QBO side was deleted is created again by its next version', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'both' } });
    await h.upsertCustomer(t, { customerId: 'own-1', displayName: 'Own Links Co' });
    const created = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'own-1');
    await h.publish(h.topics.qboChanges, realm, 'qbo.entity_changed', { realmId: realm, entity: 'Customer', entityId: String(created.data.qboId), operation: 'Delete', source: 'webhook', lastUpdated: new Date().toISOString() });
    // customer-sync retires the link and publishes link.removed itself; that event comes back on sync.links.
    await waitFor(() => h.links.find((l) => l.data.tenantId === t && l.type === 'link.removed' && l.data.platformId === 'own-1'), { timeoutMs: 20_000, description: 'own link.removed published' });
    await h.upsertCustomer(t, { customerId: 'own-2', displayName: 'Own Links Marker' });
    await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'own-2');
    await h.upsertCustomer(t, { customerId: 'own-1', displayName: 'Own Links Co Again' });
    const again = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'own-1' && d.qboId !== created.data.qboId, 'the customer created again');
    expect(again.data.action).toBe('created');
  });
});
