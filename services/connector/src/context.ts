import type { MessageBus } from '@ledgerbus/bus';
import { connectorConnections, qboChanges, qboNotifications, syncEvents } from '@ledgerbus/contracts';
import type { Logger } from '@ledgerbus/kit';
import type { QboClient, TokenProvider } from '@ledgerbus/qbo';
import type { Knex } from 'knex';
import type { TokenKeyRing } from './domain/token-crypto';
import type { IntuitOAuth } from './intuit/intuit-oauth';

export interface ConnectorSettings {
  /** HMAC key of the OAuth `state`. */
  stateSecret: string;
  /** How long a connect flow's state stays usable (default 10 minutes). */
  stateTtlMs: number;
  /** The state cookie's path (the callback's) and whether it is `Secure` (an https redirect URI). */
  stateCookie: { path: string; secure: boolean };
  /** Refresh the access token this long before it expires. */
  refreshSkewMs: number;
  /** Verifier tokens of the Intuit app's webhooks (several while one rotates). */
  webhookVerifierTokens: string[];
  /** How often each connected realm is polled with CDC. */
  cdcIntervalMs: number;
  /** How often the poller looks for due realms. */
  pollerTickMs: number;
  /** How long one poller holds a realm's lease (renewed by finishing). */
  pollerLeaseMs: number;
  cdcEntities: readonly string[];
  snapshotEntities: readonly string[];
  /** Where the OAuth callback sends the admin's browser afterwards; JSON when unset. */
  connectedRedirectUrl: string | undefined;
  /** `lastWebhookAt` is written (and published) at most this often per connection. */
  lastWebhookEveryMs: number;
  /**
   * Webhook entities of a realm named within this window are fetched together (one query per entity
   * type). 0: each delivery is fetched on its own, at once.
   */
  webhookCoalesceMs: number;
}

/** The topics the connector writes (and its intake, which it also reads). */
export interface ConnectorTopics {
  notifications: typeof qboNotifications;
  changes: typeof qboChanges;
  connections: typeof connectorConnections;
  events: typeof syncEvents;
}

export const DEFAULT_TOPICS: ConnectorTopics = { notifications: qboNotifications, changes: qboChanges, connections: connectorConnections, events: syncEvents };

/**
 * The same topics under `<prefix><name>` (tests and benchmarks use a fresh prefix so they
 * never read each other's messages), optionally with another partition count.
 */
export function prefixedTopics(prefix: string, options: { partitions?: number } = {}): ConnectorTopics {
  const rename = <T extends { name: string; partitions: number }>(t: T): T => ({ ...t, name: `${prefix}${t.name}`, partitions: options.partitions ?? t.partitions });
  return { notifications: rename(qboNotifications), changes: rename(qboChanges), connections: rename(connectorConnections), events: rename(syncEvents) };
}

export interface ConnectorContext {
  /** Where it publishes (and reads its intake). */
  topics: ConnectorTopics;
  knex: Knex;
  bus: MessageBus;
  logger: Logger;
  clock: () => Date;
  keys: TokenKeyRing;
  intuit: IntuitOAuth;
  /**
   * A QBO client for a realm. Without `tokenProvider` its access tokens come from this
   * service's token use case (the callback passes the just-issued token instead).
   */
  qbo(realmId: string, tokenProvider?: TokenProvider): QboClient;
  settings: ConnectorSettings;
  /** Identifies this replica in poller leases. */
  instanceId: string;
}

export const SOURCE = 'ledgerbus/connector';
