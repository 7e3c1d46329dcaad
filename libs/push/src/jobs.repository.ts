import type { Knex } from 'knex';
import type { IntakeRecord, JobRow, OutcomeRow } from './job-row';
import { newestOfChunk, toJob } from './job-row';
import type { PushJob } from './types';

const OP_RANK = "case ? when 'upsert' then 0 when 'void' then 1 else 2 end";

/** Every statement on `push_jobs` that the engine runs (the run scan's tagging is in `run-scan.ts`, the backlog gauge in `push-metrics.ts`). */
export interface JobsRepository {
  /**
   * Take records into `push_jobs` with one statement: a record's newest version (and, at one
   * version, the strongest op: upsert < void < delete) wins, also within the chunk; a void
   * or delete keeps the newest upsert's payload (a void without a QBO id is looked up by it).
   * `run_id` stays: a newer version of a record a run queued still counts for that run.
   */
  ingest(records: readonly IntakeRecord[]): Promise<void>;
  /** Claim up to `limit` ready jobs of a tenant: each counts an attempt and is in doubt until its outcome is written. */
  claim(tenantId: string, limit: number): Promise<PushJob[]>;
  /** Write a round's outcomes with ONE statement (inside the round's outbox transaction). */
  recordOutcomes(trx: Knex.Transaction, rows: readonly OutcomeRow[]): Promise<void>;
  /** A tenant's pending jobs that back off or wait are ready now. */
  readyNow(tenantId: string): Promise<void>;
  /** An admin's retry: a failed, skipped or held record is pending again with its attempts back. */
  retry(tenantId: string, recordId: string): Promise<void>;
  /** Held jobs of a tenant go back to pending. Returns how many. */
  releaseHeld(tenantId: string): Promise<number>;
  /** Failed jobs whose code says one of their `dependency` records failed: their ids and payloads. */
  failedOnDependency(tenantId: string, dependency: string): Promise<Array<{ recordId: string; payload: Record<string, unknown> | null }>>;
  /** Failed jobs are pending again with their attempts back. */
  requeueFailed(tenantId: string, recordIds: readonly string[]): Promise<void>;
}

async function ingest(knex: Knex, sourceTopic: string, records: readonly IntakeRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = newestOfChunk(records).map(({ record: r, ord, upsertPayload }) => ({
    ord,
    tenant_id: r.tenantId,
    division_id: r.divisionId,
    record_id: r.recordId,
    op: r.op,
    version: r.version,
    payload: upsertPayload ?? null,
    event_id: r.eventId,
    correlation_id: r.correlationId,
  }));
  await knex.raw(
    `insert into push_jobs (tenant_id, division_id, record_id, op, version, payload, event_id, correlation_id, source_topic)
     select r.tenant_id, r.division_id, r.record_id, r.op, r.version, r.payload, r.event_id, r.correlation_id, ?
     from jsonb_to_recordset(?::jsonb) as r(ord int, tenant_id text, division_id text, record_id text, op text, version bigint, payload jsonb, event_id text, correlation_id text)
     order by r.ord
     on conflict (tenant_id, record_id) do update set
       op = excluded.op, version = excluded.version, division_id = excluded.division_id,
       payload = coalesce(excluded.payload, push_jobs.payload),
       event_id = excluded.event_id, correlation_id = excluded.correlation_id, status = 'pending', attempts = 0, last_code = null, last_message = null,
       not_before = now(), waiting_since = now(), updated_at = now(),
       seq = nextval(pg_get_serial_sequence('push_jobs', 'seq'))
     where excluded.version > push_jobs.version
        or (excluded.version = push_jobs.version and ${OP_RANK.replace('?', 'excluded.op')} > ${OP_RANK.replace('?', 'push_jobs.op')})`,
    [sourceTopic, JSON.stringify(rows)],
  );
}

async function claim(knex: Knex, tenantId: string, limit: number): Promise<PushJob[]> {
  const res = await knex.raw<{ rows: JobRow[] }>(
    `with picked as (
       select tenant_id, record_id, in_doubt from push_jobs
       where tenant_id = ? and status = 'pending' and not_before <= now()
       order by seq limit ? for update skip locked)
     update push_jobs j set attempts = j.attempts + 1, in_doubt = true, updated_at = now()
     from picked p where j.tenant_id = p.tenant_id and j.record_id = p.record_id
     returning j.*, p.in_doubt as was_in_doubt`,
    [tenantId, limit],
  );
  return res.rows.map(toJob);
}

/**
 * Write a round's outcomes with ONE statement. For each job:
 * - a `pushed` / `removed` outcome records what QBO now holds (qbo id, sync token, state,
 *   pushed version) even if a newer version arrived meanwhile — the effect happened;
 * - status, attempts bookkeeping and the back-off change only if the row still holds the
 *   claimed version and op (a newer intake made it pending again and must stay so).
 */
async function recordOutcomes(trx: Knex.Transaction, rows: readonly OutcomeRow[]): Promise<void> {
  if (rows.length === 0) return;
  const same = 'j.version = r.version and j.op = r.op';
  const effect = "r.kind in ('pushed', 'removed')";
  await trx.raw(
    `update push_jobs j set
       qbo_id = case when r.kind = 'pushed' then r.qbo_id when r.kind = 'removed' then coalesce(r.qbo_id, j.qbo_id) else j.qbo_id end,
       qbo_doc_number = case when r.kind = 'pushed' then r.doc_number else j.qbo_doc_number end,
       realm_id = case when r.kind = 'pushed' or (r.kind = 'removed' and r.qbo_id is not null) then r.realm_id else j.realm_id end,
       qbo_sync_token = case when ${effect} then r.sync_token else j.qbo_sync_token end,
       qbo_state = case when ${effect} then r.qbo_state else j.qbo_state end,
       pushed_version = case when ${effect} then r.version else j.pushed_version end,
       pushed_op = case when ${effect} then r.op else j.pushed_op end,
       status = case when ${same} then r.status else j.status end,
       attempts = case when ${same} then r.attempts else j.attempts end,
       in_doubt = case when ${same} then r.in_doubt when ${effect} then false else j.in_doubt end,
       not_before = case when ${same} and r.delay_ms is not null then now() + (r.delay_ms * interval '1 millisecond') else j.not_before end,
       last_code = case when ${same} then r.last_code else j.last_code end,
       last_message = case when ${same} then r.last_message else j.last_message end,
       updated_at = case when ${same} then now() else j.updated_at end
     from jsonb_to_recordset(?::jsonb) as r(
       tenant_id text, record_id text, version bigint, op text, kind text, status text, attempts int, in_doubt boolean,
       delay_ms bigint, last_code text, last_message text, qbo_id text, sync_token text, doc_number text,
       qbo_state text, realm_id text)
     where j.tenant_id = r.tenant_id and j.record_id = r.record_id and (${effect} or ${same})`,
    [JSON.stringify(rows)],
  );
}

export function createJobsRepository(knex: Knex, sourceTopic: string): JobsRepository {
  const pendingAgain = () => ({ status: 'pending', attempts: 0, not_before: knex.fn.now(), waiting_since: knex.fn.now(), updated_at: knex.fn.now() });
  return {
    ingest: (records) => ingest(knex, sourceTopic, records),
    claim: (tenantId, limit) => claim(knex, tenantId, limit),
    recordOutcomes,

    async readyNow(tenantId) {
      await knex('push_jobs').where({ tenant_id: tenantId, status: 'pending' }).where('not_before', '>', knex.fn.now()).update({ not_before: knex.fn.now() });
    },

    async retry(tenantId, recordId) {
      await knex('push_jobs').where({ tenant_id: tenantId, record_id: recordId }).whereIn('status', ['failed', 'skipped', 'held']).update(pendingAgain());
    },

    async releaseHeld(tenantId) {
      return knex('push_jobs')
        .where({ tenant_id: tenantId, status: 'held' })
        .update({ status: 'pending', not_before: knex.fn.now(), waiting_since: knex.fn.now(), updated_at: knex.fn.now() });
    },

    async failedOnDependency(tenantId, dependency) {
      const rows: Array<{ record_id: string; payload: Record<string, unknown> | null }> = await knex('push_jobs')
        .where({ tenant_id: tenantId, status: 'failed' })
        .whereIn('last_code', [`${dependency}_sync_failed`, `${dependency}_push_failed`])
        .select('record_id', 'payload');
      return rows.map((r) => ({ recordId: r.record_id, payload: r.payload }));
    },

    async requeueFailed(tenantId, recordIds) {
      await knex('push_jobs').where({ tenant_id: tenantId, status: 'failed' }).whereIn('record_id', recordIds).update(pendingAgain());
    },
  };
}
