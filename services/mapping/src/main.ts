/** Composition root of the mapping service: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, createShutdown, flushLogger, loadConfig, port, sharedEnv } from '@ledgerbus/kit';
import { z } from 'zod';
import { createMappingService } from './app';

const configSchema = z.object({
  MAPPING_PORT: port(8082),
  MAPPING_HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: sharedEnv.DATABASE_URL,
  KAFKA_BROKERS: sharedEnv.KAFKA_BROKERS,
  LOG_LEVEL: sharedEnv.LOG_LEVEL,
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.url().optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  MAPPING_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('mapping'),
}).refine((c) => c.JWT_SECRET !== undefined || c.JWT_JWKS_URL !== undefined, { message: 'set JWT_SECRET or JWT_JWKS_URL', path: ['JWT_SECRET'] });

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const logger = createLogger({ name: 'mapping', level: config.LOG_LEVEL });
  const db = await createDatabase({ url: config.DATABASE_URL }, { schema: config.MAPPING_DB_SCHEMA, applicationName: 'ledgerbus:mapping' });
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'ledgerbus-mapping', logger });
  const jwtBase = {
    ...(config.JWT_ISSUER === undefined ? {} : { issuer: config.JWT_ISSUER }),
    ...(config.JWT_AUDIENCE === undefined ? {} : { audience: config.JWT_AUDIENCE }),
  };
  const jwt = config.JWT_SECRET !== undefined ? { ...jwtBase, secret: config.JWT_SECRET } : { ...jwtBase, jwksUrl: config.JWT_JWKS_URL ?? '' };
  const service = await createMappingService({ db, bus, logger, jwt });

  const shutdown = createShutdown({ logger });
  shutdown.register('stop consumers', () => service.stopConsumers());
  shutdown.register('close http', () => service.http.close());
  shutdown.register('drain outbox', () => service.drainOutbox());
  shutdown.register('close bus', () => bus.close());
  shutdown.register('close db', () => db.destroy());
  shutdown.register('flush logs', () => flushLogger(logger));
  shutdown.installSignalHandlers();

  await service.start();
  await service.http.listen({ port: config.MAPPING_PORT, host: config.MAPPING_HOST });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
