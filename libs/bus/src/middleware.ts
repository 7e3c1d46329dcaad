import { errorCode, errorMessage, isDatabaseUnavailable, isProgrammerError, isRetriable } from '@ledgerbus/kit';
import { currentMessageContext, runWithMessageContext } from './context';
import { ConsumerStoppingError } from './errors';
import type { BusLogger } from './logger';
import type { Handler, IncomingMessage, RawMessage } from './port';
import { dlqTopicName } from '@ledgerbus/contracts';

/**
 * Middleware wraps a handler: `(next) => handler`. The consumer runner declares the
 * chain once per consumer: correlation → logging → poison queue → retry → your handler.
 */
export type Middleware = (next: Handler) => Handler;

/** `compose(a, b, c)(h)` = `a(b(c(h)))`: the first middleware is the outermost. */
export function compose(...middleware: Middleware[]): Middleware {
  return (handler) => middleware.reduceRight<Handler>((next, m) => m(next), handler);
}

// --- correlation -------------------------------------------------------------------

/**
 * Runs the handler inside a message context (AsyncLocalStorage): the correlation id is
 * the incoming `ce_correlationid`, or the event's own id when it starts a flow. Events
 * published inside the handler carry it and name the handled event as their cause.
 */
export function correlation(heartbeat: () => Promise<void> = async () => undefined): Middleware {
  return (next) => (message) =>
    runWithMessageContext(
      {
        correlationId: message.event.correlationid ?? message.event.id,
        eventId: message.event.id,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        heartbeat,
      },
      () => next(message),
    );
}

// --- logging -----------------------------------------------------------------------

function describe(message: IncomingMessage): Record<string, unknown> {
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key,
    eventId: message.event.id,
    eventType: message.event.type,
    correlationId: currentMessageContext()?.correlationId ?? message.event.correlationid,
  };
}

/** Logs every handled message at debug with its duration, and failures that escape at warn. */
export function logging(logger: BusLogger, handlerName = 'handler'): Middleware {
  return (next) => async (message) => {
    const started = process.hrtime.bigint();
    try {
      await next(message);
      logger.debug({ ...describe(message), handler: handlerName, durationMs: Number(process.hrtime.bigint() - started) / 1e6 }, 'message handled');
    } catch (err) {
      logger.warn({ ...describe(message), handler: handlerName, err, code: errorCode(err) }, 'message not handled');
      throw err;
    }
  };
}

// --- retry -------------------------------------------------------------------------

export interface RetryOptions {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts: number;
  /** Cap of the first backoff. Default 100 ms. */
  initialDelayMs: number;
  /** Cap of any backoff. Default 5 s. */
  maxDelayMs: number;
  /** Growth of the cap per attempt. Default 2. */
  multiplier: number;
  /** Source of randomness for the jitter, in [0, 1). Default Math.random. */
  random?: () => number;
  /** When aborted (the subscription stops), waiting stops and the message is left uncommitted. */
  signal?: AbortSignal;
  /**
   * How long errors that say the database is unavailable (`isDatabaseUnavailable`: refused
   * or cut connections, a server restarting, a pool timeout) are retried, counted from the
   * first of them. They have this budget of their own and do not use up `maxAttempts`, so
   * a PostgreSQL restart does not dead-letter work. Default 10 minutes.
   */
  unavailableBudgetMs: number;
  /** Cap of any backoff while the database is unavailable (from `initialDelayMs`, doubling). Default 5 s. */
  unavailableMaxDelayMs: number;
  /** Clock for the unavailable budget. Default Date.now. */
  now?: () => number;
}

export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 5,
  initialDelayMs: 100,
  maxDelayMs: 5000,
  multiplier: 2,
  unavailableBudgetMs: 10 * 60_000,
  unavailableMaxDelayMs: 5000,
};

/** Exponential backoff with full jitter: uniform in [0, min(max, initial × multiplier^(attempt−1))). */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'initialDelayMs' | 'maxDelayMs' | 'multiplier' | 'random'>): number {
  const cap = Math.min(options.maxDelayMs, options.initialDelayMs * options.multiplier ** Math.max(0, attempt - 1));
  return Math.floor((options.random ?? Math.random)() * cap);
}

const attemptsByError = new WeakMap<object, number>();

/** How many attempts the retry middleware made before giving up with `err` (1 when it never retried). */
export function attemptsMade(err: unknown): number {
  return typeof err === 'object' && err !== null ? (attemptsByError.get(err) ?? 1) : 1;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** What a retry loop reports before each backoff wait. */
export interface RetryAttempt {
  /** The attempt that failed (1 for the first call). */
  attempt: number;
  delayMs: number;
  err: unknown;
}

/**
 * Calls `call` until it succeeds, while the error is retriable (`isRetriable`) and attempts
 * remain; programmer errors are never retried. A database-unavailable error
 * (`isDatabaseUnavailable`) is retried on its own budget (`unavailableBudgetMs` from the
 * first one, backoff capped at `unavailableMaxDelayMs`) and does not use up `maxAttempts`.
 * Throws the last error (`attemptsMade` tells how many attempts it took), or
 * `ConsumerStoppingError` when the signal ends a backoff wait or the heartbeat fails (a
 * rebalance, the broker gone): the message stays uncommitted for whoever owns it next.
 * `heartbeat` runs after every wait, so a long retry keeps the group membership.
 */
export async function callWithRetry(
  call: () => Promise<void>,
  options: Partial<RetryOptions>,
  hooks: { heartbeat?: () => Promise<void>; onRetry?: (attempt: RetryAttempt) => void } = {},
): Promise<void> {
  const o: RetryOptions = { ...defaultRetryOptions, ...options };
  const now = o.now ?? Date.now;
  /** Failures that count against maxAttempts, and consecutive database-unavailable ones. */
  let counted = 0;
  let unavailableRun = 0;
  let unavailableSince: number | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      await call();
      return;
    } catch (err) {
      if (typeof err === 'object' && err !== null) attemptsByError.set(err, attempt);
      if (err instanceof ConsumerStoppingError) throw err;
      if (isProgrammerError(err) || !isRetriable(err)) throw err;
      let delayMs: number;
      if (isDatabaseUnavailable(err)) {
        unavailableSince ??= now();
        unavailableRun += 1;
        if (now() - unavailableSince >= o.unavailableBudgetMs) throw err;
        // Half jitter: never a near-zero wait that would spin against a server that is down.
        const cap = Math.min(o.unavailableMaxDelayMs, o.initialDelayMs * o.multiplier ** Math.max(0, unavailableRun - 1));
        delayMs = Math.floor(cap / 2 + ((o.random ?? Math.random)() * cap) / 2);
      } else {
        unavailableRun = 0;
        counted += 1;
        if (counted >= o.maxAttempts) throw err;
        delayMs = backoffDelay(counted, o);
      }
      hooks.onRetry?.({ attempt, delayMs, err });
      const slept = await sleep(delayMs, o.signal);
      if (!slept) throw new ConsumerStoppingError(err);
      try {
        await hooks.heartbeat?.();
      } catch (heartbeatErr) {
        // A rebalance (or a broker gone) while waiting: this member may no longer own the
        // partition. Leave the message uncommitted rather than dead-letter it.
        throw new ConsumerStoppingError(heartbeatErr);
      }
    }
  }
}

/** Retries in place (holding the partition, so per-key order is kept): `callWithRetry` around one message. */
export function retry(options: Partial<RetryOptions> = {}, logger?: BusLogger): Middleware {
  return (next) => (message) =>
    callWithRetry(() => next(message), options, {
      heartbeat: async () => currentMessageContext()?.heartbeat(),
      onRetry: ({ attempt, delayMs, err }) =>
        logger?.warn({ topic: message.topic, partition: message.partition, offset: message.offset, eventId: message.event.id, attempt, delayMs, code: errorCode(err), err }, 'retrying message'),
    });
}

// --- poison queue ------------------------------------------------------------------

/** Headers that a dead letter carries besides the original ones. */
export const DLQ_HEADERS = {
  errorCode: 'dlq_error_code',
  errorMessage: 'dlq_error_message',
  sourceTopic: 'dlq_source_topic',
  sourcePartition: 'dlq_source_partition',
  sourceOffset: 'dlq_source_offset',
  handler: 'dlq_handler',
  attempts: 'dlq_attempts',
  failedAt: 'dlq_failed_at',
} as const;

export interface DeadLetterSource {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  rawValue: Buffer | null;
}

/** The dead letter of a message: the original key, headers and bytes, plus why it died. */
export function deadLetterOf(source: DeadLetterSource, err: unknown, handlerName: string, attempts: number): RawMessage {
  return {
    key: source.key,
    value: source.rawValue,
    headers: {
      ...source.headers,
      [DLQ_HEADERS.errorCode]: errorCode(err),
      [DLQ_HEADERS.errorMessage]: errorMessage(err).slice(0, 4000),
      [DLQ_HEADERS.sourceTopic]: source.topic,
      [DLQ_HEADERS.sourcePartition]: String(source.partition),
      [DLQ_HEADERS.sourceOffset]: source.offset,
      [DLQ_HEADERS.handler]: handlerName,
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
    },
  };
}

export type DeadLetterPublisher = (topic: string, messages: RawMessage[]) => Promise<void>;

/**
 * Any error that reaches it sends the message to `<topic>.dlq` and lets the consumer
 * commit and move on. If the DLQ publish itself fails, the error propagates and the
 * message stays uncommitted (delivered again), so nothing is dropped.
 */
export function poisonQueue(options: { publish: DeadLetterPublisher; handlerName: string; logger?: BusLogger }): Middleware {
  return (next) => async (message) => {
    try {
      await next(message);
    } catch (err) {
      if (err instanceof ConsumerStoppingError) throw err;
      const attempts = attemptsMade(err);
      const source: DeadLetterSource = { ...message, key: message.key, rawValue: message.rawValue };
      await options.publish(dlqTopicName(message.topic), [deadLetterOf(source, err, options.handlerName, attempts)]);
      options.logger?.error(
        { topic: message.topic, partition: message.partition, offset: message.offset, eventId: message.event.id, handler: options.handlerName, attempts, code: errorCode(err), err },
        'message dead-lettered',
      );
    }
  };
}
