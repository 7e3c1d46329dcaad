/** A worker process for the crash test: invoice-push + payment-push until SIGKILLed. */
import type { TopicDefinition } from '@ledgerbus/contracts';
import { mappingSettings, platformInvoices, platformPayments, syncEvents, syncLinks } from '@ledgerbus/contracts';
import { newBus, startWorkers } from './harness';

const env = JSON.parse(process.env.PUSH_WORKER ?? '{}') as { names: Record<string, string>; schema: string; groupPrefix: string; baseUrl: string; tokens: Record<string, string> };
const named = (t: TopicDefinition, key: string): TopicDefinition => ({ ...t, name: env.names[key] ?? t.name, partitions: 6 });
const topics = {
  invoices: named(platformInvoices, 'invoices'),
  payments: named(platformPayments, 'payments'),
  settings: named(mappingSettings, 'settings'),
  links: named(syncLinks, 'links'),
  events: named(syncEvents, 'events'),
};
void (async () => {
  const bus = newBus();
  await startWorkers({ topics, schema: env.schema, bus, groupPrefix: env.groupPrefix, baseUrl: env.baseUrl, tokens: new Map(Object.entries(env.tokens)) });
  process.send?.('ready');
})();
