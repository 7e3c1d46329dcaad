/**
 * The grant is revoked while 500 invoices and 500 payments are being pushed: the workers get
 * their access tokens from a real connector (which holds the refresh token and turns Intuit's
 * `invalid_grant` into `reauthorization_required`), the records are held without using
 * attempts, nothing is dead-lettered past the old give-up time, and a reconnect through the
 * OAuth redirects releases them: each lands once. Real Kafka, PostgreSQL, connector and sandbox.
 */
import type { MessageBus } from '@ledgerbus/bus';
import { dlqTopicName } from '@ledgerbus/contracts';
import { createHttpTokenProvider } from '@ledgerbus/push';
import { readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import type { Harness as ConnectorHarness, Instance } from '../../connector/test/harness';
import { connectThroughRedirects, createHarness, uniqueRealmId } from '../../connector/test/harness';
import type { Topics, Workers } from './support/harness';
import { brokers, freshTopics, newBus, publish, publishSettings, qboClientsFor, startWorkers } from './support/harness';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const N = 500;

describe('push workers while the QBO grant needs reauthorization', () => {
  let cx: ConnectorHarness;
  let connector: Instance;
  let bus: MessageBus;
  let topics: Topics;
  let workers: Workers;
  const realmId = uniqueRealmId();
  const tenantId = uniqueName('tenant');

  beforeAll(async () => {
    cx = await createHarness();
    connector = await cx.addInstance();
    cx.sandbox.admin.createCompany({ realmId, companyName: 'Revoked Push Co' });
    bus = newBus();
    // The workers hear connection.connected where the connector says it.
    topics = { ...freshTopics(), events: cx.topics.events };
    const serviceToken = await cx.token({ sub: 'push-workers', tenant: tenantId, role: 'admin', svc: true });
    workers = await startWorkers({
      topics,
      schema: uniqueName('push_reauth'),
      bus,
      groupPrefix: uniqueName('g'),
      baseUrl: cx.sandboxUrl,
      tokens: createHttpTokenProvider({ connectorUrl: connector.url, serviceToken, cacheMs: 1_000 }),
      // The old give-up time: 8 attempts with back-off of at most 1 s.
      tuning: { maxAttempts: 8, backoff: { baseMs: 100, maxMs: 1_000 }, maxWaitMs: 120_000 },
    });
  });

  afterAll(async () => {
    await workers.stop();
    await bus.close();
    await cx.close();
  });

  it(`holds ${N} invoices and ${N} payments while the grant is revoked and pushes each once after the reconnect, dead-lettering none`, async () => {
    const admin = await cx.token({ sub: 'alice', tenant: tenantId, role: 'admin' });
    expect((await connectThroughRedirects(connector, admin, tenantId, realmId)).status).toBe(200);
    const income = (cx.sandbox.admin.entities(realmId, 'Account') as Json[]).find((a) => a.AccountType === 'Income')?.Id as string;
    const bank = (cx.sandbox.admin.entities(realmId, 'Account') as Json[]).find((a) => a.AccountType === 'Bank')?.Id as string;
    await publishSettings(bus, topics, tenantId, realmId, { settings: { invoices: { enabled: true }, payments: { enabled: true }, accounts: { income, deposit: bank } }, mappings: {} });
    await waitFor(async () => (await workers.payments.readModel.settings(tenantId)) !== undefined && (await workers.invoices.readModel.settings(tenantId)) !== undefined, { description: 'settings in both workers' });
    const setupToken = cx.sandbox.oauth.issueTokens({ realmId }).response.access_token;
    const customer = await qboClientsFor(cx.sandboxUrl, () => setupToken)(realmId).create('Customer', { DisplayName: `${tenantId} customer` }, { requestId: uniqueName('c1') });
    await publish(bus, topics.links, tenantId, 'link.created', [{ tenantId, realmId, entity: 'customer', platformId: 'c1', qboId: String(customer.Id), at: new Date().toISOString() }]);

    const ids = Array.from({ length: N }, (_, i) => String(i + 1).padStart(4, '0'));
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', ids.map((n) => ({ tenantId, invoiceId: `i${n}`, number: `R${n}`, customerId: 'c1', txnDate: '2024-03-01', version: 1, lines: [{ productId: 'p1', productName: 'Visit', quantity: '1', unitPrice: '20.00' }] })));
    await publish(bus, topics.payments, tenantId, 'payment.recorded', ids.map((n) => ({ tenantId, paymentId: `p${n}`, customerId: 'c1', amount: '20.00', date: '2024-03-02', reference: `P${n}`, appliedTo: [{ invoiceId: `i${n}`, amount: '20.00' }], version: 1 })));

    // Revoke mid-push, once some invoices are in QBO.
    const inQbo = (entity: string): Json[] => (cx.sandbox.admin.entities(realmId, entity) as Json[]).filter((e) => typeof e.PrivateNote === 'string' && e.PrivateNote.includes(`[ledgerbus ${entity.toLowerCase()} ${tenantId}/`));
    await waitFor(() => inQbo('Invoice').length >= 30, { timeoutMs: 60_000, description: 'the push under way' });
    cx.sandbox.oauth.revokeRealm(realmId);
    const atRevoke = { invoices: inQbo('Invoice').length, payments: inQbo('Payment').length };
    expect(atRevoke.invoices + atRevoke.payments).toBeLessThan(2 * N);

    // Held: the rest wait with the reason, past the old give-up time (8 attempts at ≤ 1 s back-off).
    const heldCount = async (): Promise<number> =>
      Number((await workers.db.knex('push_jobs').where({ tenant_id: tenantId, status: 'held', last_code: 'reauthorization_required' }).count<Array<{ count: string }>>('* as count'))[0]?.count ?? 0);
    await waitFor(async () => (await heldCount()) > 0, { timeoutMs: 60_000, description: 'invoices held for reauthorization' });
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    const failed = await workers.db.knex('push_jobs').where({ tenant_id: tenantId, status: 'failed' }).select('record_id', 'last_code');
    expect(failed).toEqual([]);

    // The admin reconnects: everything resumes by itself.
    expect((await connectThroughRedirects(connector, admin, tenantId, realmId)).status).toBe(200);
    await waitFor(() => inQbo('Invoice').length === N && inQbo('Payment').length === N, { timeoutMs: 240_000, intervalMs: 1_000, description: `all ${N} invoices and ${N} payments in QBO` });

    // Exactly once: one QBO object per record, nothing dead-lettered, no failure event.
    const perRecord = (entity: string): Set<string> => new Set(inQbo(entity).map((e) => String(/\/([^\]]+)\]/.exec(String(e.PrivateNote))?.[1])));
    expect(perRecord('Invoice').size).toBe(N);
    expect(perRecord('Payment').size).toBe(N);
    for (const topic of [topics.invoices, topics.payments]) {
      expect(await readTopic(brokers, dlqTopicName(topic.name), { untilIdleMs: 1_000, timeoutMs: 10_000 })).toHaveLength(0);
    }
    const events = (await readTopic(brokers, topics.events.name, { untilIdleMs: 1_500, timeoutMs: 60_000 })).flatMap((m) => (m.event && (m.event.data as Json).tenantId === tenantId ? [m.event] : []));
    expect(events.filter((e) => e.type.endsWith('.push_failed'))).toEqual([]);
    expect(events.some((e) => e.type === 'invoice.held' && (e.data as Json).reason === 'reauthorization_required')).toBe(true);
  });
});
