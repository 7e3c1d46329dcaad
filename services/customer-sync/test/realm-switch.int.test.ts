/**
 * Issue 12 §1 for customers: links and push state are scoped by realm. After a tenant (or a
 * division) leaves company A for company B, a customer first pushed to A is treated as never pushed
 * to B: looked up there and created when absent, never written with A's QBO Id (ids are small
 * per-company integers, so A's Id names an unrelated customer in B). Real Kafka, PostgreSQL and the
 * sandbox; assertions read both sandbox companies.
 */
import type { Customer } from '@ledgerbus/qbo';
import { syncSettingsSchema } from '@ledgerbus/contracts';
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

function qboCustomers(realm: string): Customer[] {
  return h.sandbox.admin.entities(realm, 'Customer') as unknown as Customer[];
}
const address = { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' };

/** Moves a scope's connection and settings to another company, as the connector and mapping do after "Clear Connection" and a new connect. */
async function moveTo(t: string, division: string | undefined, realmId: string, version: number): Promise<void> {
  const key = division === undefined ? t : `${t}/${division}`;
  const ids = division === undefined ? { tenantId: t } : { tenantId: t, divisionId: division };
  const at = new Date().toISOString();
  await h.publish(h.topics.connectorConnections, key, 'connection.state', { ...ids, realmId, companyName: 'Company B', status: 'connected', updatedAt: at });
  const settings = syncSettingsSchema.parse({ entities: { customers: 'to_qbo' } });
  await h.publish(h.topics.mappingSettings, key, 'settings.state', { ...ids, version, settings: { settings, mappings: {}, realmId, problems: [] }, updatedAt: at });
  await waitFor(
    async () => {
      const c = (await h.db.knex('connections').where({ tenant_id: key }).first()) as { realm_id: string } | undefined;
      const s = (await h.db.knex('tenant_settings').where({ tenant_id: key }).first()) as { version: number } | undefined;
      return c?.realm_id === realmId && s?.version === version;
    },
    { timeoutMs: 30_000, description: `${key} connected to ${realmId}` },
  );
}

describe.each([
  ['a tenant', undefined],
  ['a division', 'east'],
])('%s that moves from company A to company B', (_label, division) => {
  it('pushes new versions of customers first pushed to A into B once, leaving B’s own customers and A untouched', async () => {
    const t = `tenant-realm-${Date.now().toString(36)}-${division ?? 'own'}`;
    const scope = division === undefined ? t : `${t}/${division}`;
    const ids = division === undefined ? { tenantId: t } : { tenantId: t, divisionId: division };
    const realmA = h.newRealm({ companyName: 'Company A' });
    const realmB = h.newRealm({ companyName: 'Company B' });
    await moveTo(t, division, realmA, 1);

    const customers = [
      { customerId: 'client-1', displayName: 'Alder Supply', email: 'ap@alder.test', billingAddress: address },
      { customerId: 'client-2', displayName: 'Birch Works', email: 'ap@birch.test', billingAddress: address },
      { customerId: 'site-1', displayName: 'Alder Yard', parentCustomerId: 'client-1', billingAddress: { line1: '9 Dock Rd', city: 'Springfield' } },
    ];
    let version = 1;
    const publish = async (record: Record<string, unknown>) => h.publish(h.topics.platformCustomers, t, 'customer.upserted', { ...ids, version, ...record });
    for (const c of customers) await publish(c);
    const inA = new Map<string, string>();
    for (const c of customers) {
      const synced = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === c.customerId && d.realmId === realmA, `${c.customerId} in A`);
      inA.set(c.customerId, String(synced.data.qboId));
    }
    const aBefore = JSON.stringify(qboCustomers(realmA));

    // Company B has customers of its own, enough that A's Ids name some of them.
    const maxA = Math.max(...[...inA.values()].map(Number));
    const clientB = h.qbo(realmB);
    for (let i = 1; qboCustomers(realmB).length === 0 || Math.max(...qboCustomers(realmB).map((c) => Number(c.Id))) < maxA; i++) {
      await clientB.create('Customer', { DisplayName: `B Native ${i}`, PrimaryEmailAddr: { Address: `native${i}@b.test` } }, { requestId: `native-${realmB}-${i}` });
    }
    const bOwn = qboCustomers(realmB).map((c) => ({ Id: c.Id, DisplayName: c.DisplayName, SyncToken: c.SyncToken, email: c.PrimaryEmailAddr?.Address, parent: c.ParentRef?.value }));
    for (const id of inA.values()) expect(bOwn.map((c) => c.Id)).toContain(id); // the overlap this test is about

    await moveTo(t, division, realmB, 2);
    version = 2;
    for (const c of customers) await publish({ ...c, phone: '555-0102' });
    const inB = new Map<string, string>();
    for (const c of customers) {
      const synced = await h.waitEvent('customer.synced', (d) => d.tenantId === t && d.platformId === c.customerId && d.realmId === realmB && d.version === 2, `${c.customerId} in B`);
      expect(synced.data.action).toBe('created');
      inB.set(c.customerId, String(synced.data.qboId));
    }

    // B's own customers are as they were; A is untouched.
    for (const own of bOwn) {
      const now = qboCustomers(realmB).find((c) => c.Id === own.Id);
      expect({ Id: now?.Id, DisplayName: now?.DisplayName, SyncToken: now?.SyncToken, email: now?.PrimaryEmailAddr?.Address, parent: now?.ParentRef?.value }).toEqual(own);
    }
    expect(JSON.stringify(qboCustomers(realmA))).toBe(aBefore);
    // Each platform customer is in B once, with the new version, the site under its client's B customer.
    for (const c of customers) {
      const named = qboCustomers(realmB).filter((q) => q.DisplayName === c.displayName);
      expect(named).toHaveLength(1);
      expect(named[0]?.Id).toBe(inB.get(c.customerId));
      expect(named[0]?.PrimaryPhone?.FreeFormNumber).toBe('555-0102');
    }
    expect(qboCustomers(realmB).find((q) => q.Id === inB.get('site-1'))?.ParentRef?.value).toBe(inB.get('client-1'));
    expect(qboCustomers(realmB)).toHaveLength(bOwn.length + customers.length);
    // The links now name B's customers.
    const links = (await h.db.knex('customer_links').where({ tenant_id: scope, status: 'active' })) as Array<{ platform_id: string; realm_id: string; qbo_id: string }>;
    expect(Object.fromEntries(links.map((l) => [l.platform_id, `${l.realm_id}:${l.qbo_id}`]))).toEqual(Object.fromEntries(customers.map((c) => [c.customerId, `${realmB}:${inB.get(c.customerId)}`])));
    // No failure was reported on the way.
    expect(h.eventsOf('customer.sync_failed', (d) => d.tenantId === t)).toEqual([]);
  });
});
