/**
 * @ledgerbus/client against the real thing: the ingest service built by its factory on real
 * PostgreSQL (a fresh schema) and real Kafka (fresh topics and groups), listening on loopback and
 * called over HTTP by the client; and the Kafka publisher / consumer on the real broker, read and
 * written by ledgerbus's own bus on the other side.
 */
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus, decodeEvent } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { ContractViolation, createEvent, platformCustomers, platformInvoices, platformPayments, syncEvents, validateEvent } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import { createKeyRing, createLogger, generateKeyRingKey, mintToken } from '@ledgerbus/kit';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { IngestService } from '../../../services/ingest/src/index';
import { createIngestService } from '../../../services/ingest/src/index';
import type { WebhooksService } from '../../../services/webhooks/src/index';
import { createWebhooksService } from '../../../services/webhooks/src/index';
import type { InvoiceInput, LedgerbusClient, SyncEvent } from '../src/index';
import { LedgerbusApiError, createLedgerbusClient, createPlatformWebhooksClient, verifyWebhook } from '../src/index';
import { createPlatformPublisher, createSyncEventsConsumer } from '../src/kafka';

const JWT_SECRET = 'client-int-test-secret-0123456789-abcdef';
const brokers = kafkaBrokersFromEnv();
const fresh = (t: TopicDefinition, name: string): TopicDefinition => ({ ...t, name: uniqueName(`test.client.${name}`), partitions: 2 });

const invoice = (id: string, overrides: Partial<InvoiceInput> = {}): InvoiceInput => ({
  invoiceId: id,
  number: `N-${id}`,
  customerId: 'c-1',
  txnDate: '2026-03-01',
  lines: [{ productId: 'p-1', quantity: '2', unitPrice: '50.00' }],
  ...overrides,
});

describe('the HTTP client against a real ingest service', () => {
  const tenant = uniqueName('acme').slice(0, 40);
  const schema = uniqueName('client_it').slice(0, 60);
  const topics = { customers: fresh(platformCustomers, 'customers'), invoices: fresh(platformInvoices, 'invoices'), payments: fresh(platformPayments, 'payments'), events: fresh(syncEvents, 'events') };
  let db: Database;
  let bus: MessageBus;
  let service: IngestService;
  let client: LedgerbusClient;

  beforeAll(async () => {
    const logger = createLogger({ name: 'client-it', level: 'silent' });
    db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 5 } });
    bus = createKafkaBus({ brokers, clientId: 'client-it', logger });
    service = await createIngestService({ db, bus, logger, jwt: { secret: JWT_SECRET }, groupPrefix: `${uniqueName('cit')}.`, topics });
    await service.start();
    await service.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = service.http.server.address() as AddressInfo;
    // A service account of the tenant, scoped to ingest, as a platform's backend has.
    const token = await mintToken(JWT_SECRET, { sub: 'svc:platform', tenant, role: 'admin', svc: true, scope: 'ingest' });
    client = createLedgerbusClient({ tenant, token, urls: { ingest: `http://127.0.0.1:${port}` } });
  }, 60_000);

  afterAll(async () => {
    await service?.stopConsumers();
    await service?.http.close();
    await bus?.close();
    await db?.knex.raw('drop schema if exists ?? cascade', [schema]);
    await db?.destroy();
  });

  it('sends a batch whose records land on the invoices topic with assigned versions, and names the bad one', async () => {
    const res = await client.invoices.upsert([invoice('i-1'), invoice('i-bad', { txnDate: 'yesterday' }), invoice('i-2')]);
    expect(res.accepted.map((a) => [a.index, a.platformId, a.version])).toEqual([
      [0, 'i-1', 1],
      [2, 'i-2', 1],
    ]);
    expect(res.rejected).toEqual([expect.objectContaining({ index: 1, field: 'txnDate' })]);
    const landed = await readTopic(brokers, topics.invoices.name, { count: 2 });
    expect(landed.map((m) => [m.key, m.event?.type, (m.event?.data as { invoiceId: string }).invoiceId])).toEqual([
      [tenant, 'invoice.upserted', 'i-1'],
      [tenant, 'invoice.upserted', 'i-2'],
    ]);
  });

  it('throws LedgerbusApiError 422 records_rejected with every bad record when none is valid', async () => {
    const error = await client.payments.upsert({ paymentId: 'p-x', customerId: 'c-1', amount: '1.5.0', date: '2026-03-02', appliedTo: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerbusApiError);
    expect(error).toMatchObject({ status: 422, code: 'records_rejected', retriable: false });
    expect((error as LedgerbusApiError).details).toEqual({ rejected: [expect.objectContaining({ index: 0, field: 'amount' })] });
  });

  it('with the same Idempotency-Key, replays the first answer and publishes once; another body with that key is 422', async () => {
    const key = uniqueName('key');
    const [a, b] = await Promise.all([client.customers.upsert({ customerId: 'c-idem', displayName: 'Idem Co' }, { idempotencyKey: key }), client.customers.upsert({ customerId: 'c-idem', displayName: 'Idem Co' }, { idempotencyKey: key })]);
    const c = await client.customers.upsert({ customerId: 'c-idem', displayName: 'Idem Co' }, { idempotencyKey: key });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a.accepted).toEqual([expect.objectContaining({ platformId: 'c-idem', version: 1 })]);
    const landed = await readTopic(brokers, topics.customers.name, { untilIdleMs: 1500 });
    expect(landed.filter((m) => (m.event?.data as { customerId: string }).customerId === 'c-idem')).toHaveLength(1);
    await expect(client.customers.upsert({ customerId: 'c-idem', displayName: 'Other Co' }, { idempotencyKey: key })).rejects.toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('voids and deletes with the next version, and reads a record status until its outcome arrives', async () => {
    await client.invoices.upsert(invoice('i-life'));
    expect(await client.records.status('invoices', 'never-sent')).toBeNull();
    expect(await client.records.status('invoices', 'i-life')).toMatchObject({ latestVersion: 1, state: 'waiting', qboId: null });

    // The invoice-push worker's outcome, as it would publish it.
    await bus.publish(topics.events, [
      {
        key: tenant,
        event: createEvent({ type: 'invoice.pushed', source: 'test/invoice-push', tenantid: tenant, data: { tenantId: tenant, realmId: '123145', platformId: 'i-life', version: 1, qboId: '77', docNumber: 'LB-N-i-life', action: 'created', at: new Date().toISOString() } }),
      },
    ]);
    const pushed = await client.records.waitFor('invoices', 'i-life', { until: ['pushed'], timeoutMs: 30_000, intervalMs: 200 });
    expect(pushed).toMatchObject({ state: 'pushed', qboId: '77', outcome: { type: 'invoice.pushed', version: 1 } });

    const voided = await client.invoices.void('i-life');
    expect(voided.accepted).toEqual([expect.objectContaining({ platformId: 'i-life', version: 2 })]);
    const deleted = await client.customers.delete('c-gone');
    expect(deleted.accepted).toEqual([expect.objectContaining({ platformId: 'c-gone', version: 1 })]);
    const events = await readTopic(brokers, topics.invoices.name, { untilIdleMs: 1500 });
    expect(events.filter((m) => m.event?.subject === 'i-life').map((m) => m.event?.type)).toEqual(['invoice.upserted', 'invoice.voided']);
  });
});

describe('the Kafka publisher and consumer on the real broker', () => {
  const kafka = new Kafka({ brokers, clientId: 'client-kafka-it', logLevel: logLevel.NOTHING });
  const logger = createLogger({ name: 'client-kafka-it', level: 'silent' });
  let bus: MessageBus;

  beforeAll(() => {
    bus = createKafkaBus({ brokers, clientId: 'client-kafka-it-bus', logger });
  });
  afterAll(async () => {
    await bus.close();
  });

  it('publishes invoices that ledgerbus reads as valid CloudEvents on platform.invoices, keyed by tenant', async () => {
    const invoices = fresh(platformInvoices, 'pub-invoices');
    await bus.ensureTopics([invoices]);
    const publisher = createPlatformPublisher({ kafka, source: 'acme-fsm/billing', topicNames: { invoices: invoices.name } });
    try {
      const sent = await publisher.upsertInvoices('acme', [{ ...invoice('k-1'), version: 4 }]);
      const [message] = await readTopic(brokers, invoices.name, { count: 1 });
      expect(message!.key).toBe('acme');
      expect(message!.headers).toMatchObject({ ce_specversion: '1.0', ce_type: 'invoice.upserted', ce_source: 'acme-fsm/billing', ce_subject: 'k-1', ce_tenantid: 'acme', ce_id: sent[0]!.id, 'content-type': 'application/json' });
      // What the invoice-push consumer does with it: decode (libs/bus) and validate (contracts).
      const event = validateEvent(platformInvoices, message!.key!, decodeEvent(message!.headers, message!.value));
      expect(event.data).toMatchObject({ tenantId: 'acme', invoiceId: 'k-1', version: 4, currency: 'USD' });

      // A record against its contract is refused before anything is sent, naming the field.
      const bad = publisher.upsertInvoices('acme', [{ ...invoice('k-2'), lines: [], version: 1 }]);
      await expect(bad).rejects.toBeInstanceOf(ContractViolation);
      await expect(bad).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'data.lines' })] });
      expect(await readTopic(brokers, invoices.name, { untilIdleMs: 1500 })).toHaveLength(1);
    } finally {
      await publisher.disconnect();
    }
  });

  it("consumes one tenant's sync events typed by their contract, and hands a poison message to onInvalid", async () => {
    const events = fresh(syncEvents, 'sub-events');
    await bus.ensureTopics([events]);
    const at = new Date().toISOString();
    await bus.publish(events, [
      { key: 'other', event: createEvent({ type: 'invoice.pushed', source: 'test', tenantid: 'other', data: { tenantId: 'other', realmId: '1', platformId: 'x', version: 1, qboId: '1', action: 'created', at } }) },
      { key: 'acme', event: createEvent({ type: 'payment.pushed', source: 'test', tenantid: 'acme', data: { tenantId: 'acme', realmId: '1', platformId: 'p-9', version: 2, qboId: '31', action: 'created', at } }) },
    ]);
    await bus.publishRaw(events.name, [{ key: 'acme', value: Buffer.from('{"no":"headers"}'), headers: {} }]);

    const received: SyncEvent[] = [];
    const invalid: string[] = [];
    const consumer = createSyncEventsConsumer({
      kafka,
      groupId: uniqueName('client-it-group'),
      topicName: events.name,
      fromBeginning: true,
      tenants: ['acme'],
      onEvent: (event) => void received.push(event),
      onInvalid: (err) => void invalid.push(err.message),
    });
    await consumer.start();
    try {
      await waitFor(() => received.length === 1 && invalid.length === 1, { timeoutMs: 30_000 });
      const [event] = received;
      if (event?.type !== 'payment.pushed') throw new Error(`unexpected ${event?.type}`);
      expect(event.data.qboId).toBe('31');
      expect(invalid[0]).toContain('ce_specversion');
    } finally {
      await consumer.stop();
    }
  });
});

describe('webhook endpoints through the client, against a real webhooks service', () => {
  const tenant = uniqueName('hooks').slice(0, 40);
  const schema = uniqueName('client_wh_it').slice(0, 60);
  const events = fresh(syncEvents, 'wh-events');
  let db: Database;
  let bus: MessageBus;
  let service: WebhooksService;
  let base: string;
  let receiver: Server;
  const received: Array<{ type: string; id: string; endpoint: string }> = [];
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    const logger = createLogger({ name: 'client-wh-it', level: 'silent' });
    db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 5 } });
    bus = createKafkaBus({ brokers, clientId: 'client-wh-it', logger });
    await bus.ensureTopics([events]);
    service = await createWebhooksService({
      db,
      bus,
      logger,
      jwt: { secret: JWT_SECRET },
      keys: createKeyRing(generateKeyRingKey('client-it')),
      config: { allowLoopback: true },
      groupPrefix: `${uniqueName('cwh')}.`,
      topics: { events },
    });
    await service.start();
    await service.http.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(service.http.server.address() as AddressInfo).port}`;
    // The platform's receiver: /t for the tenant's endpoint, /p for the platform-wide one.
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const endpoint = req.url ?? '';
        try {
          const event = verifyWebhook(Buffer.concat(chunks), req.headers, { secret: secrets.get(endpoint) ?? 'whsec_none' });
          received.push({ type: event.type, id: event.id, endpoint });
          res.writeHead(204).end();
        } catch {
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  }, 60_000);

  afterAll(async () => {
    await service?.stopConsumers();
    await service?.http.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await bus?.close();
    await db?.knex.raw('drop schema if exists ?? cascade', [schema]);
    await db?.destroy();
  });

  it("registers a tenant endpoint and a platform-wide one, and both receive the tenant's invoice.pushed, signed", async () => {
    const url = (path: string) => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${path}`;
    const admin = createLedgerbusClient({ tenant, token: await mintToken(JWT_SECRET, { sub: 'admin@hooks', tenant, role: 'admin' }), urls: { webhooks: base } });
    const platform = createPlatformWebhooksClient({ token: await mintToken(JWT_SECRET, { sub: 'svc:platform', tenant: '*', role: 'admin', svc: true, scope: 'webhooks' }), baseUrl: base });

    const mine = await admin.webhookEndpoints.create({ url: url('/t'), eventTypes: ['invoice.*'] });
    const all = await platform.create({ url: url('/p'), eventTypes: ['invoice.pushed'] });
    secrets.set('/t', mine.secret);
    secrets.set('/p', all.secret);
    expect(mine.secret).toMatch(/^whsec_/);
    expect((await admin.webhookEndpoints.list()).items.map((e) => e.id)).toEqual([mine.id]);
    expect((await platform.list()).items.map((e) => e.id)).toContain(all.id);
    await expect(admin.webhookEndpoints.create({ url: 'ftp://nope' })).rejects.toMatchObject({ status: 400 });

    const event = createEvent({ type: 'invoice.pushed', source: 'test/invoice-push', tenantid: tenant, data: { tenantId: tenant, realmId: '1', platformId: 'i-1', version: 1, qboId: '9', action: 'created', at: new Date().toISOString() } });
    await bus.publish(events, [{ key: tenant, event }]);
    await waitFor(() => received.length >= 2, { timeoutMs: 30_000, description: 'both endpoints got the event' });
    expect(received.map((r) => [r.endpoint, r.type, r.id]).sort()).toEqual([
      ['/p', 'invoice.pushed', event.id],
      ['/t', 'invoice.pushed', event.id],
    ]);
    const log = await waitFor(async () => {
      const { items } = await admin.webhookEndpoints.deliveries(mine.id);
      return items[0]?.status === 'delivered' ? items : undefined;
    }, { timeoutMs: 10_000 });
    expect(log.map((d) => [d.eventId, d.status, d.attemptCount])).toEqual([[event.id, 'delivered', 1]]);

    const rotated = await admin.webhookEndpoints.rotateSecret(mine.id);
    expect(rotated.secret).not.toBe(mine.secret);
    await admin.webhookEndpoints.delete(mine.id);
    await platform.delete(all.id);
    await expect(admin.webhookEndpoints.get(mine.id)).rejects.toMatchObject({ status: 404 });
  });
});
