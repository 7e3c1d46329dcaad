import type { TopicDefinition } from '@ledgerbus/contracts';
import type { Logger } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import type { RecordVersions } from './db/records.repository';
import type { EntityName } from './domain/entities';
import type { IngestMetrics } from './metrics';
import type { RecordPublisher } from './publisher';

export interface IngestConfig {
  /** Most records in one `{ records: [...] }` request (default 500, at most 500). */
  maxBatch: number;
  /** Requests a tenant may make to the write routes per `rateWindowMs` (default 50). */
  rateLimit: number;
  /** The rate limit's window (default 1 s). */
  rateWindowMs: number;
  /** Largest request body in bytes (default 5 MiB). */
  bodyLimit: number;
  /** How long an Idempotency-Key is remembered (default 24 h). */
  idempotencyTtlMs: number;
  /** How long an in-flight request holds its key before a repeat may take over (its process died). Default 2 min. */
  idempotencyLeaseMs: number;
  /** How often expired keys are deleted (default 10 min; expired keys are ignored on read anyway). */
  cleanupIntervalMs: number;
}

export const DEFAULT_CONFIG: IngestConfig = {
  maxBatch: 500,
  rateLimit: 50,
  rateWindowMs: 1_000,
  bodyLimit: 5 * 1024 * 1024,
  idempotencyTtlMs: 24 * 3_600_000,
  idempotencyLeaseMs: 120_000,
  cleanupIntervalMs: 600_000,
};

/** What the use cases need. */
export interface IngestContext {
  knex: Knex;
  clock: () => Date;
  logger: Logger;
  config: IngestConfig;
  publisher: RecordPublisher;
  /** Version allocation and acceptance of records (group-committed). */
  versions: RecordVersions;
  /** Where each entity's records go (the registry's `platform.*.v1`; tests pass fresh copies). */
  topics: Record<EntityName, TopicDefinition>;
  metrics: IngestMetrics;
}

/** CloudEvents `source` of every record this service publishes. */
export const EVENT_SOURCE = 'ledgerbus/ingest';
