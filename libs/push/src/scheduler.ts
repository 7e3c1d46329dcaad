import type { Logger } from '@ledgerbus/kit';
import type { TenantLeases } from './leases';

export interface SchedulerOptions {
  leases: TenantLeases;
  /** One push round of a tenant; returns the number of jobs it claimed. */
  round: (tenantId: string) => Promise<number>;
  /** Lease owner prefix of this process; loop `i` is `<prefix>:<i>`. */
  ownerPrefix: string;
  /** Parallel tenant loops. */
  concurrency: number;
  /** Look for work this often when nothing wakes the loops. */
  pollMs: number;
  logger: Logger;
}

export interface Scheduler {
  start(): void;
  /** Stop the loops (the round in flight finishes). */
  stop(): Promise<void>;
  /** Wake the loops now. */
  wake(): void;
  /** Wake the loops once for a burst of intake (≤ 20 ms later). */
  wakeSoon(): void;
}

/** A loop holds a tenant this long at most before it looks at the others. */
const SLICE_MS = 10_000;

/** Sleeps that a wake ends early: `idle(ms)` resolves after `ms` or at the next `wake()`. */
function createWakers(): { wake: () => void; idle: (ms: number) => Promise<void> } {
  let wakers: Array<() => void> = [];
  return {
    wake: () => {
      const w = wakers;
      wakers = [];
      for (const f of w) f();
    },
    idle: (ms) => {
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        wakers.push(done);
      });
    },
  };
}

/**
 * The push loops: each takes the lease of a tenant with ready jobs, runs rounds while there are
 * jobs (renewing the lease in between, letting go when it is lost or a run's scan wants it, and
 * after a slice of 10 s), releases it, and sleeps until woken or `pollMs` passes.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { leases, round, pollMs, logger } = options;
  let running = false;
  const loops: Promise<void>[] = [];
  const { wake, idle } = createWakers();
  let pendingWake: NodeJS.Timeout | undefined;

  /** Rounds of one tenant under its lease, until it has no ready jobs, the slice ends or the lease is lost or wanted. */
  async function serve(tenantId: string, owner: string): Promise<void> {
    const sliceEnd = Date.now() + SLICE_MS;
    // Keep the lease while a round is in flight (a slow QBO call must not let another
    // worker take the tenant and push the same jobs); a killed worker stops renewing.
    const lease = leases.keep(tenantId, owner);
    try {
      while (running && !lease.lost && Date.now() < sliceEnd) {
        const n = await round(tenantId);
        if (n === 0) break;
        // Between rounds, let go if the lease is lost or a run's scan waits for it.
        if ((await leases.renew(tenantId, owner)) !== 'held') break;
      }
    } finally {
      await lease.stop();
    }
    await leases.release(tenantId, owner);
  }

  async function loop(index: number): Promise<void> {
    const owner = `${options.ownerPrefix}:${index}`;
    while (running) {
      let tenantId: string | undefined;
      try {
        tenantId = await leases.next(owner);
        if (tenantId) await serve(tenantId, owner);
        else await idle(pollMs);
      } catch (err) {
        logger.error({ err, tenantId }, 'push loop error');
        await idle(Math.min(5_000, pollMs * 4));
      }
    }
  }

  return {
    wake,
    // Intake wakes coalesce: a burst of records wakes the loops once, so a round claims a
    // fuller batch instead of one query storm per record.
    wakeSoon() {
      if (pendingWake) return;
      pendingWake = setTimeout(() => {
        pendingWake = undefined;
        wake();
      }, 20);
    },
    start() {
      running = true;
      for (let i = 0; i < options.concurrency; i++) loops.push(loop(i));
    },
    async stop() {
      running = false;
      clearTimeout(pendingWake);
      pendingWake = undefined;
      wake();
      await Promise.all(loops.splice(0));
    },
  };
}
