/**
 * The connector's environment: the zod schema `main.ts` parses with `loadConfig`. Its own module so
 * the Kubernetes manifests' test (services/embedded/test/k8s-manifests.test.ts) checks them
 * against the same schema; reading the environment stays main.ts's job.
 */
import { commaList, duration, hasJwtKey, JWT_KEY_REQUIRED, jwtEnv, port, serviceEnv, url } from '@ledgerbus/kit';
import { z } from 'zod';
import { parseTokenKeys } from './domain/token-crypto';

export const configSchema = z
  .object({
    CONNECTOR_PORT: port(8081),
    CONNECTOR_HOST: z.string().min(1).default('0.0.0.0'),
    ...serviceEnv,
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
    /** How long a connect flow's OAuth state is usable. */
    CONNECTOR_STATE_TTL: duration('10m'),
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
    /** CorePlus (read) calls a month for the whole deployment (Intuit Builder tier: 500,000); 80 % and 95 % fire events. */
    QBO_MONTHLY_READ_QUOTA: z.coerce.number().int().positive().default(500_000),
    CONNECTOR_CDC_INTERVAL: duration('15m'),
    CONNECTOR_POLLER_TICK: duration('5s'),
    CONNECTOR_REFRESH_SKEW: duration('5m'),
    /** Webhook entities of a realm named within this window are fetched together (one query per entity type); 0ms: one fetch per delivery. */
    CONNECTOR_WEBHOOK_COALESCE: duration('250ms'),
    CONNECTOR_CONNECTED_REDIRECT_URL: url({ protocols: ['http', 'https'] }).optional(),
  })
  .refine(hasJwtKey, JWT_KEY_REQUIRED);
