import type { OutgoingMessage } from '@ledgerbus/bus';
import { createEvent } from '@ledgerbus/contracts';
import type { OutcomeRow } from './job-row';
import type { PushJob, PushOutcome, Pusher } from './types';

/** Dependency waits that are announced as a hold (`<entity>.held`) the first time. */
const WAIT_HOLD_REASONS: ReadonlySet<string> = new Set(['customer_not_synced', 'invoice_not_synced']);

/** A job that failed for good: it goes to `<source topic>.dlq` (see `dead-letters.ts`). */
export interface DeadLetter {
  job: PushJob;
  code: string;
  message: string;
}

export interface OutcomePolicy {
  service: string;
  entity: Pusher['entity'];
  /** Longest wait for a dependency before failing. */
  maxWaitMs: number;
  /** Attempts for transient errors before failing. */
  maxAttempts: number;
  /** The delay before the next look for a dependency, after `waitedMs` of waiting. */
  waitDelay: (waitedMs: number) => number;
  /** The back-off before attempt `attempt + 1`. */
  backoff: (attempt: number) => number;
}

/** What a round writes: the `push_jobs` rows, the events of `sync.events.v1` and `sync.links.v1`, the dead letters. */
export interface OutcomePlan {
  rows: OutcomeRow[];
  events: OutgoingMessage[];
  links: OutgoingMessage[];
  deadLetters: DeadLetter[];
  /** Outcomes by kind (the engine's stats). */
  counts: Record<string, number>;
}

const NO_OUTCOME: PushOutcome = { kind: 'failed', code: 'no_outcome', message: 'the pusher returned no outcome', retriable: true };

/** What the planning of one job needs: where to put its row, events, links and dead letter. */
interface JobPlan {
  job: PushJob;
  row: OutcomeRow;
  /** The fields every outcome event of the job carries. */
  base: Record<string, unknown>;
  realmId: string | undefined;
  emit: (type: string, data: Record<string, unknown>) => void;
  link: (type: 'link.created' | 'link.removed', qboId: string) => void;
}

/**
 * A round's outcomes as what must be written, with no I/O: jobs + outcomes (in the company
 * `realmId`, undefined when the round held them before QBO) → rows, events, links, dead letters.
 */
export function planOutcomes(jobs: readonly PushJob[], outcomes: ReadonlyMap<string, PushOutcome>, realmId: string | undefined, policy: OutcomePolicy, now = new Date()): OutcomePlan {
  const plan: OutcomePlan = { rows: [], events: [], links: [], deadLetters: [], counts: {} };
  const at = now.toISOString();
  const source = `ledgerbus/${policy.service}`;
  for (const job of jobs) {
    const outcome = outcomes.get(job.recordId) ?? NO_OUTCOME;
    const row: OutcomeRow = {
      tenant_id: job.tenantId, record_id: job.recordId, version: job.version, op: job.op, kind: outcome.kind, status: 'done', attempts: job.attempts, in_doubt: false,
      delay_ms: null, last_code: null, last_message: null, qbo_id: null, sync_token: null, doc_number: null, qbo_state: null, realm_id: null,
    };
    plan.rows.push(row);
    const division = job.divisionId ? { divisionId: job.divisionId } : {};
    // The run that queued the job counts this outcome (sync runs, see run-scan.ts).
    const base = { tenantId: job.tenantId, ...division, platformId: job.recordId, version: job.version, at, ...(realmId ? { realmId } : {}), ...(job.runId ? { runId: job.runId } : {}) };
    const jp: JobPlan = {
      job, row, base, realmId,
      emit: (type, data) => {
        // The outcome answers the platform event of this version: it names it as its cause and keeps its flow's correlation id.
        plan.events.push({ key: job.tenantId, event: createEvent({ type, source, subject: job.recordId, tenantid: job.tenantId, causationid: job.eventId, correlationid: job.correlationId ?? job.eventId, data }) });
      },
      link: (type, qboId) => {
        const data = { tenantId: job.tenantId, ...division, realmId, entity: policy.entity, platformId: job.recordId, qboId, at };
        plan.links.push({ key: job.tenantId, event: createEvent({ type, source, subject: job.recordId, tenantid: job.tenantId, data }) });
      },
    };
    plan.counts[outcome.kind] = (plan.counts[outcome.kind] ?? 0) + 1;
    const dead = planOne(jp, outcome, policy, now.getTime());
    if (dead) plan.deadLetters.push(dead);
  }
  return plan;
}

function planOne(p: JobPlan, outcome: PushOutcome, policy: OutcomePolicy, nowMs: number): DeadLetter | undefined {
  const { job, row, base, realmId, emit } = p;
  const entity = policy.entity;
  switch (outcome.kind) {
    case 'pushed':
      Object.assign(row, { qbo_id: outcome.qboId, sync_token: outcome.syncToken ?? null, doc_number: outcome.docNumber ?? null, qbo_state: 'created', realm_id: realmId ?? null });
      emit(`${entity}.pushed`, { ...base, qboId: outcome.qboId, action: outcome.action, ...(outcome.docNumber ? { docNumber: outcome.docNumber } : {}), ...(outcome.syncToken ? { syncToken: outcome.syncToken } : {}) });
      if (realmId && job.qboId !== outcome.qboId) p.link('link.created', outcome.qboId);
      return undefined;
    case 'removed':
      // The QBO id too: a void or delete of a record found in QBO by look-up had none stored.
      Object.assign(row, { qbo_id: outcome.qboId ?? null, sync_token: outcome.syncToken ?? null, qbo_state: outcome.how, realm_id: realmId ?? null });
      emit(`${entity}.${outcome.how}`, { ...base, ...(outcome.qboId ? { qboId: outcome.qboId } : {}) });
      if (outcome.how === 'deleted' && realmId && outcome.qboId) p.link('link.removed', outcome.qboId);
      return undefined;
    case 'skipped':
      // A skip says nothing about an earlier uncertain write: the record stays in doubt (a retry looks it up first).
      Object.assign(row, { status: 'skipped', in_doubt: job.inDoubt, last_code: outcome.filter, last_message: outcome.message });
      emit(`${entity}.skipped`, { ...base, filter: outcome.filter, message: outcome.message });
      return undefined;
    case 'held':
      // Kept without using an attempt; released when the reason clears. Said once per reason.
      Object.assign(row, { status: 'held', attempts: Math.max(0, job.attempts - 1), in_doubt: job.inDoubt, last_code: outcome.reason, last_message: outcome.message.slice(0, 4000) });
      if (job.lastCode !== outcome.reason) emit(`${entity}.held`, { ...base, reason: outcome.reason, message: outcome.message.slice(0, 1000) });
      return undefined;
    case 'wait':
    case 'failed':
      return planRetryOrFailure(p, outcome, policy, nowMs);
  }
}

/** A wait or a failure: tried again later (pending, with a delay) until the wait or the attempts run out, then failed and dead-lettered. */
function planRetryOrFailure(p: JobPlan, outcome: Extract<PushOutcome, { kind: 'wait' | 'failed' }>, policy: OutcomePolicy, nowMs: number): DeadLetter | undefined {
  const { job, row, base, emit } = p;
  const waited = nowMs - job.waitingSince.getTime();
  // Waiting for a customer / invoice link or settings is not a failed push: it must not use
  // up the attempts that transient QBO errors get (a payment that waited 7 rounds for its
  // invoice would otherwise fail on its first lost response).
  if (outcome.kind === 'wait') {
    row.attempts = Math.max(0, job.attempts - 1);
    // The first wait on a dependency says the record is held, and why.
    if (job.lastCode !== outcome.code && WAIT_HOLD_REASONS.has(outcome.code)) emit(`${policy.entity}.held`, { ...base, reason: outcome.code, message: outcome.message.slice(0, 1000) });
  }
  const retriable = outcome.kind === 'wait' || outcome.retriable;
  const exhausted = outcome.kind === 'wait' ? waited >= policy.maxWaitMs : !outcome.retriable || job.attempts >= policy.maxAttempts;
  Object.assign(row, { last_code: outcome.code, last_message: outcome.message.slice(0, 4000) });
  if (!exhausted) {
    Object.assign(row, {
      status: 'pending',
      in_doubt: outcome.kind === 'wait' ? job.inDoubt : true,
      delay_ms: outcome.kind === 'wait' ? policy.waitDelay(waited) : policy.backoff(job.attempts),
    });
    return undefined;
  }
  Object.assign(row, { status: 'failed', in_doubt: outcome.kind === 'wait' ? job.inDoubt : outcome.retriable });
  const qboId = outcome.kind === 'failed' ? (outcome.qboId ?? job.qboId) : job.qboId;
  emit(`${policy.entity}.push_failed`, { ...base, code: outcome.code, message: outcome.message.slice(0, 4000), retriable, attempts: row.attempts, ...(qboId ? { qboId } : {}) });
  return { job: { ...job, attempts: row.attempts }, code: outcome.code, message: outcome.message };
}

/** Jittered delays within `[baseMs, maxMs]`: retries double per attempt, dependency waits grow with the time waited. */
export function retryDelays(baseMs: number, maxMs: number): Pick<OutcomePolicy, 'waitDelay' | 'backoff'> {
  const jitter = (cap: number): number => Math.floor(cap / 2 + Math.random() * (cap / 2));
  return {
    // Next look for a dependency: half of the time already waited, within the back-off bounds.
    waitDelay: (waitedMs) => jitter(Math.min(maxMs, Math.max(baseMs, waitedMs / 2))),
    backoff: (attempt) => jitter(Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))),
  };
}
