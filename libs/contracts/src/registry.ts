import type { TopicDefinition } from './topic';
import { platformCustomers, platformEmployees, platformInvoices, platformPayments, platformProducts } from './topics/platform';
import { qboChanges, qboNotifications } from './topics/qbo';
import { connectorConnections, mappingSettings, syncLinks } from './topics/state';
import { syncEvents } from './topics/sync-events';

/** Every topic of ledgerbus, by a short name. */
export const topics = {
  platformCustomers,
  platformInvoices,
  platformPayments,
  platformEmployees,
  platformProducts,
  qboChanges,
  qboNotifications,
  connectorConnections,
  mappingSettings,
  syncLinks,
  syncEvents,
} as const;

export const topicRegistry: readonly TopicDefinition[] = Object.values(topics);

export function findTopic(name: string): TopicDefinition | undefined {
  return topicRegistry.find((t) => t.name === name);
}
