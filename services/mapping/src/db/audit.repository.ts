import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface Actor {
  /** The token subject (a user, or a service account). */
  sub: string;
  isService: boolean;
}

export interface AuditEntry {
  id: string;
  tenantId: string;
  divisionId?: string;
  actor: Actor;
  action: string;
  resource: string;
  before: unknown;
  after: unknown;
  at: Date;
}

interface Row {
  id: string | number;
  tenant_id: string;
  division_id: string;
  actor: string;
  actor_is_service: boolean;
  action: string;
  resource: string;
  before: unknown;
  after: unknown;
  at: Date | string;
}

export const auditRepository = {
  async record(db: Db, entry: Omit<AuditEntry, 'id'>): Promise<void> {
    await db('audit_log').insert({
      tenant_id: entry.tenantId,
      division_id: entry.divisionId ?? '',
      actor: entry.actor.sub,
      actor_is_service: entry.actor.isService,
      action: entry.action,
      resource: entry.resource,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      at: entry.at,
    });
  },

  async list(db: Db, tenantId: string, filter: { resource?: string | undefined; before?: string | undefined; limit: number }): Promise<AuditEntry[]> {
    let query = db<Row>('audit_log').where({ tenant_id: tenantId });
    if (filter.resource !== undefined) query = query.where({ resource: filter.resource });
    if (filter.before !== undefined) query = query.where('id', '<', filter.before);
    const rows = (await query.orderBy('id', 'desc').limit(filter.limit));
    return rows.map((r) => ({
      id: String(r.id),
      tenantId: r.tenant_id,
      ...(r.division_id === '' ? {} : { divisionId: r.division_id }),
      actor: { sub: r.actor, isService: r.actor_is_service },
      action: r.action,
      resource: r.resource,
      before: r.before,
      after: r.after,
      at: new Date(r.at),
    }));
  },
};
