import type { CloudEvent, EffectiveSettings, TopicDefinition } from '@ledgerbus/contracts';
import { connectorConnections, mappingSettings, platformCustomers, platformEmployees, platformProducts, qboChanges, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { Logger } from '@ledgerbus/kit';
import type { QboClient } from '@ledgerbus/qbo';
import type { Knex } from 'knex';

/** The topics this service reads and writes; tests pass renamed copies for isolation on a shared broker. */
export interface CustomerSyncTopics {
  platformCustomers: TopicDefinition;
  platformEmployees: TopicDefinition;
  platformProducts: TopicDefinition;
  qboChanges: TopicDefinition;
  connectorConnections: TopicDefinition;
  mappingSettings: TopicDefinition;
  syncLinks: TopicDefinition;
  syncEvents: TopicDefinition;
}

export const DEFAULT_TOPICS: CustomerSyncTopics = {
  platformCustomers,
  platformEmployees,
  platformProducts,
  qboChanges,
  connectorConnections,
  mappingSettings,
  syncLinks,
  syncEvents,
};

export interface CustomerSyncContext {
  knex: Knex;
  clock: () => Date;
  logger: Logger;
  topics: CustomerSyncTopics;
  /** A QBO client for a realm (the composition root wires the token provider and limiter). */
  qbo(realmId: string): QboClient;
}

export type TenantSettings = EffectiveSettings['settings'];

/** CloudEvents `source` of everything this service publishes. */
export const EVENT_SOURCE = 'ledgerbus/customer-sync';

export type AnyEvent = CloudEvent<Record<string, unknown>>;
