import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface Link {
  tenantId: string;
  /** The division whose company holds the QBO record; undefined: the tenant's own connection. */
  divisionId?: string | undefined;
  entity: string;
  platformId: string;
  realmId: string;
  qboId: string;
  source: 'sync' | 'manual';
  linkedBy: string | null;
  linkedAt: Date;
}

interface Row {
  tenant_id: string;
  division_id: string;
  entity: string;
  platform_id: string;
  realm_id: string;
  qbo_id: string;
  source: Link['source'];
  linked_by: string | null;
  linked_at: Date | string;
}

function fromRow(row: Row): Link {
  return {
    tenantId: row.tenant_id,
    ...(row.division_id === '' ? {} : { divisionId: row.division_id }),
    entity: row.entity,
    platformId: row.platform_id,
    realmId: row.realm_id,
    qboId: row.qbo_id,
    source: row.source,
    linkedBy: row.linked_by,
    linkedAt: new Date(row.linked_at),
  };
}

export const linksRepository = {
  /** Stores a link unless a later one for the same record is stored. */
  async upsert(db: Db, link: Link): Promise<boolean> {
    const result = await db.raw<{ rows: unknown[] }>(
      `insert into links (tenant_id, division_id, entity, platform_id, realm_id, qbo_id, source, linked_by, linked_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (tenant_id, division_id, entity, platform_id) do update
         set realm_id = excluded.realm_id, qbo_id = excluded.qbo_id, source = excluded.source,
             linked_by = excluded.linked_by, linked_at = excluded.linked_at
         where links.linked_at <= excluded.linked_at
       returning platform_id`,
      [link.tenantId, link.divisionId ?? '', link.entity, link.platformId, link.realmId, link.qboId, link.source, link.linkedBy, link.linkedAt],
    );
    return result.rows.length > 0;
  },

  /** Removes a link (if `qboId` is given, only when it still points there). */
  async remove(db: Db, key: { tenantId: string; divisionId?: string | undefined; entity: string; platformId: string; qboId?: string | undefined; notAfter?: Date }): Promise<number> {
    let query = db('links').where({ tenant_id: key.tenantId, division_id: key.divisionId ?? '', entity: key.entity, platform_id: key.platformId });
    if (key.qboId !== undefined) query = query.where({ qbo_id: key.qboId });
    if (key.notAfter !== undefined) query = query.where('linked_at', '<=', key.notAfter);
    return query.delete();
  },

  /** The link of a record of the tenant (`divisionId` undefined) or of one division. */
  async get(db: Db, tenantId: string, entity: string, platformId: string, divisionId?: string): Promise<Link | undefined> {
    const row = (await db('links').where({ tenant_id: tenantId, division_id: divisionId ?? '', entity, platform_id: platformId }).first()) as Row | undefined;
    return row === undefined ? undefined : fromRow(row);
  },

  async byQboId(db: Db, tenantId: string, entity: string, qboId: string, divisionId?: string): Promise<Link | undefined> {
    const row = (await db('links').where({ tenant_id: tenantId, division_id: divisionId ?? '', entity, qbo_id: qboId }).first()) as Row | undefined;
    return row === undefined ? undefined : fromRow(row);
  },

  /** The tenant's links, of every division unless `division` names one. */
  async list(db: Db, tenantId: string, filter: { entity?: string | undefined; division?: string | undefined; limit: number; after?: string | undefined }): Promise<Link[]> {
    let query = db<Row>('links').where({ tenant_id: tenantId });
    if (filter.division !== undefined) query = query.where({ division_id: filter.division });
    if (filter.entity !== undefined) query = query.where({ entity: filter.entity });
    if (filter.after !== undefined) query = query.whereRaw('(entity || \'/\' || platform_id || \'/\' || division_id) > ?', [filter.after]);
    const rows = (await query.orderBy('entity').orderBy('platform_id').orderBy('division_id').limit(filter.limit));
    return rows.map(fromRow);
  },
};
