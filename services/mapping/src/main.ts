/** Composition root of the mapping service: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, hasJwtKey, JWT_KEY_REQUIRED, jwtEnv, jwtOptionsFromEnv, loadConfig, port, runService, sharedEnv } from '@ledgerbus/kit';
import { z } from 'zod';
import { createMappingService } from './app';

const configSchema = z.object({
  MAPPING_PORT: port(8082),
  MAPPING_HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: sharedEnv.DATABASE_URL,
  KAFKA_BROKERS: sharedEnv.KAFKA_BROKERS,
  LOG_LEVEL: sharedEnv.LOG_LEVEL,
  ...jwtEnv,
  MAPPING_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('mapping'),
}).refine(hasJwtKey, JWT_KEY_REQUIRED);

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const logger = createLogger({ name: 'mapping', level: config.LOG_LEVEL });
  const db = await createDatabase({ url: config.DATABASE_URL }, { schema: config.MAPPING_DB_SCHEMA, applicationName: 'ledgerbus:mapping' });
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'ledgerbus-mapping', logger });
  const jwt = jwtOptionsFromEnv(config);
  const service = await createMappingService({ db, bus, logger, jwt });

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
