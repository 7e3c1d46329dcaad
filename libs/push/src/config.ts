/**
 * A push worker's environment: the zod schema `runPushWorker` parses with `loadConfig`. Its
 * own module so the Kubernetes manifests' test (services/embedded/test/k8s-manifests.test.ts)
 * checks them against the same schema.
 */
import { port, serviceEnv } from '@ledgerbus/kit';
import { z } from 'zod';

const schemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);

/** The variables every push worker reads. */
export const pushWorkerBaseSchema = z.object({
  ...serviceEnv,
  QBO_BASE_URL: z.url(),
  CONNECTOR_URL: z.url(),
  CONNECTOR_SERVICE_TOKEN: z.string().min(1),
  /** Schema of the rate-limit grants shared by every service that calls QBO. */
  QBO_LIMITER_SCHEMA: schemaName.default('qbo_limits'),
});

export type PushWorkerBaseConfig = z.infer<typeof pushWorkerBaseSchema>;

/** Where each worker's `/healthz`, `/readyz` and `/metrics` listen unless `<PREFIX>_PORT` says otherwise. */
export const PUSH_WORKER_DEFAULT_PORTS: Readonly<Record<string, number>> = { 'invoice-push': 8086, 'payment-push': 8087 };

/**
 * The whole schema of the worker `name` ("invoice-push") whose own variables start with
 * `envPrefix` ("INVOICE_PUSH"): one schema, so one error lists every bad variable, the
 * service's own ones included.
 */
export function pushWorkerConfigSchema(name: string, envPrefix: string, defaultPort = PUSH_WORKER_DEFAULT_PORTS[name] ?? 8086) {
  return pushWorkerBaseSchema.extend({
    /** The worker's HTTP server: probes and metrics only. */
    [`${envPrefix}_PORT`]: port(defaultPort),
    [`${envPrefix}_HOST`]: z.string().min(1).default('0.0.0.0'),
    [`${envPrefix}_DB_SCHEMA`]: schemaName.default(name.replace(/-/g, '_')),
    [`${envPrefix}_CONCURRENCY`]: z.coerce.number().int().min(1).max(64).default(4),
    /** Attempts a record gets for transient QBO errors before it fails (retriable: an admin's retry or a run pushes it again). */
    [`${envPrefix}_MAX_ATTEMPTS`]: z.coerce.number().int().min(1).max(100).default(8),
  });
}
