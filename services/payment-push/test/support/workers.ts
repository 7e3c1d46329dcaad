/**
 * Worker assembly for the push tests: invoice-push and payment-push on Kafka and PostgreSQL,
 * in the test process or in a child process (`worker.ts`). Imports nothing of the sandbox so
 * a child starts fast.
 */
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import type { PushEngine, PushEngineOptions } from '@ledgerbus/push';
import { createMemoryRateLimiter, createQboClient } from '@ledgerbus/qbo';
import type { QboClient, TokenProvider } from '@ledgerbus/qbo';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName } from '@ledgerbus/testing';
import { createInvoicePushService } from '../../../invoice-push/src/app';
import { createPaymentPushService } from '../../src/app';

export interface Topics {
  invoices: TopicDefinition;
  payments: TopicDefinition;
  settings: TopicDefinition;
  links: TopicDefinition;
  events: TopicDefinition;
}

export const brokers = kafkaBrokersFromEnv();

/** QBO clients per realm; `token` gives a realm's access token, or is the token provider itself (the connector's, say). */
export function qboClientsFor(baseUrl: string, token: ((realmId: string) => string) | { provider: TokenProvider }): (realmId: string) => QboClient {
  const limiter = createMemoryRateLimiter();
  const clients = new Map<string, QboClient>();
  const tokenProvider: TokenProvider = typeof token === 'function' ? (realmId) => Promise.resolve(token(realmId)) : token.provider;
  return (realmId) => {
    let c = clients.get(realmId);
    if (!c) {
      c = createQboClient({ baseUrl, realmId, tokenProvider, limiter, retry: { maxRetries: 2, baseMs: 50, maxDelayMs: 500 }, timeoutMs: 10_000 });
      clients.set(realmId, c);
    }
    return c;
  };
}

export interface Workers {
  db: Database;
  invoices: PushEngine;
  payments: PushEngine;
  stop(): Promise<void>;
}

export type Tuning = Partial<Pick<PushEngineOptions, 'concurrency' | 'batchSize' | 'leaseMs' | 'pollMs' | 'maxWaitMs' | 'maxAttempts' | 'backoff' | 'partitionsConsumedConcurrently' | 'outboxPollMs'>>;

export async function startWorkers(options: { topics: Topics; schema: string; bus: MessageBus; groupPrefix: string; baseUrl: string; tokens: Map<string, string> | TokenProvider; tuning?: Tuning }): Promise<Workers> {
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema: options.schema, pool: { max: 8 } });
  const paymentsDb = await createDatabase({ url: databaseUrlFromEnv() }, { schema: `${options.schema}_p`, pool: { max: 8 } });
  const tokens = options.tokens;
  const clientFor = qboClientsFor(options.baseUrl, tokens instanceof Map ? (realmId: string) => tokens.get(realmId) ?? '' : { provider: tokens });
  const tuning = {
    groupPrefix: options.groupPrefix,
    topics: { settings: options.topics.settings, links: options.topics.links, events: options.topics.events },
    pollMs: 100,
    backoff: { baseMs: 100, maxMs: 1000 },
    maxWaitMs: 5_000,
    ...options.tuning,
  };
  const invoices = createInvoicePushService({ db, bus: options.bus, qboClientFor: clientFor, sourceTopic: options.topics.invoices, tuning });
  const payments = createPaymentPushService({ db: paymentsDb, bus: options.bus, qboClientFor: clientFor, sourceTopic: options.topics.payments, tuning });
  await invoices.migrate();
  await payments.migrate();
  await invoices.start();
  await payments.start();
  return {
    db,
    invoices,
    payments,
    async stop() {
      await invoices.stop();
      await payments.stop();
      await db.destroy();
      await paymentsDb.destroy();
    },
  };
}

export function newBus(): MessageBus {
  return createKafkaBus({ brokers, clientId: uniqueName('push-test'), consumer: { sessionTimeout: 6_000, rebalanceTimeout: 6_000 } });
}
