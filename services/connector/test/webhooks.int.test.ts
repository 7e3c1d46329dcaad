import { waitFor } from '@ledgerbus/testing';
// The sandbox's webhook dispatcher is not yet part of createSandbox(); the test runs it beside the sandbox.
import { createWebhookDispatcher } from '../../qbo-sandbox/src/webhooks';
import type { WebhookDispatcherPart } from '../../qbo-sandbox/src/webhooks';
import { webhookSignature } from '../src/domain/webhook';
import { connectThroughRedirects, createHarness, uniqueRealmId, VERIFIER } from './harness';
import type { Harness } from './harness';

interface Change {
  realmId: string;
  entity: string;
  entityId: string;
  operation: string;
  source: string;
  syncToken?: string;
  object?: Record<string, unknown>;
}

/** What landed on the harness's qbo.changes topic for a realm (settled: nothing new for `idleMs`). */
async function changesOf(h: Harness, realmId: string, options: { idleMs?: number } = {}): Promise<Change[]> {
  const tail = await h.tail(h.topics.changes);
  const messages = await tail.settled(options.idleMs ?? 1000);
  return messages.filter((m) => m.key === realmId).map((m) => m.event.data as Change);
}

describe('connector: webhooks, change fetching and CDC', () => {
  let h: Harness;
  let dispatcher: WebhookDispatcherPart | undefined;
  afterEach(async () => {
    await dispatcher?.close();
    dispatcher = undefined;
    await h.close();
  });

  async function connected(realmId: string, before: (realmId: string) => void = () => undefined, company: { seed?: number; size?: 'small' } = {}): Promise<{ tenant: string; admin: string }> {
    h.sandbox.admin.createCompany({ realmId, companyName: `Co ${realmId}`, ...company });
    before(realmId);
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });
    expect((await connectThroughRedirects(h.instances[0]!, admin, tenant, realmId)).status).toBe(200);
    // The snapshot, then the first CDC poll (which runs right after it): done before the test changes anything,
    // so that a change the test makes reaches qbo.changes through the path the test exercises.
    await waitFor(
      async () => {
        const row = await h.instances[0]!.db.knex('connections').where({ realm_id: realmId }).first<{ snapshot_completed_at: Date | null; cdc_next_at: Date | null } | undefined>();
        // The first poll moves the next one an hour (the harness's interval) ahead.
        return row?.snapshot_completed_at != null && row.cdc_next_at != null && new Date(row.cdc_next_at).getTime() > Date.now() + 60_000;
      },
      { timeoutMs: 30_000, description: 'the snapshot and the first CDC poll' },
    );
    return { tenant, admin };
  }

  it('fetches a delivery entity by entity: the Customer change goes through, an unsupported type and a deleted id are recorded with their reasons', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    const { tenant, admin } = await connected(realmId);
    const good = h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'Fetched Anyway Ltd' }) as { Id: string };
    const url = `${h.instances[0]!.url}/v1/webhooks/intuit`;
    const now = new Date().toISOString();
    const body = JSON.stringify({
      eventNotifications: [
        {
          realmId,
          dataChangeEvent: {
            entities: [
              { name: 'Customer', id: good.Id, operation: 'Update', lastUpdated: now },
              { name: 'Widget', id: '7', operation: 'Update', lastUpdated: now },
              { name: 'Customer', id: '987654', operation: 'Update', lastUpdated: now },
            ],
          },
        },
      ],
    });
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'intuit-signature': webhookSignature(VERIFIER, body) }, body });
    expect(res.status).toBe(200);

    await waitFor(async () => (await changesOf(h, realmId, { idleMs: 300 })).some((c) => c.source === 'webhook' && c.entityId === good.Id), {
      timeoutMs: 30_000,
      description: 'the Customer change on qbo.changes',
    });
    const failures = await waitFor(
      async () => {
        const list = await fetch(`${h.instances[0]!.url}/v1/tenants/${tenant}/connection/webhook-failures`, { headers: { authorization: `Bearer ${admin}` } });
        const json = (await list.json()) as { failures: Array<Record<string, unknown>> };
        return json.failures.length >= 2 ? json.failures : undefined;
      },
      { timeoutMs: 10_000, description: 'the two failures recorded' },
    );
    expect(failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ realmId, entity: 'Widget', entityId: '7', operation: 'Update', reason: 'unsupported_entity', errorCode: expect.any(String) }),
        expect.objectContaining({ realmId, entity: 'Customer', entityId: '987654', operation: 'Update', reason: 'not_found' }),
      ]),
    );
    expect(failures).toHaveLength(2);
    const logText = h.logs.lines.join('');
    expect(logText).toMatch(/"entity":"Widget","entityId":"7".*"reason":"unsupported_entity"/);
    expect(logText).not.toContain('Fetched Anyway Ltd');
  });

  it('accepts a single CloudEvent object posted as application/cloudevents+json as one event', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    await connected(realmId);
    const customer = h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'Single Event Co' }) as { Id: string };
    const body = JSON.stringify({ specversion: '1.0', id: 'single-1', source: 'intuit.test', type: 'qbo.customer.created.v1', time: new Date().toISOString(), intuitentityid: customer.Id, intuitaccountid: realmId, data: {} });
    const res = await fetch(`${h.instances[0]!.url}/v1/webhooks/intuit`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', 'intuit-signature': webhookSignature(VERIFIER, body) },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 1 });
    await waitFor(async () => (await changesOf(h, realmId, { idleMs: 300 })).some((c) => c.source === 'webhook' && c.entityId === customer.Id), {
      timeoutMs: 30_000,
      description: 'the Customer change on qbo.changes',
    });
  });

  it('verifies both webhook formats, fetches full entities, rejects forged signatures (401, nothing published) and records unknown realms', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    await connected(realmId);
    const a = h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'Legacy Format Ltd' }) as { Id: string };
    const b = h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'Cloud Events Inc' }) as { Id: string };
    const forgedTarget = h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'Forged Only' }) as { Id: string };
    const url = `${h.instances[0]!.url}/v1/webhooks/intuit`;
    const post = (body: string, signature: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'intuit-signature': signature }, body });

    const legacy = JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name: 'Customer', id: a.Id, operation: 'Create', lastUpdated: new Date().toISOString() }] } }] });
    expect((await post(legacy, webhookSignature(VERIFIER, legacy))).status).toBe(200);
    const cloud = JSON.stringify([{ specversion: '1.0', id: 'e1', source: 'intuit.test', type: 'qbo.customer.created.v1', time: new Date().toISOString(), intuitentityid: b.Id, intuitaccountid: realmId, data: {} }]);
    expect((await post(cloud, webhookSignature(VERIFIER, cloud))).status).toBe(200);

    const forged = JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name: 'Customer', id: forgedTarget.Id, operation: 'Create', lastUpdated: new Date().toISOString() }] } }] });
    const rejected = await post(forged, webhookSignature('not-the-verifier', forged));
    expect(rejected.status).toBe(401);
    expect(((await rejected.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    expect((await post(forged, '')).status).toBe(401);

    const unknownRealm = uniqueRealmId();
    const unknown = JSON.stringify({ eventNotifications: [{ realmId: unknownRealm, dataChangeEvent: { entities: [{ name: 'Customer', id: '1', operation: 'Update', lastUpdated: new Date().toISOString() }] } }] });
    expect((await post(unknown, webhookSignature(VERIFIER, unknown))).status).toBe(200);

    await waitFor(async () => {
      const changes = (await changesOf(h, realmId, { idleMs: 500 })).filter((c) => c.source === 'webhook');
      return changes.length >= 2 ? changes : undefined;
    }, { timeoutMs: 30_000 });
    const webhookChanges = (await changesOf(h, realmId)).filter((c) => c.source === 'webhook');
    expect(webhookChanges.map((c) => c.object?.DisplayName).sort()).toEqual(['Cloud Events Inc', 'Legacy Format Ltd']);
    expect(webhookChanges.every((c) => c.syncToken === '0' && c.operation === 'Create')).toBe(true);
    // Nothing from the forged delivery was fetched or published.
    expect(webhookChanges.some((c) => c.entityId === forgedTarget.Id)).toBe(false);
    await waitFor(async () => (await h.instances[0]!.db.knex('unknown_realm_webhooks').where({ realm_id: unknownRealm }).first()) as unknown, { timeoutMs: 10_000 });
  });

  it('carries a merge (survivor with mergedFromId, the merged-away customer deleted) and a deleted invoice end to end, each once', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    await connected(realmId, undefined, { seed: 5, size: 'small' });
    const survivor = h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'Survivor Ltd' }) as { Id: string };
    const mergedAway = h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'Duplicate Ltd' }) as { Id: string };
    // An open invoice (QBO refuses to delete one with payments applied).
    const invoice = (h.sandbox.store.list(realmId, 'Invoice') as Array<{ Id: string; SyncToken: string; Balance?: number | string; TotalAmt?: number | string }>).find(
      (i) => i.Balance !== undefined && String(i.Balance) === String(i.TotalAmt),
    );
    expect(invoice).toBeDefined();
    h.sandbox.store.mergeCustomers(realmId, mergedAway.Id, survivor.Id);
    h.sandbox.store.delete(realmId, 'Invoice', { Id: invoice!.Id, SyncToken: invoice!.SyncToken });
    expect(() => h.sandbox.store.read(realmId, 'Invoice', invoice!.Id)).toThrow();
    const url = `${h.instances[0]!.url}/v1/webhooks/intuit`;
    const post = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'intuit-signature': webhookSignature(VERIFIER, body) }, body });

    const now = new Date().toISOString();
    const merge = JSON.stringify([{ specversion: '1.0', id: 'm1', source: 'intuit.test', type: 'qbo.customer.merged.v1', time: now, intuitentityid: survivor.Id, intuitaccountid: realmId, data: { deletedId: mergedAway.Id } }]);
    expect((await post(merge)).status).toBe(200);
    const deleted = JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name: 'Invoice', id: invoice!.Id, operation: 'Delete', lastUpdated: now }] } }] });
    expect((await post(deleted)).status).toBe(200);
    // Intuit redelivers: the same versions are not published twice.
    expect((await post(deleted)).status).toBe(200);
    expect((await post(merge)).status).toBe(200);

    const isWanted = (c: Change): boolean => c.source === 'webhook' && [survivor.Id, mergedAway.Id, invoice!.Id].includes(c.entityId);
    await waitFor(async () => {
      const found = (await changesOf(h, realmId, { idleMs: 500 })).filter(isWanted);
      return found.length >= 3 ? found : undefined;
    }, { timeoutMs: 30_000 });
    const changes = (await changesOf(h, realmId)).filter(isWanted) as Array<Change & { mergedFromId?: string }>;
    expect(changes).toHaveLength(3);
    const byKey = new Map(changes.map((c) => [`${c.entity}/${c.entityId}`, c]));
    expect(byKey.get(`Customer/${survivor.Id}`)).toMatchObject({ operation: 'Merge', mergedFromId: mergedAway.Id, object: { Id: survivor.Id, DisplayName: 'Survivor Ltd' } });
    const gone = byKey.get(`Customer/${mergedAway.Id}`);
    expect(gone).toMatchObject({ operation: 'Delete' });
    expect(gone?.object).toBeUndefined();
    const invoiceGone = byKey.get(`Invoice/${invoice!.Id}`);
    expect(invoiceGone).toMatchObject({ operation: 'Delete' });
    expect(invoiceGone?.object).toBeUndefined();
  });

  it('answers 503 when Kafka is unreachable, so Intuit retries; the retried delivery is published and fetched once', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    await connected(realmId);
    const customer = h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'Retried Ltd' }) as { Id: string };
    // A second replica whose bus points at a port where no broker listens.
    const cutOff = await h.addInstance({ start: false, brokers: ['127.0.0.1:1'] });
    const body = JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name: 'Customer', id: customer.Id, operation: 'Create', lastUpdated: new Date().toISOString() }] } }] });
    const post = (base: string) => fetch(`${base}/v1/webhooks/intuit`, { method: 'POST', headers: { 'content-type': 'application/json', 'intuit-signature': webhookSignature(VERIFIER, body) }, body });

    const started = Date.now();
    const unavailable = await post(cutOff.url);
    expect(unavailable.status).toBe(503);
    expect(((await unavailable.json()) as { error: { code: string } }).error.code).toBe('intake_unavailable');
    // Within Intuit's 3 s.
    expect(Date.now() - started).toBeLessThan(3000);

    // Intuit's retry reaches a healthy replica: published, fetched, on qbo.changes once.
    expect((await post(h.instances[0]!.url)).status).toBe(200);
    const found = await waitFor(async () => {
      const changes = (await changesOf(h, realmId, { idleMs: 500 })).filter((c) => c.source === 'webhook' && c.entityId === customer.Id);
      return changes.length >= 1 ? changes : undefined;
    }, { timeoutMs: 30_000 });
    expect(found).toHaveLength(1);
    expect(found[0]!.object?.DisplayName).toBe('Retried Ltd');
  });

  it('with 30% of webhooks dropped, 1,000 changes all arrive after the next CDC poll, each once per version', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    // 300 customers exist before the connection (the snapshot carries them); the test then changes each once.
    const existing: string[] = [];
    const { tenant, admin } = await connected(realmId, (realm) => {
      for (let i = 0; i < 300; i++) existing.push((h.sandbox.store.create(realm, 'Customer', { DisplayName: `Existing ${i}` }) as { Id: string }).Id);
    });
    dispatcher = createWebhookDispatcher({
      directory: h.sandbox.store,
      clock: h.sandbox.clock,
      settings: { dropRate: 0.3, dropSeed: 7, batchWindowSeconds: 0.2, endpoints: [{ appId: 'connector', url: `${h.instances[0]!.url}/v1/webhooks/intuit`, verifierToken: VERIFIER, format: 'legacy', realmIds: [realmId] }] },
    });

    const expected = new Set<string>();
    for (let i = 0; i < 700; i++) {
      h.sandbox.clock.advance(3);
      const c = h.sandbox.store.create(realmId, 'Customer', { DisplayName: `Customer ${i}` }) as { Id: string; SyncToken: string };
      expected.add(`Customer/${c.Id}/${c.SyncToken}`);
    }
    for (let i = 0; i < 300; i++) {
      h.sandbox.clock.advance(3);
      const current = h.sandbox.store.read(realmId, 'Customer', existing[i]!) as { Id: string; SyncToken: string };
      const u = h.sandbox.store.update(realmId, 'Customer', { Id: current.Id, SyncToken: current.SyncToken, sparse: true, CompanyName: `Updated ${i}` }) as { Id: string; SyncToken: string };
      expected.add(`Customer/${u.Id}/${u.SyncToken}`);
    }
    expect(expected.size).toBe(1000);
    dispatcher.flush();
    await dispatcher.waitIdle(60_000);
    expect(dispatcher.dropped().length).toBeGreaterThan(0);

    const sync = await fetch(`${h.instances[0]!.url}/v1/tenants/${tenant}/connection/sync`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    expect(sync.status).toBe(202);

    const seen = await waitFor(async () => {
      const changes = (await changesOf(h, realmId, { idleMs: 1500 })).filter((c) => c.entity === 'Customer' && c.source !== 'snapshot');
      const keys = changes.map((c) => `${c.entity}/${c.entityId}/${c.syncToken}`);
      return [...expected].every((k) => keys.includes(k)) ? keys : undefined;
    }, { timeoutMs: 90_000, intervalMs: 2000 });
    const counts = new Map<string, number>();
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const bySource = (await changesOf(h, realmId)).filter((c) => c.entity === 'Customer');
    expect(bySource.some((c) => c.source === 'webhook')).toBe(true);
    expect(bySource.some((c) => c.source === 'cdc')).toBe(true);
  });

  it('reads a CDC window of more than 1,000 changes completely', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    const { tenant, admin } = await connected(realmId);
    const expected = new Set<string>();
    for (let i = 0; i < 1500; i++) {
      h.sandbox.clock.advance(5);
      const c = h.sandbox.store.create(realmId, 'Customer', { DisplayName: `Bulk ${i}` }) as { Id: string; SyncToken: string };
      expected.add(`${c.Id}/${c.SyncToken}`);
    }
    const sync = await fetch(`${h.instances[0]!.url}/v1/tenants/${tenant}/connection/sync`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    expect(sync.status).toBe(202);
    const changes = await waitFor(async () => {
      const found = (await changesOf(h, realmId, { idleMs: 1500 })).filter((c) => c.entity === 'Customer' && c.source === 'cdc');
      return found.length >= 1500 ? found : undefined;
    }, { timeoutMs: 90_000, intervalMs: 2000 });
    expect(new Set(changes.map((c) => `${c.entityId}/${c.syncToken}`))).toEqual(expected);
  });
});
