import type { MessageBus, Subscription } from '@ledgerbus/bus';
import { platformCustomers, platformInvoices, platformPayments, syncEvents } from '@ledgerbus/contracts';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { migrate } from '@ledgerbus/db';
import { createServiceHttpServer, LedgerbusError } from '@ledgerbus/kit';
import type { AuthPreHandler, HttpServer, JwtVerifierOptions, Logger } from '@ledgerbus/kit';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { IngestConfig, IngestContext } from './context';
import { DEFAULT_CONFIG } from './context';
import { idempotencyRepository } from './db/idempotency.repository';
import { ingestMigrations } from './db/migrations';
import { createRecordVersions } from './db/records.repository';
import type { EntityName } from './domain/entities';
import { syncEventHandler } from './handlers/sync-event.handler';
import { registerIngestRoutes } from './http/ingest.routes';
import { registerRecordRoutes } from './http/records.routes';
import { registerIngestMetrics } from './metrics';
import type { RecordPublisher } from './publisher';
import { createBatchingPublisher } from './publisher';

export const SERVICE_NAME = 'ingest';
export const SERVICE_VERSION = '0.1.0';

export interface IngestServiceDeps {
  db: Database;
  bus: MessageBus;
  logger: Logger;
  jwt: JwtVerifierOptions;
  config?: Partial<IngestConfig>;
  clock?: () => Date;
  /** Prefix of consumer group ids (tests use a fresh one). Default "". */
  groupPrefix?: string;
  /** Topics to publish on and consume (tests pass fresh copies). Default: the registry's. */
  topics?: Partial<Record<EntityName, TopicDefinition>> & { events?: TopicDefinition };
  /** How records reach their topic. Default: group commit over `bus.publish` (see publisher.ts). */
  publisher?: RecordPublisher;
}

export interface IngestService {
  readonly http: HttpServer;
  readonly context: IngestContext;
  /** Migrate, create the platform topics, start the sync-status consumer and the key cleanup. */
  start(): Promise<void>;
  /** Stop the consumer and the key cleanup. */
  stopConsumers(): Promise<void>;
  /** Nothing to drain: records are published before the answer, not through an outbox. */
  drainOutbox(): Promise<void>;
  /** Deletes expired Idempotency-Keys now (the timer does it every `cleanupIntervalMs`). */
  cleanupKeys(): Promise<number>;
}

/** Builds the service around its adapters; never listens and never reads the environment. */
export async function createIngestService(deps: IngestServiceDeps): Promise<IngestService> {
  const config: IngestConfig = { ...DEFAULT_CONFIG, ...deps.config };
  const topics = {
    customers: deps.topics?.customers ?? platformCustomers,
    invoices: deps.topics?.invoices ?? platformInvoices,
    payments: deps.topics?.payments ?? platformPayments,
  };
  const eventsTopic = deps.topics?.events ?? syncEvents;

  const http = await createServiceHttpServer(deps, {
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    bodyLimit: config.bodyLimit,
    openapi: {
      title: 'ledgerbus ingest',
      description:
        "The integrators' HTTP door: send platform customers, invoices and payments (and their voids and deletes) with the same contracts as the platform.* topics; " +
        '202 once durable on the topic, Idempotency-Key, per-tenant rate limit, and each record\'s sync state from sync.events.v1.',
      tags: [
        { name: 'customers', description: 'Send platform customers (one or a batch), and their deletes: the platform.customers.v1 contract over HTTP' },
        { name: 'invoices', description: 'Send platform invoices (one or a batch), and their voids and deletes: the platform.invoices.v1 contract over HTTP' },
        { name: 'payments', description: 'Send platform payments (one or a batch), and their voids and deletes: the platform.payments.v1 contract over HTTP' },
        { name: 'records', description: "A record's sync state: latest version, QBO id, pushed / held / waiting / failed / skipped, and why" },
      ],
    },
  });

  // One bucket per tenant over every write route; checked after authentication (a caller without a
  // valid token cannot spend a tenant's budget). Each replica counts its own requests.
  await http.register(rateLimit, { global: false });
  const limit = http.rateLimit({
    max: config.rateLimit,
    timeWindow: config.rateWindowMs,
    cache: 10_000,
    keyGenerator: (request: FastifyRequest) => `tenant:${(request.params as { tenant?: string }).tenant ?? ''}`,
    errorResponseBuilder: (_request, context) =>
      new LedgerbusError('rate_limited', `too many requests for this tenant: at most ${context.max} per ${config.rateWindowMs} ms; retry after ${context.after}`, {
        statusCode: context.statusCode,
        details: { limit: context.max, windowMs: config.rateWindowMs, retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      }),
  }) as AuthPreHandler;

  const ctx: IngestContext = {
    knex: deps.db.knex,
    clock: deps.clock ?? (() => new Date()),
    logger: deps.logger,
    config,
    publisher: deps.publisher ?? createBatchingPublisher(deps.bus),
    versions: createRecordVersions(deps.db.knex),
    topics,
    metrics: registerIngestMetrics(http.metrics),
  };
  registerIngestRoutes(http, ctx, limit);
  registerRecordRoutes(http, ctx);

  const subscriptions: Subscription[] = [];
  let cleanup: NodeJS.Timeout | undefined;
  const cleanupKeys = async (): Promise<number> => {
    const deleted = await idempotencyRepository.deleteExpired(deps.db.knex, ctx.clock());
    if (deleted > 0) deps.logger.info({ deleted }, 'ingest: expired Idempotency-Keys deleted');
    return deleted;
  };

  return {
    http,
    context: ctx,
    cleanupKeys,
    async start() {
      await migrate(deps.db.knex, { schema: deps.db.schema, migrations: ingestMigrations });
      await deps.bus.ensureTopics([topics.customers, topics.invoices, topics.payments, eventsTopic]);
      const handlers = syncEventHandler(deps.db.knex);
      subscriptions.push(
        await deps.bus.subscribe({
          groupId: `${deps.groupPrefix ?? ''}ingest.sync-status`,
          topics: [eventsTopic],
          handler: handlers.handler,
          batch: { handler: handlers.batch },
          handlerName: 'ingest.sync-status',
          fromBeginning: true,
        }),
      );
      cleanup = setInterval(() => {
        cleanupKeys().catch((err: unknown) => deps.logger.warn({ err }, 'ingest: Idempotency-Key cleanup failed; next round retries'));
      }, config.cleanupIntervalMs);
      cleanup.unref();
    },
    async stopConsumers() {
      if (cleanup !== undefined) clearInterval(cleanup);
      cleanup = undefined;
      const all = subscriptions.splice(0);
      await Promise.all(all.map((s) => s.stop()));
    },
    async drainOutbox() {},
  };
}
