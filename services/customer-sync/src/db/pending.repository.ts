import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface PendingRow {
  tenant_id: string;
  platform_id: string;
  type: 'customer.upserted' | 'customer.deleted';
  version: number;
  data: Record<string, unknown>;
  event_time: string;
  error: string | null;
}

/** Platform records parked until their tenant is connected (the latest version per record). */
export const pendingRepository = {
  async park(db: Db, row: Omit<PendingRow, 'error'>, now: Date): Promise<void> {
    await db('pending_records')
      .insert({ ...row, data: JSON.stringify(row.data), error: null, parked_at: now })
      .onConflict(['tenant_id', 'platform_id'])
      .merge()
      .where('pending_records.version', '<=', row.version);
  },
  async ofTenant(db: Db, tenantId: string): Promise<PendingRow[]> {
    return (await db('pending_records').where({ tenant_id: tenantId }).whereNull('error').orderBy('parked_at').orderBy('platform_id')) as PendingRow[];
  },
  /** Removes the row once that version is handled (a newer parked version stays). */
  async done(db: Db, tenantId: string, platformId: string, version: number): Promise<void> {
    await db('pending_records').where({ tenant_id: tenantId, platform_id: platformId }).andWhere('version', '<=', version).delete();
  },
  async failed(db: Db, tenantId: string, platformId: string, version: number, error: string): Promise<void> {
    await db('pending_records').where({ tenant_id: tenantId, platform_id: platformId, version }).update({ error });
  },
};
