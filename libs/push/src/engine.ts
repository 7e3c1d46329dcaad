import { randomUUID } from 'node:crypto';
import type { IncomingMessage, MessageBus, OutgoingMessage, Subscription } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, dlqTopicName, mappingSettings, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createOutboxRelay, migrate, outbox, outboxMigrations } from '@ledgerbus/db';
import type { OutboxRelay } from '@ledgerbus/db';
import { createLogger, errorMessage, isDatabaseUnavailable, isRetriable } from '@ledgerbus/kit';
import type { Logger } from '@ledgerbus/kit';
import type { QboClient } from '@ledgerbus/qbo';
import type { Knex } from 'knex';
import { pushMigrations } from './migrations';
import { holdReasonOfCode, pushErrorCode, scopeToRealm } from './holds';
import { createTenantLeases } from './leases';
import { ReadModel } from './read-model';
import { createRunScan } from './run-scan';
import type { PhaseRequest } from './run-scan';
import type { HoldReason, PushJob, PushOp, PushOutcome, Pusher } from './types';

export interface PushEngineOptions {
  /** Service name: consumer groups, event source, lease owner prefix. */
  service: string;
  db: Database;
  bus: MessageBus;
  logger?: Logger;
  pusher: Pusher;
  /** The platform topic carrying the records (platform.invoices.v1 …). */
  sourceTopic: TopicDefinition;
  /** The field of the event data that holds the record id ("invoiceId"). */
  recordIdField: string;
  /** A QBO client per realm (one per realm is cached by the caller or here). */
  qboClientFor: (realmId: string) => QboClient;
  /** Parallel tenant loops in this process. Default 4. */
  concurrency?: number;
  /** Jobs per push round (QBO batch holds 30). Default 30. */
  batchSize?: number;
  /** How long a worker owns a tenant without renewing (a killed worker's tenants move on after it). Default 5 s. */
  leaseMs?: number;
  /** Look for work this often when nothing wakes the loops. Default 250 ms. */
  pollMs?: number;
  /** Longest wait for a dependency (customer link, invoice link, settings) before failing. Default 10 min. */
  maxWaitMs?: number;
  /** Attempts for transient errors before failing (retriable) and dead-lettering. Default 8. */
  maxAttempts?: number;
  /** Backoff of waits and retries: base and cap, ms. Default 500 ms .. 60 s. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Kafka partitions handled at once by the intake consumer. Default 6. */
  partitionsConsumedConcurrently?: number;
  outboxPollMs?: number;
  /** Consumer group names are `<prefix><service>` (tests, side-by-side deployments). Default ''. */
  groupPrefix?: string;
  /** Other topics than the registry's (tests use fresh ones): settings, links, events. */
  topics?: { settings?: TopicDefinition; links?: TopicDefinition; events?: TopicDefinition };
}

export interface PushEngine {
  readonly readModel: ReadModel;
  migrate(): Promise<void>;
  /** Subscribe to the topics and start the push loops and the outbox relay. */
  start(): Promise<void>;
  stopConsumers(): Promise<void>;
  /** Stop the push loops (the round in flight finishes). */
  stopPushing(): Promise<void>;
  drainOutbox(): Promise<void>;
  stop(): Promise<void>;
  /** Wake the push loops now (after intake in this process). */
  wake(): void;
  readonly stats: { ingested: number; rounds: number; outcomes: Record<string, number> };
}

interface JobRow {
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

function toJob(r: JobRow): PushJob {
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

function opOf(eventType: string): PushOp {
  if (eventType.endsWith('.voided')) return 'void';
  if (eventType.endsWith('.deleted')) return 'delete';
  return 'upsert';
}

const OP_RANK = "case ? when 'upsert' then 0 when 'void' then 1 else 2 end";
const OP_ORDER: Record<PushOp, number> = { upsert: 0, void: 1, delete: 2 };

/** The filters an admin chooses: a record they skip is not in QBO on purpose. */
const FILTERS: ReadonlySet<string> = new Set(['sync_data_after', 'market_segment']);

/** Dependency waits that are announced as a hold (`<entity>.held`) the first time. */
const WAIT_HOLD_REASONS: ReadonlySet<string> = new Set(['customer_not_synced', 'invoice_not_synced']);

/** A platform record as the intake takes it from its topic. */
interface IntakeRecord {
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

/**
 * The push engine shared by invoice-push and payment-push:
 * intake (Kafka → `push_jobs`, idempotent, newest version wins) → per-tenant leased push
 * rounds of up to 30 jobs → outcome, push state and events in one transaction (outbox).
 * Offsets are committed once a record is durable in `push_jobs`; QBO writes happen from
 * the table, so a killed worker loses nothing and a second worker never pushes the same
 * tenant at the same time.
 */
export function createPushEngine(options: PushEngineOptions): PushEngine {
  const { db, bus, pusher, service } = options;
  const knex: Knex = db.knex;
  const logger = (options.logger ?? createLogger({ name: service, level: 'silent' })).child({ component: 'push-engine' });
  const readModel = new ReadModel(knex);
  const concurrency = options.concurrency ?? 4;
  const batchSize = options.batchSize ?? 30;
  const leaseMs = options.leaseMs ?? 5_000;
  const pollMs = options.pollMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffBase = options.backoff?.baseMs ?? 500;
  const backoffMax = options.backoff?.maxMs ?? 60_000;
  const ownerPrefix = `${service}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const entity = pusher.entity;
  const settingsTopic = options.topics?.settings ?? mappingSettings;
  const linksTopic = options.topics?.links ?? syncLinks;
  const eventsTopic = options.topics?.events ?? syncEvents;
  const groupPrefix = options.groupPrefix ?? '';
  const stats = { ingested: 0, rounds: 0, outcomes: {} as Record<string, number> };
  const subscriptions: Subscription[] = [];
  let relay: OutboxRelay | undefined;
  let running = false;
  const loops: Promise<void>[] = [];
  let wakers: Array<() => void> = [];
  const leases = createTenantLeases(knex, leaseMs, logger);
  const runScan = createRunScan({ knex, service, entity, eventsTopic, readModel, leases, ownerPrefix, logger, wake: () => wake() });

  function wake(): void {
    const w = wakers;
    wakers = [];
    for (const f of w) f();
  }

  // Intake wakes coalesce: a burst of records wakes the loops once, ≤ 20 ms later, so a
  // round claims a fuller batch instead of one query storm per record.
  let pendingWake: NodeJS.Timeout | undefined;
  function wakeSoon(): void {
    if (pendingWake) return;
    pendingWake = setTimeout(() => {
      pendingWake = undefined;
      wake();
    }, 20);
  }

  function idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      wakers.push(done);
    });
  }

  /** Next look for a dependency: the wait grows with the time already waited (half of it, within the back-off bounds), jittered. */
  function waitDelay(waitedMs: number): number {
    const cap = Math.min(backoffMax, Math.max(backoffBase, waitedMs / 2));
    return Math.floor(cap / 2 + Math.random() * (cap / 2));
  }

  function backoff(attempt: number): number {
    const cap = Math.min(backoffMax, backoffBase * 2 ** Math.max(0, attempt - 1));
    return Math.floor(cap / 2 + Math.random() * (cap / 2));
  }

  // --- intake ------------------------------------------------------------------------

  /**
   * Take records into `push_jobs` with one statement: a record's newest version (and, at one
   * version, the strongest op: upsert < void < delete) wins, also within the chunk; a void
   * or delete keeps the newest upsert's payload (a void without a QBO id is looked up by it).
   * `run_id` stays: a newer version of a record a run queued still counts for that run.
   */
  async function ingest(records: readonly IntakeRecord[]): Promise<void> {
    if (records.length === 0) return;
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
    const rows = [...newest.values()].map(({ record: r, ord, upsertPayload }) => ({
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
      [options.sourceTopic.name, JSON.stringify(rows)],
    );
    stats.ingested += records.length;
  }

  function intakeRecord(message: IncomingMessage): IntakeRecord {
    const data = message.event.data as Record<string, unknown> & { tenantId: string; divisionId?: string; version: number };
    const op = opOf(message.event.type);
    return { tenantId: data.tenantId, divisionId: data.divisionId ?? null, recordId: String(data[options.recordIdField]), op, version: data.version, payload: op === 'upsert' ? data : undefined, eventId: message.event.id, correlationId: message.event.correlationid ?? message.event.id };
  }

  async function wakeTenant(tenantId: string): Promise<void> {
    await knex('push_jobs').where({ tenant_id: tenantId, status: 'pending' }).where('not_before', '>', knex.fn.now()).update({ not_before: knex.fn.now() });
    wake();
  }

  /** An admin's retry from the sync log: a failed, skipped or held record is pushed again. */
  async function retryRequested(tenantId: string, platformId: string): Promise<void> {
    await knex('push_jobs')
      .where({ tenant_id: tenantId, record_id: platformId })
      .whereIn('status', ['failed', 'skipped', 'held'])
      .update({ status: 'pending', attempts: 0, not_before: knex.fn.now(), waiting_since: knex.fn.now(), updated_at: knex.fn.now() });
    wake();
  }

  /**
   * Held jobs of a tenant go back to pending (the condition may have cleared: settings arrived
   * or changed, a connection was made). A job whose condition still holds is held again by its
   * next round, without a second `held` event (its last code is the same).
   */
  async function releaseHeld(tenantId: string): Promise<void> {
    const n = await knex('push_jobs')
      .where({ tenant_id: tenantId, status: 'held' })
      .update({ status: 'pending', not_before: knex.fn.now(), waiting_since: knex.fn.now(), updated_at: knex.fn.now() });
    if (n > 0) logger.info({ tenantId, released: n }, 'held records released');
    await wakeTenant(tenantId);
  }

  /**
   * A dependency failed on its own service (`customer.sync_failed`, `invoice.push_failed`):
   * remember it, and wake the tenant so that records waiting on it fail at once with the reason.
   */
  async function dependencyFailed(tenantId: string, dependency: string, platformId: string, code: string, message: string): Promise<void> {
    await readModel.saveDependencyFailure({ tenantId, entity: dependency, platformId, code, message });
    await wakeTenant(tenantId);
  }

  /** A dependency is linked now: records that failed because it had failed are pushed again. */
  async function dependencyLinked(tenantId: string, dependency: string, platformId: string): Promise<void> {
    await readModel.clearDependencyFailure({ tenantId, entity: dependency, platformId });
    if (!pusher.dependencies) return;
    const failed: Array<{ record_id: string; payload: Record<string, unknown> | null }> = await knex('push_jobs')
      .where({ tenant_id: tenantId, status: 'failed' })
      .whereIn('last_code', [`${dependency}_sync_failed`, `${dependency}_push_failed`])
      .select('record_id', 'payload');
    const waiting = failed
      .filter((r) => r.payload && pusher.dependencies?.(r.payload).some((d) => d.entity === dependency && d.platformId === platformId))
      .map((r) => r.record_id);
    if (waiting.length === 0) return;
    await knex('push_jobs')
      .where({ tenant_id: tenantId, status: 'failed' })
      .whereIn('record_id', waiting)
      .update({ status: 'pending', attempts: 0, not_before: knex.fn.now(), waiting_since: knex.fn.now(), updated_at: knex.fn.now() });
    wake();
  }

  /** A worker applies a settings version from now on: say so (the settings API shows it as `appliedBy`). */
  async function settingsApplied(tenantKey: string, version: number): Promise<void> {
    const [tenantId, divisionId] = tenantKey.split('/') as [string, string | undefined];
    const data = { tenantId, ...(divisionId ? { divisionId } : {}), service, version, at: new Date().toISOString() };
    await knex.transaction(async (trx) => {
      await outbox.enqueue(trx, eventsTopic, [{ key: tenantId, event: createEvent({ type: 'settings.applied', source: `ledgerbus/${service}`, tenantid: tenantId, data }) }]);
    });
  }

  // --- claims ------------------------------------------------------------------------

  async function claim(tenantId: string): Promise<PushJob[]> {
    const res = await knex.raw<{ rows: JobRow[] }>(
      `with picked as (
         select tenant_id, record_id, in_doubt from push_jobs
         where tenant_id = ? and status = 'pending' and not_before <= now()
         order by seq limit ? for update skip locked)
       update push_jobs j set attempts = j.attempts + 1, in_doubt = true, updated_at = now()
       from picked p where j.tenant_id = p.tenant_id and j.record_id = p.record_id
       returning j.*, p.in_doubt as was_in_doubt`,
      [tenantId, batchSize],
    );
    return res.rows.map(toJob);
  }

  // --- outcomes ----------------------------------------------------------------------

  interface DeadLetter {
    job: PushJob;
    code: string;
    message: string;
  }

  /** One job's outcome as a row of the round's single set-based UPDATE (see `writeOutcomes`). */
  interface OutcomeRow {
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

  /**
   * Write a round's outcomes with ONE statement. For each job:
   * - a `pushed` / `removed` outcome records what QBO now holds (qbo id, sync token, state,
   *   pushed version) even if a newer version arrived meanwhile — the effect happened;
   * - status, attempts bookkeeping and the back-off change only if the row still holds the
   *   claimed version and op (a newer intake made it pending again and must stay so).
   */
  async function writeOutcomes(trx: Knex.Transaction, rows: OutcomeRow[]): Promise<void> {
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

  async function applyOutcomes(jobs: PushJob[], outcomes: Map<string, PushOutcome>, realmId: string | undefined): Promise<void> {
    const events: OutgoingMessage[] = [];
    const links: OutgoingMessage[] = [];
    const deadLetters: DeadLetter[] = [];
    const rows: OutcomeRow[] = [];
    const at = new Date().toISOString();
    const source = `ledgerbus/${service}`;
    for (const job of jobs) {
      const outcome: PushOutcome = outcomes.get(job.recordId) ?? { kind: 'failed', code: 'no_outcome', message: 'the pusher returned no outcome', retriable: true };
      const row: OutcomeRow = {
        tenant_id: job.tenantId,
        record_id: job.recordId,
        version: job.version,
        op: job.op,
        kind: outcome.kind,
        status: 'done',
        attempts: job.attempts,
        in_doubt: false,
        delay_ms: null,
        last_code: null,
        last_message: null,
        qbo_id: null,
        sync_token: null,
        doc_number: null,
        qbo_state: null,
        realm_id: null,
      };
      rows.push(row);
      const division = job.divisionId ? { divisionId: job.divisionId } : {};
      // The run that queued the job counts this outcome (sync runs, see run-scan.ts).
      const base = { tenantId: job.tenantId, ...division, platformId: job.recordId, version: job.version, at, ...(realmId ? { realmId } : {}), ...(job.runId ? { runId: job.runId } : {}) };
      const emit = (type: string, data: Record<string, unknown>): void => {
        // The outcome answers the platform event of this version: it names it as its cause and keeps its flow's correlation id.
        events.push({ key: job.tenantId, event: createEvent({ type, source, subject: job.recordId, tenantid: job.tenantId, causationid: job.eventId, correlationid: job.correlationId ?? job.eventId, data }) });
      };
      stats.outcomes[outcome.kind] = (stats.outcomes[outcome.kind] ?? 0) + 1;
      switch (outcome.kind) {
        case 'pushed': {
          Object.assign(row, { qbo_id: outcome.qboId, sync_token: outcome.syncToken ?? null, doc_number: outcome.docNumber ?? null, qbo_state: 'created', realm_id: realmId ?? null });
          emit(`${entity}.pushed`, { ...base, qboId: outcome.qboId, action: outcome.action, ...(outcome.docNumber ? { docNumber: outcome.docNumber } : {}), ...(outcome.syncToken ? { syncToken: outcome.syncToken } : {}) });
          if (realmId && job.qboId !== outcome.qboId) {
            links.push({ key: job.tenantId, event: createEvent({ type: 'link.created', source, subject: job.recordId, tenantid: job.tenantId, data: { tenantId: job.tenantId, ...division, realmId, entity, platformId: job.recordId, qboId: outcome.qboId, at } }) });
          }
          break;
        }
        case 'removed': {
          // The QBO id too: a void or delete of a record found in QBO by look-up had none stored.
          Object.assign(row, { qbo_id: outcome.qboId ?? null, sync_token: outcome.syncToken ?? null, qbo_state: outcome.how, realm_id: realmId ?? null });
          emit(`${entity}.${outcome.how}`, { ...base, ...(outcome.qboId ? { qboId: outcome.qboId } : {}) });
          if (outcome.how === 'deleted' && realmId && outcome.qboId) {
            links.push({ key: job.tenantId, event: createEvent({ type: 'link.removed', source, subject: job.recordId, tenantid: job.tenantId, data: { tenantId: job.tenantId, ...division, realmId, entity, platformId: job.recordId, qboId: outcome.qboId, at } }) });
          }
          break;
        }
        case 'skipped': {
          // A skip says nothing about an earlier uncertain write: the record stays in doubt (a retry looks it up first).
          Object.assign(row, { status: 'skipped', in_doubt: job.inDoubt, last_code: outcome.filter, last_message: outcome.message });
          emit(`${entity}.skipped`, { ...base, filter: outcome.filter, message: outcome.message });
          break;
        }
        case 'held': {
          // Kept without using an attempt; released when the reason clears. Said once per reason.
          Object.assign(row, { status: 'held', attempts: Math.max(0, job.attempts - 1), in_doubt: job.inDoubt, last_code: outcome.reason, last_message: outcome.message.slice(0, 4000) });
          if (job.lastCode !== outcome.reason) emit(`${entity}.held`, { ...base, reason: outcome.reason, message: outcome.message.slice(0, 1000) });
          break;
        }
        case 'wait':
        case 'failed': {
          const waited = Date.now() - job.waitingSince.getTime();
          // Waiting for a customer / invoice link or settings is not a failed push: it must not use
          // up the attempts that transient QBO errors get (a payment that waited 7 rounds for its
          // invoice would otherwise fail on its first lost response).
          if (outcome.kind === 'wait') {
            row.attempts = Math.max(0, job.attempts - 1);
            // The first wait on a dependency says the record is held, and why.
            if (job.lastCode !== outcome.code && WAIT_HOLD_REASONS.has(outcome.code)) emit(`${entity}.held`, { ...base, reason: outcome.code, message: outcome.message.slice(0, 1000) });
          }
          const retriable = outcome.kind === 'wait' || outcome.retriable;
          const exhausted = outcome.kind === 'wait' ? waited >= maxWaitMs : !outcome.retriable || job.attempts >= maxAttempts;
          Object.assign(row, { last_code: outcome.code, last_message: outcome.message.slice(0, 4000) });
          if (!exhausted) {
            Object.assign(row, {
              status: 'pending',
              in_doubt: outcome.kind === 'wait' ? job.inDoubt : true,
              delay_ms: outcome.kind === 'wait' ? waitDelay(waited) : backoff(job.attempts),
            });
            break;
          }
          Object.assign(row, { status: 'failed', in_doubt: outcome.kind === 'wait' ? job.inDoubt : outcome.retriable });
          const qboId = outcome.kind === 'failed' ? (outcome.qboId ?? job.qboId) : job.qboId;
          emit(`${entity}.push_failed`, { ...base, code: outcome.code, message: outcome.message.slice(0, 4000), retriable, attempts: row.attempts, ...(qboId ? { qboId } : {}) });
          deadLetters.push({ job: { ...job, attempts: row.attempts }, code: outcome.code, message: outcome.message });
          break;
        }
      }
    }
    await knex.transaction(async (trx) => {
      await writeOutcomes(trx, rows);
      if (events.length > 0) await outbox.enqueue(trx, eventsTopic, events);
      if (links.length > 0) await outbox.enqueue(trx, linksTopic, links);
    });
    if (deadLetters.length > 0) {
      try {
        await bus.publishRaw(
          dlqTopicName(options.sourceTopic.name),
          deadLetters.map((d) => ({
            key: d.job.tenantId,
            value: Buffer.from(JSON.stringify({ tenantId: d.job.tenantId, [options.recordIdField]: d.job.recordId, op: d.job.op, version: d.job.version, payload: d.job.payload })),
            headers: {
              dlq_error_code: d.code,
              dlq_error_message: d.message.slice(0, 4000),
              dlq_source_topic: options.sourceTopic.name,
              dlq_handler: service,
              dlq_attempts: String(d.job.attempts),
              dlq_failed_at: at,
              ce_id: d.job.eventId,
            },
          })),
        );
      } catch (err) {
        logger.warn({ err }, 'dead letters not published (the failures are recorded and on sync.events)');
      }
    }
  }

  // --- push rounds -------------------------------------------------------------------

  async function round(tenantId: string): Promise<number> {
    const jobs = await claim(tenantId);
    if (jobs.length === 0) return 0;
    stats.rounds += 1;
    // A tenant's divisions each have their own settings and company (seed 001): one push per division.
    const byDivision = new Map<string | null, PushJob[]>();
    for (const j of jobs) byDivision.set(j.divisionId, [...(byDivision.get(j.divisionId) ?? []), j]);
    for (const [divisionId, group] of byDivision) await pushGroup(tenantId, divisionId, group);
    return jobs.length;
  }

  /** Push one division's jobs (or the tenant's own, `divisionId` null) with that division's settings and company. */
  async function pushGroup(tenantId: string, divisionId: string | null, claimed: PushJob[]): Promise<void> {
    let jobs = claimed;
    const tenantKey = divisionId === null ? tenantId : `${tenantId}/${divisionId}`;
    const who = divisionId === null ? `tenant ${tenantId}` : `division ${divisionId} of tenant ${tenantId}`;
    const stored = await readModel.settings(tenantKey);
    const outcomes = new Map<string, PushOutcome>();
    let realmId: string | undefined;
    const holdAll = (reason: HoldReason, message: string): void => {
      for (const j of jobs) outcomes.set(j.recordId, { kind: 'held', reason, message });
    };
    if (!stored) {
      holdAll('settings_missing', `no settings for ${who} on mapping.settings.v1 yet`);
    } else if (!stored.settings.realmId) {
      holdAll('not_connected', `the ${who} has no connected QBO company`);
    } else if (!stored.settings.settings.integration.enabled) {
      holdAll('sync_disabled', `the integration of the ${who} is not enabled: "Enable Integration" starts a run that pushes the held records`);
    } else if (!pusher.enabled(stored.settings)) {
      holdAll('sync_disabled', `${entity} sync is off in the settings of the ${who}`);
    } else {
      const current = stored.settings.realmId;
      realmId = current;
      jobs = jobs.map((j) => scopeToRealm(j, current));
      const ctx = { tenantId, realmId, settings: stored.settings, qbo: options.qboClientFor(realmId), links: readModel.linksOf(tenantId, realmId), knex };
      try {
        const result = await pusher.push(ctx, jobs);
        for (const [k, v] of result) outcomes.set(k, v);
      } catch (err) {
        const code = pushErrorCode(err);
        logger.warn({ err, tenantId, divisionId, realmId, code }, 'push round failed');
        // Our own database went away mid-round (a restart): the jobs wait for it without spending an attempt.
        const outcome: PushOutcome = isDatabaseUnavailable(err)
          ? { kind: 'wait', code, message: errorMessage(err) }
          : { kind: 'failed', code, message: errorMessage(err), retriable: isRetriable(err) };
        for (const j of jobs) if (!outcomes.has(j.recordId)) outcomes.set(j.recordId, outcome);
      }
      // The connection needs an admin (revoked grant, disconnected): hold, do not use up attempts.
      for (const [k, v] of outcomes) {
        const reason = v.kind === 'failed' ? holdReasonOfCode(v.code) : undefined;
        if (reason) outcomes.set(k, { kind: 'held', reason, message: v.kind === 'failed' ? v.message : '' });
      }
    }
    await applyOutcomes(jobs, outcomes, realmId);
  }

  async function loop(index: number): Promise<void> {
    const owner = `${ownerPrefix}:${index}`;
    while (running) {
      let tenantId: string | undefined;
      try {
        tenantId = await leases.next(owner);
        if (!tenantId) {
          await idle(pollMs);
          continue;
        }
        const sliceEnd = Date.now() + 10_000;
        // Keep the lease while a round is in flight (a slow QBO call must not let another
        // worker take the tenant and push the same jobs); a killed worker stops renewing.
        const lease = leases.keep(tenantId, owner);
        try {
          while (running && !lease.lost && Date.now() < sliceEnd) {
            const n = await round(tenantId);
            if (n === 0) break;
            // Between rounds, let go if the lease is lost or a run's scan waits for it.
            if ((await leases.renew(tenantId, owner)) !== 'held') break;
          }
        } finally {
          await lease.stop();
        }
        await leases.release(tenantId, owner);
      } catch (err) {
        logger.error({ err, tenantId }, 'push loop error');
        await idle(Math.min(5_000, pollMs * 4));
      }
    }
  }

  // --- consumers ---------------------------------------------------------------------

  return {
    readModel,
    stats,
    wake,

    async migrate() {
      await migrate(knex, { schema: db.schema, migrations: outboxMigrations(pushMigrations) });
    },

    async start() {
      await bus.ensureTopics([options.sourceTopic, settingsTopic, linksTopic, eventsTopic]);
      subscriptions.push(
        await bus.subscribe({
          groupId: `${groupPrefix}${service}.state`,
          handlerName: `${service}.state`,
          topics: [settingsTopic, linksTopic, eventsTopic],
          partitionsConsumedConcurrently: 4,
          handler: async (message) => {
            const { event } = message;
            if (event.type === 'settings.state') {
              const data = event.data as { version: number; updatedAt: string; settings: unknown };
              const before = await readModel.settings(message.key);
              if (await readModel.saveSettings(message.key, data.version, data.updatedAt, data.settings)) {
                await settingsApplied(message.key, data.version);
                // While the integration is disabled nothing is released; when it is enabled, its
                // enable run releases the held records phase by phase (customers before invoices).
                const after = await readModel.settings(message.key);
                const enabledNow = after?.settings.settings.integration.enabled !== false;
                const wasDisabled = before?.settings.settings.integration.enabled === false;
                if (enabledNow && !wasDisabled) await releaseHeld(message.key.split('/')[0] as string);
              }
            } else if (event.type === 'connection.connected') {
              await releaseHeld((event.data as { tenantId: string }).tenantId);
            } else if (event.type === 'link.created') {
              const d = event.data as { tenantId: string; realmId: string; entity: string; platformId: string; qboId: string };
              await readModel.saveLink(d);
              if (d.entity !== entity) {
                await dependencyLinked(d.tenantId, d.entity, d.platformId);
                await wakeTenant(d.tenantId);
              }
            } else if (event.type === 'customer.sync_failed') {
              const d = event.data as { tenantId: string; direction: string; platformId?: string; code: string; message: string };
              if (d.platformId && d.direction !== 'from_qbo') await dependencyFailed(d.tenantId, 'customer', d.platformId, d.code, d.message);
            } else if (event.type.endsWith('.push_failed') && !event.type.startsWith(`${entity}.`)) {
              const d = event.data as { tenantId: string; platformId: string; code: string; message: string };
              await dependencyFailed(d.tenantId, event.type.slice(0, -'.push_failed'.length), d.platformId, d.code, d.message);
            } else if (event.type.endsWith('.skipped') && !event.type.startsWith(`${entity}.`)) {
              // A dependency a filter left out of QBO (its code is the filter): what needs it is skipped by the same filter.
              const d = event.data as { tenantId: string; platformId: string; filter: string; message: string };
              if (FILTERS.has(d.filter)) await dependencyFailed(d.tenantId, event.type.slice(0, -'.skipped'.length), d.platformId, d.filter, d.message);
            } else if (event.type === 'link.removed') {
              const d = event.data as { tenantId: string; entity: string; platformId: string };
              await readModel.removeLink(d);
            } else if (event.type === 'sync.phase_requested') {
              if ((event.data as PhaseRequest).phase === runScan.phase) await runScan.scan(event.data as PhaseRequest);
            } else if (event.type === 'sync.retry_requested') {
              const d = event.data as { tenantId: string; failedType: string; platformId?: string };
              if (d.failedType.startsWith(`${entity}.`) && d.platformId) await retryRequested(d.tenantId, d.platformId);
            }
          },
        }),
      );
      subscriptions.push(
        await bus.subscribe({
          groupId: `${groupPrefix}${service}`,
          handlerName: `${service}.intake`,
          topics: [options.sourceTopic],
          partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 6,
          // A fetched chunk of a partition goes into push_jobs with one statement; the
          // per-message handler is the fallback that dead-letters a bad record on its own.
          batch: {
            maxMessages: 500,
            handler: async (messages) => {
              await ingest(messages.map(intakeRecord));
              wakeSoon();
            },
          },
          handler: async (message) => {
            await ingest([intakeRecord(message)]);
            wakeSoon();
          },
        }),
      );
      relay = createOutboxRelay({ knex, bus, schema: db.schema, logger, topics: [settingsTopic, linksTopic, eventsTopic], pollIntervalMs: options.outboxPollMs ?? 200, batchSize: 500 });
      relay.start();
      running = true;
      for (let i = 0; i < concurrency; i++) loops.push(loop(i));
    },

    async stopConsumers() {
      const subs = subscriptions.splice(0);
      await Promise.all(subs.map((s) => s.stop()));
    },

    async stopPushing() {
      running = false;
      clearTimeout(pendingWake);
      pendingWake = undefined;
      wake();
      await Promise.all(loops.splice(0));
    },

    async drainOutbox() {
      if (!relay) return;
      await relay.drain({ timeoutMs: 10_000 }).catch((err: unknown) => logger.warn({ err }, 'outbox not drained'));
      await relay.stop();
      relay = undefined;
    },

    async stop() {
      await this.stopConsumers();
      await this.stopPushing();
      await this.drainOutbox();
    },
  };
}
