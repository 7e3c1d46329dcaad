import type { Knex } from 'knex';

export interface AuditEntry {
  tenantId: string;
  divisionId: string | undefined;
  realmId?: string | undefined;
  /** The user (JWT sub) or service account; "system" for the connector itself. */
  actor: string;
  action: string;
  details?: Record<string, unknown>;
  at: Date;
}

export interface AuditRow {
  id: string;
  tenant_id: string;
  division_id: string;
  realm_id: string | null;
  actor: string;
  action: string;
  details: Record<string, unknown>;
  at: Date;
}

export const auditRepository = {
  async record(trx: Knex | Knex.Transaction, entry: AuditEntry): Promise<void> {
    await trx('audit_log').insert({
      tenant_id: entry.tenantId,
      division_id: entry.divisionId ?? '',
      realm_id: entry.realmId ?? null,
      actor: entry.actor,
      action: entry.action,
      details: JSON.stringify(entry.details ?? {}),
      at: entry.at,
    });
  },

  async list(db: Knex, tenantId: string, divisionId: string | undefined, limit = 100): Promise<AuditRow[]> {
    const rows = (await db('audit_log')
      .where({ tenant_id: tenantId, division_id: divisionId ?? '' })
      .orderBy('id', 'desc')
      .limit(limit)) as AuditRow[];
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  },
};
