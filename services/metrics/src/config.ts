/**
 * The metrics service's environment: the zod schema `main.ts` parses with `loadConfig`. Its own module so
 * the Kubernetes manifests' test (services/embedded/test/k8s-manifests.test.ts) checks them
 * against the same schema; reading the environment stays main.ts's job.
 */
import { booleanString, duration, hasJwtKey, JWT_KEY_REQUIRED, jwtEnv, port, serviceEnv, url } from '@ledgerbus/kit';
import { z } from 'zod';

export const configSchema = z
  .object({
    METRICS_PORT: port(8085),
    METRICS_HOST: z.string().min(1).default('0.0.0.0'),
    METRICS_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('metrics'),
    ...serviceEnv,
    ...jwtEnv,
    QBO_BASE_URL: url({ default: 'https://quickbooks.api.intuit.com' }),
    /** The schema of the per-realm rate-limit grants, shared with every other QBO caller. */
    QBO_LIMITER_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('qbo_limits'),
    CONNECTOR_URL: z.url(),
    CONNECTOR_SERVICE_TOKEN: z.string().min(1),
    METRICS_HISTORY_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
    METRICS_ACCOUNTING_METHOD: z.enum(['Accrual', 'Cash']).default('Accrual'),
    METRICS_CHUNK_MONTHS: z.coerce.number().int().min(1).max(24).default(6),
    METRICS_IMPORT_INTERVAL: duration('1h'),
    METRICS_DEBOUNCE: duration('30s'),
    METRICS_MAX_DEBOUNCE: duration('5m'),
    METRICS_TZ_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(0),
    METRICS_RUN_IMPORTS: booleanString(true),
  })
  .refine(hasJwtKey, JWT_KEY_REQUIRED);
