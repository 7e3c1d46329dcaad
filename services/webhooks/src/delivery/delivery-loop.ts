/**
 * The delivery loop of one replica. It leases due heads of the (endpoint, key) lines
 * (`deliveriesRepository.claim`), sends each (at most `concurrency` at once), and writes the
 * outcome under the lease: delivered, retried after the schedule's next wait, or given up.
 * Replicas share the work through the leases; a replica that dies mid-attempt leaves a lease that
 * expires after `leaseMs` (longer than the attempt timeout), and another replica sends the
 * attempt again: at-least-once, with the same `webhook-id` for the receiver to dedupe on.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { errorCode } from '@ledgerbus/kit';
import type { WebhooksContext } from '../context';
import type { AttemptResult, ClaimedDelivery } from '../db/deliveries.repository';
import { deliveriesRepository } from '../db/deliveries.repository';
import { nextRetryDelay } from '../domain/retry-schedule';
import { signWebhook } from '../domain/signing';
import { endpointFailed, endpointSucceeded, lockEndpoint } from './endpoint-health';
import type { DeliveryMetrics } from './metrics';
import { outcomeLabel } from './metrics';
import type { Sender } from './sender';

export interface DeliveryLoop {
  /** This replica's lease owner id. */
  readonly owner: string;
  start(): void;
  /** Wake the loop now (new deliveries, a replay, an endpoint enabled). */
  wake(): void;
  /** Stop claiming, let the attempts in flight finish and settle. */
  stop(): Promise<void>;
  /** One claim-and-send round, awaited (benchmarks and tests that drive the loop). */
  runOnce(): Promise<number>;
}

/** A wake-up that is not lost when it comes while nobody waits. */
class Signal {
  private pending = false;
  private resolve: (() => void) | undefined;

  notify(): void {
    this.pending = true;
    this.resolve?.();
  }

  async wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.resolve = done;
    });
    this.resolve = undefined;
    this.pending = false;
  }
}

const CONTENT_TYPE = 'application/cloudevents+json';
const PRUNE_EVERY_MS = 10 * 60_000;

export function newOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export function createDeliveryLoop(ctx: WebhooksContext, sender: Sender, metrics: DeliveryMetrics, owner: string = newOwnerId()): DeliveryLoop {
  const signal = new Signal();
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let lastPrune = 0;

  function secretsOf(d: ClaimedDelivery): string[] {
    const secrets = [ctx.keys.decrypt(d.secret_key_id, d.secret_ciphertext, d.endpoint_id)];
    const expires = d.previous_secret_expires_at === null ? 0 : new Date(d.previous_secret_expires_at).getTime();
    if (d.previous_secret_key_id !== null && d.previous_secret_ciphertext !== null && expires > Date.now()) {
      secrets.push(ctx.keys.decrypt(d.previous_secret_key_id, d.previous_secret_ciphertext, d.endpoint_id));
    }
    return secrets;
  }

  async function attempt(d: ClaimedDelivery): Promise<void> {
    let result: AttemptResult;
    try {
      const headers = signWebhook(secretsOf(d), d.event_id, new Date(), d.payload);
      result = await sender.send({ url: d.url, headers: { ...headers, 'content-type': CONTENT_TYPE }, body: d.payload, timeoutMs: ctx.config.timeoutMs });
    } catch (err) {
      // A secret that does not decrypt (a key left out of WEBHOOKS_SECRET_KEY): an attempt that failed here.
      result = { startedAt: new Date(), latencyMs: 0, statusCode: null, error: errorCode(err) === 'decrypt_failed' ? 'secret_unavailable' : 'internal_error', delivered: false };
      ctx.logger.error({ err, deliveryId: d.id, endpointId: d.endpoint_id }, 'delivery attempt could not be sent');
    }
    metrics.attempts.inc({ outcome: outcomeLabel(result.error) });
    metrics.attemptDuration.observe(result.latencyMs / 1000);
    await settleWithRetry(d, result);
  }

  /** A database step of an outcome, tried three times: the database may blink. */
  async function retrying<T>(fn: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await fn();
      } catch (err) {
        if (i >= 2) throw err;
        await new Promise((r) => setTimeout(r, 200 * (i + 1)));
      }
    }
  }

  async function settleWithRetry(d: ClaimedDelivery, result: AttemptResult): Promise<void> {
    try {
      await settle(d, result);
    } catch (err) {
      // The line's lease expires and the attempt is made again: at-least-once, the receiver dedupes on webhook-id.
      ctx.logger.error({ err, deliveryId: d.id, endpointId: d.endpoint_id }, 'attempt outcome not recorded; the attempt will be repeated');
    }
  }

  /**
   * The attempt's outcome in two steps. The first records it on the delivery under the line's lease
   * (one statement; it locks the line, then the delivery, never the endpoint, so the lines of one
   * endpoint settle side by side). The second counts it in the endpoint's failure run (endpoint
   * first, then its deliveries when it disables them): a crash between the two loses one count of
   * the run, never an attempt or a delivery.
   */
  async function settle(d: ClaimedDelivery, result: AttemptResult): Promise<void> {
    // The line is leased, so its head's round cannot change meanwhile (a replay reopens only deliveries that are not pending).
    const retryIn = result.delivered ? undefined : nextRetryDelay(ctx.config.retryScheduleMs, d.round_attempts + 1, ctx.config.retryJitter);
    const settled = await retrying(() => deliveriesRepository.settle(ctx.knex, d, owner, result, retryIn, running ? { leaseMs: ctx.config.leaseMs } : undefined));
    const outcome = settled === undefined ? undefined : { ...settled, wasPending: settled.previousStatus === 'pending', retryIn };
    const ids = { deliveryId: d.id, endpointId: d.endpoint_id, tenantId: d.tenant_id, eventId: d.event_id, eventType: d.event_type };
    if (outcome === undefined) {
      ctx.logger.info({ ...ids, statusCode: result.statusCode, error: result.error }, 'attempt outcome dropped: the line lease was lost or the endpoint deleted');
      return;
    }
    const log = { ...ids, attempt: outcome.attempt, statusCode: result.statusCode, latencyMs: Math.round(result.latencyMs), error: result.error, status: outcome.status };
    if (outcome.status === 'delivered') {
      metrics.deliveries.inc({ outcome: 'delivered' });
      metrics.deliveryLag.observe(Math.max(0, Date.now() - new Date(d.event_time).getTime()) / 1000);
      ctx.logger.debug(log, 'webhook delivered');
      // The line's next event goes at once: handed over with the lease, or claimed by the next round.
      if (settled?.next !== undefined) launch(settled.next);
      else signal.notify();
      // Only when a failure run was on when this attempt was claimed: a healthy endpoint costs no write.
      if (d.consecutive_failures > 0) await retrying(() => endpointSucceeded(ctx.knex, d.endpoint_id));
      return;
    }
    if (outcome.status === 'failed' && outcome.wasPending) {
      metrics.deliveries.inc({ outcome: 'failed' });
      ctx.logger.warn(log, 'webhook delivery given up: the retry schedule is used up');
      if (settled?.next !== undefined) launch(settled.next);
    } else {
      ctx.logger.info({ ...log, retryInMs: outcome.retryIn }, 'webhook attempt failed');
    }
    const disabled = await retrying(() =>
      ctx.knex.transaction(async (trx) => {
        const endpoint = await lockEndpoint(trx, d.endpoint_id);
        if (endpoint === undefined) return undefined;
        return endpointFailed(ctx, trx, endpoint, { statusCode: result.statusCode, error: result.error ?? 'failed' });
      }),
    );
    if (disabled !== undefined) metrics.endpointsDisabled.inc();
  }

  /** Sends a leased head; the slot it takes frees when its outcome is written. */
  function launch(d: ClaimedDelivery): void {
    const p: Promise<void> = attempt(d).finally(() => {
      inFlight.delete(p);
      signal.notify();
    });
    inFlight.add(p);
  }

  async function round(): Promise<number> {
    const free = ctx.config.concurrency - inFlight.size;
    if (free <= 0) return 0;
    const claimed = await deliveriesRepository.claim(ctx.knex, owner, free, ctx.config.leaseMs);
    for (const d of claimed) launch(d);
    return claimed.length;
  }

  async function prune(): Promise<void> {
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = Date.now();
    try {
      const removed = await deliveriesRepository.prune(ctx.knex, ctx.config.retentionMs);
      if (removed > 0) ctx.logger.info({ removed }, 'events past the retention removed');
    } catch (err) {
      ctx.logger.warn({ err }, 'pruning old events failed; tried again later');
    }
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (running) {
      try {
        await round();
        failures = 0;
        await prune();
        await signal.wait(ctx.config.pollMs);
      } catch (err) {
        failures += 1;
        ctx.logger.warn({ err, failures }, 'claiming deliveries failed; trying again');
        await signal.wait(Math.min(ctx.config.pollMs * 2 ** Math.min(failures, 6), 30_000));
      }
    }
  }

  return {
    owner,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      signal.notify();
    },
    async stop() {
      running = false;
      signal.notify();
      await loop;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async runOnce() {
      const n = await round();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      return n;
    },
  };
}
