import type { TopicDefinition } from '@ledgerbus/contracts';
import { ALL_TENANTS } from '@ledgerbus/kit';
import type { KeyRing, Logger } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import { DEFAULT_RETRY_SCHEDULE_MS } from './domain/retry-schedule';

export interface WebhooksConfig {
  /** Longest time one attempt may take, connect to last header (default 10 s). */
  timeoutMs: number;
  /** Waits between attempts; its length + 1 is the attempts a delivery gets (default 8 over ~28 h). */
  retryScheduleMs: readonly number[];
  /** Each wait is lengthened by up to this share of it, at random (default 0.2). */
  retryJitter: number;
  /** How long a replica owns an attempt it took (default 30 s; longer than the timeout). A killed replica's attempt is taken again after it. */
  leaseMs: number;
  /** Attempts in flight at once in one replica (default 16). */
  concurrency: number;
  /** How often the delivery loop looks for due attempts when nothing woke it (default 500 ms). */
  pollMs: number;
  /** An endpoint is disabled after this many failed attempts in a row … (default 20) */
  disableAfterFailures: number;
  /** … once the first of them is at least this old (default 24 h), so a short outage never disables it. */
  disableAfterMs: number;
  /** Allow loopback URLs and addresses (tests and the demo only). */
  allowLoopback: boolean;
  /** Endpoints per tenant (default 20). */
  maxEndpointsPerTenant: number;
  /** Most events one range replay re-sends (default 10 000). */
  replayLimit: number;
  /** Events and their deliveries are kept this long after they were received (default 30 days). */
  retentionMs: number;
  /** After a secret rotation, the previous secret also signs for this long (default 24 h). */
  rotationGraceMs: number;
}

export const DEFAULT_CONFIG: WebhooksConfig = {
  timeoutMs: 10_000,
  retryScheduleMs: DEFAULT_RETRY_SCHEDULE_MS,
  retryJitter: 0.2,
  leaseMs: 30_000,
  concurrency: 16,
  pollMs: 500,
  disableAfterFailures: 20,
  disableAfterMs: 86_400_000,
  allowLoopback: false,
  maxEndpointsPerTenant: 20,
  replayLimit: 10_000,
  retentionMs: 30 * 86_400_000,
  rotationGraceMs: 86_400_000,
};

/** What the handlers, routes and the delivery loop share. */
export interface WebhooksContext {
  knex: Knex;
  logger: Logger;
  config: WebhooksConfig;
  /** Encrypts the endpoints' signing secrets at rest. */
  keys: KeyRing;
  /** sync.events.v1 (tests pass a fresh copy): consumed, and where `webhook.endpoint_disabled` goes. */
  eventsTopic: TopicDefinition;
  /** Wakes this replica's delivery loop (new deliveries, a replay, an endpoint enabled). */
  wake(): void;
}

/** CloudEvents `source` of everything this service publishes. */
export const EVENT_SOURCE = 'ledgerbus/webhooks';

/** The owner (stored as the tenant) of a platform-wide endpoint, which takes every tenant's events: the JWT's "every tenant". */
export const PLATFORM_OWNER = ALL_TENANTS;
