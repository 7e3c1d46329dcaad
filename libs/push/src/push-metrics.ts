/**
 * A push worker's domain metrics on its `/metrics`: the backlog read from `push_jobs` on each
 * scrape (jobs by status and reason, the oldest pending job's age) and the engine's own counters
 * (records ingested, push rounds, outcomes). Labels never carry a tenant: `entity`, `status`,
 * `reason` (a stable snake_case code) and `outcome` have a handful of values each.
 */
import type { Knex } from 'knex';
import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';
import type { Logger } from '@ledgerbus/kit';
import { errorMessage } from '@ledgerbus/kit';

/** What the metrics read from the engine: its counters since the process started (`PushEngine.stats`). */
export interface PushStatsSource {
  readonly stats: { ingested: number; rounds: number; outcomes: Record<string, number> };
}

export interface PushMetricsOptions {
  registry: Registry;
  /** The worker's database (its schema is the knex search path, as for the engine). */
  knex: Knex;
  /** The entity the worker pushes ("invoice", "payment"): the `entity` label. */
  entity: string;
  engine: PushStatsSource;
  logger?: Logger;
  /** Bound of the backlog query of one scrape (statement timeout and overall wait). Default 2000 ms. */
  queryTimeoutMs?: number;
}

/** Statuses reported even when no job has them, so a dashboard sees 0 rather than no series. */
const STATUSES = ['pending', 'held', 'failed', 'skipped', 'done'] as const;
/** Statuses whose `last_code` is the reason (why held, failed or skipped); the others have reason "". */
const WITH_REASON = new Set<string>(['held', 'failed', 'skipped']);

interface BacklogRow {
  status: string;
  reason: string;
  jobs: number | string;
}

interface Backlog {
  rows: BacklogRow[];
  oldestPendingSeconds: number;
}

/** Registers the push metrics on `registry`; each scrape runs one bounded query. */
export function registerPushMetrics(options: PushMetricsOptions): void {
  const { registry, knex, entity, engine, logger } = options;
  const timeoutMs = options.queryTimeoutMs ?? 2000;

  // One query per scrape, shared by the gauges below (prom-client collects them one after the other).
  let inFlight: Promise<Backlog | undefined> | undefined;
  const backlog = (): Promise<Backlog | undefined> => {
    inFlight ??= readBacklog(knex, timeoutMs)
      .catch((err: unknown) => {
        logger?.warn({ err: errorMessage(err) }, 'push backlog metrics: query failed');
        return undefined;
      })
      .finally(() => setTimeout(() => (inFlight = undefined), 0).unref());
    return inFlight;
  };

  new Gauge({
    name: 'ledgerbus_push_backlog_query_success',
    help: "1 when this scrape read the push backlog from the worker's database, 0 when the query failed or timed out (the backlog series are then absent)",
    labelNames: ['entity'] as const,
    registers: [registry],
    async collect() {
      this.set({ entity }, (await backlog()) === undefined ? 0 : 1);
    },
  });

  new Gauge({
    name: 'ledgerbus_push_jobs',
    help: 'Push jobs (one per platform record) by status (pending, held, failed, skipped, done) and reason (the code of held, failed and skipped jobs)',
    labelNames: ['entity', 'status', 'reason'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const read = await backlog();
      if (read === undefined) return;
      for (const status of STATUSES) if (!WITH_REASON.has(status)) this.set({ entity, status, reason: '' }, 0);
      for (const row of read.rows) this.set({ entity, status: row.status, reason: row.reason }, Number(row.jobs));
    },
  });

  new Gauge({
    name: 'ledgerbus_push_oldest_pending_age_seconds',
    help: 'Age in seconds of the oldest pending push job (since it became pending); 0 when none is pending',
    labelNames: ['entity'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const read = await backlog();
      if (read !== undefined) this.set({ entity }, read.oldestPendingSeconds);
    },
  });

  registerEngineCounters(registry, entity, engine);
}

/** The engine's counters of this process (records ingested, rounds, outcomes by kind). */
function registerEngineCounters(registry: PushMetricsOptions['registry'], entity: string, engine: PushMetricsOptions['engine']): void {
  // The engine's counters are plain numbers; each scrape adds what they grew by since the last one.
  const seen = { ingested: 0, rounds: 0, outcomes: new Map<string, number>() };
  new Counter({
    name: 'ledgerbus_push_records_ingested_total',
    help: 'Platform records this process took from its source topic into push_jobs',
    labelNames: ['entity'] as const,
    registers: [registry],
    collect() {
      const now = engine.stats.ingested;
      this.inc({ entity }, Math.max(0, now - seen.ingested));
      seen.ingested = now;
    },
  });
  new Counter({
    name: 'ledgerbus_push_rounds_total',
    help: 'Push rounds this process ran (one tenant, up to one QBO batch of jobs)',
    labelNames: ['entity'] as const,
    registers: [registry],
    collect() {
      const now = engine.stats.rounds;
      this.inc({ entity }, Math.max(0, now - seen.rounds));
      seen.rounds = now;
    },
  });
  new Counter({
    name: 'ledgerbus_push_outcomes_total',
    help: 'Outcomes of the jobs this process pushed, by kind (pushed, removed, skipped, held, wait, failed)',
    labelNames: ['entity', 'outcome'] as const,
    registers: [registry],
    collect() {
      for (const [outcome, now] of Object.entries(engine.stats.outcomes)) {
        this.inc({ entity, outcome }, Math.max(0, now - (seen.outcomes.get(outcome) ?? 0)));
        seen.outcomes.set(outcome, now);
      }
    },
  });
}

/** Counts by status and reason, and the oldest pending age, in one statement bounded by `timeoutMs`. */
async function readBacklog(knex: Knex, timeoutMs: number): Promise<Backlog> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`push backlog query timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  const query = knex.transaction(async (trx) => {
    await trx.raw(`set local statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    const counts = await trx.raw<{ rows: BacklogRow[] }>(
      `select status, case when status in ('held', 'failed', 'skipped') then coalesce(last_code, 'unknown') else '' end as reason, count(*) as jobs
         from push_jobs group by 1, 2`,
    );
    const oldest = await trx.raw<{ rows: Array<{ age: number | string | null }> }>(
      "select extract(epoch from now() - min(waiting_since)) as age from push_jobs where status = 'pending'",
    );
    return { rows: counts.rows, oldestPendingSeconds: Math.max(0, Number(oldest.rows[0]?.age ?? 0)) };
  });
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
