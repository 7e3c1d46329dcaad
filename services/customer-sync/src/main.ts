/** Composition root of customer-sync: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, jwtOptionsFromEnv, loadConfig, mintToken, runService } from '@ledgerbus/kit';
import { BreakerRegistry, createPostgresRateLimiter, createQboClient } from '@ledgerbus/qbo';
import type { QboClient } from '@ledgerbus/qbo';
import { createCustomerSyncService } from './app';
import { configSchema } from './config';
import { connectorTokenProvider } from './token-provider';

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const logger = createLogger({ name: 'customer-sync', level: config.LOG_LEVEL });
  const db = await createDatabase({ url: config.DATABASE_URL }, { schema: config.CUSTOMER_SYNC_DB_SCHEMA, applicationName: 'ledgerbus:customer-sync' });
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'ledgerbus-customer-sync', logger });
  const secret = config.JWT_SECRET;
  const serviceToken = async () => config.CUSTOMER_SYNC_SERVICE_TOKEN ?? mintToken(secret ?? '', { sub: 'svc:customer-sync', tenant: '*', role: 'admin', svc: true }, '10m');
  const tokenProvider = connectorTokenProvider({ connectorUrl: config.CONNECTOR_URL, serviceToken });
  const limiter = createPostgresRateLimiter({ knex: db.knex, schema: config.QBO_LIMITER_SCHEMA });
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
  const service = await createCustomerSyncService({
    db,
    bus,
    logger,
    jwt,
    qbo,
    groupPrefix: config.KAFKA_GROUP_PREFIX,
    runs: { leaseMs: config.CUSTOMER_SYNC_RUN_LEASE_MS },
    onboarding: { staleAfterMs: config.CUSTOMER_SYNC_ONBOARDING_TAKEOVER_MS },
  });

  await runService({
    logger,
    service,
    http: { server: service.http, port: config.CUSTOMER_SYNC_PORT, host: config.CUSTOMER_SYNC_HOST },
    close: { bus: () => bus.close(), limiter: () => limiter.close(), db: () => db.destroy() },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
