import type { Handler, MessageBus, Subscription } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { Database, OutboxRelay } from '@ledgerbus/db';
import { createOutboxRelay, migrate } from '@ledgerbus/db';
import { createServiceHttpServer } from '@ledgerbus/kit';
import type { HttpServer, JwtVerifierOptions, Logger } from '@ledgerbus/kit';
import type { QboClient } from '@ledgerbus/qbo';
import type { CustomerSyncContext, CustomerSyncTopics } from './context';
import { DEFAULT_TOPICS } from './context';
import { customerSyncMigrations } from './db/migrations';
import { platformCustomerHandler } from './handlers/customer.handler';
import { linkChangedHandler } from './handlers/link-changed.handler';
import { qboEntityChangedHandler } from './handlers/qbo-entity-changed.handler';
import { connectionStateHandler, directoryHandler, settingsStateHandler } from './handlers/state.handlers';
import { syncCommandsHandler } from './handlers/sync-commands.handler';
import { registerOnboardingRoutes } from './http/onboarding.routes';
import type { OnboardingRunnerOptions } from './use-cases/onboarding-run';
import { createOnboardingRunner } from './use-cases/onboarding-run';
import type { RunWorkerOptions } from './use-cases/run-worker';
import { createRunWorker } from './use-cases/run-worker';

export const SERVICE_NAME = 'customer-sync';
export const SERVICE_VERSION = '0.1.0';

export interface CustomerSyncServiceDeps {
  db: Database;
  bus: MessageBus;
  logger: Logger;
  jwt: JwtVerifierOptions;
  /** A QBO client per realm (token provider from the connector, shared limiter). */
  qbo: (realmId: string) => QboClient;
  clock?: () => Date;
  topics?: Partial<CustomerSyncTopics>;
  groupPrefix?: string;
  relayPollIntervalMs?: number;
  /** Consumer retry of retriable errors (e.g. not connected yet). */
  retry?: { maxAttempts?: number; initialDelayMs?: number; maxDelayMs?: number };
  /** The worker that pushes the customers of sync runs (leases, attempts, backoff). */
  runs?: RunWorkerOptions;
  /** Onboarding runs: heartbeat and takeover of a run whose process died. */
  onboarding?: OnboardingRunnerOptions;
}

export interface CustomerSyncService {
  readonly http: HttpServer;
  readonly context: CustomerSyncContext;
  start(): Promise<void>;
  stopConsumers(): Promise<void>;
  drainOutbox(): Promise<void>;
}

export async function createCustomerSyncService(deps: CustomerSyncServiceDeps): Promise<CustomerSyncService> {
  const topics: CustomerSyncTopics = { ...DEFAULT_TOPICS, ...deps.topics };
  const ctx: CustomerSyncContext = { knex: deps.db.knex, clock: deps.clock ?? (() => new Date()), logger: deps.logger, topics, qbo: deps.qbo };
  const http = await createServiceHttpServer(deps, {
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    openapi: { title: 'ledgerbus customer-sync', description: 'Onboarding import: proposals, auto import, manual link/import.', tags: [{ name: 'onboarding', description: 'Bring QBO employees, customers and items over: proposals, auto import, link or import one by one' }] },
  });
  const runner = createOnboardingRunner(ctx, deps.onboarding);
  registerOnboardingRoutes(http, ctx, runner);
  const runWorker = createRunWorker(ctx, deps.runs);

  // State topics first (connections, settings) so that pushes find them.
  const consumers: Array<{ name: string; topic: TopicDefinition; handler: Handler; fromBeginning?: boolean }> = [
    { name: 'connections', topic: topics.connectorConnections, handler: connectionStateHandler(ctx) as Handler },
    { name: 'settings', topic: topics.mappingSettings, handler: settingsStateHandler(ctx) as Handler },
    { name: 'employees', topic: topics.platformEmployees, handler: directoryHandler(ctx) as Handler },
    { name: 'products', topic: topics.platformProducts, handler: directoryHandler(ctx) as Handler },
    { name: 'customers', topic: topics.platformCustomers, handler: platformCustomerHandler(ctx) as Handler },
    { name: 'qbo-changes', topic: topics.qboChanges, handler: qboEntityChangedHandler(ctx) as Handler },
    // An admin's manual customer links / unlinks (mapping), and retries of customer failures from the sync log.
    { name: 'links', topic: topics.syncLinks, handler: linkChangedHandler(ctx) as Handler },
    // Commands on sync.events: retries from the sync log, customers phases of sync runs and their cancels. The group keeps its
    // name ("retries") so a deployment goes on from its committed offsets; a new one starts at the end of the topic (QBO reads cost money).
    { name: 'retries', topic: topics.syncEvents, handler: syncCommandsHandler(ctx, runWorker) as Handler, fromBeginning: false },
  ];
  const subscriptions: Subscription[] = [];
  let relay: OutboxRelay | undefined;
  const prefix = deps.groupPrefix ?? '';
  return {
    http,
    context: ctx,
    async start() {
      await migrate(deps.db.knex, { schema: deps.db.schema, migrations: customerSyncMigrations });
      relay = createOutboxRelay({
        knex: deps.db.knex,
        bus: deps.bus,
        schema: deps.db.schema,
        logger: deps.logger,
        topics: [topics.syncEvents, topics.syncLinks],
        ...(deps.relayPollIntervalMs === undefined ? {} : { pollIntervalMs: deps.relayPollIntervalMs }),
      });
      relay.start();
      // Runs left by a process that died are carried on here: the members' worker and the onboarding takeover.
      runWorker.start();
      runner.startTakeover();
      for (const c of consumers) {
        subscriptions.push(
          await deps.bus.subscribe({
            groupId: `${prefix}customer-sync.${c.name}`,
            topics: [c.topic],
            handler: c.handler,
            handlerName: `customer-sync.${c.name}`,
            fromBeginning: c.fromBeginning ?? true,
            ...(deps.retry === undefined ? {} : { retry: deps.retry }),
          }),
        );
      }
    },
    async stopConsumers() {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await runWorker.stop();
      await runner.stopTakeover();
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
