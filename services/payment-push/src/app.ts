import type { MessageBus } from '@ledgerbus/bus';
import { platformPayments } from '@ledgerbus/contracts';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import type { Logger } from '@ledgerbus/kit';
import type { PushEngine, PushEngineOptions } from '@ledgerbus/push';
import { createPushEngine } from '@ledgerbus/push';
import type { QboClient } from '@ledgerbus/qbo';
import { createPaymentPusher } from './handlers/payment-pusher';

export interface PaymentPushDeps {
  db: Database;
  bus: MessageBus;
  logger?: Logger;
  /** A QBO client per realm (token provider and the realm's shared rate limiter inside). */
  qboClientFor: (realmId: string) => QboClient;
  /** Tuning of the push engine (concurrency, lease, waits …). */
  /** Another source topic than the registry's (tests). */
  sourceTopic?: TopicDefinition;
  tuning?: Partial<Pick<PushEngineOptions, 'concurrency' | 'batchSize' | 'leaseMs' | 'pollMs' | 'maxWaitMs' | 'maxAttempts' | 'backoff' | 'partitionsConsumedConcurrently' | 'outboxPollMs' | 'groupPrefix' | 'topics'>>;
}

/** The payment-push service: never listens or reads the environment (main.ts does). */
export function createPaymentPushService(deps: PaymentPushDeps): PushEngine {
  return createPushEngine({
    service: 'payment-push',
    db: deps.db,
    bus: deps.bus,
    ...(deps.logger ? { logger: deps.logger } : {}),
    pusher: createPaymentPusher(),
    sourceTopic: deps.sourceTopic ?? platformPayments,
    recordIdField: 'paymentId',
    qboClientFor: deps.qboClientFor,
    ...deps.tuning,
  });
}
