/**
 * Call metering (Intuit's App Partner Program). Every QBO call is "Core" (data in: create,
 * update, delete, void, send — free) or "CorePlus" (data out: read by id, query, report, CDC,
 * CompanyInfo, Preferences — metered against the deployment's monthly quota).
 *
 * What counts, and how (the sandbox's counters follow the same rules, call for call):
 * - only calls QBO answered with success (HTTP 2xx and no Fault) count: a 4xx/5xx/429, a
 *   network error or a dropped connection does not;
 * - a batch is counted item by item, each like the single call it stands for (Intuit: "every
 *   item of a batch is metered like a single call"): a Query / CDCQuery / ReportQuery item is
 *   CorePlus, an entity operation is Core; an item answered with its own Fault does not count.
 *
 * The PostgreSQL meter aggregates in memory and flushes increments every second (one upsert
 * statement for every realm and bucket touched), per realm, per minute and per calendar month
 * (UTC), into a table shared by every service and replica (the limiter's schema).
 */
import type { Knex } from 'knex';

export type MeterClass = 'core' | 'corePlus';

export interface MeterCounts {
  core: number;
  corePlus: number;
}

export interface MeterLogger {
  warn(obj: object, msg?: string): void;
}

/** Where the client reports the calls it made. `record` never blocks and never throws. */
export interface QboMeter {
  record(realmId: string, counts: MeterCounts): void;
  /** Write what was recorded so far (resolves when it is durable). */
  flush(): Promise<void>;
  /** Stop the timer and flush. Idempotent. */
  close(): Promise<void>;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Counts of a successful batch response: its items without a Fault, each by its class. */
export function meterBatchResponse(body: Record<string, unknown>): MeterCounts {
  const counts: MeterCounts = { core: 0, corePlus: 0 };
  const items = Array.isArray(body.BatchItemResponse) ? (body.BatchItemResponse as unknown[]) : [];
  for (const raw of items) {
    const item = asRecord(raw);
    if (!item || item.Fault !== undefined || item.fault !== undefined) continue;
    if (item.QueryResponse !== undefined || item.CDCResponse !== undefined || item.Report !== undefined) counts.corePlus += 1;
    else counts.core += 1;
  }
  return counts;
}

/** Start of the UTC minute / calendar month holding `ms`. */
export function minuteStart(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000;
}

export function monthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function nextMonthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** In-memory meter (tests, the embedded mode): totals per realm. */
export interface MemoryQboMeter extends QboMeter {
  totals(realmId?: string): MeterCounts;
}

export function createMemoryQboMeter(): MemoryQboMeter {
  const realms = new Map<string, MeterCounts>();
  return {
    record(realmId, counts) {
      const c = realms.get(realmId) ?? { core: 0, corePlus: 0 };
      c.core += counts.core;
      c.corePlus += counts.corePlus;
      realms.set(realmId, c);
    },
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
    totals(realmId) {
      if (realmId !== undefined) return { ...(realms.get(realmId) ?? { core: 0, corePlus: 0 }) };
      const all: MeterCounts = { core: 0, corePlus: 0 };
      for (const c of realms.values()) {
        all.core += c.core;
        all.corePlus += c.corePlus;
      }
      return all;
    },
  };
}

export const DEFAULT_USAGE_TABLE = 'qbo_usage';

function qualified(schema: string | undefined, table: string): string {
  return schema ? `${schema}.${table}` : table;
}

/** Creates the usage table (idempotent): one row per realm, period ('minute' | 'month') and bucket start. */
export async function ensureMeteringSchema(knex: Knex, options: { schema?: string; table?: string } = {}): Promise<void> {
  const table = options.table ?? DEFAULT_USAGE_TABLE;
  if (options.schema) await knex.raw('create schema if not exists ??', [options.schema]);
  const builder = (): Knex.SchemaBuilder => (options.schema ? knex.schema.withSchema(options.schema) : knex.schema);
  if (await builder().hasTable(table)) return;
  try {
    await builder().createTable(table, (t) => {
      t.text('realm_id').notNullable();
      t.text('period').notNullable();
      t.timestamp('bucket', { useTz: true }).notNullable();
      t.bigInteger('core').notNullable().defaultTo(0);
      t.bigInteger('core_plus').notNullable().defaultTo(0);
      t.primary(['realm_id', 'period', 'bucket']);
      t.index(['period', 'bucket'], `${table}_period_bucket_idx`);
    });
  } catch (err) {
    // Another process created it first.
    if (!(await builder().hasTable(table))) throw err;
  }
}

export interface PostgresQboMeterOptions {
  knex: Knex;
  schema?: string;
  table?: string;
  /** How often increments are written. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Minute rows older than this are deleted now and then. Default 7 days. */
  keepMinutesMs?: number;
  logger?: MeterLogger;
  now?: () => number;
}

export interface PostgresQboMeter extends QboMeter {
  migrate(): Promise<void>;
}

export function createPostgresQboMeter(options: PostgresQboMeterOptions): PostgresQboMeter {
  const { knex } = options;
  const table = options.table ?? DEFAULT_USAGE_TABLE;
  const name = qualified(options.schema, table);
  const now = options.now ?? Date.now;
  const keepMinutesMs = options.keepMinutesMs ?? 7 * 86_400_000;
  // realm → minute bucket (ms) → counts
  let pending = new Map<string, Map<number, MeterCounts>>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;
  let lastHousekeeping = 0;

  const add = (into: Map<string, Map<number, MeterCounts>>, realmId: string, bucket: number, counts: MeterCounts): void => {
    let buckets = into.get(realmId);
    if (!buckets) {
      buckets = new Map();
      into.set(realmId, buckets);
    }
    const c = buckets.get(bucket) ?? { core: 0, corePlus: 0 };
    c.core += counts.core;
    c.corePlus += counts.corePlus;
    buckets.set(bucket, c);
  };

  async function write(batch: Map<string, Map<number, MeterCounts>>): Promise<void> {
    const rows = new Map<string, { realm_id: string; period: string; bucket: Date; core: number; core_plus: number }>();
    const put = (realmId: string, period: 'minute' | 'month', bucket: number, c: MeterCounts): void => {
      const key = `${realmId}\u0000${period}\u0000${bucket}`;
      const row = rows.get(key) ?? { realm_id: realmId, period, bucket: new Date(bucket), core: 0, core_plus: 0 };
      row.core += c.core;
      row.core_plus += c.corePlus;
      rows.set(key, row);
    };
    for (const [realmId, buckets] of batch) {
      for (const [minute, c] of buckets) {
        put(realmId, 'minute', minute, c);
        put(realmId, 'month', monthStart(minute), c);
      }
    }
    // One statement, rows in key order (replicas flushing the same realms lock them in the same order).
    const list = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
    if (list.length === 0) return;
    await knex(name)
      .insert(list)
      .onConflict(['realm_id', 'period', 'bucket'])
      .merge({
        core: knex.raw('?? + excluded.core', [`${table}.core`]),
        core_plus: knex.raw('?? + excluded.core_plus', [`${table}.core_plus`]),
      });
    const t = now();
    if (t - lastHousekeeping > 3_600_000) {
      lastHousekeeping = t;
      await knex(name).where('period', 'minute').andWhere('bucket', '<', new Date(t - keepMinutesMs)).delete();
    }
  }

  function flushOnce(): Promise<void> {
    flushing = flushing.then(async () => {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      try {
        await write(batch);
      } catch (err) {
        // Keep the counts for the next flush: nothing is lost while PostgreSQL is away.
        for (const [realmId, buckets] of batch) for (const [bucket, c] of buckets) add(pending, realmId, bucket, c);
        options.logger?.warn({ err: { message: (err as Error).message }, realms: batch.size }, 'qbo metering: flush failed, kept for the next one');
        throw err;
      }
    });
    return flushing;
  }

  const ensureTimer = (): void => {
    if (timer !== undefined || closed) return;
    timer = setInterval(() => {
      flushOnce().catch(() => undefined);
    }, options.flushIntervalMs ?? 1000);
    timer.unref();
  };

  return {
    migrate: () => ensureMeteringSchema(knex, options.schema ? { schema: options.schema, table } : { table }),
    record(realmId, counts) {
      if (counts.core === 0 && counts.corePlus === 0) return;
      add(pending, realmId, minuteStart(now()), counts);
      ensureTimer();
    },
    flush: () => flushOnce(),
    async close() {
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await flushOnce();
    },
  };
}

export interface UsageFigures extends MeterCounts {
  realmId: string;
}

export interface QboUsage {
  /** Start of the current minute and month (UTC). */
  minute: Date;
  month: Date;
  /** Calls in the current minute and in the current month, summed over the realms asked for. */
  thisMinute: MeterCounts;
  thisMonth: MeterCounts;
  /** Per realm, this month (realms with calls only). */
  realms: Array<UsageFigures & { thisMinute: MeterCounts }>;
}

/** Reads usage for some realms (or every realm of the deployment with `realmIds: 'all'`). */
export async function readQboUsage(
  knex: Knex,
  options: { schema?: string; table?: string; realmIds: string[] | 'all'; now?: number },
): Promise<QboUsage> {
  const name = qualified(options.schema, options.table ?? DEFAULT_USAGE_TABLE);
  const t = options.now ?? Date.now();
  const minute = minuteStart(t);
  const month = monthStart(t);
  const empty = (): MeterCounts => ({ core: 0, corePlus: 0 });
  const usage: QboUsage = { minute: new Date(minute), month: new Date(month), thisMinute: empty(), thisMonth: empty(), realms: [] };
  if (options.realmIds !== 'all' && options.realmIds.length === 0) return usage;
  let q = knex(name)
    .where((w) => {
      void w.where({ period: 'month', bucket: new Date(month) }).orWhere({ period: 'minute', bucket: new Date(minute) });
    })
    .select<Array<{ realm_id: string; period: string; core: string; core_plus: string }>>('realm_id', 'period', 'core', 'core_plus');
  if (options.realmIds !== 'all') q = q.whereIn('realm_id', options.realmIds);
  const rows = await q;
  const byRealm = new Map<string, UsageFigures & { thisMinute: MeterCounts }>();
  for (const r of rows) {
    const entry = byRealm.get(r.realm_id) ?? { realmId: r.realm_id, core: 0, corePlus: 0, thisMinute: empty() };
    const core = Number(r.core);
    const corePlus = Number(r.core_plus);
    if (r.period === 'month') {
      entry.core += core;
      entry.corePlus += corePlus;
      usage.thisMonth.core += core;
      usage.thisMonth.corePlus += corePlus;
    } else {
      entry.thisMinute.core += core;
      entry.thisMinute.corePlus += corePlus;
      usage.thisMinute.core += core;
      usage.thisMinute.corePlus += corePlus;
    }
    byRealm.set(r.realm_id, entry);
  }
  usage.realms = [...byRealm.values()].sort((a, b) => b.corePlus - a.corePlus || a.realmId.localeCompare(b.realmId));
  return usage;
}

/** Linear forecast of a month's figure at month end from what was used so far. */
export function forecastMonthEnd(usedSoFar: number, nowMs: number): number {
  const start = monthStart(nowMs);
  const end = nextMonthStart(nowMs);
  const elapsed = Math.max(nowMs - start, 60_000);
  return Math.round((usedSoFar * (end - start)) / elapsed);
}
