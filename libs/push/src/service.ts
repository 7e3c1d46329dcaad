import type { MessageBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import type { Logger } from '@ledgerbus/kit';
import type { QboClient } from '@ledgerbus/qbo';
import { createPushEngine } from './engine';
import type { PushEngine, PushEngineOptions } from './engine';
import type { Pusher } from './types';

/** What a push service is built around: main.ts (`runPushWorker`), the embedded runner and tests each supply their own. */
export interface PushServiceDeps {
  db: Database;
  bus: MessageBus;
  logger?: Logger;
  /** A QBO client per realm (token provider and the realm's shared rate limiter inside). */
  qboClientFor: (realmId: string) => QboClient;
  /** Another source topic than the registry's (tests). */
  sourceTopic?: TopicDefinition;
  /** Tuning of the push engine (concurrency, lease, waits …). */
  tuning?: Partial<Pick<PushEngineOptions, 'concurrency' | 'batchSize' | 'leaseMs' | 'pollMs' | 'maxWaitMs' | 'maxAttempts' | 'backoff' | 'partitionsConsumedConcurrently' | 'outboxPollMs' | 'groupPrefix' | 'topics'>>;
}

/** What makes a push service the invoice or the payment one. */
export interface PushServiceDefinition {
  service: string;
  pusher: Pusher;
  /** The registry's topic of the records; `deps.sourceTopic` replaces it. */
  sourceTopic: TopicDefinition;
  /** The field of the event data that holds the record id ("invoiceId"). */
  recordIdField: string;
}

/** A push service: never listens or reads the environment (the service's main.ts does). */
export function createPushService(definition: PushServiceDefinition, deps: PushServiceDeps): PushEngine {
  return createPushEngine({
    ...definition,
    db: deps.db,
    bus: deps.bus,
    ...(deps.logger ? { logger: deps.logger } : {}),
    sourceTopic: deps.sourceTopic ?? definition.sourceTopic,
    qboClientFor: deps.qboClientFor,
    ...deps.tuning,
  });
}
