import type { Knex } from 'knex';

export type ConnectionStatus = 'connected' | 'reauthorization_required' | 'disconnected';

export interface Connection {
  tenantId: string;
  realmId: string;
  companyName: string;
  status: ConnectionStatus;
  statusReason: string | null;
  updatedAt: Date;
}

interface Row {
  tenant_id: string;
  realm_id: string;
  company_name: string;
  status: string;
  status_reason: string | null;
  updated_at: Date;
}

const fromRow = (r: Row): Connection => ({
  tenantId: r.tenant_id,
  realmId: r.realm_id,
  companyName: r.company_name,
  status: r.status as ConnectionStatus,
  statusReason: r.status_reason,
  updatedAt: new Date(r.updated_at),
});

export const connectionsRepository = {
  async get(db: Knex | Knex.Transaction, tenantId: string, options: { forUpdate?: boolean } = {}): Promise<Connection | undefined> {
    const q = db<Row>('connections').where({ tenant_id: tenantId }).first();
    if (options.forUpdate) void q.forUpdate();
    const row: Row | undefined = await q;
    return row === undefined ? undefined : fromRow(row);
  },

  async byRealm(db: Knex | Knex.Transaction, realmId: string): Promise<Connection[]> {
    const rows: Row[] = await db<Row>('connections').where({ realm_id: realmId });
    return rows.map(fromRow);
  },

  async connected(db: Knex | Knex.Transaction): Promise<Connection[]> {
    const rows: Row[] = await db<Row>('connections').where({ status: 'connected' });
    return rows.map(fromRow);
  },

  /** Applies a newer state (older ones, from a replay, are ignored). */
  async upsert(trx: Knex.Transaction, c: Connection): Promise<{ applied: boolean; previous: Connection | undefined }> {
    const previous = await connectionsRepository.get(trx, c.tenantId, { forUpdate: true });
    if (previous !== undefined && previous.updatedAt.getTime() > c.updatedAt.getTime()) return { applied: false, previous };
    await trx('connections')
      .insert({ tenant_id: c.tenantId, realm_id: c.realmId, company_name: c.companyName, status: c.status, status_reason: c.statusReason, updated_at: c.updatedAt })
      .onConflict('tenant_id')
      .merge();
    return { applied: true, previous };
  },
};
