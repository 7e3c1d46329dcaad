/** Composition root of customer-sync: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, createShutdown, flushLogger, loadConfig, mintToken, port, sharedEnv } from '@ledgerbus/kit';
import { BreakerRegistry, createPostgresRateLimiter, createQboClient } from '@ledgerbus/qbo';
import type { QboClient } from '@ledgerbus/qbo';
import { z } from 'zod';
import { createCustomerSyncService } from './app';
import { connectorTokenProvider } from './token-provider';

const configSchema = z
  .object({
    CUSTOMER_SYNC_PORT: port(8084),
    CUSTOMER_SYNC_HOST: z.string().min(1).default('0.0.0.0'),
    CUSTOMER_SYNC_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('customer_sync'),
    DATABASE_URL: sharedEnv.DATABASE_URL,
    KAFKA_BROKERS: sharedEnv.KAFKA_BROKERS,
    LOG_LEVEL: sharedEnv.LOG_LEVEL,
    QBO_BASE_URL: z.url(),
    CONNECTOR_URL: z.url(),
    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
    JWT_JWKS_URL: z.url().optional(),
    /** A service-account JWT for the connector's token endpoint (else minted with JWT_SECRET). */
    CUSTOMER_SYNC_SERVICE_TOKEN: z.string().min(1).optional(),
  })
  .refine((c) => c.JWT_SECRET !== undefined || c.JWT_JWKS_URL !== undefined, { message: 'set JWT_SECRET or JWT_JWKS_URL', path: ['JWT_SECRET'] })
  .refine((c) => c.CUSTOMER_SYNC_SERVICE_TOKEN !== undefined || c.JWT_SECRET !== undefined, { message: 'set CUSTOMER_SYNC_SERVICE_TOKEN (or JWT_SECRET to mint one)', path: ['CUSTOMER_SYNC_SERVICE_TOKEN'] });

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const logger = createLogger({ name: 'customer-sync', level: config.LOG_LEVEL });
  const db = await createDatabase({ url: config.DATABASE_URL }, { schema: config.CUSTOMER_SYNC_DB_SCHEMA, applicationName: 'ledgerbus:customer-sync' });
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'ledgerbus-customer-sync', logger });
  const secret = config.JWT_SECRET;
  const serviceToken = async () => config.CUSTOMER_SYNC_SERVICE_TOKEN ?? mintToken(secret ?? '', { sub: 'svc:customer-sync', tenant: '*', role: 'admin', svc: true }, '10m');
  const tokenProvider = connectorTokenProvider({ connectorUrl: config.CONNECTOR_URL, serviceToken });
  const limiter = createPostgresRateLimiter({ knex: db.knex });
  const breakers = new BreakerRegistry();
  const clients = new Map<string, QboClient>();
  const qbo = (realmId: string): QboClient => {
    let c = clients.get(realmId);
    if (!c) {
      c = createQboClient({ baseUrl: config.QBO_BASE_URL, realmId, tokenProvider, limiter, breakers, logger });
      clients.set(realmId, c);
    }
    return c;
  };
  const jwt = secret !== undefined ? { secret } : { jwksUrl: config.JWT_JWKS_URL ?? '' };
  await limiter.migrate();
  const service = await createCustomerSyncService({ db, bus, logger, jwt, qbo });

  const shutdown = createShutdown({ logger });
  shutdown.register('stop consumers', () => service.stopConsumers());
  shutdown.register('close http', () => service.http.close());
  shutdown.register('drain outbox', () => service.drainOutbox());
  shutdown.register('close bus', () => bus.close());
  shutdown.register('close db', () => db.destroy());
  shutdown.register('flush logs', () => flushLogger(logger));
  shutdown.installSignalHandlers();

  await service.start();
  await service.http.listen({ port: config.CUSTOMER_SYNC_PORT, host: config.CUSTOMER_SYNC_HOST });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
