/**
 * Works the members of sync runs (`run_members`, see `customers-phase.ts`) in the background,
 * table-driven like the push engine's `push_jobs`: a loop leases a scope (`run_leases`, one
 * process per scope at a time, renewed while it works), pushes the scope's due members one by one
 * (clients before sites) and releases it after a slice so other scopes get their turn. A process
 * killed mid-run stops renewing: its lease expires and any replica's loop takes the scope over;
 * a push it left `in_flight` is looked up in QBO before it is created again (the live push guards).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { errorCode } from '@ledgerbus/kit';
import type { CustomerSyncContext } from '../context';
import { runLeasesRepository, runMembersRepository } from '../db/sync-runs.repository';
import type { MemberOptions } from './customers-phase';
import { workMember } from './customers-phase';

export interface RunWorkerOptions extends Partial<MemberOptions> {
  /** This process's name in `run_leases` (loop n is `<owner>:<n>`); default host, pid and a random part. */
  owner?: string;
  /** Loops per process (each works one scope at a time). */
  concurrency?: number;
  /** How long a lease lasts without renewal (a killed process's scopes are free after this). */
  leaseMs?: number;
  /** Members per round. */
  batchSize?: number;
  /** How long a loop keeps a scope before giving others a turn. */
  sliceMs?: number;
}

export interface RunWorker {
  start(): void;
  /** Looks for work now (a scan just queued members). */
  wake(): void;
  /** Stops the loops between two members and waits for them (their leases are released). */
  stop(): Promise<void>;
}

export const RUN_WORKER_DEFAULTS = { concurrency: 2, leaseMs: 15_000, batchSize: 50, sliceMs: 10_000, pollMs: 1_000, maxAttempts: 5, backoffMs: 2_000, inFlightGraceMs: 60_000 };

export function createRunWorker(ctx: CustomerSyncContext, options: RunWorkerOptions = {}): RunWorker {
  const o = { ...RUN_WORKER_DEFAULTS, ...options };
  const memberOptions: MemberOptions = { maxAttempts: o.maxAttempts, backoffMs: o.backoffMs, inFlightGraceMs: o.inFlightGraceMs, pollMs: o.pollMs };
  const ownerPrefix = options.owner ?? `customer-sync:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let running = false;
  const loops: Array<Promise<void>> = [];
  const sleepers = new Set<() => void>();

  function idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  }

  async function lease(owner: string): Promise<string | undefined> {
    const candidates = await runLeasesRepository.candidates(ctx.knex, owner, 16);
    // Loops of many processes spread over the scopes: start at a random one.
    const start = Math.floor(Math.random() * Math.max(1, candidates.length));
    for (let i = 0; i < candidates.length; i++) {
      const scope = candidates[(start + i) % candidates.length] as string;
      if (await runLeasesRepository.renew(ctx.knex, scope, owner, o.leaseMs)) return scope;
    }
    return undefined;
  }

  /** One batch of the scope's due members; returns how many got their final outcome. */
  async function round(scope: string, stillOwner: () => boolean): Promise<{ seen: number; settled: number }> {
    const due = await runMembersRepository.due(ctx.knex, scope, o.batchSize);
    let settled = 0;
    for (const member of due) {
      if (!running || !stillOwner()) break;
      // Settled meanwhile by a live push of the same customer, or by a cancel: nothing to do.
      const fresh = await runMembersRepository.get(ctx.knex, member);
      if (fresh === undefined || fresh.outcome !== null) continue;
      if ((await workMember(ctx, fresh, memberOptions)) === 'settled') settled += 1;
    }
    return { seen: due.length, settled };
  }

  async function loop(index: number): Promise<void> {
    const owner = `${ownerPrefix}:${index}`;
    while (running) {
      let scope: string | undefined;
      try {
        scope = await lease(owner);
        if (scope === undefined) {
          await idle(o.pollMs);
          continue;
        }
        const leased = scope;
        let lost = false;
        let renewing: Promise<void> = Promise.resolve();
        // Keep the lease while a push is in flight (a slow QBO call must not let another process take the scope).
        const heartbeat = setInterval(() => {
          renewing = runLeasesRepository.renew(ctx.knex, leased, owner, o.leaseMs).then(
            (ok) => {
              if (!ok) lost = true;
            },
            (err: unknown) => ctx.logger.warn({ tenantId: leased, code: errorCode(err), err }, 'run lease renewal failed'),
          );
        }, Math.max(100, Math.floor(o.leaseMs / 3)));
        const sliceEnd = Date.now() + o.sliceMs;
        try {
          while (running && !lost && Date.now() < sliceEnd) {
            const { seen, settled } = await round(leased, () => !lost);
            if (seen === 0) break;
            // Only members that wait (their client, a backoff): give the turn back until they are due.
            if (settled === 0) break;
          }
        } finally {
          clearInterval(heartbeat);
          await renewing;
        }
        await runLeasesRepository.release(ctx.knex, leased, owner);
        if (running) await idle(0);
      } catch (err) {
        ctx.logger.error({ tenantId: scope, code: errorCode(err), err }, 'run worker loop error');
        await idle(Math.min(5_000, o.pollMs * 4));
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      for (let i = 0; i < o.concurrency; i++) loops.push(loop(i));
    },
    wake() {
      for (const wakeUp of [...sleepers]) wakeUp();
    },
    async stop() {
      running = false;
      for (const wakeUp of [...sleepers]) wakeUp();
      await Promise.all(loops.splice(0));
    },
  };
}
