/** Composition root of the metrics service: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { booleanString, createLogger, duration, hasJwtKey, JWT_KEY_REQUIRED, jwtEnv, jwtOptionsFromEnv, loadConfig, port, runService, sharedEnv, url } from '@ledgerbus/kit';
import { createPostgresRateLimiter } from '@ledgerbus/qbo';
import { z } from 'zod';
import { connectorTokenProvider } from './adapters/connector-token-provider';
import { createMetricsService } from './app';

const configSchema = z
  .object({
    METRICS_PORT: port(8085),
    METRICS_HOST: z.string().min(1).default('0.0.0.0'),
    METRICS_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('metrics'),
    DATABASE_URL: sharedEnv.DATABASE_URL,
    KAFKA_BROKERS: sharedEnv.KAFKA_BROKERS,
    LOG_LEVEL: sharedEnv.LOG_LEVEL,
    ...jwtEnv,
    QBO_BASE_URL: url({ default: 'https://quickbooks.api.intuit.com' }),
    /** The schema of the per-realm rate-limit grants, shared with every other QBO caller. */
    QBO_LIMITER_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('qbo_limits'),
    CONNECTOR_URL: z.url(),
    CONNECTOR_SERVICE_TOKEN: z.string().min(1),
    METRICS_HISTORY_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
    METRICS_ACCOUNTING_METHOD: z.enum(['Accrual', 'Cash']).default('Accrual'),
    METRICS_CHUNK_MONTHS: z.coerce.number().int().min(1).max(24).default(6),
    METRICS_IMPORT_INTERVAL: duration('1h'),
    METRICS_DEBOUNCE: duration('30s'),
    METRICS_MAX_DEBOUNCE: duration('5m'),
    METRICS_TZ_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(0),
    METRICS_RUN_IMPORTS: booleanString(true),
  })
  .refine(hasJwtKey, JWT_KEY_REQUIRED);

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const logger = createLogger({ name: 'metrics', level: config.LOG_LEVEL });
  const db = await createDatabase({ url: config.DATABASE_URL }, { schema: config.METRICS_DB_SCHEMA, applicationName: 'ledgerbus:metrics' });
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'ledgerbus-metrics', logger });
  const limiter = createPostgresRateLimiter({ knex: db.knex, schema: config.QBO_LIMITER_SCHEMA });
  await limiter.migrate();
  const jwt = jwtOptionsFromEnv(config);
  const service = await createMetricsService({
    db,
    bus,
    logger,
    jwt,
    qboBaseUrl: config.QBO_BASE_URL,
    tokenProvider: connectorTokenProvider({ connectorUrl: config.CONNECTOR_URL, serviceToken: config.CONNECTOR_SERVICE_TOKEN }),
    limiter,
    runImports: config.METRICS_RUN_IMPORTS,
    config: {
      historyMonths: config.METRICS_HISTORY_MONTHS,
      accountingMethod: config.METRICS_ACCOUNTING_METHOD,
      chunkMonths: config.METRICS_CHUNK_MONTHS,
      scheduleIntervalMs: config.METRICS_IMPORT_INTERVAL,
      debounceMs: config.METRICS_DEBOUNCE,
      maxDebounceMs: config.METRICS_MAX_DEBOUNCE,
      timeZoneOffsetMinutes: config.METRICS_TZ_OFFSET_MINUTES,
    },
  });

  await runService({
    logger,
    service,
    http: { server: service.http, port: config.METRICS_PORT, host: config.METRICS_HOST },
    stop: { 'consumers and imports': () => service.stopConsumers() },
    close: { bus: () => bus.close(), db: () => db.destroy() },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
