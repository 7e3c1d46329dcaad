import type { Knex } from 'knex';
import type { PlatformCustomer } from '../domain/customer-shape';

type Db = Knex | Knex.Transaction;

export interface LinkRow {
  tenant_id: string;
  platform_id: string;
  realm_id: string;
  qbo_id: string;
  status: 'active' | 'retired';
  snapshot: PlatformCustomer;
  previous_snapshot: PlatformCustomer | null;
  qbo_sync_token: number;
  platform_version: number | null;
}

export const linksRepository = {
  /**
   * The active link of a platform record **in a company** (realm). A link of another company (the
   * scope was connected to company A, now to B) is not a link here: QBO ids are small per-company
   * integers, so A's Id names an unrelated customer in B. Writes read links only through this.
   */
  async byPlatform(db: Db, tenantId: string, platformId: string, realmId: string): Promise<LinkRow | undefined> {
    return (await db('customer_links').where({ tenant_id: tenantId, platform_id: platformId, realm_id: realmId, status: 'active' }).first()) as LinkRow | undefined;
  },
  /** The active link of a platform record whatever its company (an admin's unlink retires it wherever it points). */
  async activeAnyRealm(db: Db, tenantId: string, platformId: string): Promise<LinkRow | undefined> {
    return (await db('customer_links').where({ tenant_id: tenantId, platform_id: platformId, status: 'active' }).first()) as LinkRow | undefined;
  },
  /** The link of a platform record whatever its status (a retired one keeps its last snapshot). */
  async anyByPlatform(db: Db, tenantId: string, platformId: string): Promise<LinkRow | undefined> {
    return (await db('customer_links').where({ tenant_id: tenantId, platform_id: platformId }).first()) as LinkRow | undefined;
  },
  async byQbo(db: Db, realmId: string, qboId: string): Promise<LinkRow | undefined> {
    return (await db('customer_links').where({ realm_id: realmId, qbo_id: qboId, status: 'active' }).first()) as LinkRow | undefined;
  },
  async upsert(db: Db, row: Omit<LinkRow, 'status'>, now: Date): Promise<void> {
    await db('customer_links')
      .insert({
        ...row,
        status: 'active',
        snapshot: JSON.stringify(row.snapshot),
        previous_snapshot: row.previous_snapshot === null ? null : JSON.stringify(row.previous_snapshot),
        updated_at: now,
      })
      .onConflict(['tenant_id', 'platform_id'])
      .merge();
  },
  /** QBO holds this platform version (nothing had to be written): the link says so, never going back to an older one. */
  async recordVersion(db: Db, tenantId: string, platformId: string, realmId: string, version: number, now: Date): Promise<void> {
    await db('customer_links')
      .where({ tenant_id: tenantId, platform_id: platformId, realm_id: realmId, status: 'active' })
      .update({ platform_version: db.raw('greatest(coalesce(platform_version, 0), ?)', [version]), updated_at: now });
  },
  async retire(db: Db, tenantId: string, platformId: string, now: Date): Promise<void> {
    await db('customer_links').where({ tenant_id: tenantId, platform_id: platformId }).update({ status: 'retired', updated_at: now });
  },
};
