import { errorCode, errorMessage, isProgrammerError } from '@ledgerbus/kit';
import type { MetricsContext } from '../context';
import { jobsRepository } from '../db/jobs.repository';
import type { ImportResult } from './import';
import { importFailed, importTenant } from './import';

export interface ImportRunner {
  start(): void;
  /** Stop ticking and wait for the import in progress. Idempotent. */
  stop(): Promise<void>;
  /** One pass: schedule stale tenants, run due imports (tests and benchmarks call it directly). */
  tick(): Promise<ImportResult[]>;
}

const LEASE_MS = 15 * 60_000;
const SCHEDULE_EVERY_MS = 30_000;

/**
 * Runs due imports from the durable `import_jobs` table: on connect, debounced after
 * changes, and on the schedule. Replicas share the table (claims skip each other's rows).
 */
export function createImportRunner(ctx: MetricsContext): ImportRunner {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  let lastSchedule = 0;

  async function tick(): Promise<ImportResult[]> {
    const now = ctx.clock();
    if (now.getTime() - lastSchedule >= Math.min(SCHEDULE_EVERY_MS, ctx.config.scheduleIntervalMs)) {
      lastSchedule = now.getTime();
      await jobsRepository.scheduleStale(ctx.knex, now, ctx.config.scheduleIntervalMs);
    }
    const results: ImportResult[] = [];
    for (const job of await jobsRepository.claimDue(ctx.knex, now, LEASE_MS, 4)) {
      try {
        results.push(await importTenant(ctx, job.tenantId));
        await jobsRepository.complete(ctx.knex, job);
      } catch (err) {
        const delay = Math.min(ctx.config.retryBaseMs * 2 ** Math.min(job.attempts, 10), ctx.config.scheduleIntervalMs);
        ctx.logger.warn({ tenantId: job.tenantId, realmId: job.realmId, code: errorCode(err), err: errorMessage(err), retryInMs: delay }, 'metrics import failed');
        await importFailed(ctx, job, errorCode(err), new Date(ctx.clock().getTime() + delay));
        if (isProgrammerError(err)) ctx.logger.error({ err }, 'metrics import hit a programmer error');
      }
    }
    return results;
  }

  const loop = (): void => {
    if (stopped) return;
    running = tick()
      .catch((err: unknown) => ctx.logger.error({ code: errorCode(err), err: errorMessage(err) }, 'metrics import runner tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, ctx.config.tickMs);
      });
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(loop, 0);
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
    tick,
  };
}
