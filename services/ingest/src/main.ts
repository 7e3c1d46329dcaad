/** Composition root of the ingest service: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, jwtOptionsFromEnv, loadConfig, runService } from '@ledgerbus/kit';
import { createIngestService } from './app';
import { configSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const logger = createLogger({ name: 'ingest', level: config.LOG_LEVEL });
  const db = await createDatabase({ url: config.DATABASE_URL }, { schema: config.INGEST_DB_SCHEMA, applicationName: 'ledgerbus:ingest' });
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'ledgerbus-ingest', logger });
  const service = await createIngestService({
    db,
    bus,
    logger,
    jwt: jwtOptionsFromEnv(config),
    groupPrefix: config.KAFKA_GROUP_PREFIX,
    config: {
      rateLimit: config.INGEST_RATE_LIMIT,
      rateWindowMs: config.INGEST_RATE_WINDOW,
      bodyLimit: config.INGEST_BODY_LIMIT,
      maxBatch: config.INGEST_MAX_BATCH,
      idempotencyTtlMs: config.INGEST_IDEMPOTENCY_TTL,
    },
  });

  await runService({
    logger,
    service,
    http: { server: service.http, port: config.INGEST_PORT, host: config.INGEST_HOST },
    close: { bus: () => bus.close(), db: () => db.destroy() },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
