import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface FailureEventRow {
  tenant_id: string;
  event_id: string;
  /** `link`: an admin's manual link that could not be applied (its QBO customer is missing). */
  direction: 'to_qbo' | 'from_qbo' | 'link';
  realm_id: string | null;
  platform_id: string | null;
  qbo_id: string | null;
  version: number | null;
  code: string;
}

/** The `customer.sync_failed` events this service emitted, by CloudEvent id (what `sync.retry_requested` names). */
export const failuresRepository = {
  async record(db: Db, row: FailureEventRow, now: Date): Promise<void> {
    await db('failure_events').insert({ ...row, failed_at: now }).onConflict(['tenant_id', 'event_id']).ignore();
  },
  /** How many times pushing this version of the platform customer was refused. */
  async countPushFailures(db: Db, tenantId: string, platformId: string, version: number): Promise<number> {
    const rows: Array<{ n: string | number }> = await db('failure_events').where({ tenant_id: tenantId, platform_id: platformId, version, direction: 'to_qbo' }).count<Array<{ n: string | number }>>('* as n');
    return Number(rows[0]?.n ?? 0);
  },
  async byEvent(db: Db, tenantId: string, eventId: string): Promise<FailureEventRow | undefined> {
    return (await db('failure_events').where({ tenant_id: tenantId, event_id: eventId }).first()) as FailureEventRow | undefined;
  },
};

export interface UnlinkedRow {
  tenant_id: string;
  platform_id: string;
  realm_id: string;
  qbo_id: string | null;
}

/** Customers an admin un-linked: nothing syncs for them, either way, until they are linked again. */
export const unlinkedRepository = {
  async mark(db: Db, row: UnlinkedRow, now: Date): Promise<void> {
    await db('unlinked_customers').insert({ ...row, unlinked_at: now }).onConflict(['tenant_id', 'platform_id']).merge();
  },
  async clear(db: Db, tenantId: string, platformId: string, realmId: string, qboId: string): Promise<void> {
    await db('unlinked_customers').where({ tenant_id: tenantId, platform_id: platformId }).delete();
    await db('unlinked_customers').where({ tenant_id: tenantId, realm_id: realmId, qbo_id: qboId }).delete();
  },
  async isPlatformUnlinked(db: Db, tenantId: string, platformId: string): Promise<boolean> {
    return (await db('unlinked_customers').where({ tenant_id: tenantId, platform_id: platformId }).first()) !== undefined;
  },
  async isQboUnlinked(db: Db, tenantId: string, realmId: string, qboId: string): Promise<boolean> {
    return (await db('unlinked_customers').where({ tenant_id: tenantId, realm_id: realmId, qbo_id: qboId }).first()) !== undefined;
  },
};

export interface PendingLinkRow {
  tenant_id: string;
  platform_id: string;
  realm_id: string;
  qbo_id: string;
}

/** Manual links waiting for the tenant's connection (the latest per platform customer). */
export const pendingLinksRepository = {
  async park(db: Db, row: PendingLinkRow, now: Date): Promise<void> {
    await db('pending_links').insert({ ...row, parked_at: now }).onConflict(['tenant_id', 'platform_id']).merge();
  },
  async drop(db: Db, tenantId: string, platformId: string): Promise<void> {
    await db('pending_links').where({ tenant_id: tenantId, platform_id: platformId }).delete();
  },
  async ofTenant(db: Db, tenantId: string): Promise<PendingLinkRow[]> {
    return (await db('pending_links').where({ tenant_id: tenantId }).orderBy('parked_at')) as PendingLinkRow[];
  },
};
