import { randomUUID } from 'node:crypto';
import type { Handler, MessageBus, RetryOptions, Subscription } from '@ledgerbus/bus';
import type { Database, OutboxRelay } from '@ledgerbus/db';
import { createOutboxRelay, migrate } from '@ledgerbus/db';
import { createServiceHttpServer } from '@ledgerbus/kit';
import type { HttpServer, JwtVerifierOptions, Logger } from '@ledgerbus/kit';
import type { QboClient, QboMeter, RateLimiter } from '@ledgerbus/qbo';
import { createPostgresQboMeter, createQboClient, createMemoryRateLimiter, ensureMeteringSchema } from '@ledgerbus/qbo';
import { DEFAULT_TOPICS } from './context';
import type { ConnectorContext, ConnectorSettings, ConnectorTopics } from './context';
import { connectorMigrations } from './db/migrations';
import { createUnknownRealmRecorder } from './db/unknown-realms.recorder';
import type { TokenKeyRing } from './domain/token-crypto';
import { DEFAULT_CDC_ENTITIES, SNAPSHOT_ENTITIES } from './domain/versions';
import { changesNotifiedHandler } from './handlers/changes-notified.handler';
import { phaseRequestedHandler } from './handlers/phase-requested.handler';
import { registerConnectionRoutes } from './http/connection.routes';
import { registerOAuthRoutes } from './http/oauth.routes';
import { registerQboUsageRoutes } from './http/qbo-usage.routes';
import { registerTokenRoutes } from './http/tokens.routes';
import { registerWebhookRoutes } from './http/webhooks.routes';
import { createIntakePublisher } from './intake/intake-publisher';
import type { IntakePublisher } from './intake/intake-publisher';
import type { IntuitOAuth } from './intuit/intuit-oauth';
import { createWebhookCoalescer } from './use-cases/coalesced-fetch';
import type { Poller } from './use-cases/poller';
import { DEFAULT_MONTHLY_READ_QUOTA, createQboUsageService } from './use-cases/qbo-usage';
import type { QboUsageService } from './use-cases/qbo-usage';
import { createPoller } from './use-cases/poller';
import type { TokenService } from './use-cases/tokens';
import { createTokenService } from './use-cases/tokens';

export const SERVICE_NAME = 'connector';
export const SERVICE_VERSION = '0.1.0';

export interface ConnectorServiceDeps {
  db: Database;
  bus: MessageBus;
  logger: Logger;
  jwt: JwtVerifierOptions;
  keys: TokenKeyRing;
  intuit: IntuitOAuth;
  /** QBO API base URL (Intuit's, or the sandbox's). */
  qboBaseUrl: string;
  /** Per-realm limiter shared with every other caller of the realm (PostgreSQL in production). Default: in-memory. */
  limiter?: RateLimiter;
  settings: Partial<ConnectorSettings> & Pick<ConnectorSettings, 'stateSecret' | 'webhookVerifierTokens'>;
  clock?: () => Date;
  /** Prefix of consumer group ids (tests use a fresh one). Default "". */
  groupPrefix?: string;
  relayPollIntervalMs?: number;
  /** Start the CDC/snapshot poller with `start()`. Default true. */
  runPoller?: boolean;
  instanceId?: string;
  /** Where a new intake consumer group starts. Default true (a real deployment keeps its group); tests with fresh groups pass false. */
  intakeFromBeginning?: boolean;
  /** The topics it writes and its intake topic. Default: the registry's; tests and benchmarks pass `prefixedTopics(fresh)`. */
  topics?: ConnectorTopics;
  /**
   * Where a new sync-runs consumer group starts on `sync.events.v1`. Default false: a new
   * deployment does not replay old runs' requests (QBO reads cost money); tests with fresh topics pass true.
   */
  syncRunsFromBeginning?: boolean;
  /** Retry of retriable failures by its consumers (the inbound phase's catch-up included). Default: the bus's. */
  retry?: Partial<Omit<RetryOptions, 'signal'>>;
  /**
   * QBO call metering and the read quota. `schema` holds `qbo_usage`, where every service's QBO
   * client meters (the shared limiter's schema, QBO_LIMITER_SCHEMA); default: this service's own
   * schema (tests). The connector's clients meter through the limiter's meter, or one of its own on
   * that schema when the limiter has none.
   */
  qboUsage?: { schema?: string; monthlyReadQuota?: number; checkEveryMs?: number };
}

export interface ConnectorService {
  readonly http: HttpServer;
  readonly context: ConnectorContext;
  readonly tokens: TokenService;
  readonly poller: Poller;
  readonly intake: IntakePublisher;
  readonly usage: QboUsageService;
  /** Migrate, start the intake consumer, the outbox relay and the poller. */
  start(): Promise<void>;
  /** Stop the poller and the consumers (the caller closes HTTP, bus and DB). */
  stopConsumers(): Promise<void>;
  drainOutbox(): Promise<void>;
}

export const DEFAULT_SETTINGS: Omit<ConnectorSettings, 'stateSecret' | 'webhookVerifierTokens'> = {
  stateTtlMs: 10 * 60_000,
  stateCookie: { path: '/v1/oauth/callback', secure: false },
  refreshSkewMs: 5 * 60_000,
  cdcIntervalMs: 15 * 60_000,
  pollerTickMs: 5_000,
  pollerLeaseMs: 5 * 60_000,
  cdcEntities: DEFAULT_CDC_ENTITIES,
  snapshotEntities: SNAPSHOT_ENTITIES,
  connectedRedirectUrl: undefined,
  lastWebhookEveryMs: 60_000,
  webhookCoalesceMs: 250,
};

/** Builds the service around its adapters; never listens and never reads the environment. */
export async function createConnectorService(deps: ConnectorServiceDeps): Promise<ConnectorService> {
  const settings: ConnectorSettings = { ...DEFAULT_SETTINGS, ...deps.settings };
  const limiter = deps.limiter ?? createMemoryRateLimiter();
  const usageSchema = deps.qboUsage?.schema ?? deps.db.schema;
  const ownMeter = limiter.meter === undefined ? createPostgresQboMeter({ knex: deps.db.knex, schema: usageSchema, logger: deps.logger }) : undefined;
  const meter: QboMeter = limiter.meter ?? ownMeter!;
  const clients = new Map<string, QboClient>();
  const tokenHolder: { service?: TokenService } = {};

  const topics = deps.topics ?? DEFAULT_TOPICS;
  const context: ConnectorContext = {
    topics,
    knex: deps.db.knex,
    bus: deps.bus,
    logger: deps.logger,
    clock: deps.clock ?? (() => new Date()),
    keys: deps.keys,
    intuit: deps.intuit,
    settings,
    instanceId: deps.instanceId ?? `connector-${randomUUID()}`,
    qbo(realmId, tokenProvider) {
      const qboLogger = deps.logger.child({ component: 'qbo', realmId });
      if (tokenProvider !== undefined) return createQboClient({ baseUrl: deps.qboBaseUrl, realmId, tokenProvider, limiter, meter, logger: qboLogger, readOnly: true });
      let client = clients.get(realmId);
      if (client === undefined) {
        client = createQboClient({
          baseUrl: deps.qboBaseUrl,
          realmId,
          limiter,
          meter,
          logger: qboLogger,
          // The connector only reads.
          readOnly: true,
          tokenProvider: async (realm, options) => (await tokenHolder.service!.getAccessToken(realm, { forceRefresh: options.forceRefresh })).accessToken,
        });
        clients.set(realmId, client);
      }
      return client;
    },
  };
  const tokens = createTokenService(context);
  tokenHolder.service = tokens;
  const poller = createPoller(context);
  const unknownRealms = createUnknownRealmRecorder(deps.db.knex, deps.logger);
  const intake = createIntakePublisher({ bus: deps.bus, topic: topics.notifications });
  const coalescer = settings.webhookCoalesceMs > 0 ? createWebhookCoalescer(context, unknownRealms, { windowMs: settings.webhookCoalesceMs }) : undefined;
  const usage = createQboUsageService({
    knex: deps.db.knex,
    limiter,
    topics,
    clock: context.clock,
    settings: { schema: usageSchema, monthlyReadQuota: deps.qboUsage?.monthlyReadQuota ?? DEFAULT_MONTHLY_READ_QUOTA },
  });
  let usageTimer: NodeJS.Timeout | undefined;

  const http = await createServiceHttpServer(deps, {
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    openapi: {
      title: 'ledgerbus connector',
      description: "Each tenant's QBO connection (connect, status, disconnect), Intuit's webhooks, and access tokens for the other services.",
      tags: [
        { name: 'connection', description: "A tenant's QBO company: connect through Intuit OAuth, status, disconnect, catch up, audit" },
        { name: 'webhooks', description: "Intuit's webhooks, verified by their intuit-signature" },
        { name: 'internal', description: 'For ledgerbus services only (service accounts)' },
      ],
    },
  });
  registerConnectionRoutes(http, context, poller);
  registerOAuthRoutes(http, context);
  registerTokenRoutes(http, tokens);
  registerWebhookRoutes(http, context, intake);
  registerQboUsageRoutes(http, usage);

  const subscriptions: Subscription[] = [];
  let relay: OutboxRelay | undefined;
  const prefix = deps.groupPrefix ?? '';
  let stopping = new AbortController();

  return {
    http,
    context,
    tokens,
    poller,
    intake,
    usage,
    async start() {
      await migrate(deps.db.knex, { schema: deps.db.schema, migrations: connectorMigrations });
      await ensureMeteringSchema(deps.db.knex, { schema: usageSchema });
      await deps.bus.ensureTopics([topics.notifications, topics.changes, topics.connections, topics.events]);
      stopping = new AbortController();
      relay = createOutboxRelay({
        knex: deps.db.knex,
        bus: deps.bus,
        schema: deps.db.schema,
        logger: deps.logger,
        topics: [topics.notifications, topics.changes, topics.connections, topics.events],
        ...(deps.relayPollIntervalMs === undefined ? {} : { pollIntervalMs: deps.relayPollIntervalMs }),
      });
      relay.start();
      coalescer?.start();
      subscriptions.push(
        await deps.bus.subscribe({
          groupId: `${prefix}connector.fetch-changes`,
          topics: [topics.notifications],
          handler: changesNotifiedHandler(context, unknownRealms, coalescer) as Handler,
          handlerName: 'connector.fetch-changes',
          fromBeginning: deps.intakeFromBeginning ?? true,
          partitionsConsumedConcurrently: 4,
          ...(deps.retry === undefined ? {} : { retry: deps.retry }),
        }),
      );
      // Sync runs: the inbound phase (a CDC catch-up) is this service's.
      subscriptions.push(
        await deps.bus.subscribe({
          groupId: `${prefix}connector.sync-runs`,
          topics: [topics.events],
          handler: phaseRequestedHandler(context, poller, {
            retry: deps.retry ?? {},
            leaseWaitMs: Math.min(settings.pollerLeaseMs, 60_000),
            publishWaitMs: 60_000,
            signal: stopping.signal,
          }),
          handlerName: 'connector.sync-runs',
          fromBeginning: deps.syncRunsFromBeginning ?? false,
          ...(deps.retry === undefined ? {} : { retry: deps.retry }),
        }),
      );
      if (deps.runPoller ?? true) poller.start();
      // The monthly read quota's thresholds: checked every few seconds, each fired once per month (any replica).
      usageTimer = setInterval(() => {
        usage.checkThresholds().catch((err: unknown) => deps.logger.warn({ err: { message: (err as Error).message } }, 'qbo read quota check failed; retried on the next tick'));
      }, deps.qboUsage?.checkEveryMs ?? 10_000);
      usageTimer.unref();
    },
    async stopConsumers() {
      if (usageTimer !== undefined) clearInterval(usageTimer);
      usageTimer = undefined;
      await poller.stop();
      // Ends an inbound phase's waits: its request stays uncommitted for the next owner.
      stopping.abort();
      const all = subscriptions.splice(0);
      await Promise.all(all.map((s) => s.stop()));
      // Flushes in flight finish; notifications still pending wait in webhook_pending for the next start (any replica).
      await coalescer?.stop();
      await unknownRealms.stop();
      // No more QBO calls from here: the last counts are written (a limiter's meter is flushed by its close()).
      await ownMeter?.close();
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
