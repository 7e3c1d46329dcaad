import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface HeldCount {
  entity: string;
  reason: string;
  count: number;
}

/**
 * The records that are held now (`*.held` seen, no later outcome yet). Events of one tenant
 * arrive in order (the topic's key is the tenant), so they are applied in the order consumed:
 * a hold replaces the previous one of the record, a release deletes it.
 */
export const heldRecordsRepository = {
  async hold(
    db: Db,
    hold: { tenantId: string; divisionId: string | null; entity: string; platformId: string; reason: string; version: number | null; at: Date; entryId: string },
  ): Promise<void> {
    await db('held_records')
      .insert({
        tenant_id: hold.tenantId,
        entity: hold.entity,
        platform_id: hold.platformId,
        division_id: hold.divisionId ?? '',
        reason: hold.reason,
        version: hold.version,
        held_since: hold.at,
        entry_id: hold.entryId,
      })
      .onConflict(['tenant_id', 'entity', 'platform_id'])
      // Held again (another reason or version): still one record, held since the first time.
      .merge(['division_id', 'reason', 'version', 'entry_id']);
  },

  async release(db: Db, tenantId: string, entity: string, platformId: string): Promise<void> {
    await db('held_records').where({ tenant_id: tenantId, entity, platform_id: platformId }).delete();
  },

  /** How many records of the tenant are held, by entity and reason. */
  async counts(db: Db, tenantId: string): Promise<HeldCount[]> {
    const rows = (await db('held_records')
      .where({ tenant_id: tenantId })
      .select('entity', 'reason')
      .count<Array<{ entity: string; reason: string; count: string | number }>>('* as count')
      .groupBy('entity', 'reason')
      .orderBy(['entity', 'reason']));
    return rows.map((r) => ({ entity: r.entity, reason: r.reason, count: Number(r.count) }));
  },
};
