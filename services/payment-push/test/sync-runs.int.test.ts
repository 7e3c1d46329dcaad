/**
 * Sync runs on the push workers (issue 14): mapping's `sync.phase_requested` for the invoices
 * or payments phase is answered by invoice-push or payment-push with `sync.phase_scanned`
 * (considered, already current, queued), and every queued record gets one final outcome event
 * with the runId. Real Kafka, real PostgreSQL, the sandbox (its ledger and its call counters).
 */
import type { MessageBus } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import { createEvent, effectiveSettingsSchema } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import type { PushEngine } from '@ledgerbus/push';
import { BreakerRegistry, createMemoryRateLimiter, createQboClient } from '@ledgerbus/qbo';
import type { QboClient } from '@ledgerbus/qbo';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { databaseUrlFromEnv, readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import { createInvoicePushService } from '../../invoice-push/src/app';
import { createPaymentPushService } from '../src/app';
import type { Company, Topics } from './support/harness';
import { brokers, company, createSandbox, freshTopics, newBus, publish } from './support/harness';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('sync runs on the push workers', () => {
  let sandbox: Sandbox;
  let baseUrl: string;
  let bus: MessageBus;
  let topics: Topics;
  let invoiceDb: Database;
  let paymentDb: Database;
  let invoices: PushEngine;
  let payments: PushEngine;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    sandbox = createSandbox({ settings: { limits: { enabled: false } } });
    baseUrl = await sandbox.listen(0);
    bus = newBus();
    topics = freshTopics();
    // Clients with a circuit breaker of their own that never opens: the 500s this suite injects
    // to fail records would otherwise open the realm's circuit for 30 s, and the run's pushes
    // right after would fail fast (the breaker has its own tests in libs/qbo).
    const breakers = new BreakerRegistry();
    const limiter = createMemoryRateLimiter();
    const clients = new Map<string, QboClient>();
    const qboClientFor = (realmId: string): QboClient => {
      let c = clients.get(realmId);
      if (!c) {
        c = createQboClient({ baseUrl, realmId, tokenProvider: () => Promise.resolve(tokens.get(realmId) ?? ''), limiter, breakers, breaker: { volumeThreshold: 1_000_000 }, retry: { maxRetries: 2, baseMs: 50, maxDelayMs: 500 }, timeoutMs: 10_000 });
        clients.set(realmId, c);
      }
      return c;
    };
    const schema = uniqueName('push_runs');
    invoiceDb = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 8 } });
    paymentDb = await createDatabase({ url: databaseUrlFromEnv() }, { schema: `${schema}_p`, pool: { max: 8 } });
    // One attempt: a record the sandbox fails is failed at once (a run is what retries it).
    const tuning = { groupPrefix: uniqueName('g'), topics: { settings: topics.settings, links: topics.links, events: topics.events }, pollMs: 100, backoff: { baseMs: 100, maxMs: 1000 }, maxWaitMs: 5_000, maxAttempts: 1 };
    invoices = createInvoicePushService({ db: invoiceDb, bus, qboClientFor, sourceTopic: topics.invoices, tuning });
    payments = createPaymentPushService({ db: paymentDb, bus, qboClientFor, sourceTopic: topics.payments, tuning });
    for (const engine of [invoices, payments]) {
      await engine.migrate();
      await engine.start();
    }
  });

  afterAll(async () => {
    await invoices.stop();
    await payments.stop();
    await invoiceDb.destroy();
    await paymentDb.destroy();
    await bus.close();
    await sandbox.close();
  });

  function newCompany(name: string): Company {
    const c = company(sandbox, baseUrl, name);
    tokens.set(c.realmId, c.token);
    return c;
  }

  async function publishSettings(tenantId: string, c: Company, version: number, on: { invoices: boolean; payments?: boolean }, divisionId?: string): Promise<void> {
    const settings = effectiveSettingsSchema.parse({
      settings: { invoices: { enabled: on.invoices }, payments: { enabled: on.payments ?? false }, accounts: { income: c.accountIdOf('Income', 0), deposit: c.accountIdOf('Bank', 0) } },
      mappings: {},
      realmId: c.realmId,
    });
    const key = divisionId ? `${tenantId}/${divisionId}` : tenantId;
    await publish(bus, topics.settings, key, 'settings.state', [{ tenantId, ...(divisionId ? { divisionId } : {}), version, settings, updatedAt: new Date().toISOString() }]);
    await waitFor(async () => (await invoices.readModel.settings(key))?.version === version && (await payments.readModel.settings(key))?.version === version, { timeoutMs: 30_000, description: `settings v${version} of ${key} in both workers` });
  }

  async function linkCustomer(tenantId: string, c: Company, platformId: string, divisionId?: string): Promise<void> {
    const customer = await c.qbo.create('Customer', { DisplayName: `${tenantId} ${platformId}` }, { requestId: uniqueName('cust') });
    await publish(bus, topics.links, tenantId, 'link.created', [{ tenantId, ...(divisionId ? { divisionId } : {}), realmId: c.realmId, entity: 'customer', platformId, qboId: customer.Id, at: new Date().toISOString() }]);
  }

  const invoice = (tenantId: string, id: string, extra: Json = {}): Json => ({
    tenantId, invoiceId: id, number: id.toUpperCase(), customerId: 'c1', txnDate: '2024-03-01', version: 1, lines: [{ productId: 'p1', productName: 'Visit', quantity: '1', unitPrice: '30.00' }], ...extra,
  });

  /** What mapping publishes to start a phase. */
  async function requestPhase(tenantId: string, runId: string, phase: 'invoices' | 'payments', extra: Json = {}, times = 1): Promise<void> {
    const event = createEvent({ type: 'sync.phase_requested', source: 'test/mapping', tenantid: tenantId, data: { tenantId, runId, phase, requestedBy: 'admin-1', at: new Date().toISOString(), ...extra } });
    // `times` > 1: the very same event again (a redelivery).
    await bus.publish(topics.events, Array.from({ length: times }, () => ({ key: tenantId, event })));
  }

  async function eventsOf(tenantId: string): Promise<CloudEvent[]> {
    return (await readTopic(brokers, topics.events.name, { untilIdleMs: 800, timeoutMs: 30_000 })).flatMap((m) => (m.event && (m.event.data as Json).tenantId === tenantId && m.event.source !== 'test/mapping' ? [m.event] : []));
  }

  async function eventsWhen(tenantId: string, done: (events: CloudEvent[]) => boolean, description: string): Promise<CloudEvent[]> {
    let seen: CloudEvent[] = [];
    await waitFor(async () => {
      seen = await eventsOf(tenantId);
      return done(seen);
    }, { timeoutMs: 90_000, intervalMs: 500, description });
    return seen;
  }

  const scansOf = (events: CloudEvent[], runId: string): Json[] => events.filter((e) => e.type === 'sync.phase_scanned' && (e.data as Json).runId === runId).map((e) => e.data as Json);
  /** The outcome events that count for a run, as "record:type", sorted. */
  const outcomesOf = (events: CloudEvent[], runId: string): string[] =>
    events
      .filter((e) => e.type !== 'sync.phase_scanned' && (e.data as Json).runId === runId)
      .map((e) => `${String((e.data as Json).platformId)}:${e.type}`)
      .sort();
  const ofType = (events: CloudEvent[], type: string, reason?: string): string[] =>
    events.filter((e) => e.type === type && (reason === undefined || (e.data as Json).reason === reason)).map((e) => String((e.data as Json).platformId)).sort();

  /** Nothing of the tenant is left to push: no round of its records is in flight or ready. */
  async function idle(tenantId: string): Promise<void> {
    await waitFor(async () => {
      for (const db of [invoiceDb, paymentDb]) {
        const [row] = await db.knex('push_jobs').where({ tenant_id: tenantId, status: 'pending' }).count<Array<{ count: string }>>('* as count');
        if (Number(row?.count) > 0) return false;
      }
      return true;
    }, { timeoutMs: 60_000, description: `no pending job of ${tenantId}` });
  }

  /** Calls the sandbox answered for a realm: all of them, and writes (every POST but queries). */
  function callsTo(realmId: string): { all: number; writes: number } {
    let all = 0;
    let writes = 0;
    for (const [endpoint, byStatus] of Object.entries(sandbox.admin.calls(realmId))) {
      const n = Object.values(byStatus).reduce((a, b) => a + b, 0);
      all += n;
      if (endpoint.startsWith('POST ') && !/ query$/.test(endpoint)) writes += n;
    }
    return { all, writes };
  }

  const ours = (c: Company, entity: string, tenantId: string): Json[] =>
    (sandbox.admin.entities(c.realmId, entity) as Json[]).filter((e) => typeof e.PrivateNote === 'string' && e.PrivateNote.includes(`${tenantId}/`));

  it('queues the failed and held invoices, counts the current ones, and pushes each queued one once with the runId; a redelivered request gives the same figures and a second run makes no call at all', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Run Co');
    await publishSettings(tenantId, acme, 1, { invoices: true });
    await linkCustomer(tenantId, acme, 'c1');

    // Three invoices in QBO at their version: already current.
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', ['cur1', 'cur2', 'cur3'].map((id) => invoice(tenantId, id)));
    await eventsWhen(tenantId, (es) => ofType(es, 'invoice.pushed').length === 3, 'three invoices pushed');
    // Two failed: the sandbox answers every call of the company with a 500 meanwhile.
    sandbox.admin.updateSettings({ faults: { perRealm: { [acme.realmId]: { errorRate500: 1 } } } });
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', ['f1', 'f2'].map((id) => invoice(tenantId, id)));
    const failed = await eventsWhen(tenantId, (es) => ofType(es, 'invoice.push_failed').length === 2, 'two invoices failed');
    expect(failed.filter((e) => e.type === 'invoice.push_failed').map((e) => [(e.data as Json).code, (e.data as Json).retriable])).toEqual([['qbo_unavailable', true], ['qbo_unavailable', true]]);
    sandbox.admin.updateSettings({ faults: { perRealm: { [acme.realmId]: { errorRate500: 0 } } } });
    // Two held: the access token is refused (reauthorization required) until it is good again;
    // nothing releases them (no connection.connected), so only the run pushes them.
    tokens.set(acme.realmId, 'revoked-token');
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', ['h1', 'h2'].map((id) => invoice(tenantId, id)));
    await eventsWhen(tenantId, (es) => ofType(es, 'invoice.held', 'reauthorization_required').length === 2, 'two invoices held');
    tokens.set(acme.realmId, acme.token);
    expect(ours(acme, 'Invoice', tenantId)).toHaveLength(3);

    // The request delivered twice in a row: the same figures twice, each record pushed once.
    await requestPhase(tenantId, 'run-1', 'invoices', {}, 2);
    let events = await eventsWhen(tenantId, (es) => scansOf(es, 'run-1').length === 2 && outcomesOf(es, 'run-1').length >= 4, 'the run scanned and its records pushed');
    for (const scan of scansOf(events, 'run-1')) expect(scan).toMatchObject({ phase: 'invoices', service: 'invoice-push', considered: 7, alreadyCurrent: 3, queued: 4 });
    await idle(tenantId);
    events = await eventsOf(tenantId);
    expect(outcomesOf(events, 'run-1')).toEqual(['f1:invoice.pushed', 'f2:invoice.pushed', 'h1:invoice.pushed', 'h2:invoice.pushed']);
    const inQbo = ours(acme, 'Invoice', tenantId).map((e) => String(e.DocNumber)).sort();
    expect(inQbo).toEqual(['CUR1', 'CUR2', 'CUR3', 'F1', 'F2', 'H1', 'H2']);
    // payment-push owns another phase: it did not answer.
    expect(scansOf(events, 'run-1').map((s) => s.service)).toEqual(['invoice-push', 'invoice-push']);

    // "Synchronize now" right after: everything current, and not one call to QBO.
    const before = callsTo(acme.realmId);
    await requestPhase(tenantId, 'run-2', 'invoices');
    events = await eventsWhen(tenantId, (es) => scansOf(es, 'run-2').length === 1, 'the second run scanned');
    expect(scansOf(events, 'run-2')[0]).toMatchObject({ considered: 7, alreadyCurrent: 7, queued: 0 });
    // A late redelivery of the first request: the same figures, nothing pushed again.
    await requestPhase(tenantId, 'run-1', 'invoices');
    events = await eventsWhen(tenantId, (es) => scansOf(es, 'run-1').length === 3, 'the first run scanned a third time');
    expect(scansOf(events, 'run-1')[2]).toMatchObject({ considered: 7, alreadyCurrent: 3, queued: 4 });
    await idle(tenantId);
    events = await eventsOf(tenantId);
    expect(callsTo(acme.realmId)).toEqual(before);
    expect(before.writes).toBeGreaterThan(0);
    expect(outcomesOf(events, 'run-2')).toEqual([]);
    expect(outcomesOf(events, 'run-1')).toHaveLength(4);
    expect(ours(acme, 'Invoice', tenantId)).toHaveLength(7);
  });

  it('limits a payments run to its recordIds, holds them with the runId while payments are off, and leaves the other records alone', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Payments Run Co');
    await publishSettings(tenantId, acme, 1, { invoices: true, payments: false });
    await linkCustomer(tenantId, acme, 'c1');
    const ids = ['1', '2', '3'];
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', ids.map((n) => invoice(tenantId, `i${n}`)));
    await publish(bus, topics.payments, tenantId, 'payment.recorded', ids.map((n) => ({ tenantId, paymentId: `p${n}`, customerId: 'c1', amount: '30.00', date: '2024-03-02', reference: `P${n}`, appliedTo: [{ invoiceId: `i${n}`, amount: '30.00' }], version: 1 })));
    await eventsWhen(tenantId, (es) => ofType(es, 'invoice.pushed').length === 3 && ofType(es, 'payment.held', 'sync_disabled').length === 3, 'invoices pushed, payments held');

    await requestPhase(tenantId, 'run-p', 'payments', { mode: 'retry', recordIds: ['p1', 'p3', 'p-unknown', 'i2'] });
    let events = await eventsWhen(tenantId, (es) => scansOf(es, 'run-p').length === 1 && outcomesOf(es, 'run-p').length >= 2, 'the payments run scanned and held');
    expect(scansOf(events, 'run-p')[0]).toMatchObject({ phase: 'payments', service: 'payment-push', considered: 2, alreadyCurrent: 0, queued: 2 });
    await idle(tenantId);
    events = await eventsOf(tenantId);
    // Held again for the same reason, and said so for the run.
    expect(outcomesOf(events, 'run-p')).toEqual(['p1:payment.held', 'p3:payment.held']);
    expect(events.filter((e) => (e.data as Json).runId === 'run-p' && e.type === 'payment.held').map((e) => (e.data as Json).reason)).toEqual(['sync_disabled', 'sync_disabled']);
    expect(await paymentDb.knex('push_jobs').where({ tenant_id: tenantId }).orderBy('record_id').select('record_id', 'run_id', 'status')).toEqual([
      { record_id: 'p1', run_id: 'run-p', status: 'held' },
      { record_id: 'p2', run_id: null, status: 'held' },
      { record_id: 'p3', run_id: 'run-p', status: 'held' },
    ]);
    expect(await invoiceDb.knex('push_jobs').where({ tenant_id: tenantId }).whereNotNull('run_id').count<Array<{ count: string }>>('* as count')).toEqual([{ count: '0' }]);

    // Payments on: all three land, each once; the run's records say so with its runId.
    await publishSettings(tenantId, acme, 2, { invoices: true, payments: true });
    events = await eventsWhen(tenantId, (es) => ofType(es, 'payment.pushed').length === 3, 'payments pushed');
    expect(outcomesOf(events, 'run-p')).toEqual(['p1:payment.held', 'p1:payment.pushed', 'p3:payment.held', 'p3:payment.pushed']);
    expect(ours(acme, 'Payment', tenantId)).toHaveLength(3);
    expect(scansOf(events, 'run-p').map((s) => s.service)).toEqual(['payment-push']);
  });

  it("keeps divisions apart: a division's run considers only its records, and a run without a division only the tenant's own", async () => {
    const tenantId = uniqueName('tenant');
    const north = newCompany('North Run Co');
    const south = newCompany('South Run Co');
    await publishSettings(tenantId, north, 1, { invoices: true }, 'north');
    await publishSettings(tenantId, south, 1, { invoices: false }, 'south');
    await linkCustomer(tenantId, north, 'c-north', 'north');
    // The tenant itself has no settings: its own invoice is held (settings_missing).
    await publish(bus, topics.invoices, `${tenantId}/north`, 'invoice.upserted', ['n1', 'n2'].map((id) => invoice(tenantId, id, { divisionId: 'north', customerId: 'c-north' })));
    await publish(bus, topics.invoices, `${tenantId}/south`, 'invoice.upserted', [invoice(tenantId, 's1', { divisionId: 'south', customerId: 'c-south' })]);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice(tenantId, 't1')]);
    await eventsWhen(tenantId, (es) => ofType(es, 'invoice.pushed').length === 2 && ofType(es, 'invoice.held').length === 2, 'north pushed, south and the tenant held');
    const northCalls = callsTo(north.realmId);

    await requestPhase(tenantId, 'run-north', 'invoices', { divisionId: 'north' });
    await requestPhase(tenantId, 'run-south', 'invoices', { divisionId: 'south' });
    await requestPhase(tenantId, 'run-own', 'invoices');
    let events = await eventsWhen(tenantId, (es) => ['run-north', 'run-south', 'run-own'].every((r) => scansOf(es, r).length === 1) && outcomesOf(es, 'run-south').length + outcomesOf(es, 'run-own').length >= 2, 'the three runs scanned');
    expect(scansOf(events, 'run-north')[0]).toMatchObject({ divisionId: 'north', considered: 2, alreadyCurrent: 2, queued: 0 });
    expect(scansOf(events, 'run-south')[0]).toMatchObject({ divisionId: 'south', considered: 1, alreadyCurrent: 0, queued: 1 });
    expect(scansOf(events, 'run-own')[0]).toMatchObject({ considered: 1, alreadyCurrent: 0, queued: 1 });
    expect(scansOf(events, 'run-own')[0]).not.toHaveProperty('divisionId');
    await idle(tenantId);
    events = await eventsOf(tenantId);
    expect(outcomesOf(events, 'run-north')).toEqual([]);
    expect(outcomesOf(events, 'run-south')).toEqual(['s1:invoice.held']);
    expect(outcomesOf(events, 'run-own')).toEqual(['t1:invoice.held']);
    expect(events.filter((e) => e.type === 'invoice.held' && (e.data as Json).runId === 'run-south').map((e) => [(e.data as Json).divisionId, (e.data as Json).reason])).toEqual([['south', 'sync_disabled']]);
    expect(events.filter((e) => e.type === 'invoice.held' && (e.data as Json).runId === 'run-own').map((e) => (e.data as Json).reason)).toEqual(['settings_missing']);
    expect(callsTo(north.realmId)).toEqual(northCalls);
    expect(callsTo(south.realmId).all).toBe(0);
  });
});
