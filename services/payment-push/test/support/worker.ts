/**
 * A worker process for the exactly-once tests: invoice-push + payment-push until killed.
 * Configured by PUSH_WORKER (JSON); says `{ type: 'ready' }` once consuming and answers
 * `'stats'` with the engines' counters.
 */
import type { TopicDefinition } from '@ledgerbus/contracts';
import { mappingSettings, platformInvoices, platformPayments, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { Tuning } from './workers';
import { newBus, startWorkers } from './workers';

export interface WorkerConfig {
  names: Record<'invoices' | 'payments' | 'settings' | 'links' | 'events', string>;
  schema: string;
  groupPrefix: string;
  baseUrl: string;
  tokens: Record<string, string>;
  tuning?: Tuning;
}

const config = JSON.parse(process.env.PUSH_WORKER ?? '{}') as WorkerConfig;
const named = (t: TopicDefinition, key: keyof WorkerConfig['names']): TopicDefinition => ({ ...t, name: config.names[key], partitions: 6 });
const topics = {
  invoices: named(platformInvoices, 'invoices'),
  payments: named(platformPayments, 'payments'),
  settings: named(mappingSettings, 'settings'),
  links: named(syncLinks, 'links'),
  events: named(syncEvents, 'events'),
};

void (async () => {
  const bus = newBus();
  const workers = await startWorkers({ topics, schema: config.schema, bus, groupPrefix: config.groupPrefix, baseUrl: config.baseUrl, tokens: new Map(Object.entries(config.tokens)), ...(config.tuning ? { tuning: config.tuning } : {}) });
  process.on('message', (m) => {
    if (m === 'stats') process.send?.({ type: 'stats', invoices: workers.invoices.stats, payments: workers.payments.stats });
  });
  // The parent gone (test ended or crashed): do not linger.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready' });
})().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
