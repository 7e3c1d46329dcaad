/** Composition root of the metrics service: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, jwtOptionsFromEnv, loadConfig, runService } from '@ledgerbus/kit';
import { createPostgresRateLimiter } from '@ledgerbus/qbo';
import { connectorTokenProvider } from './adapters/connector-token-provider';
import { createMetricsService } from './app';
import { configSchema } from './config';

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
    groupPrefix: config.KAFKA_GROUP_PREFIX,
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
    close: { bus: () => bus.close(), limiter: () => limiter.close(), db: () => db.destroy() },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
