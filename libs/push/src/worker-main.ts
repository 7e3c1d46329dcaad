/**
 * The composition of a push worker (invoice-push, payment-push): config from the given
 * environment, logger, PostgreSQL, Kafka, the shared per-realm QBO limiter, QBO clients with
 * access tokens from the connector, and the ordered shutdown. Each service's `src/main.ts`
 * calls it with `process.env`, so main.ts stays the only reader of the environment.
 */
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import type { Logger, RunnableService } from '@ledgerbus/kit';
import { createLogger, loadConfig, runService } from '@ledgerbus/kit';
import type { QboClient } from '@ledgerbus/qbo';
import { createPostgresRateLimiter, createQboClient } from '@ledgerbus/qbo';
import { pushWorkerConfigSchema } from './config';
import type { PushWorkerBaseConfig } from './config';
import { createHttpTokenProvider } from './token-provider';

export interface PushWorkerDeps {
  db: Database;
  bus: MessageBus;
  logger: Logger;
  qboClientFor: (realmId: string) => QboClient;
  tuning: { concurrency: number; groupPrefix: string };
}

export interface PushWorkerService extends RunnableService {
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
}

export async function runPushWorker(options: PushWorkerOptions): Promise<void> {
  const { name, envPrefix } = options;
  const configSchema = pushWorkerConfigSchema(name, envPrefix);
  const config = loadConfig(configSchema, options.env) as unknown as PushWorkerBaseConfig & Record<string, unknown>;
  const dbSchema = config[`${envPrefix}_DB_SCHEMA`] as string;
  const concurrency = config[`${envPrefix}_CONCURRENCY`] as number;

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
  const service = options.createService({ db, bus, logger, qboClientFor, tuning: { concurrency, groupPrefix: config.KAFKA_GROUP_PREFIX } });
  await service.migrate();

  await runService({
    logger,
    service,
    stop: { consumers: () => service.stopConsumers(), pushing: () => service.stopPushing() },
    close: { bus: () => bus.close(), limiter: () => limiter.close(), db: () => db.destroy() },
  });
  logger.info(`${name} started`);
}
