/** Composition root of the connector: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, jwtOptionsFromEnv, loadConfig, runService } from '@ledgerbus/kit';
import { createPostgresRateLimiter } from '@ledgerbus/qbo';
import { createConnectorService } from './app';
import { configSchema } from './config';
import { createTokenKeyRing } from './domain/token-crypto';
import { CONNECTOR_LOG_REDACTION } from './logging';
import { createIntuitOAuth } from './intuit/intuit-oauth';

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const logger = createLogger({ name: 'connector', level: config.LOG_LEVEL, ...CONNECTOR_LOG_REDACTION });
  const db = await createDatabase({ url: config.DATABASE_URL }, { schema: config.CONNECTOR_DB_SCHEMA, applicationName: 'ledgerbus:connector' });
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'ledgerbus-connector', logger });
  const limiter = createPostgresRateLimiter({ knex: db.knex, schema: config.QBO_LIMITER_SCHEMA });
  await limiter.migrate();
  const jwt = jwtOptionsFromEnv(config);
  const intuit = createIntuitOAuth({
    clientId: config.INTUIT_CLIENT_ID,
    clientSecret: config.INTUIT_CLIENT_SECRET,
    redirectUri: config.INTUIT_REDIRECT_URI,
    environment: config.INTUIT_ENVIRONMENT,
    endpoints: { authorize: config.INTUIT_AUTHORIZE_URL, token: config.INTUIT_TOKEN_URL, revoke: config.INTUIT_REVOKE_URL, userinfo: config.INTUIT_USERINFO_URL },
  });
  const service = await createConnectorService({
    db,
    bus,
    logger,
    jwt,
    keys: createTokenKeyRing(config.CONNECTOR_TOKEN_KEYS),
    intuit,
    qboBaseUrl: config.QBO_BASE_URL,
    limiter,
    qboUsage: { schema: config.QBO_LIMITER_SCHEMA, monthlyReadQuota: config.QBO_MONTHLY_READ_QUOTA },
    groupPrefix: config.KAFKA_GROUP_PREFIX,
    settings: {
      stateSecret: config.CONNECTOR_STATE_SECRET,
      stateTtlMs: config.CONNECTOR_STATE_TTL,
      // The state cookie goes to the callback only, over https when the redirect URI is https.
      stateCookie: { path: new URL(config.INTUIT_REDIRECT_URI).pathname, secure: new URL(config.INTUIT_REDIRECT_URI).protocol === 'https:' },
      webhookVerifierTokens: config.CONNECTOR_WEBHOOK_VERIFIER_TOKENS,
      cdcIntervalMs: config.CONNECTOR_CDC_INTERVAL,
      pollerTickMs: config.CONNECTOR_POLLER_TICK,
      refreshSkewMs: config.CONNECTOR_REFRESH_SKEW,
      webhookCoalesceMs: config.CONNECTOR_WEBHOOK_COALESCE,
      connectedRedirectUrl: config.CONNECTOR_CONNECTED_REDIRECT_URL,
    },
  });

  await runService({
    logger,
    service,
    http: { server: service.http, port: config.CONNECTOR_PORT, host: config.CONNECTOR_HOST },
    close: { bus: () => bus.close(), limiter: () => limiter.close(), db: () => db.destroy() },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
