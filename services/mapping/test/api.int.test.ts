import { syncLogRepository } from '../src/db/sync-log.repository';
import { syncLogLine } from '../src/domain/sync-log';
import { waitFor } from '@ledgerbus/testing';
import type { Harness } from './harness';
import { seedReference, startHarness } from './harness';

const T = 't1';
const REALM = '9130350000000001';

let h: Harness;
let admin: string;
let viewer: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token(T, 'admin', { sub: 'alice' });
  viewer = await h.token(T, 'viewer');
  await h.connect(T, REALM);
  await seedReference(h, REALM);
});
afterAll(async () => {
  await h.close();
});

async function get(url: string, token = admin) {
  return h.service.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}
async function put(url: string, body: unknown, etag: string | undefined, token = admin) {
  return h.service.http.inject({
    method: 'PUT',
    url,
    headers: { authorization: `Bearer ${token}`, ...(etag === undefined ? {} : { 'if-match': etag }) },
    payload: body as object,
  });
}
async function currentEtag(path = 'settings'): Promise<string> {
  const res = await get(`/v1/tenants/${T}/${path}`);
  return String(res.headers.etag);
}

describe('settings', () => {
  it('returns the defaults with version 1 and an ETag before anything is saved', async () => {
    const res = await get(`/v1/tenants/t-fresh/settings`, await h.token('t-fresh', 'viewer'));
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    const body = res.json();
    expect(body.settings.entities).toEqual({ customers: 'to_qbo', items: 'to_qbo', employees: 'off' });
    expect(body.settings.documentPrefixes.invoices.enabled).toBe(true);
    expect(body.settings.conflictRule).toBe('newest_wins');
    expect(body.connection).toBeNull();
  });

  it('saves valid settings, bumps the version and names the connected company', async () => {
    const etag = await currentEtag();
    const res = await put(
      `/v1/tenants/${T}/settings`,
      {
        entities: { customers: 'both', items: 'to_qbo', employees: 'from_qbo' },
        invoices: { enabled: true },
        payments: { enabled: true },
        accounts: { accountsReceivable: '3', income: '4', expense: '7', deposit: '2' },
        documentPrefixes: { invoices: { enabled: true, prefix: 'FS-' }, payments: { enabled: false }, platformNumberMaxLength: 10 },
        filters: { syncDataAfter: '2024-01-01', marketSegment: 'Residential' },
        customerRules: { useDefaultState: true, defaultState: 'CA', defaultCountry: 'US', useClientAddressForSites: true },
        conflictRule: 'qbo_wins',
      },
      etag,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(res.headers.etag).toBe(`"${body.version}"`);
    expect(body.version).toBe(Number(JSON.parse(etag)) + 1);
    expect(body.settings.accounts.income).toBe('4');
    expect(body.settings.customerRules.subCustomersAsSitesOnOnboarding).toBe(true);
    expect(body.connection).toEqual({ realmId: REALM, companyName: `Company ${REALM}`, status: 'connected' });
    expect(body.updatedBy).toBe('alice');
    expect(body.problems).toEqual([]);
  });

  it('answers 428 without If-Match and 412 with a stale ETag', async () => {
    const etag = await currentEtag();
    const missing = await put(`/v1/tenants/${T}/settings`, {}, undefined);
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error.code).toBe('if_match_required');

    const first = await put(`/v1/tenants/${T}/settings`, { conflictRule: 'platform_wins' }, etag);
    expect(first.statusCode).toBe(200);
    const second = await put(`/v1/tenants/${T}/settings`, { conflictRule: 'qbo_wins' }, etag);
    expect(second.statusCode).toBe(412);
    expect(second.json().error.code).toBe('version_conflict');
    expect(second.json().error.details.currentEtag).toBe(first.headers.etag);
  });

  it('rejects an unknown direction with a 400 naming the field', async () => {
    const res = await put(`/v1/tenants/${T}/settings`, { entities: { customers: 'sideways' } }, await currentEtag());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('entities.customers');
  });

  it('refuses payments without invoices with a 422 that says so', async () => {
    const res = await put(`/v1/tenants/${T}/settings`, { invoices: { enabled: false }, payments: { enabled: true } }, await currentEtag());
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('payments_require_invoices');
    expect(res.json().error.details.violations[0].field).toBe('payments.enabled');
  });

  it("refuses a prefix that cannot fit QBO's 21-character DocNumber with the declared number length", async () => {
    const res = await put(
      `/v1/tenants/${T}/settings`,
      { documentPrefixes: { invoices: { prefix: 'LONGPREFIX-' }, platformNumberMaxLength: 12 } },
      await currentEtag(),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('document_prefix_too_long');
    expect(res.json().error.details.violations[0].field).toBe('documentPrefixes.invoices.prefix');
  });

  it('refuses "use default state" without a state', async () => {
    const res = await put(`/v1/tenants/${T}/settings`, { customerRules: { useDefaultState: true, defaultCountry: 'US' } }, await currentEtag());
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('default_state_required');
  });

  it('refuses an Expense account as the income account with a 422 naming field, object and reason', async () => {
    const res = await put(`/v1/tenants/${T}/settings`, { accounts: { income: '6' } }, await currentEtag());
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('invalid_reference');
    expect(error.details.violations[0]).toMatchObject({ field: 'accounts.income', entity: 'Account', qboId: '6', reason: 'wrong_type' });
    expect(error.message).toContain('Office Expenses');
    expect(error.message).toContain('Income');
  });

  it('refuses a deposit account that does not exist', async () => {
    const res = await put(`/v1/tenants/${T}/settings`, { accounts: { deposit: '999' } }, await currentEtag());
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.violations[0]).toMatchObject({ field: 'accounts.deposit', qboId: '999', reason: 'missing' });
  });
});

describe('mappings', () => {
  it('saves payment-method, GL-code and product-type mappings and defaults checked against the company', async () => {
    const res = await put(
      `/v1/tenants/${T}/mappings`,
      {
        paymentMethods: { cash: '1', visa: '2' },
        glCodes: { '4000': '4', '4100': '5' },
        productTypes: { labor: { itemType: 'Service', itemId: '10' }, parts: { itemType: 'Inventory' } },
        defaults: { oneTimeItemId: '10', recurringItemId: '10', platformProductId: 'misc', taxCodeId: 'TAX', classId: '100', billProfileId: 'standard' },
      },
      await currentEtag('mappings'),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.mappings.glCodes).toEqual({ '4000': '4', '4100': '5' });
    expect(body.mappings.productTypes.parts).toEqual({ itemType: 'Inventory', itemId: null });
    expect((await get(`/v1/tenants/${T}/mappings`)).json().mappings.defaults.taxCodeId).toBe('TAX');
  });

  it('refuses a GL code mapped to an Expense account, an item of the wrong type and an unknown payment method', async () => {
    const res = await put(
      `/v1/tenants/${T}/mappings`,
      { glCodes: { '6000': '6' }, productTypes: { labor: { itemType: 'NonInventory', itemId: '10' } }, paymentMethods: { check: '77' } },
      await currentEtag('mappings'),
    );
    expect(res.statusCode).toBe(422);
    const fields = res.json().error.details.violations.map((v: { field: string; reason: string }) => `${v.field}:${v.reason}`);
    expect(fields).toEqual(expect.arrayContaining(['glCodes.6000:wrong_type', 'productTypes.labor.itemId:wrong_type', 'paymentMethods.check:missing']));
  });

  it('rejects a mapping body with an unknown key with a 400 naming it', async () => {
    const res = await put(`/v1/tenants/${T}/mappings`, { glCode: {} }, await currentEtag('mappings'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('answers 412 for a stale ETag on mappings', async () => {
    const res = await put(`/v1/tenants/${T}/mappings`, {}, '"1"');
    expect(res.statusCode).toBe(412);
    expect(res.json().error.code).toBe('version_conflict');
  });

  it('refuses QBO references before a company is connected', async () => {
    const other = await h.token('t-unconnected', 'admin');
    const res = await put(`/v1/tenants/t-unconnected/mappings`, { glCodes: { '4000': '4' } }, '"1"', other);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('qbo_not_connected');
  });
});

describe('reference data', () => {
  it('serves Income accounts for the income drop-down', async () => {
    const res = await get(`/v1/tenants/${T}/reference/accounts?type=Income`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      connected: true,
      realmId: REALM,
      items: [
        { id: '5', name: 'Sales of Product Income', type: 'Income', active: true },
        { id: '4', name: 'Services', type: 'Income', active: true },
      ],
    });
  });

  it('serves deposit candidates of two types, and items, tax codes, classes and payment methods', async () => {
    const deposit = await get(`/v1/tenants/${T}/reference/accounts?type=Bank,Other%20Current%20Asset`);
    expect(deposit.json().items.map((i: { id: string }) => i.id).sort()).toEqual(['1', '2']);
    expect((await get(`/v1/tenants/${T}/reference/items`)).json().items).toHaveLength(2);
    expect((await get(`/v1/tenants/${T}/reference/tax-codes`)).json().items[0].id).toBe('TAX');
    expect((await get(`/v1/tenants/${T}/reference/classes`)).json().items[0].name).toBe('East');
    expect((await get(`/v1/tenants/${T}/reference/payment-methods`)).json().items).toHaveLength(2);
  });

  it('rejects an unknown kind with a 400', async () => {
    const res = await get(`/v1/tenants/${T}/reference/vendors`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('kind');
  });
});

describe('links', () => {
  it('links by hand, shows "linked to QBO #123", publishes link.created, then unlinks', async () => {
    const linked = await put(`/v1/tenants/${T}/links/customer/c-1`, { qboId: '123' }, undefined);
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ status: 'linked', qboId: '123', label: 'linked to QBO #123', source: 'manual' });
    expect((await get(`/v1/tenants/${T}/links/customer/c-1`, viewer)).json().label).toBe('linked to QBO #123');
    expect((await get(`/v1/tenants/${T}/links?entity=customer`)).json().links).toHaveLength(1);
    await waitFor(async () => (await h.events('sync.links.v1')).some((e) => e.type === 'link.created' && (e.data as { platformId: string }).platformId === 'c-1'));

    const removed = await h.service.http.inject({ method: 'DELETE', url: `/v1/tenants/${T}/links/customer/c-1`, headers: { authorization: `Bearer ${admin}` } });
    expect(removed.statusCode).toBe(204);
    expect((await get(`/v1/tenants/${T}/links/customer/c-1`)).json()).toMatchObject({ status: 'not_linked', label: 'not linked' });
    await waitFor(async () => (await h.events('sync.links.v1')).some((e) => e.type === 'link.removed'));
  });

  it('refuses to link a QBO record that is already linked to another platform record', async () => {
    expect((await put(`/v1/tenants/${T}/links/item/p-1`, { qboId: '10' }, undefined)).statusCode).toBe(200);
    const res = await put(`/v1/tenants/${T}/links/item/p-2`, { qboId: '10' }, undefined);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('qbo_record_already_linked');
  });

  it('rejects an unknown entity and an empty QBO id with 400s naming the field', async () => {
    const entity = await put(`/v1/tenants/${T}/links/vendor/v-1`, { qboId: '1' }, undefined);
    expect(entity.statusCode).toBe(400);
    expect(entity.json().error.details.fields[0].path).toBe('entity');
    const body = await put(`/v1/tenants/${T}/links/customer/c-9`, { qboId: '' }, undefined);
    expect(body.statusCode).toBe(400);
    expect(body.json().error.details.fields[0].path).toBe('qboId');
  });

  it('answers 404 when unlinking a record that is not linked', async () => {
    const res = await h.service.http.inject({ method: 'DELETE', url: `/v1/tenants/${T}/links/customer/nope`, headers: { authorization: `Bearer ${admin}` } });
    expect(res.statusCode).toBe(404);
  });
});

describe('sync log and retry', () => {
  it('stores sync.events.v1 events of any type as sync-log lines', async () => {
    await h.publishSyncEvent(T, 'connection.connected', { realmId: REALM, at: new Date().toISOString() });
    const failed = await h.publishSyncEvent(T, 'settings.invalidated', {
      realmId: REALM,
      version: 1,
      problems: [{ field: 'settings.accounts.income', entity: 'Account', qboId: '4', reason: 'inactive', message: 'inactive' }],
      at: new Date().toISOString(),
    });
    expect(failed.id).toBeDefined();
    const list = (await get(`/v1/tenants/${T}/sync-log`)).json();
    expect(list.entries.length).toBeGreaterThanOrEqual(2);
    expect(list.entries.every((e: { outcome: string }) => ['info', 'succeeded', 'failed', 'requested'].includes(e.outcome))).toBe(true);
  });

  it('retries a failed entry and refuses an info one', async () => {
    const data = { tenantId: T, invoiceId: 'inv-7', reason: 'Account 4 is inactive' };
    const id = await syncLogRepository.insert(h.db.knex, 'evt-fail-1', new Date(), syncLogLine('invoice.push_failed', T, data), data);
    const failedList = (await get(`/v1/tenants/${T}/sync-log?outcome=failed`)).json();
    expect(failedList.entries[0]).toMatchObject({ id, type: 'invoice.push_failed', platformId: 'inv-7', reason: 'Account 4 is inactive' });
    expect((await get(`/v1/tenants/${T}/links/invoice/inv-7`)).json()).toMatchObject({ status: 'failed', label: 'sync failed: Account 4 is inactive' });
    expect((await get(`/v1/tenants/${T}/sync-log/${id}`)).json().outcome).toBe('failed');

    const retry = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${T}/sync-log/${id}/retry`, headers: { authorization: `Bearer ${admin}` } });
    expect(retry.statusCode).toBe(202);
    expect(retry.json().retryRequestedBy).toBe('alice');
    const command = await waitFor(async () => (await h.events('sync.events.v1')).find((e) => e.type === 'sync.retry_requested'));
    expect(command.data).toMatchObject({ tenantId: T, entryId: id, failedEventId: 'evt-fail-1', failedType: 'invoice.push_failed', platformId: 'inv-7', requestedBy: 'alice' });

    const info = (await get(`/v1/tenants/${T}/sync-log?outcome=info`)).json().entries[0];
    const notRetriable = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${T}/sync-log/${info.id}/retry`, headers: { authorization: `Bearer ${admin}` } });
    expect(notRetriable.statusCode).toBe(409);
    expect(notRetriable.json().error.code).toBe('not_retriable');
    const missing = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${T}/sync-log/999999/retry`, headers: { authorization: `Bearer ${admin}` } });
    expect(missing.statusCode).toBe(404);
  });

  it('rejects a bad outcome filter with a 400 naming it', async () => {
    const res = await get(`/v1/tenants/${T}/sync-log?outcome=exploded`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('outcome');
  });

  it('shows runs with phases and counts', async () => {
    await h.publishSyncEvent(T, 'sync.run_started', { runId: 'r1', kind: 'import', at: '2030-02-01T10:00:00.000Z' });
    await h.publishSyncEvent(T, 'sync.phase_started', { runId: 'r1', phase: 'accounts', at: '2030-02-01T10:00:01.000Z' });
    await h.publishSyncEvent(T, 'sync.phase_completed', { runId: 'r1', phase: 'accounts', at: '2030-02-01T10:00:05.000Z', counts: { succeeded: 7, failed: 1 } });
    await h.publishSyncEvent(T, 'sync.run_completed', { runId: 'r1', at: '2030-02-01T10:00:06.000Z', status: 'partial', counts: { succeeded: 7, failed: 1 } });
    const res = await get(`/v1/tenants/${T}/sync-log/runs`);
    expect(res.statusCode).toBe(200);
    const run = res.json().runs.find((r: { runId: string }) => r.runId === 'r1');
    expect(run).toMatchObject({ kind: 'import', status: 'partial', startedAt: '2030-02-01T10:00:00.000Z', endedAt: '2030-02-01T10:00:06.000Z', counts: { succeeded: 7, failed: 1, skipped: 0 } });
    expect(run.phases).toEqual([{ phase: 'accounts', startedAt: '2030-02-01T10:00:01.000Z', endedAt: '2030-02-01T10:00:05.000Z', counts: { succeeded: 7, failed: 1, skipped: 0 }, error: null }]);
  });
});

describe('audit', () => {
  it('records every change with its actor, time, before and after', async () => {
    const res = await get(`/v1/tenants/${T}/audit?resource=settings`, viewer);
    expect(res.statusCode).toBe(200);
    const entry = res.json().entries[0];
    expect(entry).toMatchObject({ actor: { sub: 'alice', isService: false }, action: 'settings.updated', resource: 'settings' });
    expect(entry.before.version).toBe(entry.after.version - 1);
    expect(typeof entry.at).toBe('string');
    const links = (await get(`/v1/tenants/${T}/audit?resource=links`)).json().entries;
    expect(links.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['link.created', 'link.removed']));
  });

  it('records a service account as the actor', async () => {
    const svc = await h.token(T, 'admin', { sub: 'svc-onboarding', svc: true });
    const res = await put(`/v1/tenants/${T}/settings`, { conflictRule: 'newest_wins' }, await currentEtag(), svc);
    expect(res.statusCode).toBe(200);
    const entry = (await get(`/v1/tenants/${T}/audit?limit=1`)).json().entries[0];
    expect(entry.actor).toEqual({ sub: 'svc-onboarding', isService: true });
  });
});
