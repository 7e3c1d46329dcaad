/** Composition root of the mapping service: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, jwtOptionsFromEnv, loadConfig, runService } from '@ledgerbus/kit';
import { createMappingService } from './app';
import { configSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const logger = createLogger({ name: 'mapping', level: config.LOG_LEVEL });
  const db = await createDatabase({ url: config.DATABASE_URL }, { schema: config.MAPPING_DB_SCHEMA, applicationName: 'ledgerbus:mapping' });
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'ledgerbus-mapping', logger });
  const jwt = jwtOptionsFromEnv(config);
  const service = await createMappingService({ db, bus, logger, jwt, groupPrefix: config.KAFKA_GROUP_PREFIX });

  await runService({
    logger,
    service,
    http: { server: service.http, port: config.MAPPING_PORT, host: config.MAPPING_HOST },
    close: { bus: () => bus.close(), db: () => db.destroy() },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
