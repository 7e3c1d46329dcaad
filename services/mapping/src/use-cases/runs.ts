/**
 * Sync runs: started by an admin or a service account ("Synchronize now", "Enable
 * Integration", a bulk retry), moved on by events and by a ticker that any replica runs.
 * All of a run's state is in PostgreSQL and every step locks the run's row, so a run
 * survives a restart and is moved on by whichever replica sees the next event or tick.
 */
import { randomUUID } from 'node:crypto';
import { createEvent, syncEvents } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import { ConflictError, NotFoundError } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import type { MappingContext } from '../context';
import { EVENT_SOURCE } from '../context';
import type { Actor } from '../db/audit.repository';
import { auditRepository } from '../db/audit.repository';
import { connectionsRepository } from '../db/connections.repository';
import type { Run, RunPhaseRow } from '../db/runs.repository';
import { runsRepository } from '../db/runs.repository';
import type { SettingsScope } from '../db/settings.repository';
import { settingsRepository } from '../db/settings.repository';
import type { PhaseScan, PhaseStatus, PhaseSummary, RunKind, RunPhase, RunTargets } from '../domain/runs';
import { ENTITY_PHASE, PHASE_ENTITY, PHASE_SERVICE, phaseSettled, phaseSkipNote, phasesOf, recordOutcomeOf, runStatusOf, summarize } from '../domain/runs';

type Trx = Knex.Transaction;

export interface RunTimings {
  /** Ask the phase's owner again when it has not answered for this long (the request waits on Kafka while the owner is down; asking again is harmless). */
  reRequestMs: number;
  /** A running phase without any progress for this long ends `failed` (its missing records are listed as `no_outcome`). */
  stallMs: number;
}

export const DEFAULT_RUN_TIMINGS: RunTimings = { reRequestMs: 60_000, stallMs: 15 * 60_000 };

export interface PhaseView {
  phase: RunPhase;
  status: PhaseStatus;
  note: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  summary: PhaseSummary;
}

export interface RunView extends Run {
  phases: PhaseView[];
}

function scopeOfRun(run: Pick<Run, 'tenantId' | 'divisionId'>): SettingsScope {
  return run.divisionId === undefined ? { tenantId: run.tenantId } : { tenantId: run.tenantId, divisionId: run.divisionId };
}

async function emit(trx: Trx, run: Pick<Run, 'tenantId' | 'divisionId' | 'runId'>, type: string, data: Record<string, unknown>, now: Date): Promise<void> {
  const division = run.divisionId === undefined ? {} : { divisionId: run.divisionId };
  await outbox.enqueue(trx, syncEvents, [
    {
      key: run.tenantId,
      event: createEvent({ type, source: EVENT_SOURCE, tenantid: run.tenantId, subject: run.runId, time: now, data: { tenantId: run.tenantId, ...division, runId: run.runId, ...data, at: now.toISOString() } }),
    },
  ]);
}

async function phaseViews(db: Knex | Trx, runId: string, phases: RunPhaseRow[]): Promise<PhaseView[]> {
  // One after the other: inside a transaction they share one connection.
  const views: PhaseView[] = [];
  for (const p of phases) {
    const counts = PHASE_ENTITY[p.phase] === null ? [] : await runsRepository.outcomeCounts(db, runId, p.phase);
    views.push({ phase: p.phase, status: p.status, note: p.note, startedAt: p.startedAt, endedAt: p.endedAt, summary: summarize(p.scan, counts) });
  }
  return views;
}

export async function viewRun(db: Knex | Trx, run: Run): Promise<RunView> {
  return { ...run, phases: await phaseViews(db, run.runId, await runsRepository.phases(db, run.runId)) };
}

export interface StartRunInput {
  scope: SettingsScope;
  actor: Actor;
  kind: RunKind;
  idempotencyKey?: string | undefined;
  targets?: RunTargets | undefined;
}

/**
 * Starts a run of a scope. The same idempotency key answers the run it started (`created:
 * false`); a scope with a queued or running run answers 409 `run_in_progress` with its id.
 */
export async function startRun(ctx: MappingContext, input: StartRunInput, trxIn?: Trx): Promise<{ run: RunView; created: boolean }> {
  const body = async (trx: Trx): Promise<{ run: RunView; created: boolean }> => {
    const now = ctx.clock();
    const { scope } = input;
    if (input.idempotencyKey !== undefined) {
      const earlier = await runsRepository.byIdempotencyKey(trx, scope.tenantId, input.idempotencyKey);
      if (earlier !== undefined) return { run: await viewRun(trx, earlier), created: false };
    }
    // One run per scope at a time: serialise starters of the same scope on its settings row.
    await settingsRepository.ensure(trx, scope, now);
    await settingsRepository.get(trx, scope, { forUpdate: true });
    const active = await runsRepository.active(trx, scope);
    if (active !== undefined) {
      throw new ConflictError('run_in_progress', `run ${active.runId} of this ${scope.divisionId === undefined ? 'tenant' : 'division'} is ${active.status}; wait for it or cancel it (DELETE …/sync-runs/${active.runId})`, { runId: active.runId });
    }
    const connection = await connectionsRepository.activeFor(trx, scope);
    if (connection === undefined) throw new ConflictError('not_connected', 'connect a QuickBooks company first: a run has nowhere to write');
    if (connection.status !== 'connected') throw new ConflictError(connection.status, `the QuickBooks connection is "${connection.status}": reconnect it first`);
    const phases = phasesOf(input.kind, input.targets);
    if (phases.length === 0) throw new ConflictError('nothing_to_run', 'the run has no records to retry');
    const run: Run = {
      runId: randomUUID(),
      tenantId: scope.tenantId,
      divisionId: scope.divisionId,
      kind: input.kind,
      status: 'queued',
      startedBy: { type: input.actor.isService ? 'service' : 'user', id: input.actor.sub },
      idempotencyKey: input.idempotencyKey ?? null,
      targets: input.targets ?? null,
      error: null,
      createdAt: now,
      startedAt: null,
      endedAt: null,
      cancelRequestedAt: null,
      cancelRequestedBy: null,
    };
    await runsRepository.insert(trx, run, phases);
    await auditRepository.record(trx, {
      tenantId: scope.tenantId,
      ...(scope.divisionId === undefined ? {} : { divisionId: scope.divisionId }),
      actor: input.actor,
      action: 'sync_run.started',
      resource: 'sync-runs',
      before: null,
      after: { runId: run.runId, kind: run.kind, phases },
      at: now,
    });
    await advanceRun(ctx, trx, run.runId);
    const started = await runsRepository.get(trx, run.runId);
    return { run: await viewRun(trx, started ?? run), created: true };
  };
  return trxIn === undefined ? ctx.knex.transaction(body) : body(trxIn);
}

/** Cancels a queued or running run: no further record is queued and no next phase starts. */
export async function cancelRun(ctx: MappingContext, tenantId: string, runId: string, actor: Actor): Promise<RunView> {
  return ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    const found = await runsRepository.ofTenant(trx, tenantId, runId);
    if (found === undefined) throw new NotFoundError(`sync run ${runId} not found`);
    const run = await runsRepository.get(trx, runId, { forUpdate: true });
    if (run === undefined) throw new NotFoundError(`sync run ${runId} not found`);
    if (run.status !== 'queued' && run.status !== 'running') {
      throw new ConflictError('run_finished', `sync run ${runId} already ended (${run.status})`, { status: run.status });
    }
    if (run.cancelRequestedAt === null) {
      await runsRepository.update(trx, runId, { cancelRequestedAt: now, cancelRequestedBy: actor.sub });
      await auditRepository.record(trx, {
        tenantId,
        ...(run.divisionId === undefined ? {} : { divisionId: run.divisionId }),
        actor,
        action: 'sync_run.cancelled',
        resource: 'sync-runs',
        before: { runId, status: run.status },
        after: { runId, status: 'cancelled' },
        at: now,
      });
    }
    await advanceRun(ctx, trx, runId);
    const after = await runsRepository.get(trx, runId);
    return viewRun(trx, after ?? run);
  });
}

/**
 * Moves a run on as far as it can go now (call inside a transaction; it locks the run):
 * starts it, completes a running phase that has settled, skips phases of entities that are
 * off, requests the next phase, ends the run. `tick` adds the time-based steps: ask a
 * phase's owner again, end a phase that made no progress for too long.
 */
export async function advanceRun(ctx: MappingContext, trx: Trx, runId: string, options: { tick?: RunTimings; lockedRun?: Run } = {}): Promise<void> {
  const run = options.lockedRun ?? (await runsRepository.get(trx, runId, { forUpdate: true }));
  if (run === undefined || (run.status !== 'queued' && run.status !== 'running')) return;
  const now = ctx.clock();
  const scope = scopeOfRun(run);
  const phases = await runsRepository.phases(trx, runId);
  const cancelled = run.cancelRequestedAt !== null;
  if (run.status === 'queued') {
    await runsRepository.update(trx, runId, { status: 'running', startedAt: now });
    await emit(trx, run, 'sync.run_started', { kind: run.kind, startedBy: run.startedBy, phases: phases.map((p) => p.phase) }, now);
  }
  const { settings } = await settingsRepository.get(trx, scope);
  for (const p of phases) {
    if (p.status !== 'pending' && p.status !== 'running') continue;
    if (cancelled) {
      await runsRepository.updatePhase(trx, runId, p.phase, { status: 'cancelled', endedAt: now, note: 'the run was cancelled' });
      if (p.status === 'running') {
        const [view] = await phaseViews(trx, runId, [p]);
        await emit(trx, run, 'sync.phase_completed', { phase: p.phase, error: 'cancelled', ...(view ? completionFigures(view.summary) : {}) }, now);
      }
      continue;
    }
    if (p.status === 'pending') {
      const note = phaseSkipNote(p.phase, settings);
      if (note !== undefined) {
        await runsRepository.updatePhase(trx, runId, p.phase, { status: 'skipped', note, startedAt: now, endedAt: now });
        continue;
      }
      await runsRepository.updatePhase(trx, runId, p.phase, { status: 'running', startedAt: now, requestedAt: now, progressAt: now });
      await emit(trx, run, 'sync.phase_started', { phase: p.phase }, now);
      await requestPhase(trx, run, p.phase, now);
      return;
    }
    // Running: has it settled?
    const counts = PHASE_ENTITY[p.phase] === null ? [] : await runsRepository.outcomeCounts(trx, runId, p.phase);
    const summary = summarize(p.scan, counts);
    if (phaseSettled(p.scan, summary)) {
      const error = p.scan?.error;
      await runsRepository.updatePhase(trx, runId, p.phase, { status: error === undefined ? 'completed' : 'failed', endedAt: now, ...(error === undefined ? {} : { note: `${error.code}: ${error.message}` }) });
      await emit(trx, run, 'sync.phase_completed', { phase: p.phase, ...completionFigures(summary), ...(error === undefined ? {} : { error: `${error.code}: ${error.message}`.slice(0, 2000) }) }, now);
      continue;
    }
    const tick = options.tick;
    if (tick !== undefined) {
      const quietMs = now.getTime() - (p.progressAt ?? p.startedAt ?? now).getTime();
      if (quietMs >= tick.stallMs) {
        const missing = Math.max(0, (p.scan?.queued ?? 0) - summary.settled);
        const note = p.scan === null
          ? `no answer from ${PHASE_SERVICE[p.phase]} within ${Math.round(tick.stallMs / 1000)} s`
          : `${missing} queued record(s) had no outcome within ${Math.round(tick.stallMs / 1000)} s of the last progress (no_outcome)`;
        await runsRepository.updatePhase(trx, runId, p.phase, { status: 'failed', endedAt: now, note });
        await emit(trx, run, 'sync.phase_completed', { phase: p.phase, ...completionFigures(summary), error: note }, now);
        ctx.logger.warn({ tenantId: run.tenantId, runId, phase: p.phase, missing }, 'sync run phase stalled');
        continue;
      }
      if (p.scan === null && now.getTime() - (p.requestedAt ?? now).getTime() >= tick.reRequestMs) {
        // Its owner may have been down: the request waits on Kafka, but ask again (answers are idempotent).
        await runsRepository.updatePhase(trx, runId, p.phase, { requestedAt: now });
        await requestPhase(trx, run, p.phase, now);
      }
    }
    return;
  }
  // Every phase has ended: judge the run.
  const views = await phaseViews(trx, runId, await runsRepository.phases(trx, runId));
  const status = runStatusOf(views, cancelled);
  const failedPhase = views.find((v) => v.status === 'failed');
  await runsRepository.update(trx, runId, { status, endedAt: now, ...(failedPhase?.note ? { error: `${failedPhase.phase}: ${failedPhase.note}`.slice(0, 2000) } : {}) });
  const totals = views.reduce((t, v) => ({ succeeded: t.succeeded + v.summary.pushed, failed: t.failed + v.summary.failed.total + v.summary.held.total, skipped: t.skipped + v.summary.skipped.total }), { succeeded: 0, failed: 0, skipped: 0 });
  await emit(trx, run, 'sync.run_completed', { status, counts: totals, ...(failedPhase?.note ? { error: `${failedPhase.phase}: ${failedPhase.note}`.slice(0, 2000) } : {}) }, now);
  ctx.logger.info({ tenantId: run.tenantId, runId, status, ...totals }, 'sync run completed');
}

function completionFigures(summary: PhaseSummary): Record<string, unknown> {
  return { summary, counts: { succeeded: summary.pushed, failed: summary.failed.total + summary.held.total, skipped: summary.skipped.total } };
}

async function requestPhase(trx: Trx, run: Run, phase: RunPhase, now: Date): Promise<void> {
  const recordIds = phase === 'inbound' ? undefined : run.targets?.[phase];
  await emit(trx, run, 'sync.phase_requested', { phase, mode: run.kind === 'retry' ? 'retry' : 'sync', ...(recordIds === undefined ? {} : { recordIds }), requestedBy: run.startedBy.id }, now);
}

/**
 * A `sync.events.v1` event that carries a run id of an orchestrated run: an owner's answer
 * (`sync.phase_scanned`) or a record's outcome. Called in the sync-log consumer's transaction.
 */
export async function onRunEvent(ctx: MappingContext, trx: Trx, type: string, data: Record<string, unknown>, syncLogId: string, at: Date): Promise<void> {
  const runId = typeof data.runId === 'string' ? data.runId : undefined;
  if (runId === undefined) return;
  if (type === 'sync.phase_scanned') {
    const run = await runsRepository.get(trx, runId, { forUpdate: true });
    if (run === undefined || run.status !== 'running') return;
    const phase = data.phase as RunPhase;
    const row = (await runsRepository.phases(trx, runId)).find((p) => p.phase === phase);
    if (row?.status !== 'running') return;
    const scan: PhaseScan = {
      considered: Number(data.considered),
      alreadyCurrent: Number(data.alreadyCurrent),
      queued: Number(data.queued),
      ...(data.skipped !== undefined ? { skipped: data.skipped as Record<string, number> } : {}),
      ...(data.error !== undefined ? { error: data.error as { code: string; message: string } } : {}),
    };
    await runsRepository.updatePhase(trx, runId, phase, { scan, progressAt: ctx.clock() });
    await advanceRun(ctx, trx, runId, { lockedRun: run });
    return;
  }
  const outcome = recordOutcomeOf(type, data);
  const entity = type.split('.')[0] ?? '';
  const phase = ENTITY_PHASE[entity];
  const platformId = typeof data.platformId === 'string' ? data.platformId : undefined;
  if (outcome === undefined || phase === undefined || platformId === undefined) return;
  const run = await runsRepository.get(trx, runId, { forUpdate: true });
  if (run === undefined || run.status !== 'running') return;
  const row = (await runsRepository.phases(trx, runId)).find((p) => p.phase === phase);
  // An outcome after its phase ended (a late retry of a record) is in the sync log, not in the run's figures.
  if (row?.status !== 'running') return;
  await runsRepository.recordOutcome(trx, { runId, phase, entity, platformId, outcome: outcome.outcome, reason: outcome.reason, eventType: type, syncLogId, at });
  await runsRepository.updatePhase(trx, runId, phase, { progressAt: ctx.clock() });
  if (outcome.outcome !== 'waiting') await advanceRun(ctx, trx, runId, { lockedRun: run });
}

/**
 * Moves every unfinished run on (time-based steps included), on every replica: a run whose
 * replica died is carried on by the others. Rows locked by another replica are skipped.
 */
export async function tickRuns(ctx: MappingContext, timings: RunTimings = DEFAULT_RUN_TIMINGS): Promise<void> {
  for (const runId of await runsRepository.unfinished(ctx.knex, 100)) {
    await ctx.knex.transaction(async (trx) => {
      const run = await runsRepository.get(trx, runId, { forUpdate: true, skipLocked: true });
      if (run === undefined) return;
      await advanceRun(ctx, trx, runId, { tick: timings, lockedRun: run });
    });
  }
}

/** Starts the ticker; returns its stop. */
export function startRunTicker(ctx: MappingContext, options: { intervalMs?: number; timings?: RunTimings } = {}): () => Promise<void> {
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    current = current
      .then(() => tickRuns(ctx, options.timings))
      .catch((err: unknown) => ctx.logger.warn({ err }, 'sync run tick failed'));
  }, options.intervalMs ?? 1_000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await current;
  };
}
