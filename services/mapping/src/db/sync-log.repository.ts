import type { Knex } from 'knex';
import type { Outcome, SyncLogLine } from '../domain/sync-log';

type Db = Knex | Knex.Transaction;

export interface SyncLogEntry extends SyncLogLine {
  id: string;
  eventId: string;
  occurredAt: Date;
  data: unknown;
  retryRequestedAt: Date | null;
  retryRequestedBy: string | null;
}

interface Row {
  id: string | number;
  event_id: string;
  tenant_id: string;
  division_id: string;
  type: string;
  entity: string;
  platform_id: string | null;
  qbo_id: string | null;
  outcome: Outcome;
  reason: string | null;
  run_id: string | null;
  phase: string | null;
  occurred_at: Date | string;
  data: unknown;
  retry_requested_at: Date | string | null;
  retry_requested_by: string | null;
}

function fromRow(row: Row): SyncLogEntry {
  return {
    id: String(row.id),
    eventId: row.event_id,
    tenantId: row.tenant_id,
    divisionId: row.division_id === '' ? null : row.division_id,
    type: row.type,
    entity: row.entity,
    platformId: row.platform_id,
    qboId: row.qbo_id,
    outcome: row.outcome,
    reason: row.reason,
    runId: row.run_id,
    phase: row.phase,
    occurredAt: new Date(row.occurred_at),
    data: row.data,
    retryRequestedAt: row.retry_requested_at === null ? null : new Date(row.retry_requested_at),
    retryRequestedBy: row.retry_requested_by,
  };
}

export interface RunCounts {
  succeeded: number;
  failed: number;
  skipped: number;
}

export interface SyncRun {
  runId: string;
  kind: string | null;
  status: string;
  startedAt: Date | null;
  endedAt: Date | null;
  counts: RunCounts;
  error: string | null;
  phases: Array<{ phase: string; startedAt: Date | null; endedAt: Date | null; counts: RunCounts; error: string | null }>;
}

interface RunRow {
  tenant_id: string;
  run_id: string;
  kind: string | null;
  status: string;
  started_at: Date | string | null;
  ended_at: Date | string | null;
  succeeded: number;
  failed: number;
  skipped: number;
  error: string | null;
}
interface PhaseRow extends Omit<RunRow, 'kind' | 'status'> {
  phase: string;
}

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

export const syncLogRepository = {
  /** Stores one line (ignores a second copy of the same event). Returns the entry id, or undefined for a duplicate. */
  async insert(db: Db, eventId: string, occurredAt: Date, line: SyncLogLine, data: unknown): Promise<string | undefined> {
    const rows: Array<{ id: string | number }> = await db('sync_log')
      .insert({
        event_id: eventId,
        tenant_id: line.tenantId,
        division_id: line.divisionId ?? '',
        type: line.type,
        entity: line.entity,
        platform_id: line.platformId,
        qbo_id: line.qboId,
        outcome: line.outcome,
        reason: line.reason,
        run_id: line.runId,
        phase: line.phase,
        occurred_at: occurredAt,
        data: JSON.stringify(data ?? null),
      })
      .onConflict('event_id')
      .ignore()
      .returning('id');
    const first = rows[0];
    return first === undefined ? undefined : String(first.id);
  },

  async get(db: Db, tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<SyncLogEntry | undefined> {
    if (!/^[0-9]{1,18}$/.test(id)) return undefined;
    let query = db<Row>('sync_log').where({ tenant_id: tenantId, id }).first();
    if (options.forUpdate) query = query.forUpdate();
    const row = (await query);
    return row === undefined ? undefined : fromRow(row);
  },

  async list(
    db: Db,
    tenantId: string,
    filter: { outcome?: Outcome | undefined; entity?: string | undefined; division?: string | undefined; platformId?: string | undefined; runId?: string | undefined; before?: string | undefined; limit: number },
  ): Promise<SyncLogEntry[]> {
    let query = db<Row>('sync_log').where({ tenant_id: tenantId });
    if (filter.division !== undefined) query = query.where({ division_id: filter.division });
    if (filter.outcome !== undefined) query = query.where({ outcome: filter.outcome });
    if (filter.entity !== undefined) query = query.where({ entity: filter.entity });
    if (filter.platformId !== undefined) query = query.where({ platform_id: filter.platformId });
    if (filter.runId !== undefined) query = query.where({ run_id: filter.runId });
    if (filter.before !== undefined) query = query.where('id', '<', filter.before);
    const rows = (await query.orderBy('id', 'desc').limit(filter.limit));
    return rows.map(fromRow);
  },

  /** The latest outcome for a record (for its link status). */
  async latestFor(db: Db, tenantId: string, entity: string, platformId: string, divisionId?: string): Promise<SyncLogEntry | undefined> {
    const row = (await db('sync_log')
      .where({ tenant_id: tenantId, division_id: divisionId ?? '', entity, platform_id: platformId })
      .whereIn('outcome', ['succeeded', 'failed'])
      .orderBy('id', 'desc')
      .first()) as Row | undefined;
    return row === undefined ? undefined : fromRow(row);
  },

  async lastSynchronizedAt(db: Db, tenantId: string): Promise<Date | null> {
    const row = (await db('sync_log').where({ tenant_id: tenantId, outcome: 'succeeded' }).max('occurred_at as at').first()) as { at: Date | string | null } | undefined;
    return row === undefined ? null : date(row.at);
  },

  async markRetryRequested(db: Db, id: string, by: string, at: Date): Promise<void> {
    await db('sync_log').where({ id }).update({ retry_requested_at: at, retry_requested_by: by });
  },

  // Runs and phases ---------------------------------------------------------------

  async touchRun(db: Db, tenantId: string, runId: string, patch: { kind?: string; status?: string; startedAt?: Date; endedAt?: Date; counts?: RunCounts; error?: string }): Promise<void> {
    await db('sync_runs').insert({ tenant_id: tenantId, run_id: runId, status: 'running' }).onConflict(['tenant_id', 'run_id']).ignore();
    const update: Record<string, unknown> = {};
    if (patch.kind !== undefined) update.kind = patch.kind;
    if (patch.status !== undefined) update.status = patch.status;
    if (patch.startedAt !== undefined) update.started_at = patch.startedAt;
    if (patch.endedAt !== undefined) update.ended_at = patch.endedAt;
    if (patch.error !== undefined) update.error = patch.error;
    if (patch.counts !== undefined) Object.assign(update, patch.counts);
    if (Object.keys(update).length > 0) await db('sync_runs').where({ tenant_id: tenantId, run_id: runId }).update(update);
  },

  async touchPhase(db: Db, tenantId: string, runId: string, phase: string, patch: { startedAt?: Date; endedAt?: Date; counts?: RunCounts; error?: string }): Promise<void> {
    await db('sync_runs').insert({ tenant_id: tenantId, run_id: runId, status: 'running' }).onConflict(['tenant_id', 'run_id']).ignore();
    await db('sync_run_phases').insert({ tenant_id: tenantId, run_id: runId, phase }).onConflict(['tenant_id', 'run_id', 'phase']).ignore();
    const update: Record<string, unknown> = {};
    if (patch.startedAt !== undefined) update.started_at = patch.startedAt;
    if (patch.endedAt !== undefined) update.ended_at = patch.endedAt;
    if (patch.error !== undefined) update.error = patch.error;
    if (patch.counts !== undefined) Object.assign(update, patch.counts);
    if (Object.keys(update).length > 0) await db('sync_run_phases').where({ tenant_id: tenantId, run_id: runId, phase }).update(update);
  },

  /** Counts one record outcome into its run (and phase) when the event carried a run id. */
  async countOutcome(db: Db, tenantId: string, runId: string, phase: string | null, outcome: 'succeeded' | 'failed' | 'skipped'): Promise<void> {
    await db('sync_runs').insert({ tenant_id: tenantId, run_id: runId, status: 'running' }).onConflict(['tenant_id', 'run_id']).ignore();
    await db('sync_runs').where({ tenant_id: tenantId, run_id: runId }).increment(outcome, 1);
    if (phase !== null) {
      await db('sync_run_phases').insert({ tenant_id: tenantId, run_id: runId, phase }).onConflict(['tenant_id', 'run_id', 'phase']).ignore();
      await db('sync_run_phases').where({ tenant_id: tenantId, run_id: runId, phase }).increment(outcome, 1);
    }
  },

  async listRuns(db: Db, tenantId: string, limit: number): Promise<SyncRun[]> {
    const runs = (await db<RunRow>('sync_runs')
      .where({ tenant_id: tenantId })
      .orderByRaw('coalesce(started_at, ended_at) desc nulls last')
      .orderBy('run_id')
      .limit(limit));
    if (runs.length === 0) return [];
    const phases = (await db<PhaseRow>('sync_run_phases')
      .where({ tenant_id: tenantId })
      .whereIn('run_id', runs.map((r) => r.run_id))
      .orderByRaw('started_at asc nulls last')
      .orderBy('phase'));
    return runs.map((r) => ({
      runId: r.run_id,
      kind: r.kind,
      status: r.status,
      startedAt: date(r.started_at),
      endedAt: date(r.ended_at),
      counts: { succeeded: r.succeeded, failed: r.failed, skipped: r.skipped },
      error: r.error,
      phases: phases
        .filter((p) => p.run_id === r.run_id)
        .map((p) => ({ phase: p.phase, startedAt: date(p.started_at), endedAt: date(p.ended_at), counts: { succeeded: p.succeeded, failed: p.failed, skipped: p.skipped }, error: p.error })),
    }));
  },
};
