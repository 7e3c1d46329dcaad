import { randomUUID } from 'node:crypto';
import type { MessageBus, Subscription } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { mappingSettings, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { Database, OutboxRelay } from '@ledgerbus/db';
import { createOutboxRelay, migrate, outboxMigrations } from '@ledgerbus/db';
import { createLogger } from '@ledgerbus/kit';
import type { Logger } from '@ledgerbus/kit';
import type { QboClient } from '@ledgerbus/qbo';
import { subscribeConsumers } from './consumers';
import { createDeadLetters } from './dead-letters';
import { createJobsRepository } from './jobs.repository';
import { createTenantLeases } from './leases';
import { pushMigrations } from './migrations';
import { retryDelays } from './outcome-plan';
import { createReactions } from './reactions';
import { ReadModel } from './read-model';
import { createRound } from './round';
import { createRunScan } from './run-scan';
import { createScheduler } from './scheduler';
import type { Pusher } from './types';

export interface PushEngineOptions {
  /** Service name: consumer groups, event source, lease owner prefix. */
  service: string;
  db: Database;
  bus: MessageBus;
  logger?: Logger;
  pusher: Pusher;
  /** The platform topic carrying the records (platform.invoices.v1 …). */
  sourceTopic: TopicDefinition;
  /** The field of the event data that holds the record id ("invoiceId"). */
  recordIdField: string;
  /** A QBO client per realm (one per realm is cached by the caller or here). */
  qboClientFor: (realmId: string) => QboClient;
  /** Parallel tenant loops in this process. Default 4. */
  concurrency?: number;
  /** Jobs per push round (QBO batch holds 30). Default 30. */
  batchSize?: number;
  /** How long a worker owns a tenant without renewing (a killed worker's tenants move on after it). Default 5 s. */
  leaseMs?: number;
  /** Look for work this often when nothing wakes the loops. Default 250 ms. */
  pollMs?: number;
  /** Longest wait for a dependency (customer link, invoice link, settings) before failing. Default 10 min. */
  maxWaitMs?: number;
  /** Attempts for transient errors before failing (retriable) and dead-lettering. Default 8. */
  maxAttempts?: number;
  /** Backoff of waits and retries: base and cap, ms. Default 500 ms .. 60 s. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Kafka partitions handled at once by the intake consumer. Default 6. */
  partitionsConsumedConcurrently?: number;
  outboxPollMs?: number;
  /** Consumer group names are `<prefix><service>` (tests, side-by-side deployments). Default ''. */
  groupPrefix?: string;
  /** Other topics than the registry's (tests use fresh ones): settings, links, events. */
  topics?: { settings?: TopicDefinition; links?: TopicDefinition; events?: TopicDefinition };
}

export interface PushEngine {
  readonly readModel: ReadModel;
  migrate(): Promise<void>;
  /** Subscribe to the topics and start the push loops and the outbox relay. */
  start(): Promise<void>;
  stopConsumers(): Promise<void>;
  /** Stop the push loops (the round in flight finishes). */
  stopPushing(): Promise<void>;
  drainOutbox(): Promise<void>;
  stop(): Promise<void>;
  /** Wake the push loops now (after intake in this process). */
  wake(): void;
  readonly stats: { ingested: number; rounds: number; outcomes: Record<string, number> };
}

/**
 * The push engine shared by invoice-push and payment-push, composed of its parts:
 * consumers (Kafka → `push_jobs` through the jobs repository; settings, links and run requests
 * → reactions and the run scan) → scheduler (per-tenant leased loops) → round (claim, push,
 * outcome planning, one outbox transaction, dead letters). Offsets are committed once a record
 * is durable in `push_jobs`; QBO writes happen from the table, so a killed worker loses nothing
 * and a second worker never pushes the same tenant at the same time.
 */
export function createPushEngine(options: PushEngineOptions): PushEngine {
  const { db, bus, pusher, service } = options;
  const knex = db.knex;
  const logger = (options.logger ?? createLogger({ name: service, level: 'silent' })).child({ component: 'push-engine' });
  const topics = { source: options.sourceTopic, settings: options.topics?.settings ?? mappingSettings, links: options.topics?.links ?? syncLinks, events: options.topics?.events ?? syncEvents };
  const ownerPrefix = `${service}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const stats = { ingested: 0, rounds: 0, outcomes: {} as Record<string, number> };
  const readModel = new ReadModel(knex);
  const jobs = createJobsRepository(knex, topics.source.name);
  const leases = createTenantLeases(knex, options.leaseMs ?? 5_000, logger);
  const policy = { service, entity: pusher.entity, maxWaitMs: options.maxWaitMs ?? 10 * 60_000, maxAttempts: options.maxAttempts ?? 8, ...retryDelays(options.backoff?.baseMs ?? 500, options.backoff?.maxMs ?? 60_000) };
  const deadLetter = createDeadLetters({ bus, sourceTopic: topics.source.name, recordIdField: options.recordIdField, service, logger });
  const round = createRound({ knex, jobs, readModel, pusher, qboClientFor: options.qboClientFor, policy, topics, deadLetter, batchSize: options.batchSize ?? 30, stats, logger });
  const scheduler = createScheduler({ leases, round, ownerPrefix, concurrency: options.concurrency ?? 4, pollMs: options.pollMs ?? 250, logger });
  const wake = (): void => scheduler.wake();
  const reactions = createReactions({ knex, service, pusher, jobs, readModel, eventsTopic: topics.events, wake, logger });
  const runScan = createRunScan({ knex, service, entity: pusher.entity, eventsTopic: topics.events, readModel, leases, ownerPrefix, logger, wake });
  const subscriptions: Subscription[] = [];
  let relay: OutboxRelay | undefined;

  return {
    readModel,
    stats,
    wake,

    async migrate() {
      await migrate(knex, { schema: db.schema, migrations: outboxMigrations(pushMigrations) });
    },

    async start() {
      await bus.ensureTopics(Object.values(topics));
      const taken = (count: number): void => {
        stats.ingested += count;
        scheduler.wakeSoon();
      };
      subscriptions.push(...(await subscribeConsumers({ bus, service, groupPrefix: options.groupPrefix ?? '', pusher, readModel, jobs, reactions, runScan, topics, recordIdField: options.recordIdField, partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 6, taken })));
      relay = createOutboxRelay({ knex, bus, schema: db.schema, logger, topics: [topics.settings, topics.links, topics.events], pollIntervalMs: options.outboxPollMs ?? 200, batchSize: 500 });
      relay.start();
      scheduler.start();
    },

    async stopConsumers() {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
    },

    async stopPushing() {
      await scheduler.stop();
    },

    async drainOutbox() {
      if (!relay) return;
      await relay.drain({ timeoutMs: 10_000 }).catch((err: unknown) => logger.warn({ err }, 'outbox not drained'));
      await relay.stop();
      relay = undefined;
    },

    async stop() {
      await this.stopConsumers();
      await this.stopPushing();
      await this.drainOutbox();
    },
  };
}
