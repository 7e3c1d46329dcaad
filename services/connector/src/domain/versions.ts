/**
 * Which version of an entity a change is: the dedupe key (realm, entity, id, version)
 * on which webhook-, CDC- and snapshot-delivered copies collapse. Deletes have no
 * SyncToken, so every delete of an id is one version ("deleted").
 */
export const DELETED_VERSION = 'deleted';

export interface VersionKey {
  realmId: string;
  entity: string;
  entityId: string;
  version: string;
}

export function versionKey(realmId: string, entity: string, entityId: string, syncToken: string | undefined, deleted: boolean): VersionKey {
  return { realmId, entity, entityId, version: deleted ? DELETED_VERSION : (syncToken ?? 'unknown') };
}

/** True when the access token expires within `skewMs` of `now` (refresh proactively). */
export function needsRefresh(accessExpiresAt: Date | null, now: Date, skewMs: number): boolean {
  return accessExpiresAt === null || accessExpiresAt.getTime() - skewMs <= now.getTime();
}

/** The reference-data and people entities the other services need, in snapshot order. */
export const SNAPSHOT_ENTITIES = ['Account', 'PaymentMethod', 'TaxCode', 'Class', 'Item', 'Customer', 'Employee'] as const;

/** Entities CDC watches (TaxCode is not served by CDC). */
export const DEFAULT_CDC_ENTITIES: readonly string[] = [
  'Account', 'PaymentMethod', 'Class', 'Item', 'Customer', 'Employee', 'Invoice', 'Payment', 'SalesReceipt', 'Purchase', 'JournalEntry',
];

/** The connection key of a tenant/division: the key of `connector.connections.v1`. */
export function connectionKey(tenantId: string, divisionId: string | undefined): string {
  return divisionId === undefined ? tenantId : `${tenantId}/${divisionId}`;
}
