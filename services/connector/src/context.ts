import type { MessageBus } from '@ledgerbus/bus';
import type { Logger } from '@ledgerbus/kit';
import type { QboClient, TokenProvider } from '@ledgerbus/qbo';
import type { Knex } from 'knex';
import type { TokenKeyRing } from './domain/token-crypto';
import type { IntuitOAuth } from './intuit/intuit-oauth';

export interface ConnectorSettings {
  /** HMAC key of the OAuth `state`. */
  stateSecret: string;
  stateTtlMs: number;
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
}

export interface ConnectorContext {
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
