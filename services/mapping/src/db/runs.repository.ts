import type { Knex } from 'knex';
import type { OutcomeCount, PhaseScan, PhaseStatus, RecordOutcome, RunKind, RunPhase, RunStatus, RunTargets } from '../domain/runs';
import type { SettingsScope } from './settings.repository';

type Db = Knex | Knex.Transaction;

export interface Run {
  runId: string;
  tenantId: string;
  divisionId: string | undefined;
  kind: RunKind;
  status: RunStatus;
  startedBy: { type: 'user' | 'service'; id: string };
  idempotencyKey: string | null;
  targets: RunTargets | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  cancelRequestedAt: Date | null;
  cancelRequestedBy: string | null;
}

export interface RunPhaseRow {
  phase: RunPhase;
  ord: number;
  status: PhaseStatus;
  note: string | null;
  scan: PhaseScan | null;
  requestedAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  progressAt: Date | null;
}

interface RunRow {
  run_id: string;
  tenant_id: string;
  division_id: string;
  kind: RunKind;
  status: RunStatus;
  started_by_type: 'user' | 'service';
  started_by_id: string;
  idempotency_key: string | null;
  targets: RunTargets | null;
  error: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  ended_at: Date | string | null;
  cancel_requested_at: Date | string | null;
  cancel_requested_by: string | null;
}

interface PhaseRow {
  run_id: string;
  phase: RunPhase;
  ord: number;
  status: PhaseStatus;
  note: string | null;
  scanned: PhaseScan | null;
  requested_at: Date | string | null;
  started_at: Date | string | null;
  ended_at: Date | string | null;
  progress_at: Date | string | null;
}

interface RecordRow {
  run_id: string;
  phase: string;
  entity: string;
  platform_id: string;
  outcome: RecordOutcome;
  reason: string | null;
  event_type: string;
  sync_log_id: string | null;
  at: Date | string;
}

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function runOf(r: RunRow): Run {
  return {
    runId: r.run_id,
    tenantId: r.tenant_id,
    divisionId: r.division_id === '' ? undefined : r.division_id,
    kind: r.kind,
    status: r.status,
    startedBy: { type: r.started_by_type, id: r.started_by_id },
    idempotencyKey: r.idempotency_key,
    targets: r.targets,
    error: r.error,
    createdAt: new Date(r.created_at),
    startedAt: date(r.started_at),
    endedAt: date(r.ended_at),
    cancelRequestedAt: date(r.cancel_requested_at),
    cancelRequestedBy: r.cancel_requested_by,
  };
}

function phaseOf(p: PhaseRow): RunPhaseRow {
  return {
    phase: p.phase,
    ord: p.ord,
    status: p.status,
    note: p.note,
    scan: p.scanned,
    requestedAt: date(p.requested_at),
    startedAt: date(p.started_at),
    endedAt: date(p.ended_at),
    progressAt: date(p.progress_at),
  };
}

export const runsRepository = {
  async insert(db: Db, run: Run, phases: RunPhase[]): Promise<void> {
    await db('runs').insert({
      run_id: run.runId,
      tenant_id: run.tenantId,
      division_id: run.divisionId ?? '',
      kind: run.kind,
      status: run.status,
      started_by_type: run.startedBy.type,
      started_by_id: run.startedBy.id,
      idempotency_key: run.idempotencyKey,
      targets: run.targets === null ? null : JSON.stringify(run.targets),
      created_at: run.createdAt,
    });
    if (phases.length > 0) await db('run_phases').insert(phases.map((phase, ord) => ({ run_id: run.runId, phase, ord, status: 'pending' })));
  },

  async get(db: Db, runId: string, options: { forUpdate?: boolean; skipLocked?: boolean } = {}): Promise<Run | undefined> {
    let q = db<RunRow>('runs').where({ run_id: runId }).first();
    if (options.forUpdate) q = options.skipLocked ? q.forUpdate().skipLocked() : q.forUpdate();
    const row = await q;
    return row === undefined ? undefined : runOf(row);
  },

  async ofTenant(db: Db, tenantId: string, runId: string): Promise<Run | undefined> {
    const row = await db<RunRow>('runs').where({ tenant_id: tenantId, run_id: runId }).first();
    return row === undefined ? undefined : runOf(row);
  },

  async byIdempotencyKey(db: Db, tenantId: string, key: string): Promise<Run | undefined> {
    const row = await db<RunRow>('runs').where({ tenant_id: tenantId, idempotency_key: key }).first();
    return row === undefined ? undefined : runOf(row);
  },

  /** The scope's queued or running run, if any. */
  async active(db: Db, scope: SettingsScope): Promise<Run | undefined> {
    const row = await db<RunRow>('runs')
      .where({ tenant_id: scope.tenantId, division_id: scope.divisionId ?? '' })
      .whereIn('status', ['queued', 'running'])
      .first();
    return row === undefined ? undefined : runOf(row);
  },

  async list(db: Db, tenantId: string, filter: { division?: string | undefined; before?: string | undefined; limit: number }): Promise<Run[]> {
    let q = db<RunRow>('runs').where({ tenant_id: tenantId });
    if (filter.division !== undefined) q = q.where({ division_id: filter.division });
    if (filter.before !== undefined) {
      const before = await db<RunRow>('runs').where({ tenant_id: tenantId, run_id: filter.before }).first();
      if (before !== undefined) q = q.where('created_at', '<', before.created_at);
    }
    const rows = await q.orderBy('created_at', 'desc').orderBy('run_id').limit(filter.limit);
    return rows.map(runOf);
  },

  /** Runs that are not finished (any replica moves them on). */
  async unfinished(db: Db, limit: number): Promise<string[]> {
    const rows: Array<{ run_id: string }> = await db('runs').whereIn('status', ['queued', 'running']).orderBy('created_at').limit(limit).select('run_id');
    return rows.map((r) => r.run_id);
  },

  async update(db: Db, runId: string, patch: Partial<{ status: RunStatus; startedAt: Date; endedAt: Date; error: string; cancelRequestedAt: Date; cancelRequestedBy: string }>): Promise<void> {
    const row: Record<string, unknown> = {};
    if (patch.status !== undefined) row.status = patch.status;
    if (patch.startedAt !== undefined) row.started_at = patch.startedAt;
    if (patch.endedAt !== undefined) row.ended_at = patch.endedAt;
    if (patch.error !== undefined) row.error = patch.error;
    if (patch.cancelRequestedAt !== undefined) row.cancel_requested_at = patch.cancelRequestedAt;
    if (patch.cancelRequestedBy !== undefined) row.cancel_requested_by = patch.cancelRequestedBy;
    if (Object.keys(row).length > 0) await db('runs').where({ run_id: runId }).update(row);
  },

  async phases(db: Db, runId: string): Promise<RunPhaseRow[]> {
    const rows = await db<PhaseRow>('run_phases').where({ run_id: runId }).orderBy('ord');
    return rows.map(phaseOf);
  },

  async phasesOfRuns(db: Db, runIds: string[]): Promise<Map<string, RunPhaseRow[]>> {
    const out = new Map<string, RunPhaseRow[]>();
    if (runIds.length === 0) return out;
    const rows = await db<PhaseRow>('run_phases').whereIn('run_id', runIds).orderBy('ord');
    for (const r of rows) out.set(r.run_id, [...(out.get(r.run_id) ?? []), phaseOf(r)]);
    return out;
  },

  async updatePhase(
    db: Db,
    runId: string,
    phase: RunPhase,
    patch: Partial<{ status: PhaseStatus; note: string; scan: PhaseScan; requestedAt: Date; startedAt: Date; endedAt: Date; progressAt: Date }>,
  ): Promise<void> {
    const row: Record<string, unknown> = {};
    if (patch.status !== undefined) row.status = patch.status;
    if (patch.note !== undefined) row.note = patch.note;
    if (patch.scan !== undefined) row.scanned = JSON.stringify(patch.scan);
    if (patch.requestedAt !== undefined) row.requested_at = patch.requestedAt;
    if (patch.startedAt !== undefined) row.started_at = patch.startedAt;
    if (patch.endedAt !== undefined) row.ended_at = patch.endedAt;
    if (patch.progressAt !== undefined) row.progress_at = patch.progressAt;
    if (Object.keys(row).length > 0) await db('run_phases').where({ run_id: runId, phase }).update(row);
  },

  /** A record's outcome in a run: the latest event wins (a held record later pushed counts as pushed). */
  async recordOutcome(
    db: Db,
    r: { runId: string; phase: RunPhase; entity: string; platformId: string; outcome: RecordOutcome; reason: string | null; eventType: string; syncLogId: string | null; at: Date },
  ): Promise<void> {
    await db('run_records')
      .insert({ run_id: r.runId, phase: r.phase, entity: r.entity, platform_id: r.platformId, outcome: r.outcome, reason: r.reason, event_type: r.eventType, sync_log_id: r.syncLogId, at: r.at })
      .onConflict(['run_id', 'entity', 'platform_id'])
      .merge(['outcome', 'reason', 'event_type', 'sync_log_id', 'at']);
  },

  async outcomeCounts(db: Db, runId: string, phase: RunPhase): Promise<OutcomeCount[]> {
    const rows: Array<{ outcome: RecordOutcome; reason: string | null; count: string | number }> = await db('run_records')
      .where({ run_id: runId, phase })
      .groupBy('outcome', 'reason')
      .select('outcome', 'reason')
      .count({ count: '*' });
    return rows.map((r) => ({ outcome: r.outcome, reason: r.reason, count: Number(r.count) }));
  },

  async records(
    db: Db,
    runId: string,
    filter: { phase?: string | undefined; outcome?: RecordOutcome | undefined; after?: string | undefined; limit: number },
  ): Promise<Array<{ phase: string; entity: string; platformId: string; outcome: RecordOutcome; reason: string | null; eventType: string; syncLogId: string | null; at: Date }>> {
    let q = db<RecordRow>('run_records').where({ run_id: runId });
    if (filter.phase !== undefined) q = q.where({ phase: filter.phase });
    if (filter.outcome !== undefined) q = q.where({ outcome: filter.outcome });
    if (filter.after !== undefined) q = q.where('platform_id', '>', filter.after);
    const rows = await q.orderBy('platform_id').limit(filter.limit);
    return rows.map((r) => ({ phase: r.phase, entity: r.entity, platformId: r.platform_id, outcome: r.outcome, reason: r.reason, eventType: r.event_type, syncLogId: r.sync_log_id, at: new Date(r.at) }));
  },
};
