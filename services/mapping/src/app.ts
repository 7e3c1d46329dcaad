import type { Handler, MessageBus, Subscription } from '@ledgerbus/bus';
import { connectorConnections, mappingSettings, qboChanges, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { Database, OutboxRelay } from '@ledgerbus/db';
import { createOutboxRelay, migrate } from '@ledgerbus/db';
import { createServiceHttpServer } from '@ledgerbus/kit';
import type { HttpServer, JwtVerifierOptions, Logger } from '@ledgerbus/kit';
import type { MappingContext } from './context';
import { mappingMigrations } from './db/migrations';
import { connectionStateHandler } from './handlers/connection-state.handler';
import { linkChangedHandler } from './handlers/link-changed.handler';
import { qboEntityChangedHandler } from './handlers/qbo-entity-changed.handler';
import { syncEventHandler } from './handlers/sync-event.handler';
import { subscribeDeadLetters } from './handlers/dead-letter.handler';
import { registerAuditRoutes } from './http/audit.routes';
import { registerDeadLetterRoutes } from './http/dead-letters.routes';
import { registerLinksRoutes } from './http/links.routes';
import { registerReferenceRoutes } from './http/reference.routes';
import { registerSettingsRoutes } from './http/settings.routes';
import { registerRunsRoutes } from './http/runs.routes';
import { registerSyncLogRoutes } from './http/sync-log.routes';
import type { RunTimings } from './use-cases/runs';
import { startRunTicker } from './use-cases/runs';

export const SERVICE_NAME = 'mapping';
export const SERVICE_VERSION = '0.1.0';

export interface MappingServiceDeps {
  db: Database;
  bus: MessageBus;
  logger: Logger;
  clock?: () => Date;
  jwt: JwtVerifierOptions;
  /** Prefix of consumer group ids (tests use a fresh one). Default "". */
  groupPrefix?: string;
  /** Outbox relay poll interval (ms); PGlite has no NOTIFY so it relies on polling. */
  relayPollIntervalMs?: number;
  /** Sync runs: how often every replica moves unfinished runs on (ms, default 1000), and their time limits. */
  runTickMs?: number;
  runTimings?: RunTimings;
}

export interface MappingService {
  readonly http: HttpServer;
  readonly context: MappingContext;
  /** Migrate, start the consumers and the outbox relay. */
  start(): Promise<void>;
  /** Stop the consumers, then drain and stop the relay (the caller closes HTTP, bus and DB). */
  stopConsumers(): Promise<void>;
  drainOutbox(): Promise<void>;
}

/** The consumers of this service: one handler per topic's event types. */
function consumers(ctx: MappingContext): Array<{ name: string; topic: TopicDefinition; handler: Handler }> {
  return [
    { name: 'reference-data', topic: qboChanges, handler: qboEntityChangedHandler(ctx) as Handler },
    { name: 'connections', topic: connectorConnections, handler: connectionStateHandler(ctx) as Handler },
    { name: 'links', topic: syncLinks, handler: linkChangedHandler(ctx) as Handler },
    { name: 'sync-log', topic: syncEvents, handler: syncEventHandler(ctx) },
  ];
}

/** Builds the service around its adapters; never listens and never reads the environment. */
export async function createMappingService(deps: MappingServiceDeps): Promise<MappingService> {
  const ctx: MappingContext = { knex: deps.db.knex, clock: deps.clock ?? (() => new Date()), logger: deps.logger };
  const http = await createServiceHttpServer(deps, {
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    openapi: {
      title: 'ledgerbus mapping',
      description: 'The admin settings API: sync settings, mappings, reference data, links, sync log, sync runs and audit log of each tenant.',
      tags: [
        { name: 'settings', description: 'What syncs, in which direction, with which accounts, prefixes, filters and customer rules' },
        { name: 'mappings', description: 'Platform values (payment methods, GL codes, product types) to QBO objects, and defaults' },
        { name: 'reference data', description: "The connected company's accounts, payment methods, tax codes, classes and items, cached from QBO" },
        { name: 'links', description: 'Which platform record is which QBO record' },
        { name: 'sync log', description: 'Every outcome per record, its failures and their retry' },
        { name: 'sync runs', description: 'Enable Integration, Synchronize now and bulk retries, with their phases and figures' },
        { name: 'audit', description: 'Every change of settings, mappings, links and runs, with the acting user or service account' },
        { name: 'dead letters', description: 'Messages no consumer could handle, and their replay' },
      ],
    },
  });
  registerSettingsRoutes(http, ctx);
  registerReferenceRoutes(http, ctx);
  registerLinksRoutes(http, ctx);
  registerSyncLogRoutes(http, ctx);
  registerRunsRoutes(http, ctx);
  registerAuditRoutes(http, ctx);
  registerDeadLetterRoutes(http, ctx, deps.bus);

  const subscriptions: Subscription[] = [];
  let relay: OutboxRelay | undefined;
  let stopTicker: (() => Promise<void>) | undefined;
  const prefix = deps.groupPrefix ?? '';

  return {
    http,
    context: ctx,
    async start() {
      await migrate(deps.db.knex, { schema: deps.db.schema, migrations: mappingMigrations });
      // The topics it produces: the Kafka producer never auto-creates one, and the compacted
      // mapping.settings.v1 must exist (compacted) before the first change is relayed,
      // whether or not a worker subscribed to it yet.
      await deps.bus.ensureTopics([mappingSettings, syncLinks, syncEvents]);
      relay = createOutboxRelay({
        knex: deps.db.knex,
        bus: deps.bus,
        schema: deps.db.schema,
        logger: deps.logger,
        ...(deps.relayPollIntervalMs === undefined ? {} : { pollIntervalMs: deps.relayPollIntervalMs }),
      });
      relay.start();
      for (const c of consumers(ctx)) {
        subscriptions.push(
          await deps.bus.subscribe({ groupId: `${prefix}mapping.${c.name}`, topics: [c.topic], handler: c.handler, handlerName: `mapping.${c.name}`, fromBeginning: true }),
        );
      }
      subscriptions.push(await subscribeDeadLetters(deps.bus, ctx, { groupId: `${prefix}mapping.dead-letters` }));
      stopTicker = startRunTicker(ctx, { ...(deps.runTickMs === undefined ? {} : { intervalMs: deps.runTickMs }), ...(deps.runTimings === undefined ? {} : { timings: deps.runTimings }) });
    },
    async stopConsumers() {
      await stopTicker?.();
      stopTicker = undefined;
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
