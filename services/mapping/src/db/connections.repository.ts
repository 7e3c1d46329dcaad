import type { Knex } from 'knex';
import type { SettingsScope } from './settings.repository';

type Db = Knex | Knex.Transaction;

export interface Connection {
  tenantId: string;
  divisionId?: string;
  realmId: string;
  companyName: string;
  status: 'connected' | 'reauthorization_required' | 'disconnected';
  updatedAt: Date;
}

interface Row {
  tenant_id: string;
  division_id: string;
  realm_id: string;
  company_name: string;
  status: Connection['status'];
  updated_at: Date | string;
}

function fromRow(row: Row): Connection {
  return {
    tenantId: row.tenant_id,
    ...(row.division_id === '' ? {} : { divisionId: row.division_id }),
    realmId: row.realm_id,
    companyName: row.company_name,
    status: row.status,
    updatedAt: new Date(row.updated_at),
  };
}

export const connectionsRepository = {
  /** Applies a connection state unless a newer one is already stored. Returns the previous state. */
  async upsert(db: Db, connection: Connection): Promise<{ applied: boolean; previous: Connection | undefined }> {
    const division = connection.divisionId ?? '';
    const previousRow = (await db('connections').where({ tenant_id: connection.tenantId, division_id: division }).first()) as Row | undefined;
    const previous = previousRow === undefined ? undefined : fromRow(previousRow);
    if (previous !== undefined && previous.updatedAt.getTime() > connection.updatedAt.getTime()) {
      return { applied: false, previous };
    }
    await db('connections')
      .insert({
        tenant_id: connection.tenantId,
        division_id: division,
        realm_id: connection.realmId,
        company_name: connection.companyName,
        status: connection.status,
        updated_at: connection.updatedAt,
      })
      .onConflict(['tenant_id', 'division_id'])
      .merge();
    return { applied: true, previous };
  },

  /**
   * The connection that serves a scope: the division's own, else the tenant's. Only a
   * connection that is not disconnected counts.
   */
  async activeFor(db: Db, scope: SettingsScope): Promise<Connection | undefined> {
    const rows = (await db('connections')
      .where({ tenant_id: scope.tenantId })
      .whereIn('division_id', scope.divisionId === undefined ? [''] : [scope.divisionId, ''])
      .whereNot({ status: 'disconnected' })) as Row[];
    const own = rows.find((r) => r.division_id === (scope.divisionId ?? ''));
    const row = own ?? rows.find((r) => r.division_id === '');
    return row === undefined ? undefined : fromRow(row);
  },

  /** The tenants (and divisions) connected to a realm. */
  async byRealm(db: Db, realmId: string): Promise<Connection[]> {
    const rows = (await db('connections').where({ realm_id: realmId }).whereNot({ status: 'disconnected' })) as Row[];
    return rows.map(fromRow);
  },
};
