import type { PushJob, PushOp, PushOutcome } from './types';

/** A `push_jobs` row as a claim returns it (with the in-doubt flag from before the claim). */
export interface JobRow {
  tenant_id: string;
  record_id: string;
  op: PushOp;
  version: string | number;
  payload: Record<string, unknown> | null;
  event_id: string;
  attempts: number;
  was_in_doubt: boolean;
  waiting_since: Date;
  qbo_id: string | null;
  qbo_sync_token: string | null;
  qbo_doc_number: string | null;
  qbo_state: PushJob['qboState'];
  pushed_version: string | number | null;
  realm_id: string | null;
  last_code: string | null;
  division_id: string | null;
  run_id: string | null;
  correlation_id: string | null;
}

export function toJob(r: JobRow): PushJob {
  return {
    tenantId: r.tenant_id,
    divisionId: r.division_id,
    recordId: r.record_id,
    op: r.op,
    version: Number(r.version),
    payload: r.payload,
    eventId: r.event_id,
    attempts: r.attempts,
    inDoubt: r.was_in_doubt,
    waitingSince: new Date(r.waiting_since),
    realmId: r.realm_id,
    qboId: r.qbo_id,
    qboSyncToken: r.qbo_sync_token,
    qboDocNumber: r.qbo_doc_number,
    qboState: r.qbo_state,
    pushedVersion: r.pushed_version === null ? null : Number(r.pushed_version),
    lastCode: r.last_code,
    runId: r.run_id,
    correlationId: r.correlation_id,
  };
}

/** A platform record as the intake takes it from its topic. */
export interface IntakeRecord {
  tenantId: string;
  /** The division the record belongs to (its settings and company), if any. */
  divisionId: string | null;
  recordId: string;
  op: PushOp;
  version: number;
  /** The record's data (upserts only). */
  payload: unknown;
  eventId: string;
  /** The flow's correlation id: the event's own, else its id. */
  correlationId: string;
}

/** One job's outcome as a row of the round's single set-based UPDATE (see `JobsRepository.recordOutcomes`). */
export interface OutcomeRow {
  tenant_id: string;
  record_id: string;
  version: number;
  op: PushOp;
  /** pushed | removed change the push state whatever version the row holds now; the rest only touch the claimed version. */
  kind: PushOutcome['kind'];
  status: 'done' | 'pending' | 'failed' | 'skipped' | 'held';
  /** Push attempts so far: a claim counts one, a round that only waited for a dependency gives it back. */
  attempts: number;
  in_doubt: boolean;
  delay_ms: number | null;
  last_code: string | null;
  last_message: string | null;
  qbo_id: string | null;
  sync_token: string | null;
  doc_number: string | null;
  qbo_state: string | null;
  realm_id: string | null;
}

export const OP_ORDER: Record<PushOp, number> = { upsert: 0, void: 1, delete: 2 };

/**
 * The newest version of each record of a chunk (and, at one version, the strongest op:
 * upsert < void < delete); a void or delete keeps the newest upsert's payload.
 */
export function newestOfChunk(records: readonly IntakeRecord[]): Array<{ record: IntakeRecord; ord: number; upsertPayload: unknown }> {
  const newest = new Map<string, { record: IntakeRecord; ord: number; upsertPayload: unknown }>();
  records.forEach((record, ord) => {
    const key = `${record.tenantId}\u0000${record.recordId}`;
    const prev = newest.get(key);
    const upsertPayload = record.op === 'upsert' ? record.payload : undefined;
    if (!prev) newest.set(key, { record, ord, upsertPayload });
    else if (record.version > prev.record.version || (record.version === prev.record.version && OP_ORDER[record.op] > OP_ORDER[prev.record.op])) {
      newest.set(key, { record, ord, upsertPayload: upsertPayload ?? prev.upsertPayload });
    }
  });
  return [...newest.values()];
}
