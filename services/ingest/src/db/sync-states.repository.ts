/** The newest outcome of each record, as `sync.events.v1` told it (see domain/outcomes.ts). */
import type { Knex } from 'knex';
import type { EntityName } from '../domain/entities';
import type { Outcome } from '../domain/outcomes';
import { supersedes } from '../domain/outcomes';

interface StateRow {
  tenant_id: string;
  entity: EntityName;
  platform_id: string;
  division_id: string | null;
  state: Outcome['state'];
  version: string | number | null;
  qbo_id: string | null;
  doc_number: string | null;
  action: string | null;
  reason: string | null;
  code: string | null;
  message: string | null;
  retriable: boolean | null;
  run_id: string | null;
  event_type: string;
  event_id: string;
  at: Date | string;
}

export const syncStatesRepository = {
  /**
   * Keeps each record's newest outcome: a redelivered or older one changes nothing, and a QBO id
   * once known stays when a later outcome (a failure, a hold) does not name one.
   */
  async apply(knex: Knex, outcomes: readonly Outcome[]): Promise<void> {
    const newest = new Map<string, Outcome>();
    for (const o of outcomes) {
      const key = `${o.tenantId}\u0000${o.entity}\u0000${o.platformId}`;
      const prev = newest.get(key);
      if (prev === undefined || supersedes(o, prev)) newest.set(key, { ...o, qboId: o.qboId ?? prev?.qboId ?? null });
    }
    if (newest.size === 0) return;
    const rows = [...newest.values()].map((o) => ({
      tenant_id: o.tenantId,
      entity: o.entity,
      platform_id: o.platformId,
      division_id: o.divisionId,
      state: o.state,
      version: o.version,
      qbo_id: o.qboId,
      doc_number: o.docNumber,
      action: o.action,
      reason: o.reason,
      code: o.code,
      message: o.message,
      retriable: o.retriable,
      run_id: o.runId,
      event_type: o.eventType,
      event_id: o.eventId,
      at: o.at.toISOString(),
    }));
    await knex.raw(
      `insert into sync_states (tenant_id, entity, platform_id, division_id, state, version, qbo_id, doc_number, action, reason, code, message, retriable, run_id, event_type, event_id, at)
       select tenant_id, entity, platform_id, division_id, state, version, qbo_id, doc_number, action, reason, code, message, retriable, run_id, event_type, event_id, at
       from jsonb_to_recordset(?::jsonb) as r(tenant_id text, entity text, platform_id text, division_id text, state text, version bigint, qbo_id text, doc_number text,
         action text, reason text, code text, message text, retriable boolean, run_id text, event_type text, event_id text, at timestamptz)
       on conflict (tenant_id, entity, platform_id) do update set
         division_id = excluded.division_id, state = excluded.state, version = excluded.version,
         qbo_id = coalesce(excluded.qbo_id, sync_states.qbo_id), doc_number = coalesce(excluded.doc_number, sync_states.doc_number),
         action = excluded.action, reason = excluded.reason, code = excluded.code, message = excluded.message, retriable = excluded.retriable,
         run_id = excluded.run_id, event_type = excluded.event_type, event_id = excluded.event_id, at = excluded.at
       where coalesce(excluded.version, -1) > coalesce(sync_states.version, -1)
          or (coalesce(excluded.version, -1) = coalesce(sync_states.version, -1) and excluded.at >= sync_states.at)`,
      [JSON.stringify(rows)],
    );
  },

  async find(knex: Knex, tenantId: string, entity: EntityName, platformId: string): Promise<Outcome | undefined> {
    const row = await knex('sync_states').where({ tenant_id: tenantId, entity, platform_id: platformId }).first<StateRow | undefined>();
    if (row === undefined) return undefined;
    return {
      tenantId: row.tenant_id,
      entity: row.entity,
      platformId: row.platform_id,
      divisionId: row.division_id,
      state: row.state,
      version: row.version === null ? null : Number(row.version),
      qboId: row.qbo_id,
      docNumber: row.doc_number,
      action: row.action,
      reason: row.reason,
      code: row.code,
      message: row.message,
      retriable: row.retriable,
      runId: row.run_id,
      eventType: row.event_type,
      eventId: row.event_id,
      at: new Date(row.at),
    };
  },
};
