import { createHash } from 'node:crypto';
import type { OutgoingMessage } from '@ledgerbus/bus';
import { withCausation } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { ContractViolation, validateEvent } from '@ledgerbus/contracts';
import { ValidationError } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import { DatabaseUsageError } from '../errors';
import { OUTBOX_DEAD_TABLE, OUTBOX_TABLE } from '../migrations';

/** The NOTIFY channel of a schema's outbox (md5 keeps it under PostgreSQL's 63-byte limit). */
export function outboxChannel(schema: string): string {
  return `lb_outbox_${createHash('md5').update(schema).digest('hex')}`;
}

export interface OutboxOptions {
  /**
   * The schema of the outbox tables. Default: the connection's search_path (what
   * `createDatabase` sets), so `outbox.enqueue(trx, …)` needs nothing else.
   */
  schema?: string;
  /** Send a NOTIFY at commit so a listening relay wakes at once. Default true. */
  notify?: boolean;
}

export interface Outbox {
  /**
   * Validate each event against the topic's contract and insert it in the caller's
   * transaction: the events are published if and only if the transaction commits.
   * Returns the outbox ids (their publish order).
   */
  enqueue(trx: Knex.Transaction, topic: TopicDefinition, messages: readonly OutgoingMessage[]): Promise<string[]>;
  /**
   * The rows the relay moved out of the outbox because the bus rejects them for good,
   * oldest outbox id first (at most `limit`, default 100).
   */
  deadRows(db: Knex, options?: { limit?: number }): Promise<DeadOutboxRow[]>;
}

/** An outbox row that can never be published, with the reason (the `outbox_dead` table). */
export interface DeadOutboxRow {
  /** Its outbox id: its place in the publish order. */
  id: string;
  topic: string;
  key: string;
  /** As written to the outbox: it failed the topic's contract, so no shape is promised. */
  event: unknown;
  headers: Record<string, string>;
  createdAt: Date;
  failedAt: Date;
  /** `contract_violation` or `outbox_unknown_topic`. */
  errorCode: string;
  errorMessage: string;
  /** For a contract violation, `{ issues: [{ path, message }] }`. */
  errorDetails: unknown;
}

interface DeadOutboxRecord {
  id: string | number;
  topic: string;
  key: string;
  event: unknown;
  headers: Record<string, string>;
  created_at: Date | string;
  failed_at: Date | string;
  error_code: string;
  error_message: string;
  error_details: unknown;
}

const INSERT_CHUNK = 1000;

export function createOutbox(options: OutboxOptions = {}): Outbox {
  const notify = options.notify ?? true;
  return {
    async enqueue(trx, topic, messages) {
      if (!(trx as { isTransaction?: boolean }).isTransaction) {
        throw new DatabaseUsageError('outbox_needs_transaction', 'outbox.enqueue must run inside the transaction that changes the state');
      }
      if (messages.length === 0) return [];
      const rows = messages.map((message, index) => {
        let event;
        try {
          // Inside a handler: the event names the handled one as its cause and keeps the flow's correlation id.
          event = validateEvent(topic, message.key, withCausation(message.event));
        } catch (err) {
          if (err instanceof ContractViolation) {
            throw new ValidationError(`outbox message ${index} for ${topic.name}: ${err.message}`, { topic: topic.name, index, issues: err.issues }, err);
          }
          throw err;
        }
        return {
          topic: topic.name,
          key: message.key,
          event: JSON.stringify(event),
          headers: JSON.stringify(message.headers ?? {}),
        };
      });
      const table = options.schema ? `${options.schema}.${OUTBOX_TABLE}` : OUTBOX_TABLE;
      const ids: string[] = [];
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const inserted = await trx(table)
          .insert(rows.slice(i, i + INSERT_CHUNK))
          .returning<Array<{ id: string | number }>>('id');
        for (const row of inserted) ids.push(String(row.id));
      }
      if (notify) {
        const channel = options.schema
          ? trx.raw('?', [outboxChannel(options.schema)])
          : trx.raw("'lb_outbox_' || md5(current_schema())");
        await trx.raw('select pg_notify(?, ?)', [channel, '']);
      }
      return ids;
    },

    async deadRows(db, { limit = 100 } = {}) {
      const table = options.schema ? `${options.schema}.${OUTBOX_DEAD_TABLE}` : OUTBOX_DEAD_TABLE;
      const rows = (await db(table).select('*').orderBy('id').limit(limit)) as DeadOutboxRecord[];
      return rows.map((r) => ({
        id: String(r.id),
        topic: r.topic,
        key: r.key,
        event: r.event,
        headers: r.headers,
        createdAt: new Date(r.created_at),
        failedAt: new Date(r.failed_at),
        errorCode: r.error_code,
        errorMessage: r.error_message,
        errorDetails: r.error_details,
      }));
    },
  };
}

/** An outbox that writes to the transaction's own schema (its search_path). */
export const outbox: Outbox = createOutbox();
