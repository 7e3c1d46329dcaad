/**
 * The webhooks service's environment: the zod schema `main.ts` parses with `loadConfig`, and how it
 * maps onto the factory's config. Reading the environment stays main.ts's job.
 */
import { booleanString, duration, hasJwtKey, JWT_KEY_REQUIRED, jwtEnv, parseKeyRing, port, serviceEnv } from '@ledgerbus/kit';
import { z } from 'zod';
import type { WebhooksConfig } from './context';
import { parseRetrySchedule } from './domain/retry-schedule';

export const configSchema = z
  .object({
    WEBHOOKS_PORT: port(8089),
    WEBHOOKS_HOST: z.string().min(1).default('0.0.0.0'),
    WEBHOOKS_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('webhooks'),
    ...serviceEnv,
    ...jwtEnv,
    /** kid:base64key[,kid2:base64key2] (32-byte keys): the first encrypts the signing secrets, all decrypt. */
    WEBHOOKS_SECRET_KEY: z.string().superRefine((value, ctx) => {
      try {
        parseKeyRing(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
    WEBHOOKS_TIMEOUT: duration('10s'),
    /** Waits between attempts, comma-separated: its length + 1 attempts per delivery. */
    WEBHOOKS_RETRY_SCHEDULE: z
      .string()
      .default('1m,5m,30m,2h,5h,10h,10h')
      .transform((value, ctx) => {
        const schedule = parseRetrySchedule(value);
        if (schedule === undefined) {
          ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of durations like 1m,5m,30m' });
          return z.NEVER;
        }
        return schedule;
      }),
    WEBHOOKS_RETRY_JITTER: z.coerce.number().min(0).max(1).default(0.2),
    WEBHOOKS_LEASE: duration('30s'),
    WEBHOOKS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    WEBHOOKS_POLL: duration('500ms'),
    WEBHOOKS_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(100_000).default(20),
    WEBHOOKS_DISABLE_AFTER: duration('24h'),
    WEBHOOKS_ALLOW_LOOPBACK: booleanString(false),
    WEBHOOKS_MAX_ENDPOINTS: z.coerce.number().int().min(1).max(1000).default(20),
    WEBHOOKS_REPLAY_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
    WEBHOOKS_RETENTION: duration('30d'),
    WEBHOOKS_ROTATION_GRACE: duration('24h'),
    /** false: this replica serves the API and the intake but sends nothing. */
    WEBHOOKS_RUN_DELIVERY: booleanString(true),
  })
  .refine(hasJwtKey, JWT_KEY_REQUIRED)
  // A lease shorter than an attempt would let a second replica send the same attempt while the first still waits.
  .refine((c) => c.WEBHOOKS_LEASE > c.WEBHOOKS_TIMEOUT, { message: 'must be longer than WEBHOOKS_TIMEOUT', path: ['WEBHOOKS_LEASE'] });

export type WebhooksEnv = z.output<typeof configSchema>;

export function configFromEnv(env: WebhooksEnv): WebhooksConfig {
  return {
    timeoutMs: env.WEBHOOKS_TIMEOUT,
    retryScheduleMs: env.WEBHOOKS_RETRY_SCHEDULE,
    retryJitter: env.WEBHOOKS_RETRY_JITTER,
    leaseMs: env.WEBHOOKS_LEASE,
    concurrency: env.WEBHOOKS_CONCURRENCY,
    pollMs: env.WEBHOOKS_POLL,
    disableAfterFailures: env.WEBHOOKS_DISABLE_AFTER_FAILURES,
    disableAfterMs: env.WEBHOOKS_DISABLE_AFTER,
    allowLoopback: env.WEBHOOKS_ALLOW_LOOPBACK,
    maxEndpointsPerTenant: env.WEBHOOKS_MAX_ENDPOINTS,
    replayLimit: env.WEBHOOKS_REPLAY_LIMIT,
    retentionMs: env.WEBHOOKS_RETENTION,
    rotationGraceMs: env.WEBHOOKS_ROTATION_GRACE,
  };
}
