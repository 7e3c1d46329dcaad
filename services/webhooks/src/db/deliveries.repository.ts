import type { Knex } from 'knex';
import type { EndpointRow } from './endpoints.repository';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRow {
  id: string;
  seq: string;
  endpoint_id: string;
  tenant_id: string;
  event_id: string;
  event_type: string;
  event_key: string;
  event_time: Date;
  status: DeliveryStatus;
  attempts: number;
  round_attempts: number;
  replays: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  given_up_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AttemptRow {
  id: string;
  delivery_id: string;
  attempt: number;
  started_at: Date;
  latency_ms: number;
  status_code: number | null;
  outcome: 'delivered' | 'failed';
  error: string | null;
  owner: string;
}

/** An event as stored for delivery. */
export interface StoredEvent {
  tenantId: string;
  eventId: string;
  eventType: string;
  eventKey: string;
  eventTime: string;
  payload: string;
}

/** A delivery this replica leased, with what it needs to send it. */
export type ClaimedDelivery = DeliveryRow &
  Pick<EndpointRow, 'url' | 'secret_key_id' | 'secret_ciphertext' | 'previous_secret_key_id' | 'previous_secret_ciphertext' | 'previous_secret_expires_at' | 'consecutive_failures'> & {
    payload: string;
  };

/**
 * Leases up to `limit` lines whose head (the earliest pending delivery of the (endpoint, key)
 * line) is due, of enabled endpoints, that nobody holds, and returns their heads. A line has at
 * most one attempt in flight, so a later event never overtakes an earlier one; `skip locked` lets
 * replicas claim side by side, and the re-check in the update drops a line another replica leased
 * meanwhile. The cost is one index probe per line (endpoints × keys), not per pending delivery.
 */
const CLAIM_SQL = `
with picked as (
  select l.endpoint_id, l.event_key, h.id as delivery_id, h.next_attempt_at
    from webhook_lines l
    join webhook_endpoints e on e.id = l.endpoint_id and e.enabled
    cross join lateral (
      select d.id, d.next_attempt_at from webhook_deliveries d
       where d.endpoint_id = l.endpoint_id and d.event_key = l.event_key and d.status = 'pending'
       order by d.seq
       limit 1) h
   where (l.lease_until is null or l.lease_until < now()) and h.next_attempt_at <= now()
   order by h.next_attempt_at
   limit :limit
   for update of l skip locked
), leased as (
  update webhook_lines l
     set lease_owner = :owner, lease_until = now() + (:leaseMs * interval '1 millisecond')
    from picked p
   where l.endpoint_id = p.endpoint_id and l.event_key = p.event_key and (l.lease_until is null or l.lease_until < now())
  returning p.delivery_id
)
select d.*, e.url, e.secret_key_id, e.secret_ciphertext, e.previous_secret_key_id, e.previous_secret_ciphertext,
       e.previous_secret_expires_at, e.consecutive_failures, ev.payload
  from leased
  join webhook_deliveries d on d.id = leased.delivery_id
  join webhook_endpoints e on e.id = d.endpoint_id
  join webhook_events ev on ev.tenant_id = d.tenant_id and ev.event_id = d.event_id
 order by d.next_attempt_at, d.seq`;

export interface AttemptResult {
  startedAt: Date;
  latencyMs: number;
  statusCode: number | null;
  /** `http_<status>`, `timeout`, `connection_refused` …; null when delivered. */
  error: string | null;
  delivered: boolean;
}

export interface SettledAttempt {
  status: DeliveryStatus;
  /** The status before this outcome (failed: its endpoint was disabled while the attempt was in flight). */
  previousStatus: DeliveryStatus;
  /** The attempt's number (1 = first attempt of the delivery). */
  attempt: number;
  /** The line's next head, leased to this owner already, when it was due (see SETTLE_SQL). */
  next: ClaimedDelivery | undefined;
}

/**
 * One round trip for an outcome (see `settle`); every part sees the line lock taken first. When the
 * delivery is done with (delivered or given up) and the line's next head is due, the line stays
 * leased and that head comes back with the answer, so a busy line costs one statement per event.
 */
const SETTLE_SQL = `
with line as (
  select endpoint_id from webhook_lines where endpoint_id = :endpointId and event_key = :eventKey and lease_owner = :owner for update
), cur as (
  select d.id, d.status, d.attempts from webhook_deliveries d where d.id = :id and exists (select 1 from line) for update
), attempt as (
  insert into webhook_attempts (delivery_id, attempt, started_at, latency_ms, status_code, outcome, error, owner)
  select cur.id, cur.attempts + 1, :startedAt, :latencyMs, :statusCode, :outcome, :error, :owner from cur
), next as (
  select cur.id, cur.status as previous_status, cur.attempts + 1 as attempt,
         case when :delivered then 'delivered'
              when cur.status <> 'pending' then cur.status
              when cast(:retryInMs as integer) is null then 'failed'
              else 'pending' end as status
    from cur
), updated as (
  update webhook_deliveries d
     set status = next.status, attempts = next.attempt, round_attempts = d.round_attempts + 1,
         last_attempt_at = :startedAt, last_status_code = :statusCode, last_error = :error, updated_at = now(),
         delivered_at = case when next.status = 'delivered' then now() else d.delivered_at end,
         given_up_at = case when next.status = 'failed' and next.previous_status = 'pending' then now() else d.given_up_at end,
         next_attempt_at = case when next.status = 'pending' then now() + (cast(:retryInMs as integer) * interval '1 millisecond') else d.next_attempt_at end
    from next
   where d.id = next.id
  returning next.status, next.previous_status, next.attempt
), head as (
  select h.id, h.next_attempt_at from webhook_deliveries h
   where h.endpoint_id = :endpointId and h.event_key = :eventKey and h.status = 'pending' and h.id <> :id
     and cast(:chain as boolean) and exists (select 1 from updated where updated.status <> 'pending')
     and exists (select 1 from webhook_endpoints e where e.id = :endpointId and e.enabled)
   order by h.seq
   limit 1
), due as (
  select id from head where next_attempt_at <= now()
), released as (
  update webhook_lines
     set lease_owner = case when exists (select 1 from due) then :owner end,
         lease_until = case when exists (select 1 from due) then now() + (cast(:leaseMs as integer) * interval '1 millisecond') end
   where endpoint_id = :endpointId and event_key = :eventKey and exists (select 1 from line)
)
select u.status, u.previous_status, u.attempt,
       (select row_to_json(x) from (
          select d.*, e.url, e.secret_key_id, e.secret_ciphertext, e.previous_secret_key_id, e.previous_secret_ciphertext,
                 e.previous_secret_expires_at, e.consecutive_failures, ev.payload
            from due
            join webhook_deliveries d on d.id = due.id
            join webhook_endpoints e on e.id = d.endpoint_id
            join webhook_events ev on ev.tenant_id = d.tenant_id and ev.event_id = d.event_id) x) as next_delivery
  from updated u`;

export interface ListQuery {
  status?: DeliveryStatus | undefined;
  eventType?: string | undefined;
  /** Deliveries older (lower seq) than this cursor. */
  before?: string | undefined;
  limit: number;
}

export const deliveriesRepository = {
  /** Stores the events once (per tenant and id); a redelivered event is ignored. */
  async insertEvents(trx: Knex.Transaction, events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    await trx('webhook_events')
      .insert(
        events.map((e) => ({ tenant_id: e.tenantId, event_id: e.eventId, event_type: e.eventType, event_key: e.eventKey, event_time: e.eventTime, payload: e.payload })),
      )
      .onConflict(['tenant_id', 'event_id'])
      .ignore();
  },

  /**
   * Queues one delivery per (endpoint, event), in the order given (their seq follows it): the order
   * of the topic's partition. A delivery that exists already (a redelivered event) keeps its place.
   * Returns how many were new.
   */
  async queue(trx: Knex.Transaction, rows: ReadonlyArray<{ id: string; endpointId: string; event: StoredEvent }>): Promise<number> {
    if (rows.length === 0) return 0;
    // The seqs are drawn first and handed out in the rows' order, whatever order a multi-row insert takes.
    const drawn = await trx.raw<{ rows: Array<{ seq: string }> }>("select nextval(pg_get_serial_sequence('webhook_deliveries', 'seq')) as seq from generate_series(1, ?)", [rows.length]);
    const seqs = drawn.rows.map((r) => BigInt(r.seq)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let created = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const inserted = (await trx('webhook_deliveries')
        .insert(
          rows.slice(i, i + 500).map((r, k) => ({
            id: r.id,
            seq: String(seqs[i + k]),
            endpoint_id: r.endpointId,
            tenant_id: r.event.tenantId,
            event_id: r.event.eventId,
            event_type: r.event.eventType,
            event_key: r.event.eventKey,
            event_time: r.event.eventTime,
            status: 'pending',
          })),
        )
        .onConflict(['endpoint_id', 'event_id'])
        .ignore()
        .returning('id')) as unknown[];
      created += inserted.length;
    }
    const lines = new Map(rows.map((r) => [`${r.endpointId} ${r.event.eventKey}`, { endpoint_id: r.endpointId, event_key: r.event.eventKey }]));
    await trx('webhook_lines').insert([...lines.values()]).onConflict(['endpoint_id', 'event_key']).ignore();
    return created;
  },

  async claim(db: Knex, owner: string, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const res = await db.raw<{ rows: ClaimedDelivery[] }>(CLAIM_SQL, { owner, leaseMs, limit });
    return res.rows;
  },

  /**
   * Writes an attempt's outcome in one statement, if this owner still holds the line's lease: the
   * attempt row, the delivery (delivered, retried after `retryInMs`, or given up when `retryInMs` is
   * undefined) and the line's lease let go — or kept, with the line's next head, when `chain` is
   * given and that head is due. A delivery that is no longer pending (its endpoint was
   * disabled meanwhile) keeps its status unless this attempt delivered it. Undefined when the lease
   * was lost (expired and taken by another replica) or the delivery is gone (endpoint deleted).
   */
  async settle(
    db: Knex,
    d: Pick<DeliveryRow, 'id' | 'endpoint_id' | 'event_key'>,
    owner: string,
    result: AttemptResult,
    retryInMs: number | undefined,
    chain: { leaseMs: number } | undefined,
  ): Promise<SettledAttempt | undefined> {
    const res = await db.raw<{ rows: Array<{ status: DeliveryStatus; previous_status: DeliveryStatus; attempt: number; next_delivery: ClaimedDelivery | null }> }>(SETTLE_SQL, {
      endpointId: d.endpoint_id,
      eventKey: d.event_key,
      owner,
      id: d.id,
      startedAt: result.startedAt,
      latencyMs: Math.max(0, Math.round(result.latencyMs)),
      statusCode: result.statusCode,
      outcome: result.delivered ? 'delivered' : 'failed',
      error: result.error,
      delivered: result.delivered,
      retryInMs: retryInMs ?? null,
      chain: chain !== undefined,
      leaseMs: chain?.leaseMs ?? 0,
    });
    const row = res.rows[0];
    if (row === undefined) return undefined;
    return { status: row.status, previousStatus: row.previous_status, attempt: Number(row.attempt), next: row.next_delivery ?? undefined };
  },

  /** Gives up every pending delivery of an endpoint (it was disabled): the line is free, replay brings them back. */
  async failPending(trx: Knex.Transaction, endpointId: string, reason: string): Promise<number> {
    return trx('webhook_deliveries')
      .where({ endpoint_id: endpointId, status: 'pending' })
      .update({ status: 'failed', given_up_at: trx.fn.now(), last_error: reason, updated_at: trx.fn.now() });
  },

  async list(db: Knex, endpointId: string, q: ListQuery): Promise<DeliveryRow[]> {
    const query = db('webhook_deliveries').where({ endpoint_id: endpointId });
    if (q.status !== undefined) void query.andWhere({ status: q.status });
    if (q.eventType !== undefined) void query.andWhere({ event_type: q.eventType });
    if (q.before !== undefined) void query.andWhere('seq', '<', q.before);
    return (await query.orderBy('seq', 'desc').limit(q.limit)) as DeliveryRow[];
  },

  async get(db: Knex, endpointId: string, id: string): Promise<DeliveryRow | undefined> {
    return (await db('webhook_deliveries').where({ endpoint_id: endpointId, id }).first()) as DeliveryRow | undefined;
  },

  async attempts(db: Knex, deliveryId: string): Promise<AttemptRow[]> {
    return (await db('webhook_attempts').where({ delivery_id: deliveryId }).orderBy('id')) as AttemptRow[];
  },

  /**
   * Sends a delivery again: pending with a fresh round of attempts, at the end of its line (a new
   * seq), due now. One that is pending already is left as it is.
   */
  async reopen(trx: Knex.Transaction, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    // New seqs are drawn in the old order (the projection runs over the sorted subquery), so a
    // replayed range keeps its events' order in the line.
    const res = await trx.raw<{ rowCount: number }>(
      `with o as materialized (
         select s.id, nextval(pg_get_serial_sequence('webhook_deliveries', 'seq')) as new_seq
           from (select id, seq from webhook_deliveries where id in (${ids.map(() => '?').join(', ')}) and status <> 'pending' order by seq) s)
       update webhook_deliveries d
          set status = 'pending', seq = o.new_seq, round_attempts = 0, replays = d.replays + 1,
              next_attempt_at = now(), given_up_at = null, updated_at = now()
         from o
        where d.id = o.id`,
      [...ids],
    );
    return res.rowCount;
  },

  /**
   * The tenant's stored events (null: every tenant's) of [from, to) by event time that `eventTypes` takes
   * (exact types and "prefix.*"; empty = all), oldest first, at most `limit`.
   */
  async eventsBetween(db: Knex, tenantId: string | null, from: Date, to: Date, eventTypes: readonly string[], limit: number): Promise<StoredEvent[]> {
    const exact = eventTypes.filter((t) => !t.endsWith('.*'));
    const prefixes = eventTypes.filter((t) => t.endsWith('.*')).map((t) => `${t.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const query = db('webhook_events').where('event_time', '>=', from).andWhere('event_time', '<', to);
    if (tenantId !== null) void query.andWhere({ tenant_id: tenantId });
    if (eventTypes.length > 0) {
      void query.andWhere((w) => {
        if (exact.length > 0) void w.orWhereIn('event_type', exact);
        for (const p of prefixes) void w.orWhere('event_type', 'like', p);
      });
    }
    const rows = (await query
      .orderBy([{ column: 'event_time' }, { column: 'received_at' }])
      .limit(limit)) as Array<{ tenant_id: string; event_id: string; event_type: string; event_key: string; event_time: Date; payload: string }>;
    return rows.map((r) => ({ tenantId: r.tenant_id, eventId: r.event_id, eventType: r.event_type, eventKey: r.event_key, eventTime: new Date(r.event_time).toISOString(), payload: r.payload }));
  },

  async byEvents(trx: Knex.Transaction, endpointId: string, eventIds: readonly string[]): Promise<Array<{ id: string; event_id: string }>> {
    if (eventIds.length === 0) return [];
    return trx('webhook_deliveries').where({ endpoint_id: endpointId }).whereIn('event_id', [...eventIds]).select<Array<{ id: string; event_id: string }>>('id', 'event_id');
  },

  async backlog(db: Knex): Promise<{ pending: number; due: number }> {
    const res = await db.raw<{ rows: Array<{ pending: string; due: string }> }>(
      "select count(*) as pending, count(*) filter (where next_attempt_at <= now()) as due from webhook_deliveries where status = 'pending'",
    );
    const row = res.rows[0];
    return { pending: Number(row?.pending ?? 0), due: Number(row?.due ?? 0) };
  },

  /** Forgets events received before `olderThanMs` ago that nothing waits to send (their deliveries and attempts go with them). */
  async prune(db: Knex, olderThanMs: number, limit = 1000): Promise<number> {
    const res = await db.raw<{ rowCount: number }>(
      `delete from webhook_events ev
        where (ev.tenant_id, ev.event_id) in (
          select e.tenant_id, e.event_id from webhook_events e
           where e.received_at < now() - (? * interval '1 millisecond')
             and not exists (select 1 from webhook_deliveries d where d.tenant_id = e.tenant_id and d.event_id = e.event_id and d.status = 'pending')
           limit ?)`,
      [olderThanMs, limit],
    );
    return res.rowCount;
  },
};
