import type { Knex } from 'knex';
import type { ReferenceEntity, ReferenceObject } from '../domain/reference-rules';
import { referenceKey } from '../domain/reference-rules';

type Db = Knex | Knex.Transaction;

interface Row {
  realm_id: string;
  entity: ReferenceEntity;
  qbo_id: string;
  name: string;
  type: string | null;
  active: boolean;
  deleted: boolean;
  sync_token: string | number | null;
  last_updated: Date | string;
}

export interface ReferenceVersion {
  syncToken: number | null;
  lastUpdated: Date;
}

function fromRow(row: Row): ReferenceObject {
  return { entity: row.entity, qboId: row.qbo_id, name: row.name, type: row.type, active: row.active, deleted: row.deleted };
}

/** True when `incoming` is not older than what is stored (SyncToken first, then LastUpdatedTime). */
function isNewer(stored: Row, incoming: ReferenceVersion): boolean {
  const storedToken = stored.sync_token === null ? null : Number(stored.sync_token);
  if (storedToken !== null && incoming.syncToken !== null && storedToken !== incoming.syncToken) {
    return incoming.syncToken > storedToken;
  }
  return incoming.lastUpdated.getTime() >= new Date(stored.last_updated).getTime();
}

export const referenceRepository = {
  /** Store one version of an object unless a newer one is stored. Returns whether it applied. */
  async upsert(db: Db, realmId: string, obj: ReferenceObject, version: ReferenceVersion, raw: unknown): Promise<boolean> {
    const stored = (await db('reference_objects')
      .where({ realm_id: realmId, entity: obj.entity, qbo_id: obj.qboId })
      .forUpdate()
      .first()) as Row | undefined;
    if (stored !== undefined && !isNewer(stored, version)) return false;
    await db('reference_objects')
      .insert({
        realm_id: realmId,
        entity: obj.entity,
        qbo_id: obj.qboId,
        name: obj.name,
        type: obj.type,
        active: obj.active,
        deleted: obj.deleted,
        sync_token: version.syncToken,
        last_updated: version.lastUpdated,
        object: raw === undefined ? null : JSON.stringify(raw),
      })
      .onConflict(['realm_id', 'entity', 'qbo_id'])
      .merge();
    return true;
  },

  /** Mark an object deleted (Delete, or the loser of a Merge), keeping its last name. */
  async markDeleted(db: Db, realmId: string, entity: ReferenceEntity, qboId: string, at: Date): Promise<void> {
    const updated = await db('reference_objects')
      .where({ realm_id: realmId, entity, qbo_id: qboId })
      .update({ deleted: true, active: false, last_updated: at });
    if (updated === 0) {
      await db('reference_objects')
        .insert({ realm_id: realmId, entity, qbo_id: qboId, name: qboId, type: null, active: false, deleted: true, last_updated: at })
        .onConflict(['realm_id', 'entity', 'qbo_id'])
        .ignore();
    }
  },

  async find(db: Db, realmId: string, keys: ReadonlyArray<{ entity: string; qboId: string }>): Promise<Map<string, ReferenceObject>> {
    const found = new Map<string, ReferenceObject>();
    if (keys.length === 0) return found;
    const rows = (await db('reference_objects')
      .where({ realm_id: realmId })
      .whereIn(
        ['entity', 'qbo_id'],
        keys.map((k) => [k.entity, k.qboId]),
      )) as Row[];
    for (const row of rows) found.set(referenceKey(row.entity, row.qbo_id), fromRow(row));
    return found;
  },

  /** Objects for drop-downs: not deleted; active only unless asked; optionally of some types. */
  async list(
    db: Db,
    realmId: string,
    entity: ReferenceEntity,
    filter: { types?: string[]; includeInactive?: boolean; limit: number },
  ): Promise<ReferenceObject[]> {
    let query = db<Row>('reference_objects').where({ realm_id: realmId, entity, deleted: false });
    if (!filter.includeInactive) query = query.where({ active: true });
    if (filter.types !== undefined && filter.types.length > 0) query = query.whereIn('type', filter.types);
    const rows = (await query.orderBy('name').orderBy('qbo_id').limit(filter.limit));
    return rows.map(fromRow);
  },
};
