import type { Handler, MessageBus, Subscription } from '@ledgerbus/bus';
import { connectorConnections, qboChanges, syncEvents } from '@ledgerbus/contracts';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { Database, OutboxRelay } from '@ledgerbus/db';
import { createOutboxRelay, migrate } from '@ledgerbus/db';
import { createServiceHttpServer } from '@ledgerbus/kit';
import type { HttpServer, JwtVerifierOptions, Logger } from '@ledgerbus/kit';
import type { BreakerRegistry, QboClient, RateLimiter, TokenProvider } from '@ledgerbus/qbo';
import { createQboClient, createMemoryRateLimiter } from '@ledgerbus/qbo';
import type { MetricsConfig, MetricsContext } from './context';
import { DEFAULT_CONFIG } from './context';
import { metricsMigrations } from './db/migrations';
import { connectionStateHandler } from './handlers/connection-state.handler';
import { qboEntityChangedHandler } from './handlers/qbo-entity-changed.handler';
import { registerDatasetRoutes } from './http/datasets.routes';
import { registerMetricRoutes } from './http/metrics.routes';
import type { ImportRunner } from './use-cases/import-runner';
import { createImportRunner } from './use-cases/import-runner';

export const SERVICE_NAME = 'metrics';
export const SERVICE_VERSION = '0.1.0';

export interface MetricsServiceDeps {
  db: Database;
  bus: MessageBus;
  logger: Logger;
  jwt: JwtVerifierOptions;
  /** QBO API base URL (production, or the sandbox's). */
  qboBaseUrl: string;
  /** Access tokens for a realm (the connector's internal API in production). */
  tokenProvider: TokenProvider;
  /** Per-realm limiter shared with every other caller of the realm (PostgreSQL in production). Default: in-memory. */
  limiter?: RateLimiter;
  breakers?: BreakerRegistry;
  config?: Partial<MetricsConfig>;
  clock?: () => Date;
  /** Prefix of consumer group ids (tests use a fresh one). Default "". */
  groupPrefix?: string;
  /** Topic definitions to consume and publish on (tests pass fresh copies). Default: the registry's. */
  topics?: { connections?: TopicDefinition; changes?: TopicDefinition; events?: TopicDefinition };
  relayPollIntervalMs?: number;
  /** Start the import runner's timer (default true; benchmarks drive `runner.tick()` themselves). */
  runImports?: boolean;
}

export interface MetricsService {
  readonly http: HttpServer;
  readonly context: MetricsContext;
  readonly runner: ImportRunner;
  /** The read-only QBO client the service uses for a realm. */
  qboFor(realmId: string): QboClient;
  /** Migrate, start the consumers, the outbox relay and the import runner. */
  start(): Promise<void>;
  /** Stop the import runner and the consumers. */
  stopConsumers(): Promise<void>;
  drainOutbox(): Promise<void>;
}

/** Counts every grant the limiter gives per realm: the QBO calls this process made. */
function countingLimiter(inner: RateLimiter, counts: Map<string, number>): RateLimiter {
  return {
    // The shared limiter's meter and budget stay visible to the clients (QBO call metering).
    ...(inner.meter === undefined ? {} : { meter: inner.meter }),
    ...(inner.budget === undefined ? {} : { budget: (realmId: string) => inner.budget!(realmId) }),
    async acquire(realmId, options) {
      const grant = await inner.acquire(realmId, options);
      counts.set(realmId, (counts.get(realmId) ?? 0) + 1);
      return grant;
    },
    close: () => inner.close(),
  };
}

/** Builds the service around its adapters; never listens and never reads the environment. */
export async function createMetricsService(deps: MetricsServiceDeps): Promise<MetricsService> {
  const counts = new Map<string, number>();
  const limiter = countingLimiter(deps.limiter ?? createMemoryRateLimiter(), counts);
  const clients = new Map<string, QboClient>();
  const qboFor = (realmId: string): QboClient => {
    let client = clients.get(realmId);
    if (client === undefined) {
      client = createQboClient({
        baseUrl: deps.qboBaseUrl,
        realmId,
        tokenProvider: deps.tokenProvider,
        limiter,
        readOnly: true,
        logger: deps.logger,
        ...(deps.breakers === undefined ? {} : { breakers: deps.breakers }),
      });
      clients.set(realmId, client);
    }
    return client;
  };
  const topics = {
    connections: deps.topics?.connections ?? connectorConnections,
    changes: deps.topics?.changes ?? qboChanges,
    events: deps.topics?.events ?? syncEvents,
  };
  const ctx: MetricsContext = {
    knex: deps.db.knex,
    clock: deps.clock ?? (() => new Date()),
    logger: deps.logger,
    config: { ...DEFAULT_CONFIG, ...deps.config },
    qboFor,
    qboCalls: (realmId) => counts.get(realmId) ?? 0,
    eventsTopic: topics.events,
  };
  const http = await createServiceHttpServer(deps, {
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    openapi: {
      title: 'ledgerbus metrics',
      description: 'QuickBooks Metrics: datasets imported read-only from QBO (P&L, balance sheet, account balances), metric definitions and their series, import status.',
      tags: [
        { name: 'metrics', description: "A tenant's metric definitions (dataset + accounts) and their values per period" },
        { name: 'datasets', description: 'What a metric can read from QBO, and when it was last imported' },
      ],
    },
  });
  registerMetricRoutes(http, ctx);
  registerDatasetRoutes(http, ctx);

  const runner = createImportRunner(ctx);
  const subscriptions: Subscription[] = [];
  let relay: OutboxRelay | undefined;
  const prefix = deps.groupPrefix ?? '';
  const consumers: Array<{ name: string; topic: TopicDefinition; handler: Handler }> = [
    { name: 'connections', topic: topics.connections, handler: connectionStateHandler(ctx) as Handler },
    { name: 'changes', topic: topics.changes, handler: qboEntityChangedHandler(ctx) as Handler },
  ];

  return {
    http,
    context: ctx,
    runner,
    qboFor,
    async start() {
      await migrate(deps.db.knex, { schema: deps.db.schema, migrations: metricsMigrations });
      relay = createOutboxRelay({
        knex: deps.db.knex,
        bus: deps.bus,
        schema: deps.db.schema,
        logger: deps.logger,
        topics: [topics.events],
        ...(deps.relayPollIntervalMs === undefined ? {} : { pollIntervalMs: deps.relayPollIntervalMs }),
      });
      relay.start();
      for (const c of consumers) {
        subscriptions.push(await deps.bus.subscribe({ groupId: `${prefix}metrics.${c.name}`, topics: [c.topic], handler: c.handler, handlerName: `metrics.${c.name}`, fromBeginning: true }));
      }
      if (deps.runImports ?? true) runner.start();
    },
    async stopConsumers() {
      await runner.stop();
      const all = subscriptions.splice(0);
      await Promise.all(all.map((s) => s.stop()));
    },
    async drainOutbox() {
      if (relay === undefined) return;
      // Stop the relay even when the drain fails (timeout): otherwise its loop and LISTEN connection outlive the service.
      try {
        await relay.drain({ timeoutMs: 10_000 });
      } finally {
        await relay.stop();
      }
    },
  };
}
