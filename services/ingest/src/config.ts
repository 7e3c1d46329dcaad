/**
 * The ingest service's environment: the zod schema `main.ts` parses with `loadConfig`. Its own
 * module so that deployment checks can parse manifests with the same schema; reading the
 * environment stays main.ts's job.
 */
import { duration, hasJwtKey, JWT_KEY_REQUIRED, jwtEnv, port, serviceEnv } from '@ledgerbus/kit';
import { z } from 'zod';

const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** "5mb", "512kb", "1048576" (bytes) → bytes. */
export function byteSize(defaultValue: string) {
  return z
    .string()
    .default(defaultValue)
    .transform((value, ctx) => {
      const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(value.trim());
      const bytes = match === null ? Number.NaN : Number(match[1]) * (UNIT_BYTES[(match[2] ?? 'b').toLowerCase()] ?? 1);
      if (!Number.isSafeInteger(bytes) || bytes < 1024) {
        ctx.addIssue({ code: 'custom', message: 'must be a size like 5mb, 512kb or a number of bytes (at least 1024)' });
        return z.NEVER;
      }
      return bytes;
    });
}

export const configSchema = z
  .object({
    INGEST_PORT: port(8088),
    INGEST_HOST: z.string().min(1).default('0.0.0.0'),
    INGEST_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('ingest'),
    ...serviceEnv,
    ...jwtEnv,
    /** Requests a tenant may make to the write routes per window (each replica counts its own). */
    INGEST_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(50),
    INGEST_RATE_WINDOW: duration('1s'),
    /** Largest request body; a bigger one is answered 413 `payload_too_large`. */
    INGEST_BODY_LIMIT: byteSize('5mb'),
    /** Most records in one `{ records: [...] }` request. */
    INGEST_MAX_BATCH: z.coerce.number().int().min(1).max(500).default(500),
    /** How long an Idempotency-Key is remembered. */
    INGEST_IDEMPOTENCY_TTL: duration('24h'),
  })
  .refine(hasJwtKey, JWT_KEY_REQUIRED);

export type IngestEnv = z.output<typeof configSchema>;
