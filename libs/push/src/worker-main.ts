/**
 * The composition of a push worker (invoice-push, payment-push): config from the given
 * environment, logger, PostgreSQL, Kafka, the shared per-realm QBO limiter, QBO clients with
 * access tokens from the connector, an HTTP server for probes and metrics only (`/healthz`,
 * `/readyz`, `/metrics` with the push backlog), and the ordered shutdown. Each service's
 * `src/main.ts` calls it with `process.env`, so main.ts stays the only reader of the environment.
 */
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import type { InstallSignalHandlersOptions, Logger, RunnableService, Shutdown } from '@ledgerbus/kit';
import { createHttpServer, createLogger, createMetricsRegistry, loadConfig, runService } from '@ledgerbus/kit';
import type { QboClient } from '@ledgerbus/qbo';
import { createPostgresRateLimiter, createQboClient } from '@ledgerbus/qbo';
import { pushWorkerConfigSchema } from './config';
import type { PushWorkerBaseConfig } from './config';
import { registerPushMetrics } from './push-metrics';
import type { PushStatsSource } from './push-metrics';
import { createHttpTokenProvider } from './token-provider';

/** Version reported by the workers' HTTP server (as the HTTP services' SERVICE_VERSION). */
export const PUSH_WORKER_VERSION = '0.1.0';

export interface PushWorkerDeps {
  db: Database;
  bus: MessageBus;
  logger: Logger;
  qboClientFor: (realmId: string) => QboClient;
  tuning: { concurrency: number; groupPrefix: string; maxAttempts: number };
}

export interface PushWorkerService extends RunnableService, PushStatsSource {
  migrate(): Promise<void>;
  stopPushing(): Promise<void>;
}

export interface PushWorkerOptions {
  /** Service name, e.g. "invoice-push": logger name, client id, default DB schema. */
  name: string;
  /** Prefix of the service's own variables, e.g. "INVOICE_PUSH" → INVOICE_PUSH_DB_SCHEMA, INVOICE_PUSH_CONCURRENCY. */
  envPrefix: string;
  env: NodeJS.ProcessEnv;
  createService(deps: PushWorkerDeps): PushWorkerService;
  /** The `entity` label of its metrics. Default: the name without "-push" ("invoice"). */
  entity?: string;
  /** Signals that shut it down and how the process exits (default SIGTERM/SIGINT, `process.exit`); tests pass their own. */
  signals?: InstallSignalHandlersOptions;
}

/** A started worker: its shutdown (what SIGTERM runs) and where its HTTP server listens. */
export interface RunningPushWorker {
  shutdown: Shutdown;
  url: string;
}

export async function runPushWorker(options: PushWorkerOptions): Promise<RunningPushWorker> {
  const { name, envPrefix } = options;
  const configSchema = pushWorkerConfigSchema(name, envPrefix);
  const config = loadConfig(configSchema, options.env) as unknown as PushWorkerBaseConfig & Record<string, unknown>;
  const dbSchema = config[`${envPrefix}_DB_SCHEMA`] as string;
  const concurrency = config[`${envPrefix}_CONCURRENCY`] as number;
  const maxAttempts = config[`${envPrefix}_MAX_ATTEMPTS`] as number;
  const httpPort = config[`${envPrefix}_PORT`] as number;
  const httpHost = config[`${envPrefix}_HOST`] as string;

  const logger = createLogger({ name, level: config.LOG_LEVEL });
  const db = await createDatabase({ url: config.DATABASE_URL }, { schema: dbSchema, applicationName: `ledgerbus:${name}` });
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: `ledgerbus-${name}`, logger });
  const limiter = createPostgresRateLimiter({ knex: db.knex, schema: config.QBO_LIMITER_SCHEMA });
  await limiter.migrate();
  const tokenProvider = createHttpTokenProvider({ connectorUrl: config.CONNECTOR_URL, serviceToken: config.CONNECTOR_SERVICE_TOKEN });
  const clients = new Map<string, QboClient>();
  const qboClientFor = (realmId: string): QboClient => {
    let client = clients.get(realmId);
    if (!client) {
      client = createQboClient({ baseUrl: config.QBO_BASE_URL, realmId, tokenProvider, limiter, logger });
      clients.set(realmId, client);
    }
    return client;
  };
  const service = options.createService({ db, bus, logger, qboClientFor, tuning: { concurrency, groupPrefix: config.KAFKA_GROUP_PREFIX, maxAttempts } });
  await service.migrate();

  // Ready: the consumers are subscribed (from the end of start until the shutdown stops them),
  // PostgreSQL and Kafka answer; kit bounds each check (2 s), so /readyz never hangs.
  let consuming = false;
  const runnable: RunnableService = {
    async start() {
      await service.start();
      consuming = true;
    },
    async stopConsumers() {
      consuming = false;
      await service.stopConsumers();
    },
    drainOutbox: () => service.drainOutbox(),
  };
  const registry = createMetricsRegistry({ service: name });
  registerPushMetrics({ registry, knex: db.knex, entity: options.entity ?? name.replace(/-push$/, ''), engine: service, logger });
  const server = await createHttpServer({
    logger,
    name,
    version: PUSH_WORKER_VERSION,
    metricsRegistry: registry,
    readiness: [
      {
        name: 'consumers',
        check: async () => {
          if (!consuming) throw new Error('the consumers are not subscribed');
        },
      },
      { name: 'db', check: () => db.ping() },
      { name: 'bus', check: () => bus.ping() },
    ],
  });

  const shutdown = await runService({
    logger,
    service: runnable,
    http: { server, port: httpPort, host: httpHost },
    stop: { consumers: () => runnable.stopConsumers(), pushing: () => service.stopPushing() },
    close: { bus: () => bus.close(), limiter: () => limiter.close(), db: () => db.destroy() },
    ...(options.signals === undefined ? {} : { signals: options.signals }),
  });
  logger.info({ port: httpPort }, `${name} started`);
  return { shutdown, url: `http://${httpHost === '0.0.0.0' ? '127.0.0.1' : httpHost}:${httpPort}` };
}
