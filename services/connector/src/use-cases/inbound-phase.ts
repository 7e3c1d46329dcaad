/**
 * A sync run's inbound phase: mapping's `sync.phase_requested` (phase `inbound`) → a CDC
 * catch-up of the tenant's (or division's) company now, through the poller's lease and code
 * path (stored watermark, the poller's entities, the snapshot when one is still requested),
 * answered with `sync.phase_scanned` once the changes it published are durable on
 * `qbo.changes.v1`:
 * - no connection (or a disconnected one) → `error.code` `not_connected`; a connection
 *   waiting for an admin to reconnect → `reauthorization_required` (answered at once);
 * - a retriable failure (QBO throttling or 5xx, Intuit's token endpoint down, another poll
 *   holding the realm's lease) is retried under the consumer's retry policy; when the
 *   retries are used up, or the failure is final, the answer carries the error, so the run
 *   is never left waiting;
 * - the figures of an answered phase are stored: a redelivered request is answered again
 *   with them, without reading QBO again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RetryOptions } from '@ledgerbus/bus';
import { ConsumerStoppingError, callWithRetry, withCausation } from '@ledgerbus/bus';
import { createEvent } from '@ledgerbus/contracts';
import type { EventData, syncEvents } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import { LedgerbusError, errorCode, isDatabaseUnavailable } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import { SOURCE } from '../context';
import type { ConnectorContext } from '../context';
import { connectionsRepository } from '../db/connections.repository';
import { outboxPendingRepository } from '../db/outbox-pending.repository';
import { phaseScansRepository } from '../db/phase-scans.repository';
import { connectionKey } from '../domain/versions';
import type { Poller } from './poller';
import { ConnectionNotLiveError, notLive } from './poller';

export type PhaseRequested = EventData<typeof syncEvents, 'sync.phase_requested'>;
export type PhaseScanned = EventData<typeof syncEvents, 'sync.phase_scanned'>;

const PHASE = 'inbound';
const PUBLISH_WAIT_STEP_MS = 100;

export interface InboundPhaseOptions {
  /** The consumer's retry policy (attempts and backoff) for retriable failures. */
  retry: Partial<Omit<RetryOptions, 'signal'>>;
  /** How long one attempt waits for another poll of the realm to release its lease. */
  leaseWaitMs: number;
  /** How long one attempt waits for the relay to put the changes on qbo.changes. */
  publishWaitMs: number;
  /** Aborted when the consumer stops: waits end and the request is left for the next owner. */
  signal?: AbortSignal;
}

/** The changes were enqueued but the relay did not publish them in time (Kafka unavailable). */
class ChangesNotPublishedError extends LedgerbusError {
  constructor(realmId: string, waitedMs: number) {
    super('changes_not_published', `the changes of realm ${realmId} were not on qbo.changes within ${waitedMs} ms`, { retriable: true, details: { realmId } });
  }
}

/** Waits until the outbox holds none of the realm's changes enqueued so far: they are on qbo.changes. */
async function waitPublished(ctx: ConnectorContext, realmId: string, options: InboundPhaseOptions): Promise<void> {
  const topic = ctx.topics.changes.name;
  const last = await outboxPendingRepository.newest(ctx.knex, topic, realmId);
  if (last === undefined) return;
  const started = Date.now();
  while (await outboxPendingRepository.anyUpTo(ctx.knex, topic, realmId, last)) {
    const waited = Date.now() - started;
    if (waited >= options.publishWaitMs || options.signal?.aborted === true) throw new ChangesNotPublishedError(realmId, waited);
    await sleep(PUBLISH_WAIT_STEP_MS, undefined, options.signal === undefined ? {} : { signal: options.signal }).catch(() => undefined);
  }
}

/** The answer's error: the reason a run shows (no internals of an unexpected failure). */
function phaseError(err: unknown): NonNullable<PhaseScanned['error']> {
  if (err instanceof ConnectionNotLiveError) return { code: err.reason, message: err.message };
  // The token service's answers when the connection went away or lost its grant during the poll.
  if (err instanceof LedgerbusError && err.code === 'not_found') return { code: 'not_connected', message: 'no connected QBO company for this tenant' };
  if (err instanceof LedgerbusError) return { code: err.code, message: err.message.slice(0, 2000) };
  return { code: errorCode(err), message: 'the inbound catch-up failed unexpectedly' };
}

/** Enqueues the answer under the request's key (so it follows the run's other events on their partition). */
async function answer(ctx: ConnectorContext, trx: Knex.Transaction, key: string, data: PhaseScanned): Promise<void> {
  const event = withCausation(
    createEvent({ type: 'sync.phase_scanned', source: SOURCE, subject: `${data.runId}/${PHASE}`, tenantid: data.tenantId, data, time: new Date(data.at) }),
  );
  await outbox.enqueue(trx, ctx.topics.events, [{ key, event }]);
}

/**
 * Runs (or answers again) the inbound phase of `request`, which came under `key` (default: the
 * tenant, or "tenant/division"); returns the answer it enqueued.
 */
export async function runInboundPhase(ctx: ConnectorContext, poller: Poller, request: PhaseRequested, options: InboundPhaseOptions, key?: string): Promise<PhaseScanned> {
  const { tenantId, divisionId, runId } = request;
  const answerKey = key ?? connectionKey(tenantId, divisionId);
  const base = { tenantId, ...(divisionId === undefined ? {} : { divisionId }), runId, phase: PHASE, service: 'connector', alreadyCurrent: 0, queued: 0 } as const;
  const log = { tenantId, divisionId, runId, phase: PHASE };

  const stored = await phaseScansRepository.find(ctx.knex, tenantId, divisionId, runId, PHASE);
  if (stored !== undefined) {
    const again: PhaseScanned = { ...base, considered: stored.considered, at: stored.scannedAt.toISOString() };
    await ctx.knex.transaction((trx: Knex.Transaction) => answer(ctx, trx, answerKey, again));
    ctx.logger.info({ ...log, realmId: stored.realmId, considered: stored.considered }, 'inbound phase answered again (redelivered request)');
    return again;
  }

  let scanned: { realmId: string; considered: number; published: number } | undefined;
  let failure: unknown;
  try {
    await callWithRetry(
      async () => {
        const row = await connectionsRepository.byTenant(ctx.knex, tenantId, divisionId);
        const refusal = notLive(row);
        if (refusal !== undefined || row === undefined) throw refusal ?? new ConnectionNotLiveError('not_connected', 'no connected QBO company for this tenant');
        const result = await poller.catchUp(row.id, { waitMs: options.leaseWaitMs, ...(options.signal === undefined ? {} : { signal: options.signal }) });
        await waitPublished(ctx, result.realmId, options);
        scanned = {
          realmId: result.realmId,
          considered: (result.snapshot?.found ?? 0) + result.cdc.found,
          published: (result.snapshot?.published ?? 0) + result.cdc.published,
        };
      },
      { ...options.retry, ...(options.signal === undefined ? {} : { signal: options.signal }) },
      { onRetry: ({ attempt, delayMs, err }) => ctx.logger.warn({ ...log, attempt, delayMs, code: errorCode(err) }, 'inbound phase: retrying the catch-up') },
    );
  } catch (err) {
    // Stopping, or the database gone: nothing can be answered now; the request stays uncommitted.
    if (err instanceof ConsumerStoppingError) throw err;
    if (options.signal?.aborted === true) throw new ConsumerStoppingError(err);
    if (isDatabaseUnavailable(err)) throw err;
    failure = err;
  }

  const at = ctx.clock();
  if (scanned === undefined) {
    const error = phaseError(failure);
    const data: PhaseScanned = { ...base, considered: 0, error, at: at.toISOString() };
    await ctx.knex.transaction((trx: Knex.Transaction) => answer(ctx, trx, answerKey, data));
    ctx.logger.warn({ ...log, code: error.code }, 'inbound phase answered with an error');
    return data;
  }
  const done = scanned;
  const data: PhaseScanned = { ...base, considered: done.considered, at: at.toISOString() };
  await ctx.knex.transaction(async (trx: Knex.Transaction) => {
    await phaseScansRepository.record(trx, { tenantId, divisionId, runId, phase: PHASE, realmId: done.realmId, considered: done.considered, scannedAt: at });
    await answer(ctx, trx, answerKey, data);
  });
  ctx.logger.info({ ...log, realmId: done.realmId, considered: done.considered, published: done.published }, 'inbound phase scanned');
  return data;
}
