import type { Knex } from 'knex';

export type ConnectionStatus = 'connected' | 'reauthorization_required' | 'disconnected';

/** A row of `connections` (token columns are ciphertexts). */
export interface ConnectionRow {
  id: string;
  tenant_id: string;
  division_id: string;
  realm_id: string;
  company_name: string;
  status: ConnectionStatus;
  connected_by: string | null;
  connected_at: Date | null;
  disconnected_by: string | null;
  disconnected_at: Date | null;
  status_reason: string | null;
  token_key_id: string | null;
  access_token_enc: string | null;
  access_expires_at: Date | null;
  refresh_token_enc: string | null;
  refresh_expires_at: Date | null;
  tokens_refreshed_at: Date | null;
  last_webhook_at: Date | null;
  cdc_watermark: Date | null;
  cdc_next_at: Date | null;
  cdc_lease_owner: string | null;
  cdc_lease_until: Date | null;
  snapshot_requested_at: Date | null;
  snapshot_completed_at: Date | null;
  last_sync: Record<string, string>;
  updated_at: Date;
}

const TABLE = 'connections';

function normalize(row: ConnectionRow | undefined): ConnectionRow | undefined {
  if (row === undefined) return undefined;
  return { ...row, id: String(row.id), last_sync: typeof row.last_sync === 'string' ? (JSON.parse(row.last_sync) as Record<string, string>) : row.last_sync };
}

export const connectionsRepository = {
  async byTenant(db: Knex | Knex.Transaction, tenantId: string, divisionId: string | undefined, options: { forUpdate?: boolean } = {}): Promise<ConnectionRow | undefined> {
    let q = db<ConnectionRow>(TABLE).where({ tenant_id: tenantId, division_id: divisionId ?? '' }).first();
    if (options.forUpdate) q = q.forUpdate();
    return normalize((await q));
  },

  async byId(db: Knex | Knex.Transaction, id: string, options: { forUpdate?: boolean } = {}): Promise<ConnectionRow | undefined> {
    let q = db<ConnectionRow>(TABLE).where({ id }).first();
    if (options.forUpdate) q = q.forUpdate();
    return normalize((await q));
  },

  /** The live (connected or waiting for reauthorization) connection of a realm, if any. */
  async liveByRealm(db: Knex | Knex.Transaction, realmId: string): Promise<ConnectionRow | undefined> {
    const row: unknown = await db(TABLE)
      .where({ realm_id: realmId })
      .whereIn('status', ['connected', 'reauthorization_required'])
      .orderBy('updated_at', 'desc')
      .first();
    return normalize(row as ConnectionRow | undefined);
  },

  /** The realm's live connection if there is one, else its latest (disconnected) one: one query. */
  async bestByRealm(db: Knex | Knex.Transaction, realmId: string): Promise<ConnectionRow | undefined> {
    const row: unknown = await db(TABLE)
      .where({ realm_id: realmId })
      .orderByRaw("(status in ('connected', 'reauthorization_required')) desc, updated_at desc")
      .first();
    return normalize(row as ConnectionRow | undefined);
  },

  async anyByRealm(db: Knex | Knex.Transaction, realmId: string): Promise<ConnectionRow | undefined> {
    const row: unknown = await db(TABLE).where({ realm_id: realmId }).orderBy('updated_at', 'desc').first();
    return normalize(row as ConnectionRow | undefined);
  },

  async insert(trx: Knex.Transaction, row: Partial<ConnectionRow> & Pick<ConnectionRow, 'tenant_id' | 'realm_id' | 'company_name' | 'status'>): Promise<ConnectionRow> {
    const [inserted] = (await trx(TABLE)
      .insert({ ...row, last_sync: JSON.stringify(row.last_sync ?? {}) })
      .returning('*')) as ConnectionRow[];
    return normalize(inserted)!;
  },

  async update(trx: Knex | Knex.Transaction, id: string, patch: Partial<Omit<ConnectionRow, 'id'>>, now: Date): Promise<ConnectionRow> {
    const values: Record<string, unknown> = { ...patch, updated_at: now };
    if (patch.last_sync !== undefined) values.last_sync = JSON.stringify(patch.last_sync);
    const [row] = (await trx(TABLE).where({ id }).update(values).returning('*')) as ConnectionRow[];
    return normalize(row)!;
  },

  /** Connected rows with a CDC poll or a snapshot due (candidates; the lease decides who runs). */
  async due(db: Knex, now: Date, limit: number): Promise<ConnectionRow[]> {
    const rows = (await db<ConnectionRow>(TABLE)
      .where({ status: 'connected' })
      .andWhere((q) => {
        void q.where('cdc_next_at', '<=', now).orWhereNotNull('snapshot_requested_at');
      })
      .andWhere((q) => {
        void q.whereNull('cdc_lease_until').orWhere('cdc_lease_until', '<', now);
      })
      .orderBy('cdc_next_at', 'asc')
      .limit(limit));
    return rows.map((r) => normalize(r)!);
  },

  /** Take the poller lease of a connection (one poller per realm across replicas); undefined when held. */
  async acquireLease(db: Knex, id: string, owner: string, now: Date, leaseMs: number): Promise<ConnectionRow | undefined> {
    const [row] = (await db(TABLE)
      .where({ id, status: 'connected' })
      .andWhere((q) => {
        void q.whereNull('cdc_lease_until').orWhere('cdc_lease_until', '<', now);
      })
      .update({ cdc_lease_owner: owner, cdc_lease_until: new Date(now.getTime() + leaseMs) })
      .returning('*')) as ConnectionRow[];
    return normalize(row);
  },

  async releaseLease(db: Knex | Knex.Transaction, id: string, owner: string): Promise<void> {
    await db(TABLE).where({ id, cdc_lease_owner: owner }).update({ cdc_lease_owner: null, cdc_lease_until: null });
  },
};
