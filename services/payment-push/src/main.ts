/** Composition root of payment-push: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, createShutdown, flushLogger, loadConfig, sharedEnv } from '@ledgerbus/kit';
import { createHttpTokenProvider } from '@ledgerbus/push';
import { createPostgresRateLimiter, createQboClient } from '@ledgerbus/qbo';
import type { QboClient } from '@ledgerbus/qbo';
import { z } from 'zod';
import { createPaymentPushService } from './app';

const configSchema = z.object({
  DATABASE_URL: sharedEnv.DATABASE_URL,
  KAFKA_BROKERS: sharedEnv.KAFKA_BROKERS,
  LOG_LEVEL: sharedEnv.LOG_LEVEL,
  QBO_BASE_URL: z.url(),
  CONNECTOR_URL: z.url(),
  CONNECTOR_SERVICE_TOKEN: z.string().min(1),
  /** Schema of the rate-limit grants shared by every service that calls QBO. */
  QBO_LIMITER_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('qbo_limits'),
  PAYMENT_PUSH_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('payment_push'),
  PAYMENT_PUSH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
});

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const logger = createLogger({ name: 'payment-push', level: config.LOG_LEVEL });
  const db = await createDatabase({ url: config.DATABASE_URL }, { schema: config.PAYMENT_PUSH_DB_SCHEMA, applicationName: 'ledgerbus:payment-push' });
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'ledgerbus-payment-push', logger });
  const limiter = createPostgresRateLimiter({ knex: db.knex, schema: config.QBO_LIMITER_SCHEMA });
  await limiter.migrate();
  const tokenProvider = createHttpTokenProvider({ connectorUrl: config.CONNECTOR_URL, serviceToken: config.CONNECTOR_SERVICE_TOKEN });
  const clients = new Map<string, QboClient>();
  const qboClientFor = (realmId: string): QboClient => {
    let c = clients.get(realmId);
    if (!c) {
      c = createQboClient({ baseUrl: config.QBO_BASE_URL, realmId, tokenProvider, limiter, logger });
      clients.set(realmId, c);
    }
    return c;
  };
  const service = createPaymentPushService({ db, bus, logger, qboClientFor, tuning: { concurrency: config.PAYMENT_PUSH_CONCURRENCY } });
  await service.migrate();

  const shutdown = createShutdown({ logger });
  shutdown.register('stop consumers', () => service.stopConsumers());
  shutdown.register('stop pushing', () => service.stopPushing());
  shutdown.register('drain outbox', () => service.drainOutbox());
  shutdown.register('close bus', () => bus.close());
  shutdown.register('close limiter', () => limiter.close());
  shutdown.register('close db', () => db.destroy());
  shutdown.register('flush logs', () => flushLogger(logger));
  shutdown.installSignalHandlers();
  await service.start();
  logger.info('payment-push started');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
