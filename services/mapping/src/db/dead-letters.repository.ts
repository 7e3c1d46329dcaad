import type { Knex } from 'knex';
import type { DeadLetterStatus, NewDeadLetter } from '../domain/dead-letters';

type Db = Knex | Knex.Transaction;

export interface DeadLetter extends Omit<NewDeadLetter, 'dlqOffset'> {
  id: string;
  dlqOffset: string;
  status: DeadLetterStatus;
  replayedAt: Date | null;
  replayedBy: string | null;
  replayedByService: boolean | null;
}

export interface DeadLetterFilter {
  topic?: string | undefined;
  code?: string | undefined;
  status?: DeadLetterStatus | undefined;
  division?: string | undefined;
}

interface Row {
  id: string | number;
  dlq_topic: string;
  dlq_partition: number;
  dlq_offset: string | number;
  tenant_id: string | null;
  division_id: string;
  source_topic: string;
  source_partition: number | null;
  source_offset: string | number | null;
  event_id: string | null;
  event_type: string | null;
  code: string;
  message: string;
  handler: string | null;
  attempts: number | null;
  failed_at: Date | string;
  received_at: Date | string;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Uint8Array;
  not_replayable_reason: string | null;
  status: DeadLetterStatus;
  replayed_at: Date | string | null;
  replayed_by: string | null;
  replayed_by_service: boolean | null;
}

const bytes = (b: Uint8Array | null): Buffer | null => (b === null ? null : Buffer.from(b));

function fromRow(r: Row): DeadLetter {
  return {
    id: String(r.id),
    dlqTopic: r.dlq_topic,
    dlqPartition: r.dlq_partition,
    dlqOffset: String(r.dlq_offset),
    tenantId: r.tenant_id,
    divisionId: r.division_id === '' ? null : r.division_id,
    sourceTopic: r.source_topic,
    sourcePartition: r.source_partition,
    sourceOffset: r.source_offset === null ? null : String(r.source_offset),
    eventId: r.event_id,
    eventType: r.event_type,
    code: r.code,
    message: r.message,
    handler: r.handler,
    attempts: r.attempts,
    failedAt: new Date(r.failed_at),
    receivedAt: new Date(r.received_at),
    key: r.key === null ? null : Buffer.from(r.key).toString('utf8'),
    value: bytes(r.value),
    headers: JSON.parse(Buffer.from(r.headers).toString('utf8')) as Record<string, string>,
    notReplayableReason: r.not_replayable_reason,
    status: r.status,
    replayedAt: r.replayed_at === null ? null : new Date(r.replayed_at),
    replayedBy: r.replayed_by,
    replayedByService: r.replayed_by_service,
  };
}

function filtered(query: Knex.QueryBuilder, filter: DeadLetterFilter): Knex.QueryBuilder {
  if (filter.topic !== undefined) query = query.where({ source_topic: filter.topic });
  if (filter.code !== undefined) query = query.where({ code: filter.code });
  if (filter.status !== undefined) query = query.where({ status: filter.status });
  if (filter.division !== undefined) query = query.where({ division_id: filter.division });
  return query;
}

export const deadLettersRepository = {
  /**
   * Stores a dead letter once per DLQ record (topic, partition, offset): a redelivered
   * record is not stored again. Returns its id, or undefined when it was there already.
   */
  async insert(db: Db, d: NewDeadLetter): Promise<string | undefined> {
    const rows = await db('dead_letters')
      .insert({
        dlq_topic: d.dlqTopic,
        dlq_partition: d.dlqPartition,
        dlq_offset: d.dlqOffset,
        tenant_id: d.tenantId,
        division_id: d.divisionId ?? '',
        source_topic: d.sourceTopic,
        source_partition: d.sourcePartition,
        source_offset: d.sourceOffset,
        event_id: d.eventId,
        event_type: d.eventType,
        code: d.code,
        message: d.message,
        handler: d.handler,
        attempts: d.attempts,
        failed_at: d.failedAt,
        received_at: d.receivedAt,
        // Bytes, not text: a key, a value or a header may hold anything (a NUL, invalid UTF-8 in the value).
        key: d.key === null ? null : Buffer.from(d.key, 'utf8'),
        value: d.value,
        headers: Buffer.from(JSON.stringify(d.headers), 'utf8'),
        not_replayable_reason: d.notReplayableReason,
      })
      .onConflict(['dlq_topic', 'dlq_partition', 'dlq_offset'])
      .ignore()
      .returning<Array<{ id: string | number }>>('id');
    const row = rows[0];
    return row === undefined ? undefined : String(row.id);
  },

  /** The tenant's dead letters, newest first; `before` is the cursor (an id). */
  async list(db: Db, tenantId: string, filter: DeadLetterFilter & { before?: string | undefined; limit: number }): Promise<DeadLetter[]> {
    let query = filtered(db<Row>('dead_letters').where({ tenant_id: tenantId }), filter);
    if (filter.before !== undefined) query = query.where('id', '<', filter.before);
    const rows = (await query.orderBy('id', 'desc').limit(filter.limit)) as Row[];
    return rows.map(fromRow);
  },

  /** The tenant's dead letters with these ids (another tenant's are not found); `forUpdate` locks them. */
  async getMany(db: Db, tenantId: string, ids: readonly string[], options: { forUpdate?: boolean } = {}): Promise<DeadLetter[]> {
    if (ids.length === 0) return [];
    let query = db<Row>('dead_letters').where({ tenant_id: tenantId }).whereIn('id', [...ids]);
    if (options.forUpdate) query = query.forUpdate();
    const rows = await query.orderBy('id');
    return rows.map(fromRow);
  },

  async get(db: Db, tenantId: string, id: string): Promise<DeadLetter | undefined> {
    return (await this.getMany(db, tenantId, [id]))[0];
  },

  /** The tenant's oldest pending, replayable dead letters that match, locked. */
  async pendingReplayable(trx: Knex.Transaction, tenantId: string, filter: DeadLetterFilter, limit: number): Promise<DeadLetter[]> {
    const query = filtered(trx<Row>('dead_letters').where({ tenant_id: tenantId, status: 'pending' }).whereNull('not_replayable_reason'), filter);
    const rows = (await query.orderBy('id').limit(limit).forUpdate()) as Row[];
    return rows.map(fromRow);
  },

  async markReplayed(trx: Knex.Transaction, ids: readonly string[], by: { sub: string; isService: boolean }, at: Date): Promise<void> {
    if (ids.length === 0) return;
    await trx('dead_letters')
      .whereIn('id', [...ids])
      .update({ status: 'replayed', replayed_at: at, replayed_by: by.sub, replayed_by_service: by.isService });
  },
};
