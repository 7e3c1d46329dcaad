import type { CloudEvent } from '@ledgerbus/contracts';
import { settingsState, syncEvents } from '@ledgerbus/contracts';
import { readMemoryTopic, waitFor } from '@ledgerbus/testing';
import type { Harness } from './harness';
import { seedReference, startHarness } from './harness';

const T = 'acme';
const REALM = '123146096291789';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token(T, 'admin', { sub: 'bob' });
  await h.connect(T, REALM);
  await seedReference(h, REALM);
});
afterAll(async () => {
  await h.close();
});

async function settingsDoc() {
  return (await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${T}/settings`, headers: { authorization: `Bearer ${admin}` } })).json();
}
async function putMappings(body: unknown) {
  const etag = String((await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${T}/settings`, headers: { authorization: `Bearer ${admin}` } })).headers.etag);
  return h.service.http.inject({ method: 'PUT', url: `/v1/tenants/${T}/mappings`, headers: { authorization: `Bearer ${admin}`, 'if-match': etag }, payload: body as object });
}
async function settingsRecords(): Promise<CloudEvent[]> {
  return (await h.events('mapping.settings.v1')).filter((e) => e.subject === T);
}

describe('reference data from qbo.changes.v1', () => {
  it('applies Create, Update, Delete and Merge, and ignores an older version', async () => {
    await h.qbo(REALM, 'Account', '50', { Name: 'Consulting', AccountType: 'Income', Active: true }, { operation: 'Create', syncToken: '0' });
    await h.qbo(REALM, 'Account', '50', { Name: 'Consulting Income', AccountType: 'Income', Active: true }, { operation: 'Update', syncToken: '2' });
    await h.qbo(REALM, 'Account', '50', { Name: 'Stale name', AccountType: 'Income', Active: true }, { operation: 'Update', syncToken: '1' });
    const list = async () =>
      (await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${T}/reference/accounts?type=Income`, headers: { authorization: `Bearer ${admin}` } })).json().items;
    expect((await list()).find((a: { id: string }) => a.id === '50').name).toBe('Consulting Income');

    await h.qbo(REALM, 'Account', '51', { Name: 'Old consulting', AccountType: 'Income', Active: true }, { operation: 'Create' });
    await h.qbo(REALM, 'Account', '50', { Name: 'Consulting Income', AccountType: 'Income', Active: true }, { operation: 'Merge', syncToken: '3', mergedFromId: '51' });
    expect((await list()).map((a: { id: string }) => a.id)).not.toContain('51');

    await h.qbo(REALM, 'Account', '50', undefined, { operation: 'Delete' });
    expect((await list()).map((a: { id: string }) => a.id)).not.toContain('50');
  });

  it('ignores entities that are not reference data', async () => {
    const event = await h.qbo(REALM, 'Invoice', '77', { DocNumber: '1001' }, { operation: 'Create' });
    expect(event.id).toBeDefined();
    const rows = await h.db.knex('reference_objects').where({ realm_id: REALM, entity: 'Invoice' });
    expect(rows).toHaveLength(0);
  });
});

describe('invalidation', () => {
  it('marks a mapping broken and publishes settings.invalidated when its account becomes inactive, then clears it', async () => {
    expect((await putMappings({ glCodes: { '4000': '4' }, defaults: { classId: '100' } })).statusCode).toBe(200);
    await h.qbo(REALM, 'Account', '4', { Name: 'Services', AccountType: 'Income', Active: false }, { operation: 'Update', syncToken: '1' });

    const doc = await settingsDoc();
    expect(doc.problems).toEqual([
      expect.objectContaining({ field: 'mappings.glCodes.4000', entity: 'Account', qboId: '4', reason: 'inactive' }),
    ]);
    const invalidated = await waitFor(async () => (await h.events('sync.events.v1')).find((e) => e.type === 'settings.invalidated'));
    expect(invalidated.data).toMatchObject({ tenantId: T, realmId: REALM, problems: [expect.objectContaining({ field: 'mappings.glCodes.4000', reason: 'inactive' })] });
    const published = await waitFor(async () => (await settingsRecords()).find((e) => (e.data as { settings: { problems: unknown[] } }).settings.problems.length === 1));
    expect(published).toBeDefined();

    await h.qbo(REALM, 'Class', '100', undefined, { operation: 'Delete' });
    expect((await settingsDoc()).problems.map((p: { field: string; reason: string }) => `${p.field}:${p.reason}`).sort()).toEqual([
      'mappings.defaults.classId:missing',
      'mappings.glCodes.4000:inactive',
    ]);

    await h.qbo(REALM, 'Account', '4', { Name: 'Services', AccountType: 'Income', Active: true }, { operation: 'Update', syncToken: '2' });
    await h.qbo(REALM, 'Class', '100', { Name: 'East', Active: true }, { operation: 'Update', syncToken: '5' });
    expect((await settingsDoc()).problems).toEqual([]);
  });
});

describe('mapping.settings.v1', () => {
  it('carries the complete settings after every change', async () => {
    expect((await putMappings({ paymentMethods: { cash: '1' }, glCodes: { '4000': '5' } })).statusCode).toBe(200);
    const doc = await settingsDoc();
    const record = await waitFor(async () => {
      const all = await settingsRecords();
      const last = all[all.length - 1];
      return last !== undefined && (last.data as { version: number }).version === doc.version ? last : undefined;
    });
    const parsed = settingsState.parse(record.data);
    expect(parsed.version).toBe(doc.version);
    expect(parsed.settings.mappings).toEqual(doc.mappings);
    expect(parsed.settings.settings).toEqual(doc.settings);
    expect(parsed.settings.realmId).toBe(REALM);
  });
});

describe('links from sync.links.v1', () => {
  it('keeps links the workers publish and removes them', async () => {
    await h.publishLink('link.created', { tenantId: T, realmId: REALM, entity: 'invoice', platformId: 'inv-1', qboId: '130' });
    const view = async () =>
      (await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${T}/links/invoice/inv-1`, headers: { authorization: `Bearer ${admin}` } })).json();
    expect(await view()).toMatchObject({ status: 'linked', label: 'linked to QBO #130', source: 'sync' });
    await h.publishLink('link.removed', { tenantId: T, realmId: REALM, entity: 'invoice', platformId: 'inv-1', qboId: '130' });
    expect((await view()).status).toBe('not_linked');
  });
});

describe('sync log from sync.events.v1', () => {
  it('stores every event type generically, once per event id', async () => {
    const event = await h.publishSyncEvent(T, 'connection.reauthorization_required', { realmId: REALM, at: new Date().toISOString(), reason: 'invalid_grant' });
    // Redelivery of the same event does not add a second line.
    await h.bus.publish(syncEvents, [{ key: T, event }]);
    const marker = await h.publishSyncEvent(T, 'connection.connected', { realmId: REALM, at: new Date().toISOString() });
    expect(marker.id).toBeDefined();
    const rows = await h.db.knex('sync_log').where({ event_id: event.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tenant_id: T, type: 'connection.reauthorization_required', entity: 'connection', reason: 'invalid_grant' });
  });

  it('sends a message that does not parse to the DLQ', async () => {
    await h.bus.publishRaw('sync.events.v1', [
      { key: T, value: Buffer.from('{"tenantId": 5}'), headers: { ce_specversion: '1.0', ce_id: 'bad-1', ce_source: 'test', ce_type: 'settings.invalidated', ce_time: new Date().toISOString(), 'content-type': 'application/json' } },
    ]);
    const dead = await readMemoryTopic(h.bus.broker, 'sync.events.v1.dlq', { count: 1 });
    expect(dead[0]?.key).toBe(T);
    expect(JSON.stringify(dead[0]?.headers)).toContain('contract_violation');
    expect(await h.db.knex('sync_log').where({ event_id: 'bad-1' })).toHaveLength(0);
  });
});
