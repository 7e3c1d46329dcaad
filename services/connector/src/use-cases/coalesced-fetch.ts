/**
 * Coalesced webhook fetches: the entities QBO's webhooks name for a realm within a short window
 * are read with one query per entity type (`select * from Customer where Id in (…)`, up to 1,000
 * ids), not one read per delivery. Reads are CorePlus calls, metered against the deployment's
 * monthly quota, so several deliveries of a busy realm cost what one does.
 *
 * Durable and at-least-once: the intake consumer stores each delivery's notifications (ids only)
 * in `webhook_pending` and commits its offset; `windowMs` after a realm's first pending
 * notification, one flush claims every unclaimed pending row of the realm (`for update skip
 * locked` in a short statement, with a lease: replicas never take the same rows, and no
 * transaction is held while QBO is read — the embedded PGlite has one session), fetches, then
 * publishes the changes and failures through the outbox and deletes the rows in one
 * transaction. A failed flush (throttling, 5xx, network) releases its claim and is tried again
 * with backoff; a sweep picks up rows left by another replica, a restart or an expired claim. A realm whose connection is gone is skipped as before (CDC fills the gap).
 */
import { randomUUID } from 'node:crypto';
import type { ConnectorContext } from '../context';
import type { UnknownRealmRecorder } from '../db/unknown-realms.recorder';
import type { Notification } from '../handlers/changes-notified.handler';
import { fetchAndPublish } from '../handlers/changes-notified.handler';

const TABLE = 'webhook_pending';

export interface CoalescerOptions {
  /** How long after a realm's first pending notification its fetch starts. */
  windowMs: number;
  /** How often rows left behind (another replica, a restart, a failed flush) are looked for. Default 2 s. */
  sweepEveryMs?: number;
  /** Realms flushed at the same time by this replica (each holds a connection). Default 4. */
  maxConcurrent?: number;
  /** Notifications per flush (the rest go in the next one, at once). Default 5,000. */
  maxRowsPerFlush?: number;
  /** Longest wait before a failed flush is tried again. Default 30 s. */
  maxBackoffMs?: number;
  /** How long a flush's claim on its rows lasts (then another flush may take them). Default 2 min. */
  claimMs?: number;
}

export interface WebhookCoalescer {
  /** Stores a delivery's notifications and schedules the realm's flush (resolves once they are durable). */
  enqueue(realmId: string, notifications: readonly Notification[]): Promise<void>;
  start(): void;
  /** Stops timers and the sweep and waits for running flushes; pending rows stay for the next start. */
  stop(): Promise<void>;
}

export function createWebhookCoalescer(ctx: ConnectorContext, unknownRealms: UnknownRealmRecorder, options: CoalescerOptions): WebhookCoalescer {
  const windowMs = options.windowMs;
  const maxConcurrent = options.maxConcurrent ?? 4;
  const maxRows = options.maxRowsPerFlush ?? 5_000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const claimMs = options.claimMs ?? 120_000;
  const owner = `${ctx.instanceId}:${randomUUID()}`;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const failures = new Map<string, number>();
  const waiting: Array<() => void> = [];
  let active = 0;
  let stopped = true;
  let sweepTimer: NodeJS.Timeout | undefined;

  const acquire = async (): Promise<void> => {
    if (active < maxConcurrent) {
      active += 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };

  function schedule(realmId: string, delayMs: number): void {
    if (stopped) return;
    if (running.has(realmId)) {
      again.add(realmId);
      return;
    }
    if (timers.has(realmId)) return;
    const timer = setTimeout(() => {
      timers.delete(realmId);
      const run = flushRealm(realmId).finally(() => {
        running.delete(realmId);
        if (again.delete(realmId)) schedule(realmId, windowMs);
      });
      running.set(realmId, run);
    }, delayMs);
    timers.set(realmId, timer);
  }

  /** One flush: every pending row of the realm (up to maxRows), fetched and published in one transaction. */
  async function flushRealm(realmId: string): Promise<void> {
    await acquire();
    try {
      // Claim (one statement): the realm's unclaimed rows, or rows whose claim expired.
      const claimed = await ctx.knex.raw<{ rows: Array<{ id: string; notifications: Notification[] }> }>(
        `update ${TABLE} set claimed_by = ?, claimed_until = now() + (? * interval '1 millisecond')
          where id in (select id from ${TABLE} where realm_id = ? and (claimed_until is null or claimed_until < now())
                       order by id limit ? for update skip locked)
          returning id, notifications`,
        [owner, claimMs, realmId, maxRows],
      );
      const rows = [...claimed.rows].sort((a, b) => Number(a.id) - Number(b.id));
      if (rows.length > 0) {
        const ids = rows.map((r) => r.id);
        const notifications = rows.flatMap((r) => (typeof r.notifications === 'string' ? (JSON.parse(r.notifications) as Notification[]) : r.notifications));
        try {
          await fetchAndPublish(ctx, unknownRealms, realmId, notifications, (fn) =>
            ctx.knex.transaction(async (trx) => {
              const result = await fn(trx);
              await trx(TABLE).whereIn('id', ids).andWhere('claimed_by', owner).delete();
              return result;
            }),
          );
          // An unknown or no longer connected realm publishes nothing: its rows are dropped as a delivery's were.
          await ctx.knex(TABLE).whereIn('id', ids).andWhere('claimed_by', owner).delete();
        } catch (err) {
          await ctx.knex(TABLE).whereIn('id', ids).andWhere('claimed_by', owner).update({ claimed_by: null, claimed_until: null }).catch(() => undefined);
          throw err;
        }
        ctx.logger.debug({ realmId, deliveries: rows.length, notifications: notifications.length }, 'webhook entities fetched together');
      }
      failures.delete(realmId);
      if (rows.length === maxRows) again.add(realmId);
    } catch (err) {
      const n = (failures.get(realmId) ?? 0) + 1;
      failures.set(realmId, n);
      const delay = Math.min(maxBackoffMs, Math.max(windowMs, 250) * 2 ** Math.min(n, 10));
      const code = (err as { code?: unknown }).code;
      ctx.logger.warn({ realmId, attempt: n, delay, code: typeof code === 'string' ? code : undefined, err: { message: (err as Error).message } }, 'webhook fetch failed; the notifications stay pending and are tried again');
      release();
      if (!stopped) {
        // After this flush ends (running is cleared), wait out the backoff.
        setTimeout(() => schedule(realmId, 0), delay).unref();
      }
      return;
    }
    release();
  }

  async function sweep(): Promise<void> {
    const rows = await ctx.knex(TABLE)
      .where((w) => {
        void w
          .where((u) => {
            void u.whereNull('claimed_until').andWhere('enqueued_at', '<', ctx.knex.raw(`now() - (? * interval '1 millisecond')`, [windowMs]));
          })
          .orWhere('claimed_until', '<', ctx.knex.raw('now()'));
      })
      .groupBy('realm_id')
      .limit(500)
      .select<Array<{ realm_id: string }>>('realm_id');
    for (const r of rows) {
      if (!failures.has(r.realm_id)) schedule(r.realm_id, 0);
    }
  }

  return {
    async enqueue(realmId, notifications) {
      if (notifications.length === 0) return;
      await ctx.knex(TABLE).insert({ realm_id: realmId, notifications: JSON.stringify(notifications) });
      schedule(realmId, windowMs);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      sweepTimer = setInterval(() => {
        sweep().catch((err: unknown) => ctx.logger.warn({ err: { message: (err as Error).message } }, 'webhook pending sweep failed'));
      }, options.sweepEveryMs ?? 2_000);
      sweepTimer.unref();
      // Rows left by a previous run.
      sweep().catch(() => undefined);
    },
    async stop() {
      stopped = true;
      if (sweepTimer !== undefined) clearInterval(sweepTimer);
      sweepTimer = undefined;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await Promise.all([...running.values()]);
    },
  };
}
