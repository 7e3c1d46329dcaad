/** Composition root of customer-sync: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, hasJwtKey, JWT_KEY_REQUIRED, jwtEnv, jwtOptionsFromEnv, loadConfig, mintToken, port, runService, sharedEnv } from '@ledgerbus/kit';
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
    JWT_SECRET: jwtEnv.JWT_SECRET,
    JWT_JWKS_URL: jwtEnv.JWT_JWKS_URL,
    /** A service-account JWT for the connector's token endpoint (else minted with JWT_SECRET). */
    CUSTOMER_SYNC_SERVICE_TOKEN: z.string().min(1).optional(),
  })
  .refine(hasJwtKey, JWT_KEY_REQUIRED)
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
  const jwt = jwtOptionsFromEnv(config);
  await limiter.migrate();
  const service = await createCustomerSyncService({ db, bus, logger, jwt, qbo });

  await runService({
    logger,
    service,
    http: { server: service.http, port: config.CUSTOMER_SYNC_PORT, host: config.CUSTOMER_SYNC_HOST },
    close: { bus: () => bus.close(), db: () => db.destroy() },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
