/**
 * customer-sync under uncertain outcomes and races, end to end: real Kafka (renamed topics
 * per run), real PostgreSQL (fresh schema), the QBO sandbox with its fault and idempotency
 * knobs. Assertions read the sandbox's ledger and call counters, the service's tables and
 * the events it published on Kafka.
 */
import { encodeEvent } from '@ledgerbus/bus';
import { createEvent, dlqTopicName } from '@ledgerbus/contracts';
import type { Customer } from '@ledgerbus/qbo';
import { kafkaBrokersFromEnv, readTopic, waitFor } from '@ledgerbus/testing';
import type { Harness } from './harness';
import { nextVersion, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => {
  h.beforeUpdate = undefined;
});
afterAll(async () => {
  await h?.close();
});

let n = 0;
function tenant(): string {
  n += 1;
  return `tenant-r-${Date.now().toString(36)}-${n}`;
}
function qboCustomers(realm: string): Customer[] {
  return h.sandbox.admin.entities(realm, 'Customer') as unknown as Customer[];
}
function posts(realm: string, status: string): number {
  return h.sandbox.admin.calls(realm)['POST customer']?.[status] ?? 0;
}
const address = { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' };

describe('exactly once after an uncertain outcome', () => {
  it('ends with one QBO customer and one link per platform customer when writes commit and the answer is lost, and retries are not always deduplicated', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'to_qbo' } });
    h.sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { dropAfterCommitRate: 0.35 } } }, idempotency: { noDedupeShare: 0.5 } });
    try {
      const ids = Array.from({ length: 16 }, (_, i) => `eo-${i}`);
      for (const [i, id] of ids.entries()) {
        // Half carry an email, half only a name: the latter cannot be recognised by the 6240 "same customer" rule.
        await h.upsertCustomer(t, { customerId: id, displayName: `Exactly Once ${i}`, ...(i % 2 === 0 ? { email: `eo${i}@example.test` } : {}) });
      }
      await waitFor(() => ids.every((id) => h.eventsOf('customer.synced', (d) => d.tenantId === t && d.platformId === id).length > 0), {
        timeoutMs: 60_000,
        description: 'every customer synced',
      });
      expect(posts(realm, 'dropped')).toBeGreaterThan(0); // the fault did hit

      const ledger = qboCustomers(realm);
      expect(ledger.map((c) => c.DisplayName).sort()).toEqual(ids.map((_, i) => `Exactly Once ${i}`).sort());
      const rows = (await h.db.knex('customer_links').where({ tenant_id: t, status: 'active' })) as Array<{ platform_id: string; qbo_id: string }>;
      expect(rows.map((r) => r.platform_id).sort()).toEqual([...ids].sort());
      expect(new Set(rows.map((r) => r.qbo_id))).toEqual(new Set(ledger.map((c) => c.Id)));
      await waitFor(() => ids.every((id) => h.links.some((l) => l.data.tenantId === t && l.data.platformId === id)), { timeoutMs: 20_000, description: 'links published' });
      for (const id of ids) {
        expect(h.links.filter((l) => l.data.tenantId === t && l.data.platformId === id && l.type === 'link.created')).toHaveLength(1);
        expect(h.eventsOf('customer.synced', (d) => d.tenantId === t && d.platformId === id)).toHaveLength(1);
      }
    } finally {
      h.sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { dropAfterCommitRate: 0 } } }, idempotency: { noDedupeShare: 0 } });
    }
  });
});

describe('5010 during a push', () => {
  it.each(['qbo_wins', 'platform_wins'] as const)('re-reads, merges by %s and retries when QBO changes between the read and the write', async (rule) => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'to_qbo' }, conflictRule: rule });
    await h.upsertCustomer(t, { customerId: 's-1', displayName: 'Stale Co', email: 'a@stale.test', phone: '111', billingAddress: address });
    const created = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 's-1');
    const qboId = String(created.data.qboId);

    let competed = false;
    h.beforeUpdate = async (r, body) => {
      if (competed || r !== realm || body.Id !== qboId) return;
      competed = true;
      // Someone edits the customer in QBO after the service read it.
      const cur = await h.qbo(realm).read('Customer', qboId);
      await h.qbo(realm).update('Customer', { Id: qboId, SyncToken: cur.SyncToken, sparse: true, PrimaryPhone: { FreeFormNumber: '222-qbo' }, CompanyName: 'Competitor Inc' }, { requestId: `compete-${t}` });
    };
    const staleBefore = posts(realm, '400');
    await h.upsertCustomer(t, { customerId: 's-1', displayName: 'Stale Co', email: 'b@stale.test', phone: '333-platform', billingAddress: address });
    const synced = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 's-1' && d.action === 'updated');
    expect(competed).toBe(true);
    expect(posts(realm, '400')).toBe(staleBefore + 1); // one 5010, then the retry succeeded

    const conflict = await h.waitEvent('customer.conflict_resolved', (d) => d.tenantId === t && d.platformId === 's-1');
    expect(conflict.data.fields).toEqual([expect.objectContaining({ field: 'phone', base: '111', platform: '333-platform', qbo: '222-qbo', winner: rule === 'qbo_wins' ? 'qbo' : 'platform' })]);
    const final = await h.qbo(realm).read('Customer', qboId);
    expect(final).toMatchObject({
      PrimaryPhone: { FreeFormNumber: rule === 'qbo_wins' ? '222-qbo' : '333-platform' },
      CompanyName: 'Competitor Inc', // QBO's one-sided change survives
      PrimaryEmailAddr: { Address: 'b@stale.test' }, // the platform's one-sided change is written
    });
    expect(synced.data.syncToken).toBe(final.SyncToken);
    expect(qboCustomers(realm)).toHaveLength(1);
  });
});

describe('dead letters', () => {
  it('sends a platform customer that fails its schema to <topic>.dlq with the parse error, and later good messages still flow', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'to_qbo' } });
    const bad = encodeEvent(createEvent({ type: 'customer.upserted', source: 'test/platform', data: { tenantId: t, customerId: 'bad-1', version: 'seven' } }));
    await h.bus.publishRaw(h.topics.platformCustomers.name, [{ key: t, value: bad.value, headers: bad.headers }]);
    await h.upsertCustomer(t, { customerId: 'good-1', displayName: 'Good After Bad' });

    const synced = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'good-1');
    expect(synced.data.action).toBe('created');
    const dead = await readTopic(kafkaBrokersFromEnv(), dlqTopicName(h.topics.platformCustomers.name), { count: 1, timeoutMs: 30_000 });
    const letter = dead.find((m) => m.key === t);
    expect(letter?.headers).toMatchObject({ dlq_error_code: 'contract_violation', dlq_source_topic: h.topics.platformCustomers.name });
    expect(letter?.headers.dlq_error_message).toMatch(/displayName/);
    expect(letter?.headers.dlq_error_message).toMatch(/version/);
    expect(qboCustomers(realm).map((c) => c.DisplayName)).toEqual(['Good After Bad']);
  });
});

describe('QBO merges', () => {
  it('re-points the link to the surviving customer when the survivor was unlinked, and later pushes land on it', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'both' } });
    await h.upsertCustomer(t, { customerId: 'm-1', displayName: 'Merged Away', email: 'm@merge.test', billingAddress: address });
    const created = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'm-1');
    const fromId = String(created.data.qboId);
    const survivor = await h.qbo(realm).create('Customer', { DisplayName: 'Survivor', BillAddr: { Line1: '5 Pine', City: 'Austin', CountrySubDivisionCode: 'TX' } }, { requestId: `survivor-${t}` });

    const merged = h.sandbox.admin.mergeCustomers(realm, fromId, survivor.Id) as Record<string, unknown>;
    await h.qboChanged(realm, merged, { operation: 'Merge', mergedFromId: fromId });

    await waitFor(() => h.links.find((l) => l.data.tenantId === t && l.type === 'link.created' && l.data.platformId === 'm-1' && l.data.qboId === survivor.Id), { timeoutMs: 20_000, description: 'link re-pointed' });
    expect(h.links.find((l) => l.data.tenantId === t && l.type === 'link.removed' && l.data.platformId === 'm-1' && l.data.qboId === fromId)).toBeDefined();
    const row = (await h.db.knex('customer_links').where({ tenant_id: t, platform_id: 'm-1' }).first()) as { qbo_id: string; status: string };
    expect(row).toMatchObject({ qbo_id: survivor.Id, status: 'active' });
    const told = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.platformId === 'm-1' && d.qboId === survivor.Id);
    expect(told.data).toMatchObject({ operation: 'merged', customer: expect.objectContaining({ displayName: 'Survivor' }) });

    // The platform's next edit updates the survivor, not a new customer.
    const createsBefore = posts(realm, '200');
    await h.upsertCustomer(t, { customerId: 'm-1', displayName: 'Merged Away', email: 'm@merge.test', billingAddress: address, phone: '555-0123' });
    await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'm-1' && d.action === 'updated');
    expect((await h.qbo(realm).read('Customer', survivor.Id)).PrimaryPhone?.FreeFormNumber).toBe('555-0123');
    expect(qboCustomers(realm).filter((c) => c.Active !== false)).toHaveLength(1);
    expect(posts(realm, '200')).toBe(createsBefore + 1); // the sparse update only
  });
});

describe('conflict found on the QBO → platform path', () => {
  it.each(['qbo_wins', 'platform_wins'] as const)('merges the platform\'s unpushed change with the QBO change by %s, and the late push writes nothing', async (rule) => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'both' }, conflictRule: rule });
    await h.upsertCustomer(t, { customerId: 'q-1', displayName: 'Two Sided', email: 'a@two.test', phone: '111', billingAddress: address });
    const created = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'q-1');
    const qboId = String(created.data.qboId);

    // The connection needs reauthorization: the platform's edit waits, unpushed.
    await h.publish(h.topics.connectorConnections, t, 'connection.state', { tenantId: t, realmId: realm, companyName: 'Customer Sync Co', status: 'reauthorization_required', updatedAt: new Date().toISOString() });
    await waitFor(async () => (await h.db.knex('connections').where({ tenant_id: t, status: 'reauthorization_required' }).first()) !== undefined, { timeoutMs: 20_000 });
    await h.upsertCustomer(t, { customerId: 'q-1', displayName: 'Two Sided', email: 'b@two.test', phone: '333-platform', billingAddress: address });
    await waitFor(async () => (await h.db.knex('pending_records').where({ tenant_id: t, platform_id: 'q-1' }).first()) !== undefined, { timeoutMs: 20_000, description: 'the edit parked' });

    // Meanwhile QBO changed the same field (and another one); its notification arrives.
    const cur = await h.qbo(realm).read('Customer', qboId);
    const qboEdit = await h.qbo(realm).update('Customer', { Id: qboId, SyncToken: cur.SyncToken, sparse: true, PrimaryPhone: { FreeFormNumber: '222-qbo' }, CompanyName: 'QBO Side Inc' }, { requestId: `edit-${t}` });
    await h.qboChanged(realm, qboEdit);
    const conflict = await h.waitEvent('customer.conflict_resolved', (d) => d.tenantId === t && d.platformId === 'q-1');
    const winner = rule === 'qbo_wins' ? '222-qbo' : '333-platform';
    expect(conflict.data.fields).toEqual([expect.objectContaining({ field: 'phone', base: '111', platform: '333-platform', qbo: '222-qbo', winner: rule === 'qbo_wins' ? 'qbo' : 'platform' })]);
    const told = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === qboId);
    expect(told.data.customer).toMatchObject({ phone: winner, companyName: 'QBO Side Inc', email: 'b@two.test' });
    const merged = await h.qbo(realm).read('Customer', qboId);
    expect(merged).toMatchObject({ PrimaryPhone: { FreeFormNumber: winner }, CompanyName: 'QBO Side Inc', PrimaryEmailAddr: { Address: 'b@two.test' } });

    // Reconnected: the parked edit is replayed and, already merged, writes nothing.
    const writesBefore = posts(realm, '200');
    await h.publish(h.topics.connectorConnections, t, 'connection.state', { tenantId: t, realmId: realm, companyName: 'Customer Sync Co', status: 'connected', updatedAt: new Date().toISOString() });
    await waitFor(async () => (await h.db.knex('pending_records').where({ tenant_id: t }).first()) === undefined, { timeoutMs: 20_000, description: 'the parked edit replayed' });
    const state = (await h.db.knex('push_state').where({ tenant_id: t, platform_id: 'q-1' }).first()) as { status: string };
    expect(state.status).toBe('done');
    expect(posts(realm, '200')).toBe(writesBefore);
    expect(await h.qbo(realm).read('Customer', qboId)).toMatchObject({ SyncToken: merged.SyncToken, PrimaryPhone: { FreeFormNumber: winner } });
    expect(h.eventsOf('customer.conflict_resolved', (d) => d.tenantId === t)).toHaveLength(1);
  });
});

describe('sub-customers after onboarding', () => {
  it('a new QBO sub-customer arrives as a client, not a site, even with sites-on-onboarding on', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'from_qbo' }, customerRules: { subCustomersAsSitesOnOnboarding: true, useClientAddressForSites: true } });
    const client = h.qbo(realm);
    const parent = await client.create('Customer', { DisplayName: 'Parent Co', BillAddr: { Line1: '1 Oak', City: 'Dallas', CountrySubDivisionCode: 'TX', Country: 'US' } }, { requestId: `p-${t}` });
    await h.qboChanged(realm, parent, { operation: 'Create' });
    await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === parent.Id);
    const sub = await client.create(
      'Customer',
      { DisplayName: 'Parent Co Job', ParentRef: { value: parent.Id }, Job: true, BillWithParent: true, BillAddr: { Line1: '7 Job Site', City: 'Waco', CountrySubDivisionCode: 'NM' } },
      { requestId: `s-${t}` },
    );
    expect(sub.ParentRef?.value).toBe(parent.Id);
    await h.qboChanged(realm, sub, { operation: 'Create' });
    const arrived = await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === sub.Id);
    expect(arrived.data).toMatchObject({ operation: 'created', platformId: `qbo-${realm}-${sub.Id}` });
    const record = arrived.data.customer as Record<string, unknown>;
    expect(record).not.toHaveProperty('parentCustomerId');
    expect(record).toMatchObject({ displayName: 'Parent Co Job', billingAddress: { state: 'NM', city: 'Waco' } }); // its own state, not the parent's
    await waitFor(() => h.links.find((l) => l.data.tenantId === t && l.type === 'link.created' && l.data.qboId === sub.Id), { timeoutMs: 20_000 });
  });
});

describe('records for a tenant that is not connected yet', () => {
  it('parks them and pushes them when the connection arrives, instead of dead-lettering', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.publish(h.topics.mappingSettings, t, 'settings.state', { tenantId: t, version: 1, settings: { settings: { entities: { customers: 'to_qbo' } }, mappings: {}, realmId: realm, problems: [] }, updatedAt: new Date().toISOString() });
    await waitFor(async () => (await h.db.knex('tenant_settings').where({ tenant_id: t }).first()) !== undefined, { timeoutMs: 20_000 });
    await h.upsertCustomer(t, { customerId: 'early-1', displayName: 'Early Bird', email: 'early@bird.test' });
    const v2 = nextVersion();
    await h.publish(h.topics.platformCustomers, t, 'customer.upserted', { tenantId: t, customerId: 'early-1', version: v2, displayName: 'Early Bird', email: 'early@bird.test', phone: '555-0777' });
    await h.upsertCustomer(t, { customerId: 'early-site', displayName: 'Early Site', parentCustomerId: 'early-1', billingAddress: address });
    await waitFor(async () => ((await h.db.knex('pending_records').where({ tenant_id: t })) as unknown[]).length === 2, { timeoutMs: 20_000, description: 'two records parked' });
    const parked = (await h.db.knex('pending_records').where({ tenant_id: t, platform_id: 'early-1' }).first()) as { version: number };
    expect(parked.version).toBe(v2); // the latest version only
    expect(qboCustomers(realm)).toHaveLength(0);

    await h.publish(h.topics.connectorConnections, t, 'connection.state', { tenantId: t, realmId: realm, companyName: 'Customer Sync Co', status: 'connected', updatedAt: new Date().toISOString() });
    const client = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'early-1');
    const site = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'early-site');
    expect(client.data).toMatchObject({ action: 'created', version: v2 });
    const ledger = qboCustomers(realm);
    expect(ledger).toHaveLength(2);
    expect(ledger.find((c) => c.Id === client.data.qboId)).toMatchObject({ DisplayName: 'Early Bird', PrimaryPhone: { FreeFormNumber: '555-0777' } });
    expect(ledger.find((c) => c.Id === site.data.qboId)).toMatchObject({ Job: true, ParentRef: { value: client.data.qboId } });
    await waitFor(async () => (await h.db.knex('pending_records').where({ tenant_id: t }).first()) === undefined, { timeoutMs: 20_000, description: 'nothing left parked' });
  });
});

describe('records that arrive before the tenant\'s settings', () => {
  /** A connected tenant without settings, and one platform customer of it, parked. */
  async function parkedBeforeSettings(record: { customerId: string; displayName: string; email: string }): Promise<{ t: string; realm: string }> {
    const t = tenant();
    const realm = h.newRealm();
    await h.publish(h.topics.connectorConnections, t, 'connection.state', { tenantId: t, realmId: realm, companyName: 'Customer Sync Co', status: 'connected', updatedAt: new Date().toISOString() });
    await waitFor(async () => (await h.db.knex('connections').where({ tenant_id: t, status: 'connected' }).first()) !== undefined, { timeoutMs: 20_000, description: 'tenant connected' });
    await h.upsertCustomer(t, record);
    await waitFor(async () => (await h.db.knex('pending_records').where({ tenant_id: t, platform_id: record.customerId }).first()) !== undefined, { timeoutMs: 20_000, description: 'the record parked' });
    return { t, realm };
  }
  function publishSettings(t: string, realm: string, settings: Record<string, unknown>) {
    return h.publish(h.topics.mappingSettings, t, 'settings.state', { tenantId: t, version: 1, settings: { settings, mappings: {}, realmId: realm, problems: [] }, updatedAt: new Date().toISOString() });
  }

  it('parks them while the tenant is connected without settings and pushes them when the settings arrive', async () => {
    const { t, realm } = await parkedBeforeSettings({ customerId: 'unset-1', displayName: 'Before Settings', email: 'before@settings.test' });
    expect(qboCustomers(realm)).toHaveLength(0);

    await publishSettings(t, realm, { entities: { customers: 'both' } });
    const synced = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === 'unset-1');
    expect(synced.data).toMatchObject({ action: 'created', direction: 'to_qbo' });
    expect(qboCustomers(realm).map((c) => c.DisplayName)).toEqual(['Before Settings']);
    await waitFor(async () => (await h.db.knex('pending_records').where({ tenant_id: t }).first()) === undefined, { timeoutMs: 20_000, description: 'nothing left parked' });
  });

  it('writes nothing to QBO when the settings that arrive say customers only come from QBO', async () => {
    const { t, realm } = await parkedBeforeSettings({ customerId: 'unset-2', displayName: 'Platform Only', email: 'only@platform.test' });
    await publishSettings(t, realm, { entities: { customers: 'from_qbo' } });
    await waitFor(async () => (await h.db.knex('pending_records').where({ tenant_id: t }).first()) === undefined, { timeoutMs: 20_000, description: 'the parked record replayed' });
    expect(qboCustomers(realm)).toHaveLength(0);
    expect(posts(realm, '200')).toBe(0);
    expect(h.eventsOf('customer.synced', (d) => d.tenantId === t)).toHaveLength(0);
    expect(await h.db.knex('directory').where({ tenant_id: t, platform_id: 'unset-2' }).first()).toMatchObject({ name: 'Platform Only' });
  });
});

describe('redelivered QBO changes', () => {
  it('publishes one customer.sync_failed when the same failing change is delivered twice, and one more for a later failing version', async () => {
    const t = tenant();
    const realm = h.newRealm();
    await h.setup(t, realm, { entities: { customers: 'from_qbo' } });
    const client = h.qbo(realm);
    const stateless = await client.create('Customer', { DisplayName: 'No State Co', BillAddr: { Line1: '9 Elm' } }, { requestId: `ns-${t}` });
    // Kafka redelivery after a crash before the commit: the identical CloudEvent (same id) twice.
    const change = await h.qboChanged(realm, stateless, { operation: 'Create' });
    await h.bus.publish(h.topics.qboChanges, [{ key: realm, event: change }]);
    // A later change of the same realm (same partition, same outbox order) marks that both were handled.
    const marker = await client.create('Customer', { DisplayName: 'Marker Co', BillAddr: { Line1: '1 Oak', City: 'Dallas', CountrySubDivisionCode: 'TX', Country: 'US' } }, { requestId: `mk-${t}` });
    await h.qboChanged(realm, marker, { operation: 'Create' });
    await h.waitEvent('customer.changed_in_qbo', (d) => d.tenantId === t && d.qboId === marker.Id);
    const failed = h.eventsOf('customer.sync_failed', (d) => d.tenantId === t);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.data).toMatchObject({ qboId: stateless.Id, code: 'customer_state_unknown', direction: 'from_qbo' });

    // A new version of the customer, still without a state, fails on its own.
    const edited = await client.update('Customer', { Id: stateless.Id, SyncToken: stateless.SyncToken, sparse: true, CompanyName: 'Still No State' }, { requestId: `ns2-${t}` });
    await h.qboChanged(realm, edited);
    await waitFor(() => h.eventsOf('customer.sync_failed', (d) => d.tenantId === t).length === 2, { timeoutMs: 20_000, description: 'the second version failed' });
  });
});
