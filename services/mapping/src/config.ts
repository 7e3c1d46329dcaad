/**
 * The mapping service's environment: the zod schema `main.ts` parses with `loadConfig`. Its own module so
 * the Kubernetes manifests' test (services/embedded/test/k8s-manifests.test.ts) checks them
 * against the same schema; reading the environment stays main.ts's job.
 */
import { hasJwtKey, JWT_KEY_REQUIRED, jwtEnv, port, serviceEnv } from '@ledgerbus/kit';
import { z } from 'zod';

export const configSchema = z.object({
  MAPPING_PORT: port(8082),
  MAPPING_HOST: z.string().min(1).default('0.0.0.0'),
  ...serviceEnv,
  ...jwtEnv,
  MAPPING_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('mapping'),
}).refine(hasJwtKey, JWT_KEY_REQUIRED);
