/**
 * Integration harness: the ingest service built by its factory on real Kafka (fresh platform and
 * sync-events topics, fresh consumer groups) and real PostgreSQL (a fresh schema). The bus can
 * hold its publishes (`holdPublishes`) so that a test sees a request in flight, or fail them.
 */
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, platformCustomers, platformInvoices, platformPayments, syncEvents } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, mintToken } from '@ledgerbus/kit';
import type { PrincipalClaims } from '@ledgerbus/kit';
import type { ReadMessage } from '@ledgerbus/testing';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, readTopic, uniqueName } from '@ledgerbus/testing';
import type { IngestService } from '../src/app';
import { createIngestService } from '../src/app';
import type { IngestConfig } from '../src/context';

export const JWT_SECRET = 'ingest-test-secret-0123456789-abcdefgh';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read field by field */
export type Json = Record<string, any>;

export interface Reply {
  status: number;
  body: Json;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface IngestHarness {
  readonly tenant: string;
  readonly service: IngestService;
  readonly db: Database;
  readonly bus: MessageBus;
  readonly brokers: string[];
  readonly topics: { customers: TopicDefinition; invoices: TopicDefinition; payments: TopicDefinition; events: TopicDefinition };
  /** The service's clock: `advance(ms)` moves it. */
  readonly clock: { now(): Date; advance(ms: number): void };
  token(claims?: Partial<PrincipalClaims>): Promise<string>;
  /** Calls the API (as an admin of `tenant` unless `token` says otherwise). */
  api(method: 'GET' | 'POST' | 'DELETE', url: string, options?: { body?: unknown; token?: string; headers?: Record<string, string>; payload?: string }): Promise<Reply>;
  /** Publishes on the bus wait until `release()`; `held()` says how many wait. */
  holdPublishes(): { held(): number; release(): void };
  /** Publishes fail (as when Kafka does not answer) until `restore()`. */
  failPublishes(): { restore(): void };
  /** What landed on a topic (waits for `count` messages, or reads until idle). */
  read(topic: TopicDefinition, count?: number): Promise<ReadMessage[]>;
  /** Publishes one event on the harness's sync.events topic, as a push worker would. */
  publishOutcome(type: string, data: Json): Promise<void>;
  close(): Promise<void>;
}

export async function startIngestHarness(options: { config?: Partial<IngestConfig>; tenant?: string } = {}): Promise<IngestHarness> {
  const brokers = kafkaBrokersFromEnv();
  const tenant = options.tenant ?? uniqueName('acme').slice(0, 40);
  const logger = createLogger({ name: 'ingest-test', level: 'silent' });
  const schema = uniqueName('ingest_it').slice(0, 60);
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 5 } });
  const kafka = createKafkaBus({ brokers, clientId: 'ingest-it', logger });
  const fresh = (t: TopicDefinition, name: string): TopicDefinition => ({ ...t, name: uniqueName(`test.ingest.${name}`), partitions: 3 });
  const topics = {
    customers: fresh(platformCustomers, 'customers'),
    invoices: fresh(platformInvoices, 'invoices'),
    payments: fresh(platformPayments, 'payments'),
    events: fresh(syncEvents, 'events'),
  };

  let gate: { promise: Promise<void>; release: () => void; held: number } | undefined;
  let failing = false;
  const bus: MessageBus = {
    ensureTopics: (t) => kafka.ensureTopics(t),
    async publish(topic, messages) {
      if (failing) throw new Error('KafkaJSConnectionError: Connection refused (simulated by the test)');
      const g = gate;
      if (g !== undefined) {
        g.held += 1;
        await g.promise;
      }
      return kafka.publish(topic, messages);
    },
    publishRaw: (topic, messages) => kafka.publishRaw(topic, messages),
    subscribe: (o) => kafka.subscribe(o),
    subscribeRaw: (o) => kafka.subscribeRaw(o),
    ping: () => kafka.ping(),
    close: () => kafka.close(),
  };

  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset), advance: (ms: number) => void (offset += ms) };
  const service = await createIngestService({
    db,
    bus,
    logger,
    jwt: { secret: JWT_SECRET },
    groupPrefix: `${uniqueName('iit')}.`,
    topics,
    clock: () => clock.now(),
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  await service.start();
  await service.http.ready();

  const token = (claims: Partial<PrincipalClaims> = {}) => mintToken(JWT_SECRET, { sub: `admin@${tenant}`, tenant, role: 'admin', ...claims });

  return {
    tenant,
    service,
    db,
    bus,
    brokers,
    topics,
    clock,
    token,
    async api(method, url, o = {}) {
      const bearer = o.token ?? (await token());
      const res = await service.http.inject({
        method,
        url,
        headers: { authorization: `Bearer ${bearer}`, ...(o.body !== undefined || o.payload !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers },
        ...(o.payload !== undefined ? { payload: o.payload } : o.body === undefined ? {} : { payload: JSON.stringify(o.body) }),
      });
      return { status: res.statusCode, body: res.body === '' ? {} : res.json<Json>(), headers: res.headers };
    },
    holdPublishes() {
      let release!: () => void;
      const promise = new Promise<void>((resolve) => (release = resolve));
      const g = { promise, release, held: 0 };
      gate = g;
      return {
        held: () => g.held,
        release: () => {
          gate = undefined;
          g.release();
        },
      };
    },
    failPublishes() {
      failing = true;
      return { restore: () => void (failing = false) };
    },
    read: (topic, count) => readTopic(brokers, topic.name, count === undefined ? { untilIdleMs: 1500 } : { count }),
    async publishOutcome(type, data) {
      await kafka.publish(topics.events, [{ key: tenant, event: createEvent({ type, source: 'test/invoice-push', tenantid: tenant, data }) }]);
    },
    async close() {
      gate?.release();
      await service.stopConsumers();
      await service.http.close();
      await kafka.close();
      await db.knex.raw('drop schema if exists ?? cascade', [schema]);
      await db.destroy();
    },
  };
}

/** A valid invoice of the contract (without tenantId and version: the door fills them). */
export function invoice(id: string, overrides: Json = {}): Json {
  return {
    invoiceId: id,
    number: `INV-${id}`,
    customerId: 'c-1',
    txnDate: '2026-03-01',
    lines: [{ productId: 'p-1', quantity: '2', unitPrice: '50.00' }],
    ...overrides,
  };
}

export function customer(id: string, overrides: Json = {}): Json {
  return { customerId: id, displayName: `Customer ${id}`, ...overrides };
}

export function payment(id: string, overrides: Json = {}): Json {
  return { paymentId: id, customerId: 'c-1', amount: '100.00', date: '2026-03-02', appliedTo: [{ invoiceId: 'i-1', amount: '100.00' }], ...overrides };
}
