/**
 * customer-sync's environment: the zod schema `main.ts` parses with `loadConfig`. Its own module so
 * the Kubernetes manifests' test (services/embedded/test/k8s-manifests.test.ts) checks them
 * against the same schema; reading the environment stays main.ts's job.
 */
import { hasJwtKey, JWT_KEY_REQUIRED, jwtEnv, port, serviceEnv } from '@ledgerbus/kit';
import { z } from 'zod';

export const configSchema = z
  .object({
    CUSTOMER_SYNC_PORT: port(8084),
    CUSTOMER_SYNC_HOST: z.string().min(1).default('0.0.0.0'),
    CUSTOMER_SYNC_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('customer_sync'),
    ...serviceEnv,
    QBO_BASE_URL: z.url(),
    CONNECTOR_URL: z.url(),
    /** Where the per-realm QBO budget shared with the other services lives. */
    QBO_LIMITER_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('qbo_limits'),
    JWT_SECRET: jwtEnv.JWT_SECRET,
    JWT_JWKS_URL: jwtEnv.JWT_JWKS_URL,
    /** An onboarding run whose process stopped beating for this long is taken over by another replica. */
    CUSTOMER_SYNC_ONBOARDING_TAKEOVER_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
    /** How long a replica keeps a scope's sync-run customers without renewing (a killed replica's are taken over after it). */
    CUSTOMER_SYNC_RUN_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
    /** A service-account JWT for the connector's token endpoint (else minted with JWT_SECRET). */
    CUSTOMER_SYNC_SERVICE_TOKEN: z.string().min(1).optional(),
  })
  .refine(hasJwtKey, JWT_KEY_REQUIRED)
  .refine((c) => c.CUSTOMER_SYNC_SERVICE_TOKEN !== undefined || c.JWT_SECRET !== undefined, { message: 'set CUSTOMER_SYNC_SERVICE_TOKEN (or JWT_SECRET to mint one)', path: ['CUSTOMER_SYNC_SERVICE_TOKEN'] });
