/**
 * Onboarding runs in the background: a large company takes minutes (every QBO employee,
 * customer and item listed, then one transaction per decision), longer than an HTTP request
 * should wait. Starting a run records it (`sync.run_started`) and returns at once; the work
 * goes on in this process and records its phase and progress on the run row and as
 * `sync.phase_started` / `sync.phase_completed` / `sync.run_completed` (mapping's sync log).
 * Stopping the runner (the HTTP server closing) interrupts the runs between two records:
 * decided records stay decided, so a new run goes on where the interrupted one stopped.
 */
import { randomUUID } from 'node:crypto';
import { LedgerbusError, errorCode, errorMessage } from '@ledgerbus/kit';
import type { CustomerSyncContext } from '../context';
import type { OnboardingPhase, OnboardingRunRow, OnboardingRunStatus } from '../db/onboarding-runs.repository';
import { onboardingRunsRepository } from '../db/onboarding-runs.repository';
import { Emitter } from './emit';
import type { DecisionOutcome, OnboardingProgress } from './onboarding';
import { realmOf, runOnboarding } from './onboarding';

export class OnboardingInterruptedError extends LedgerbusError {
  constructor() {
    super('onboarding_interrupted', 'the service stopped during the onboarding run; start a new run to continue where it stopped', { retriable: true });
  }
}

export interface OnboardingRunner {
  /** Records a run for a connected tenant (409 `tenant_not_connected` otherwise) and starts it in the background. */
  start(tenantId: string, mode: 'auto' | 'manual'): Promise<OnboardingRunRow>;
  /** Interrupts the runs in progress and waits until they have recorded it. */
  stop(): Promise<void>;
}

const DECIDED_PER_REPORT = 50;

export function createOnboardingRunner(ctx: CustomerSyncContext): OnboardingRunner {
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  return {
    async start(tenantId, mode) {
      const realmId = await realmOf(ctx, tenantId);
      const runId = randomUUID();
      const now = ctx.clock();
      await ctx.knex.transaction(async (trx) => {
        await onboardingRunsRepository.insert(trx, { tenant_id: tenantId, run_id: runId, realm_id: realmId, mode }, now);
        const emit = new Emitter(ctx, tenantId);
        emit.event('sync.run_started', { tenantId, runId, kind: 'onboarding', at: now.toISOString() });
        await emit.flush(trx);
      });
      const run = (await onboardingRunsRepository.get(ctx.knex, tenantId, runId)) as OnboardingRunRow;
      const controller = new AbortController();
      const done = execute(ctx, run, controller.signal).finally(() => running.delete(runId));
      running.set(runId, { controller, done });
      return run;
    },
    async stop() {
      const runs = [...running.values()];
      for (const r of runs) r.controller.abort(new OnboardingInterruptedError());
      await Promise.all(runs.map((r) => r.done));
    },
  };
}

/** Runs the onboarding and records how it ended; never throws. */
async function execute(ctx: CustomerSyncContext, run: OnboardingRunRow, signal: AbortSignal): Promise<void> {
  const tracker = new RunTracker(ctx, run, signal);
  try {
    const counts = await runOnboarding(ctx, { tenantId: run.tenant_id, realmId: run.realm_id, runId: run.run_id, mode: run.mode }, tracker);
    await tracker.finish('succeeded', counts, undefined);
  } catch (err) {
    const cause: unknown = signal.aborted ? signal.reason : err;
    ctx.logger[signal.aborted ? 'warn' : 'error']({ tenantId: run.tenant_id, runId: run.run_id, code: errorCode(cause), err: cause }, 'onboarding run did not complete');
    try {
      await tracker.finish(signal.aborted ? 'interrupted' : 'failed', null, cause);
    } catch (recordErr) {
      ctx.logger.error({ tenantId: run.tenant_id, runId: run.run_id, code: errorCode(recordErr), err: recordErr }, 'onboarding run end not recorded');
    }
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
  ) {}

  async phase(phase: OnboardingPhase, toDecide?: number): Promise<void> {
    await this.ctx.knex.transaction(async (trx) => {
      const now = this.ctx.clock();
      const emit = new Emitter(this.ctx, this.run.tenant_id);
      this.completePhase(emit, now, undefined);
      this.phaseNow = phase;
      emit.event('sync.phase_started', { tenantId: this.run.tenant_id, runId: this.run.run_id, phase, at: now.toISOString() });
      await onboardingRunsRepository.update(trx, this.run.tenant_id, this.run.run_id, { phase, listed: this.listedCount, ...(toDecide === undefined ? {} : { to_decide: toDecide }) }, now);
      await emit.flush(trx);
    });
  }

  async listed(count: number): Promise<void> {
    this.listedCount += count;
    if (this.listedCount === this.listedReported) return;
    this.listedReported = this.listedCount;
    await onboardingRunsRepository.update(this.ctx.knex, this.run.tenant_id, this.run.run_id, { listed: this.listedCount }, this.ctx.clock());
  }

  async decided(outcome: DecisionOutcome): Promise<void> {
    this.decidedCount += 1;
    if (outcome === 'refused') this.outcomes.failed += 1;
    else if (outcome === 'unchanged') this.outcomes.skipped += 1;
    else this.outcomes.succeeded += 1;
    if (this.decidedCount % DECIDED_PER_REPORT === 0) await onboardingRunsRepository.update(this.ctx.knex, this.run.tenant_id, this.run.run_id, { decided: this.decidedCount }, this.ctx.clock());
  }

  async finish(status: Exclude<OnboardingRunStatus, 'running'>, counts: Record<string, number> | null, err: unknown): Promise<void> {
    const error = err === undefined ? undefined : `${errorCode(err)}: ${errorMessage(err)}`.slice(0, 2000);
    await this.ctx.knex.transaction(async (trx) => {
      const now = this.ctx.clock();
      const emit = new Emitter(this.ctx, this.run.tenant_id);
      this.completePhase(emit, now, error);
      emit.event('sync.run_completed', { tenantId: this.run.tenant_id, runId: this.run.run_id, status: status === 'succeeded' ? 'succeeded' : 'failed', ...(error === undefined ? {} : { error }), at: now.toISOString() });
      await onboardingRunsRepository.update(
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
      );
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
