/**
 * PostgreSQL sliding-window limiter, shared by every process and replica that calls the
 * same realm. Each acquire runs one short transaction: take a transaction-scoped advisory
 * lock for the realm, read the realm's grants of the longest window, and either record a
 * grant (room in every rule) or learn how long to wait. Time is the database's clock, so
 * processes on different hosts agree. Waiting happens outside the transaction.
 */
import type { Knex } from 'knex';
import { sleep } from '../backoff';
import { waitForRoom } from './memory.rate-limiter';
import type { AcquireOptions, Grant, RateLimiter, RateRule, RequestKind } from './rate-limiter.port';
import { budgetOf, rulesFor, validateRules } from './rate-limiter.port';
import type { MeterLogger, PostgresQboMeter } from '../metering';
import { createPostgresQboMeter } from '../metering';

export interface PostgresRateLimiterOptions {
  knex: Knex;
  rules?: RateRule[];
  /** Schema holding the grants table; the connection's search_path when omitted. */
  schema?: string;
  table?: string;
  /** Added random delay (ms) on top of each computed wait so waiters do not stampede. Default 10. */
  jitterMs?: number;
  /**
   * Meter the calls of the clients using this limiter into `qbo_usage` on the same schema (see
   * metering.ts). Default true; `migrate()` creates its table too.
   */
  metering?: boolean | { flushIntervalMs?: number; logger?: MeterLogger };
}

const DEFAULT_TABLE = 'qbo_rate_grants';

function qualified(schema: string | undefined, table: string): string {
  return schema ? `${schema}.${table}` : table;
}

/** Creates the grants table (idempotent). Services call it from their migrations. */
export async function ensureRateLimiterSchema(knex: Knex, options: { schema?: string; table?: string } = {}): Promise<void> {
  const table = options.table ?? DEFAULT_TABLE;
  const builder = options.schema ? knex.schema.withSchema(options.schema) : knex.schema;
  if (options.schema) await knex.raw('create schema if not exists ??', [options.schema]);
  const exists = await builder.hasTable(table);
  if (exists) return;
  await (options.schema ? knex.schema.withSchema(options.schema) : knex.schema).createTable(table, (t) => {
    t.bigIncrements('id').primary();
    t.text('realm_id').notNullable();
    t.text('kind').notNullable();
    t.bigInteger('granted_ms').notNullable();
    t.index(['realm_id', 'granted_ms'], `${table}_realm_time_idx`);
  });
}

export function createPostgresRateLimiter(options: PostgresRateLimiterOptions): RateLimiter & { migrate(): Promise<void>; readonly meter?: PostgresQboMeter } {
  const rules = options.rules ?? rulesFor();
  validateRules(rules);
  const table = options.table ?? DEFAULT_TABLE;
  const name = qualified(options.schema, table);
  const maxWindow = Math.max(...rules.map((r) => r.windowMs));
  const jitterMs = options.jitterMs ?? 10;
  const { knex } = options;
  const meterOptions = options.metering === undefined || options.metering === true ? {} : options.metering === false ? undefined : options.metering;
  const meter =
    meterOptions === undefined
      ? undefined
      : createPostgresQboMeter({
          knex,
          ...(options.schema === undefined ? {} : { schema: options.schema }),
          ...(meterOptions.flushIntervalMs === undefined ? {} : { flushIntervalMs: meterOptions.flushIntervalMs }),
          ...(meterOptions.logger === undefined ? {} : { logger: meterOptions.logger }),
        });

  async function tryAcquire(realmId: string, kind: RequestKind): Promise<{ grantedAt: number } | { waitMs: number }> {
    return knex.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`ledgerbus:qbo-rate:${name}:${realmId}`]);
      const clock = await trx.raw<{ rows: { now: string }[] }>('select (extract(epoch from clock_timestamp()) * 1000)::bigint as now');
      const now = Number(clock.rows[0]?.now);
      const rows = await trx(name)
        .where('realm_id', realmId)
        .andWhere('granted_ms', '>', now - maxWindow)
        .select<{ granted_ms: string; kind: string }[]>('granted_ms', 'kind');
      const stamps = rows.map((r) => ({ at: Number(r.granted_ms), kind: r.kind as RequestKind }));
      const waitMs = waitForRoom(stamps, rules, kind, now);
      if (waitMs > 0) return { waitMs };
      await trx(name).insert({ realm_id: realmId, kind, granted_ms: now });
      // Housekeeping for this realm: rows older than the longest window never count again.
      if (Math.random() < 0.05) await trx(name).where('realm_id', realmId).andWhere('granted_ms', '<=', now - maxWindow).delete();
      return { grantedAt: now };
    });
  }

  return {
    ...(meter === undefined ? {} : { meter }),
    async migrate() {
      await ensureRateLimiterSchema(knex, options.schema ? { schema: options.schema, table } : { table });
      await meter?.migrate();
    },
    async budget(realmId: string) {
      const clock = await knex.raw<{ rows: { now: string }[] }>('select (extract(epoch from clock_timestamp()) * 1000)::bigint as now');
      const now = Number(clock.rows[0]?.now);
      const rows = await knex(name).where('realm_id', realmId).andWhere('granted_ms', '>', now - maxWindow).select<{ granted_ms: string; kind: string }[]>('granted_ms', 'kind');
      return budgetOf(rows.map((r) => ({ at: Number(r.granted_ms), kind: r.kind as RequestKind })), rules, now);
    },
    async acquire(realmId: string, acquireOptions: AcquireOptions = {}): Promise<Grant> {
      const kind = acquireOptions.kind ?? 'request';
      const started = Date.now();
      for (;;) {
        const outcome = await tryAcquire(realmId, kind);
        if ('grantedAt' in outcome) return { realmId, kind, grantedAt: outcome.grantedAt, waitedMs: Date.now() - started };
        await sleep(outcome.waitMs + Math.random() * jitterMs, acquireOptions.signal);
      }
    },
    close: async () => {
      await meter?.close();
    },
  };
}
