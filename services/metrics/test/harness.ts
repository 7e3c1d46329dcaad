/**
 * Integration harness: the QBO sandbox on an ephemeral port (its clock is the service's
 * clock, so `sandbox.clock.advance()` moves both), real PostgreSQL (a fresh schema), real
 * Kafka (fresh topics and consumer groups), and the metrics service built by its factory.
 */
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { connectorConnections, createEvent, qboChanges, syncEvents } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, mintToken } from '@ledgerbus/kit';
import type { Role } from '@ledgerbus/kit';
import type { BreakerRegistry } from '@ledgerbus/qbo';
import { createPostgresRateLimiter } from '@ledgerbus/qbo';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName } from '@ledgerbus/testing';
import type { MetricsService } from '../src/app';
import { createMetricsService } from '../src/app';
import type { MetricsConfig } from '../src/context';

export const TENANT = 'acme';
const JWT_SECRET = 'metrics-test-secret-0123456789-abcdef';

/* eslint-disable @typescript-eslint/no-explicit-any -- sandbox records and responses are read field by field */
export type Json = Record<string, any>;

export interface HarnessOptions {
  config?: Partial<MetricsConfig>;
  /** Start the import runner's timer (default true); false: the test drives `service.runner.tick()`. */
  runImports?: boolean;
  /** The QBO clients' circuit breakers (default: the process-wide registry). */
  breakers?: BreakerRegistry;
}

export interface MetricsHarness {
  readonly sandbox: Sandbox;
  /** A seeded company (seed 11, small). */
  readonly realmId: string;
  readonly db: Database;
  readonly bus: MessageBus;
  readonly brokers: string[];
  readonly topics: { connections: TopicDefinition; changes: TopicDefinition; events: TopicDefinition };
  readonly service: MetricsService;
  /** Every request that reached the sandbox other than a read (GET, or POST /query). */
  readonly writesAtSandbox: string[];
  /** Calls the service's HTTP API as `role` of `tenant`. */
  api(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, role?: Role, tenant?: string): Promise<{ status: number; body: Json | undefined }>;
  /** Publishes the connector's `connection.state` of TENANT and the realm. */
  publishConnection(status: 'connected' | 'disconnected' | 'reauthorization_required', statusReason?: string): Promise<void>;
  /** Books an invoice of one Service line straight into the sandbox's ledger (as a QBO user would) for the `customer`-th customer. */
  createInvoice(txnDate: string, amount: number, customer?: number): Json;
  /** Publishes the connector's `qbo.entity_changed` for the realm. */
  publishChange(entity: string, entityId: string, operation: 'Create' | 'Update'): Promise<void>;
  close(): Promise<void>;
}

export async function startMetricsHarness(options: HarnessOptions = {}): Promise<MetricsHarness> {
  const brokers = kafkaBrokersFromEnv();
  const writesAtSandbox: string[] = [];
  // Intuit's limits on (10/s, 500/min); the sandbox's clock is the service's clock.
  const sandbox = createSandbox({ clockStart: new Date('2026-07-15T20:00:00Z') });
  sandbox.app.addHook('onRequest', async (request) => {
    if (request.method !== 'GET' && !/\/query(\?|$)/.test(request.url) && !request.url.startsWith('/_sandbox')) writesAtSandbox.push(`${request.method} ${request.url}`);
  });
  const base = await sandbox.listen(0);
  const realmId = sandbox.admin.createCompany({ companyName: 'Seeded Co', seed: 11, size: 'small' }).realmId;

  const schema = uniqueName('metrics_test').slice(0, 60);
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 5 } });
  const limiter = createPostgresRateLimiter({ knex: db.knex, schema });
  await limiter.migrate();
  const bus = createKafkaBus({ brokers, clientId: 'metrics-test' });
  const fresh = (t: TopicDefinition, name: string): TopicDefinition => ({ ...t, name: uniqueName(`test.metrics.${name}`), partitions: 1 });
  const topics = { connections: fresh(connectorConnections, 'connections'), changes: fresh(qboChanges, 'changes'), events: fresh(syncEvents, 'events') };
  await bus.ensureTopics([topics.connections, topics.changes, topics.events]);

  const tokens = new Map<string, string>();
  const service = await createMetricsService({
    db,
    bus,
    logger: createLogger({ name: 'metrics-test', level: 'silent' }),
    jwt: { secret: JWT_SECRET },
    qboBaseUrl: base,
    // Access tokens straight from the sandbox's OAuth server (the connector's job in production).
    tokenProvider: async (realm, { forceRefresh }) => {
      let t = tokens.get(realm);
      if (t === undefined || forceRefresh) tokens.set(realm, (t = sandbox.oauth.issueTokens({ realmId: realm }).response.access_token));
      return t;
    },
    limiter,
    ...(options.breakers === undefined ? {} : { breakers: options.breakers }),
    clock: () => sandbox.clock.now(),
    ...(options.config === undefined ? {} : { config: options.config }),
    groupPrefix: uniqueName('metrics-test-'),
    topics,
    relayPollIntervalMs: 50,
    runImports: options.runImports ?? true,
  });
  await service.start();
  await service.http.ready();

  // Connection states must be newer than the last one the service kept.
  let stateTick = 0;
  const later = (): string => new Date(Date.UTC(2030, 0, 1) + ++stateTick * 1000).toISOString();

  return {
    sandbox,
    realmId,
    db,
    bus,
    brokers,
    topics,
    service,
    writesAtSandbox,
    async api(method, url, body, role = 'admin', tenant = TENANT) {
      const token = await mintToken(JWT_SECRET, { sub: `${role}@${tenant}`, tenant, role });
      const res = await service.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
      return { status: res.statusCode, body: res.body === '' ? undefined : res.json<Json>() };
    },
    async publishConnection(status, statusReason) {
      const event = createEvent({
        type: 'connection.state',
        source: 'test/connector',
        data: { tenantId: TENANT, realmId, companyName: 'Seeded Co', status, ...(statusReason === undefined ? {} : { statusReason }), updatedAt: later() },
      });
      await bus.publish(topics.connections, [{ key: TENANT, event }]);
    },
    createInvoice(txnDate, amount, customer = 0) {
      const customerId = (sandbox.admin.entities(realmId, 'Customer')[customer] as Json).Id as string;
      const item = (sandbox.admin.entities(realmId, 'Item') as Json[]).find((i) => i.Type === 'Service') as Json;
      return sandbox.store.create(realmId, 'Invoice', {
        CustomerRef: { value: customerId },
        TxnDate: txnDate,
        Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount } }],
      });
    },
    async publishChange(entity, entityId, operation) {
      const event = createEvent({
        type: 'qbo.entity_changed',
        source: 'test/connector',
        data: { realmId, entity, entityId, operation, source: 'webhook', syncToken: '0', lastUpdated: new Date().toISOString() },
      });
      await bus.publish(topics.changes, [{ key: realmId, event }]);
    },
    async close() {
      await service.stopConsumers();
      await service.http.close();
      await service.drainOutbox();
      await bus.close();
      await db.knex.raw('drop schema if exists ?? cascade', [db.schema]);
      await db.destroy();
      await sandbox.close();
      options.breakers?.shutdown();
    },
  };
}
