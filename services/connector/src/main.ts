/** Composition root of the connector: the only file that reads the environment. */
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { commaList, createLogger, duration, hasJwtKey, JWT_KEY_REQUIRED, jwtEnv, jwtOptionsFromEnv, loadConfig, port, runService, sharedEnv, url } from '@ledgerbus/kit';
import { createPostgresRateLimiter } from '@ledgerbus/qbo';
import { z } from 'zod';
import { createConnectorService } from './app';
import { createTokenKeyRing, parseTokenKeys } from './domain/token-crypto';
import { createIntuitOAuth } from './intuit/intuit-oauth';

const configSchema = z
  .object({
    CONNECTOR_PORT: port(8081),
    CONNECTOR_HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: sharedEnv.DATABASE_URL,
    KAFKA_BROKERS: sharedEnv.KAFKA_BROKERS,
    LOG_LEVEL: sharedEnv.LOG_LEVEL,
    ...jwtEnv,
    CONNECTOR_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('connector'),
    /** kid:base64key[,kid2:base64key2]; the first encrypts, all decrypt. */
    CONNECTOR_TOKEN_KEYS: z.string().superRefine((value, ctx) => {
      try {
        parseTokenKeys(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
    CONNECTOR_STATE_SECRET: z.string().min(32, 'must be at least 32 characters'),
    CONNECTOR_WEBHOOK_VERIFIER_TOKENS: commaList(),
    INTUIT_CLIENT_ID: z.string().min(1),
    INTUIT_CLIENT_SECRET: z.string().min(1),
    INTUIT_REDIRECT_URI: url({ protocols: ['http', 'https'] }),
    INTUIT_ENVIRONMENT: z.enum(['sandbox', 'production']).default('production'),
    INTUIT_AUTHORIZE_URL: url({ default: 'https://appcenter.intuit.com/connect/oauth2' }),
    INTUIT_TOKEN_URL: url({ default: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer' }),
    INTUIT_REVOKE_URL: url({ default: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke' }),
    INTUIT_USERINFO_URL: url({ default: 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo' }),
    QBO_BASE_URL: url({ default: 'https://quickbooks.api.intuit.com' }),
    QBO_LIMITER_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('qbo_limits'),
    CONNECTOR_CDC_INTERVAL: duration('15m'),
    CONNECTOR_POLLER_TICK: duration('5s'),
    CONNECTOR_REFRESH_SKEW: duration('5m'),
    CONNECTOR_CONNECTED_REDIRECT_URL: url({ protocols: ['http', 'https'] }).optional(),
  })
  .refine(hasJwtKey, JWT_KEY_REQUIRED);

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const logger = createLogger({ name: 'connector', level: config.LOG_LEVEL, redactKeys: ['intuit-signature', 'code', 'state'] });
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
    settings: {
      stateSecret: config.CONNECTOR_STATE_SECRET,
      webhookVerifierTokens: config.CONNECTOR_WEBHOOK_VERIFIER_TOKENS,
      cdcIntervalMs: config.CONNECTOR_CDC_INTERVAL,
      pollerTickMs: config.CONNECTOR_POLLER_TICK,
      refreshSkewMs: config.CONNECTOR_REFRESH_SKEW,
      connectedRedirectUrl: config.CONNECTOR_CONNECTED_REDIRECT_URL,
    },
  });

  await runService({
    logger,
    service,
    http: { server: service.http, port: config.CONNECTOR_PORT, host: config.CONNECTOR_HOST },
    close: { bus: () => bus.close(), db: () => db.destroy() },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
