/** Composition root of the webhooks service: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createKeyRing, createLogger, jwtOptionsFromEnv, loadConfig, runService } from '@ledgerbus/kit';
import { createWebhooksService } from './app';
import { configFromEnv, configSchema } from './config';

async function main(): Promise<void> {
  const env = loadConfig(configSchema);
  const logger = createLogger({ name: 'webhooks', level: env.LOG_LEVEL });
  const db = await createDatabase({ url: env.DATABASE_URL }, { schema: env.WEBHOOKS_DB_SCHEMA, applicationName: 'ledgerbus:webhooks' });
  const bus = createKafkaBus({ brokers: env.KAFKA_BROKERS, clientId: 'ledgerbus-webhooks', logger });
  const service = await createWebhooksService({
    db,
    bus,
    logger,
    jwt: jwtOptionsFromEnv(env),
    keys: createKeyRing(env.WEBHOOKS_SECRET_KEY),
    config: configFromEnv(env),
    groupPrefix: env.KAFKA_GROUP_PREFIX,
    runDelivery: env.WEBHOOKS_RUN_DELIVERY,
  });

  await runService({
    logger,
    service,
    http: { server: service.http, port: env.WEBHOOKS_PORT, host: env.WEBHOOKS_HOST },
    stop: { 'intake and deliveries': () => service.stopConsumers() },
    close: { bus: () => bus.close(), db: () => db.destroy() },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
