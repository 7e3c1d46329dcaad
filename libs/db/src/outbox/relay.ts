import type { MessageBus, OutgoingMessage } from '@ledgerbus/bus';
import type { CloudEvent, TopicDefinition } from '@ledgerbus/contracts';
import { ContractViolation, findTopic } from '@ledgerbus/contracts';
import { LedgerbusError, createLogger, errorCode, isDatabaseUnavailable } from '@ledgerbus/kit';
import type { Logger } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import { assertSchemaName } from '../knex';
import { OUTBOX_DEAD_TABLE, OUTBOX_TABLE } from '../migrations';
import { Mutex } from '../mutex';
import { outboxChannel } from './outbox';

export interface OutboxRelayOptions {
  knex: Knex;
  bus: MessageBus;
  /** The service's schema (where its outbox table is). */
  schema: string;
  logger?: Logger;
  /** How often to look for rows when no NOTIFY arrives (and on PGlite). Default 1000 ms. */
  pollIntervalMs?: number;
  /** Rows per batch (one `bus.publish` per topic per batch). Default 100. */
  batchSize?: number;
  /** Topics besides the registry's (`findTopic`), e.g. a test's own topic. */
  topics?: readonly TopicDefinition[];
  /** LISTEN for the outbox NOTIFY (real PostgreSQL only). Default true. */
  listen?: boolean;
  /** Longest pause after failed batches (exponential backoff from pollIntervalMs). Default 30 s. */
  maxBackoffMs?: number;
  /**
   * Longest pause while the database itself is unavailable (`isDatabaseUnavailable`: a
   * restart, cut connections): short, so the relay is back within seconds of the server.
   * Default 5 s (never more than maxBackoffMs).
   */
  unavailableBackoffMs?: number;
}

export interface RelayBatchResult {
  /** False when another relay holds the lease of this schema right now. */
  leader: boolean;
  published: number;
  /** Rows moved to `outbox_dead`: the bus rejects them for good. */
  deadLettered: number;
}

export interface OutboxRelayStats {
  batches: number;
  published: number;
  deadLettered: number;
  failures: number;
}

export interface OutboxRelay {
  /** Start the loop: publish, then wait for a NOTIFY or the poll interval. */
  start(): void;
  /** Publish one batch now (oldest rows first). */
  runOnce(): Promise<RelayBatchResult>;
  /**
   * Publish everything pending (shutdown). Returns when the outbox is empty, or when
   * another relay holds the lease and the outbox is empty; throws `outbox_drain_timeout`.
   */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  /** Stop the loop after the batch in flight (its rows are deleted or stay for the next relay). Idempotent. */
  stop(): Promise<void>;
  readonly stats: Readonly<OutboxRelayStats>;
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  event: CloudEvent;
  headers: Record<string, string>;
}

/** Why a row can never be published: the same row would be rejected the same way on every attempt. */
interface Rejection {
  code: string;
  message: string;
  details?: { issues: Array<{ path: string; message: string }> };
}

interface DeadLetter {
  row: OutboxRow;
  rejection: Rejection;
}

interface BatchOutcome {
  leader: boolean;
  published: number;
  dead: DeadLetter[];
}

/**
 * A `bus.publish` error caused by the row itself: its event fails the topic's contract
 * (both adapters validate before sending anything). Anything else — the broker down or
 * slow, the bus closed — is not the row's fault and keeps the batch for the next attempt.
 */
function permanentRejection(err: unknown): Rejection | undefined {
  if (err instanceof ContractViolation) return { code: 'contract_violation', message: err.message, details: { issues: err.issues } };
  return undefined;
}

/** A dead row failed its contract: read its event id without trusting its shape. */
function eventIdOf(event: unknown): string | undefined {
  const id = typeof event === 'object' && event !== null ? (event as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Advisory-lock class of the relay lease ("lbob"); the object is hashtext(schema). */
const RELAY_LOCK_CLASS = 0x6c62_6f62;

/** On PGlite one process owns the database: relays of one schema in this process take turns. */
const inProcessLeases = new Map<string, Mutex>();

function inProcessLease(schema: string): Mutex {
  let mutex = inProcessLeases.get(schema);
  if (!mutex) {
    mutex = new Mutex();
    inProcessLeases.set(schema, mutex);
  }
  return mutex;
}

function isRealPostgres(knex: Knex): boolean {
  return (knex.client as { config: Knex.Config }).config.client === 'pg';
}

interface PgNotifyingConnection {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: (msg: { channel: string }) => void): unknown;
  on(event: 'error' | 'end', listener: (err?: unknown) => void): unknown;
}

interface RawConnectionClient {
  acquireRawConnection(): Promise<unknown>;
  destroyRawConnection(connection: unknown): Promise<void>;
}

/**
 * The outbox relay. Guarantees:
 * - at least once: rows are deleted only in the transaction that holds them after
 *   `bus.publish` resolved; a crash before that commit leaves them for the next run;
 * - per-key order: rows go out in id order and one relay per schema at a time publishes
 *   (a lease: `pg_try_advisory_xact_lock` taken by each batch's transaction, so a
 *   killed relay's lease dies with its connection); other relays are hot standbys;
 * - no state outside the table: restart anywhere, any time;
 * - a row the bus rejects for good (its event fails the contract, its topic is unknown)
 *   moves to `outbox_dead` in the transaction that deletes the published rows, so it
 *   never blocks the rows behind it; the later rows of its key are published (see README).
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { knex, bus, schema } = options;
  assertSchemaName(schema);
  const logger = (options.logger ?? createLogger({ name: 'outbox-relay', level: 'silent' })).child({ component: 'outbox-relay', schema });
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const batchSize = options.batchSize ?? 100;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const unavailableBackoffMs = Math.min(maxBackoffMs, options.unavailableBackoffMs ?? 5_000);
  const postgres = isRealPostgres(knex);
  const listen = (options.listen ?? true) && postgres;
  const extraTopics = new Map((options.topics ?? []).map((t) => [t.name, t]));
  const table = `${schema}.${OUTBOX_TABLE}`;
  const deadTable = `${schema}.${OUTBOX_DEAD_TABLE}`;
  const localTurn = new Mutex();
  const stats: OutboxRelayStats = { batches: 0, published: 0, deadLettered: 0, failures: 0 };

  function messageOf(row: OutboxRow): OutgoingMessage {
    const message: OutgoingMessage = { key: row.key, event: row.event };
    if (row.headers && Object.keys(row.headers).length > 0) message.headers = row.headers;
    return message;
  }

  /**
   * Publish the rows and return those rejected for good; any other error is thrown and the
   * whole batch stays in the outbox. One publish per topic, rows in id order inside it:
   * per (topic, key) order is kept.
   */
  async function publishRows(rows: OutboxRow[]): Promise<DeadLetter[]> {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const list = byTopic.get(row.topic);
      if (list) list.push(row);
      else byTopic.set(row.topic, [row]);
    }
    const dead: DeadLetter[] = [];
    for (const [name, topicRows] of byTopic) {
      const topic = extraTopics.get(name) ?? findTopic(name);
      if (!topic) {
        const rejection = { code: 'outbox_unknown_topic', message: `no topic "${name}" in the contracts registry or the relay's topics` };
        for (const row of topicRows) dead.push({ row, rejection });
        continue;
      }
      try {
        await bus.publish(topic, topicRows.map(messageOf));
      } catch (err) {
        if (!permanentRejection(err)) throw err;
        // Some row of the batch can never go out: publish one at a time, in id order, to find it.
        for (const row of topicRows) {
          try {
            await bus.publish(topic, [messageOf(row)]);
          } catch (rowErr) {
            const rejection = permanentRejection(rowErr);
            if (!rejection) throw rowErr;
            dead.push({ row, rejection });
          }
        }
      }
    }
    return dead;
  }

  /** Take the handled rows out of the outbox: the rejected ones into outbox_dead, with the reason. */
  async function settle(trx: Knex.Transaction, rows: OutboxRow[], dead: DeadLetter[]): Promise<void> {
    if (dead.length > 0) {
      const reasons = dead.map(({ row, rejection }) => ({ id: row.id, code: rejection.code, message: rejection.message, details: rejection.details }));
      await trx.raw(
        `insert into ?? (id, topic, key, event, headers, created_at, error_code, error_message, error_details)
         select o.id, o.topic, o.key, o.event, o.headers, o.created_at, d.code, d.message, d.details
         from ?? o join jsonb_to_recordset(?::jsonb) as d(id bigint, code text, message text, details jsonb) on d.id = o.id`,
        [deadTable, table, JSON.stringify(reasons)],
      );
    }
    await trx(table)
      .whereIn(
        'id',
        rows.map((r) => r.id),
      )
      .delete();
  }

  async function selectBatch(db: Knex): Promise<OutboxRow[]> {
    const rows = (await db(table).select('id', 'topic', 'key', 'event', 'headers').orderBy('id').limit(batchSize)) as Array<
      Omit<OutboxRow, 'id'> & { id: string | number }
    >;
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }

  async function batchOnPostgres(): Promise<BatchOutcome> {
    return knex.transaction(async (trx) => {
      const lock = await trx.raw<{ rows: Array<{ leader: boolean }> }>('select pg_try_advisory_xact_lock(?, hashtext(?)) as leader', [
        RELAY_LOCK_CLASS,
        schema,
      ]);
      if (lock.rows[0]?.leader !== true) return { leader: false, published: 0, dead: [] };
      const rows = await selectBatch(trx);
      if (rows.length === 0) return { leader: true, published: 0, dead: [] };
      const dead = await publishRows(rows);
      await settle(trx, rows, dead);
      return { leader: true, published: rows.length - dead.length, dead };
    });
  }

  async function batchOnPglite(): Promise<BatchOutcome> {
    // No transaction around publish: the single PGlite session must stay free for the
    // consumers that the (in-memory) bus may run while publishing.
    return inProcessLease(schema).run(async () => {
      const rows = await selectBatch(knex);
      if (rows.length === 0) return { leader: true, published: 0, dead: [] };
      const dead = await publishRows(rows);
      await knex.transaction((trx) => settle(trx, rows, dead));
      return { leader: true, published: rows.length - dead.length, dead };
    });
  }

  async function runOnce(): Promise<RelayBatchResult> {
    return localTurn.run(async () => {
      const { leader, published, dead } = postgres ? await batchOnPostgres() : await batchOnPglite();
      // Logged once committed. Names the row and the reason, never the event's fields.
      for (const { row, rejection } of dead) {
        logger.error(
          {
            topic: row.topic,
            outboxId: row.id,
            eventId: eventIdOf(row.event),
            code: rejection.code,
            reason: rejection.message,
            fields: rejection.details?.issues.map((i) => i.path),
          },
          `outbox row can never be published; moved to ${OUTBOX_DEAD_TABLE}`,
        );
      }
      if (published + dead.length > 0) {
        stats.batches += 1;
        stats.published += published;
        stats.deadLettered += dead.length;
        logger.debug({ published, deadLettered: dead.length }, 'outbox batch published');
      }
      return { leader, published, deadLettered: dead.length };
    });
  }

  // --- waking: NOTIFY or poll -------------------------------------------------
  let running = false;
  let loopDone: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let wokenEarly = false;
  let listener: PgNotifyingConnection | undefined;
  let lastListenAttempt = 0;

  function wake(): void {
    wokenEarly = true;
    wakeUp?.();
  }

  function pause(ms: number): Promise<void> {
    if (wokenEarly || !running) {
      wokenEarly = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wakeUp = undefined;
        wokenEarly = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function ensureListener(): Promise<void> {
    if (!listen || listener || Date.now() - lastListenAttempt < 5000) return;
    lastListenAttempt = Date.now();
    const client = knex.client as RawConnectionClient;
    try {
      const connection = (await client.acquireRawConnection()) as PgNotifyingConnection;
      const lost = (err?: unknown): void => {
        if (listener !== connection) return;
        listener = undefined;
        logger.warn({ err }, 'outbox LISTEN connection lost; polling until it is back');
        client.destroyRawConnection(connection).catch(() => {});
      };
      connection.on('error', lost);
      connection.on('end', lost);
      connection.on('notification', () => wake());
      await connection.query(`listen "${outboxChannel(schema)}"`);
      listener = connection;
    } catch (err) {
      logger.warn({ err }, 'cannot LISTEN for outbox notifications; polling');
    }
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (running) {
      await ensureListener();
      let wait = pollIntervalMs;
      try {
        const result = await runOnce();
        failures = 0;
        if (result.leader && result.published + result.deadLettered >= batchSize) continue; // more are waiting
      } catch (err) {
        failures += 1;
        stats.failures += 1;
        wait = Math.min(isDatabaseUnavailable(err) ? unavailableBackoffMs : maxBackoffMs, pollIntervalMs * 2 ** Math.min(failures, 16));
        logger.error({ err, code: errorCode(err), failures, retryInMs: wait }, 'outbox batch failed; it stays in the outbox');
      }
      await pause(wait);
    }
  }

  return {
    stats,
    runOnce,
    start() {
      if (running) return;
      running = true;
      loopDone = loop();
    },
    async drain({ timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      let lastError: unknown;
      for (;;) {
        try {
          const result = await runOnce();
          lastError = undefined;
          const handled = result.published + result.deadLettered;
          if (result.leader && handled === 0) return;
          if (!result.leader) {
            const [row] = (await knex(table).count<Array<{ count: string | number }>>('* as count')) as Array<{ count: string | number }>;
            if (Number(row?.count ?? 0) === 0) return;
          }
          if (result.leader && handled > 0) continue;
        } catch (err) {
          lastError = err;
        }
        if (Date.now() >= deadline) {
          throw new LedgerbusError('outbox_drain_timeout', `outbox of ${schema} not drained within ${timeoutMs} ms`, {
            retriable: true,
            cause: lastError,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, pollIntervalMs)));
      }
    },
    async stop() {
      running = false;
      wake();
      await loopDone;
      loopDone = undefined;
      const connection = listener;
      listener = undefined;
      if (connection) await (knex.client as RawConnectionClient).destroyRawConnection(connection).catch(() => {});
    },
  };
}
