/**
 * Onboarding runs in the background: a large company takes minutes (every QBO employee,
 * customer and item listed, then one transaction per decision), longer than an HTTP request
 * should wait. Starting a run records it (`sync.run_started`) and returns at once; the work
 * goes on in this process and records its phase and progress on the run row and as
 * `sync.phase_started` / `sync.phase_completed` / `sync.run_completed` (mapping's sync log).
 * Stopping the runner (the HTTP server closing) interrupts the runs between two records:
 * decided records stay decided, so a new run goes on where the interrupted one stopped.
 *
 * A run has an **owner** (the process running it) that beats on the row (`heartbeat_at`). A process
 * that dies (SIGKILL, OOM, a lost node) stops beating; every replica looks for running runs whose
 * heartbeat is older than `staleAfterMs` and one of them takes the run over and resumes it: both
 * phases are idempotent (listing stores proposals without touching decided records; each decision
 * locks its record and a decided record is never decided again), and a run taken over in its
 * decide phase goes on deciding without listing QBO again. A run that cannot be resumed (the
 * company is no longer connected, or it was taken over `maxTakeovers` times) is ended `failed` with
 * `onboarding_owner_lost` and a message saying what to do, in its row and in `sync.run_completed`.
 * Every write of a run is guarded by its owner: a process that lost its run (it stalled past the
 * timeout and another took over) stops it without recording anything.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { LedgerbusError, errorCode, errorMessage } from '@ledgerbus/kit';
import type { CustomerSyncContext } from '../context';
import type { OnboardingPhase, OnboardingRunRow, OnboardingRunStatus, TakenOverRun } from '../db/onboarding-runs.repository';
import { onboardingRunsRepository } from '../db/onboarding-runs.repository';
import { stateRepository } from '../db/state.repository';
import { Emitter } from './emit';
import type { DecisionOutcome, OnboardingProgress } from './onboarding';
import { realmOf, runOnboarding } from './onboarding';

export class OnboardingInterruptedError extends LedgerbusError {
  constructor() {
    super('onboarding_interrupted', 'the service stopped during the onboarding run; start a new run to continue where it stopped', { retriable: true });
  }
}

/** Another process took the run over (this one stalled past the heartbeat timeout): this one stops without recording. */
export class OnboardingOwnershipLostError extends LedgerbusError {
  constructor(runId: string) {
    super('onboarding_ownership_lost', `onboarding run ${runId} was taken over by another process`, { retriable: false });
  }
}

export interface OnboardingRunnerOptions {
  /** This process's name as the owner of its runs; default host, pid and a random part. */
  owner?: string;
  /** A running run whose owner has not beaten for this long is taken over (default 30 s). */
  staleAfterMs?: number;
  /** How often the owner beats and every process looks for stale runs (default a third of `staleAfterMs`). */
  beatMs?: number;
  /** Takeovers of one run before it is ended `failed` (a run that takes its process down every time). */
  maxTakeovers?: number;
}

export interface OnboardingRunner {
  /** Records a run for a connected tenant (409 `tenant_not_connected` otherwise) and starts it in the background. */
  start(tenantId: string, mode: 'auto' | 'manual'): Promise<OnboardingRunRow>;
  /** Interrupts the runs in progress and waits until they have recorded it. */
  stop(): Promise<void>;
  /** Starts looking for runs whose owner died, every `beatMs`. */
  startTakeover(): void;
  stopTakeover(): Promise<void>;
  /** Takes over the runs whose owner died, once; returns how many it took. */
  takeOverStale(): Promise<number>;
}

const DECIDED_PER_REPORT = 50;

interface Sweeper {
  timer: NodeJS.Timeout | undefined;
  current: Promise<void>;
  stopped: boolean;
}
export const ONBOARDING_RUN_DEFAULTS = { staleAfterMs: 30_000, maxTakeovers: 3 };

export function createOnboardingRunner(ctx: CustomerSyncContext, options: OnboardingRunnerOptions = {}): OnboardingRunner {
  const staleAfterMs = options.staleAfterMs ?? ONBOARDING_RUN_DEFAULTS.staleAfterMs;
  const beatMs = options.beatMs ?? Math.max(100, Math.floor(staleAfterMs / 3));
  const maxTakeovers = options.maxTakeovers ?? ONBOARDING_RUN_DEFAULTS.maxTakeovers;
  const owner = options.owner ?? `customer-sync:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let sweeper: Sweeper | undefined;

  function launch(run: OnboardingRunRow, resume: boolean): void {
    const controller = new AbortController();
    const done = execute(ctx, run, controller, { owner, beatMs, resume }).finally(() => running.delete(run.run_id));
    running.set(run.run_id, { controller, done });
  }

  async function takeOver(run: TakenOverRun): Promise<void> {
    const log = { tenantId: run.tenant_id, runId: run.run_id, previousOwner: run.previous_owner, takeovers: run.takeovers, phase: run.phase };
    const connection = await stateRepository.connectionOfTenant(ctx.knex, run.tenant_id);
    const lastSign = run.previous_heartbeat === null ? 'no heartbeat' : `last heartbeat ${new Date(run.previous_heartbeat).toISOString()}`;
    let reason: string | undefined;
    if (run.takeovers > maxTakeovers) {
      reason = `its process stopped ${run.takeovers} times during this run (${lastSign}); look at the service's logs for why (memory, a crash), then start a new run: decided records stay decided`;
    } else if (connection?.status !== 'connected' || connection.realm_id !== run.realm_id) {
      reason = `its process stopped (${lastSign}) and company ${run.realm_id} is no longer connected to this ${run.tenant_id.includes('/') ? 'division' : 'tenant'}; connect it and start a new run: decided records stay decided`;
    }
    if (reason !== undefined) {
      ctx.logger.warn({ ...log, reason }, 'onboarding run taken over and ended: it cannot be resumed');
      const tracker = new RunTracker(ctx, run, new AbortController().signal, owner);
      await tracker.resumeState(false);
      await tracker.finish('failed', null, new LedgerbusError('onboarding_owner_lost', `the onboarding run could not go on: ${reason}`));
      return;
    }
    ctx.logger.info(log, 'onboarding run taken over from a process that stopped beating: resuming it');
    launch(run, true);
  }

  async function takeOverStale(): Promise<number> {
    const taken = await onboardingRunsRepository.takeOverStale(ctx.knex, owner, staleAfterMs, 10);
    for (const run of taken) {
      try {
        await takeOver(run);
      } catch (err) {
        // Its heartbeat is fresh now but nobody runs it: it is stale again after the timeout and taken over then.
        ctx.logger.error({ tenantId: run.tenant_id, runId: run.run_id, code: errorCode(err), err }, 'onboarding takeover failed');
      }
    }
    return taken.length;
  }

  return {
    async start(tenantId, mode) {
      const realmId = await realmOf(ctx, tenantId);
      const runId = randomUUID();
      const now = ctx.clock();
      await ctx.knex.transaction(async (trx) => {
        await onboardingRunsRepository.insert(trx, { tenant_id: tenantId, run_id: runId, realm_id: realmId, mode, owner }, now);
        const emit = new Emitter(ctx, tenantId);
        emit.event('sync.run_started', { tenantId, runId, kind: 'onboarding', at: now.toISOString() });
        await emit.flush(trx);
      });
      const run = (await onboardingRunsRepository.get(ctx.knex, tenantId, runId)) as OnboardingRunRow;
      launch(run, false);
      return run;
    },
    async stop() {
      const runs = [...running.values()];
      for (const r of runs) r.controller.abort(new OnboardingInterruptedError());
      await Promise.all(runs.map((r) => r.done));
    },
    takeOverStale,
    startTakeover() {
      if (sweeper !== undefined) return;
      const s: Sweeper = { timer: undefined, current: Promise.resolve(), stopped: false };
      const tick = () => {
        s.current = takeOverStale()
          .then(
            () => undefined,
            (err: unknown) => ctx.logger.warn({ code: errorCode(err), err }, 'looking for stale onboarding runs failed'),
          )
          .finally(() => {
            if (!s.stopped) s.timer = setTimeout(tick, beatMs);
          });
      };
      sweeper = s;
      tick();
    },
    async stopTakeover() {
      const s = sweeper;
      if (s === undefined) return;
      sweeper = undefined;
      s.stopped = true;
      clearTimeout(s.timer);
      await s.current;
    },
  };
}

/** Runs (or resumes) the onboarding, beating for it, and records how it ended; never throws. */
async function execute(ctx: CustomerSyncContext, run: OnboardingRunRow, controller: AbortController, o: { owner: string; beatMs: number; resume: boolean }): Promise<void> {
  const { signal } = controller;
  const tracker = new RunTracker(ctx, run, signal, o.owner);
  let beating: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    beating = onboardingRunsRepository.beat(ctx.knex, run.tenant_id, run.run_id, o.owner).then(
      (ours) => {
        if (!ours && !signal.aborted) controller.abort(new OnboardingOwnershipLostError(run.run_id));
      },
      (err: unknown) => ctx.logger.warn({ tenantId: run.tenant_id, runId: run.run_id, code: errorCode(err), err }, 'onboarding heartbeat failed'),
    );
  }, o.beatMs);
  try {
    if (o.resume) await tracker.resumeState(true);
    const counts = await runOnboarding(ctx, { tenantId: run.tenant_id, realmId: run.realm_id, runId: run.run_id, mode: run.mode, ...(o.resume ? { resumeAt: run.phase } : {}) }, tracker);
    await tracker.finish('succeeded', counts, undefined);
  } catch (err) {
    const cause: unknown = signal.aborted ? signal.reason : err;
    if (cause instanceof OnboardingOwnershipLostError) {
      ctx.logger.warn({ tenantId: run.tenant_id, runId: run.run_id }, 'onboarding run taken over by another process: stopped here');
      return;
    }
    ctx.logger[signal.aborted ? 'warn' : 'error']({ tenantId: run.tenant_id, runId: run.run_id, code: errorCode(cause), err: cause }, 'onboarding run did not complete');
    try {
      await tracker.finish(signal.aborted ? 'interrupted' : 'failed', null, cause);
    } catch (recordErr) {
      ctx.logger.error({ tenantId: run.tenant_id, runId: run.run_id, code: errorCode(recordErr), err: recordErr }, 'onboarding run end not recorded');
    }
  } finally {
    clearInterval(heartbeat);
    await beating;
  }
}

/** Phase and progress of one run, written to its row (every few records) and as sync.phase_* events. */
class RunTracker implements OnboardingProgress {
  private phaseNow: OnboardingPhase | null = null;
  private listedCount = 0;
  private listedReported = 0;
  private decidedCount = 0;
  private readonly outcomes = { succeeded: 0, failed: 0, skipped: 0 };

  constructor(
    private readonly ctx: CustomerSyncContext,
    private readonly run: OnboardingRunRow,
    readonly signal: AbortSignal,
    private readonly owner: string,
  ) {}

  /**
   * Picks up where the previous owner's row says the run was: its phase (not started again), and in
   * the decide phase what was listed and what this run decided so far (from the records: the row's
   * progress is written only every few records). `relist`: the list phase starts over (it is resumed).
   */
  async resumeState(relist: boolean): Promise<void> {
    this.phaseNow = this.run.phase;
    if (this.run.phase === 'decide' || !relist) this.listedCount = this.run.listed;
    this.listedReported = this.listedCount;
    if (this.run.phase === 'decide') {
      const { succeeded, failed } = await onboardingRunsRepository.decidedBy(this.ctx.knex, this.run.tenant_id, this.run.run_id);
      this.outcomes.succeeded = succeeded;
      this.outcomes.failed = failed;
      this.decidedCount = succeeded + failed;
    }
  }

  /** Writes the run's row while this process owns it; otherwise the run stops (another process has it). */
  private async write(db: Parameters<typeof onboardingRunsRepository.update>[0], patch: Parameters<typeof onboardingRunsRepository.update>[3], now: Date): Promise<void> {
    if (!(await onboardingRunsRepository.update(db, this.run.tenant_id, this.run.run_id, patch, now, this.owner))) throw new OnboardingOwnershipLostError(this.run.run_id);
  }

  async phase(phase: OnboardingPhase, toDecide?: number): Promise<void> {
    if (phase === this.phaseNow) {
      // Resumed in this phase: it was started (and said so) by the previous owner.
      await this.write(this.ctx.knex, { phase, listed: this.listedCount, ...(toDecide === undefined ? {} : { to_decide: this.decidedCount + toDecide }) }, this.ctx.clock());
      return;
    }
    await this.ctx.knex.transaction(async (trx) => {
      const now = this.ctx.clock();
      const emit = new Emitter(this.ctx, this.run.tenant_id);
      this.completePhase(emit, now, undefined);
      this.phaseNow = phase;
      emit.event('sync.phase_started', { tenantId: this.run.tenant_id, runId: this.run.run_id, phase, at: now.toISOString() });
      await this.write(trx, { phase, listed: this.listedCount, ...(toDecide === undefined ? {} : { to_decide: toDecide }) }, now);
      await emit.flush(trx);
    });
  }

  async listed(count: number): Promise<void> {
    this.listedCount += count;
    if (this.listedCount === this.listedReported) return;
    this.listedReported = this.listedCount;
    await this.write(this.ctx.knex, { listed: this.listedCount }, this.ctx.clock());
  }

  async decided(outcome: DecisionOutcome): Promise<void> {
    this.decidedCount += 1;
    if (outcome === 'refused') this.outcomes.failed += 1;
    else if (outcome === 'unchanged') this.outcomes.skipped += 1;
    else this.outcomes.succeeded += 1;
    if (this.decidedCount % DECIDED_PER_REPORT === 0) await this.write(this.ctx.knex, { decided: this.decidedCount }, this.ctx.clock());
  }

  /** Records the end (row and events, in one transaction) unless another process owns the run by now. */
  async finish(status: Exclude<OnboardingRunStatus, 'running'>, counts: Record<string, number> | null, err: unknown): Promise<void> {
    const error = err === undefined ? undefined : `${errorCode(err)}: ${errorMessage(err)}`.slice(0, 2000);
    await this.ctx.knex.transaction(async (trx) => {
      const now = this.ctx.clock();
      const ours = await onboardingRunsRepository.update(
        trx,
        this.run.tenant_id,
        this.run.run_id,
        {
          status,
          listed: this.listedCount,
          decided: this.decidedCount,
          counts,
          error_code: err === undefined ? null : errorCode(err),
          error_message: err === undefined ? null : errorMessage(err).slice(0, 2000),
          ended_at: now,
        },
        now,
        this.owner,
      );
      if (!ours) {
        this.ctx.logger.warn({ tenantId: this.run.tenant_id, runId: this.run.run_id, status }, 'onboarding run end not recorded: another process owns the run');
        return;
      }
      const emit = new Emitter(this.ctx, this.run.tenant_id);
      this.completePhase(emit, now, error);
      emit.event('sync.run_completed', { tenantId: this.run.tenant_id, runId: this.run.run_id, status: status === 'succeeded' ? 'succeeded' : 'failed', ...(error === undefined ? {} : { error }), at: now.toISOString() });
      await emit.flush(trx);
    });
  }

  /** `sync.phase_completed` for the phase in progress (the decide phase with its outcomes). */
  private completePhase(emit: Emitter, now: Date, error: string | undefined): void {
    if (this.phaseNow === null) return;
    emit.event('sync.phase_completed', {
      tenantId: this.run.tenant_id,
      runId: this.run.run_id,
      phase: this.phaseNow,
      ...(this.phaseNow === 'decide' ? { counts: { ...this.outcomes } } : {}),
      ...(error === undefined ? {} : { error }),
      at: now.toISOString(),
    });
  }
}
