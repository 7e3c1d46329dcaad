/**
 * Makes webhook notifications durable on Kafka before Intuit gets its 200, through one
 * shared producer. There is no fixed linger: when no send is in flight a request's
 * messages go out at once; while one is in flight, every request that arrives meanwhile
 * joins the next send, which starts the moment the previous one is acknowledged. Under
 * load this groups hundreds of requests into one produce request; when idle it adds no
 * wait. Every request waits for its own send to be acknowledged (acks=all). Each
 * request's messages are validated and encoded on arrival, so one bad message never fails
 * the others of its batch. A publish that fails or does not finish within `timeoutMs`
 * rejects with `UnavailableError`, and the route answers 503 so Intuit retries (a send
 * that still lands after the timeout is a duplicate, which the fetcher collapses).
 */
import { performance } from 'node:perf_hooks';
import type { MessageBus, OutgoingMessage, RawMessage } from '@ledgerbus/bus';
import { prepareForPublish } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { UnavailableError } from '@ledgerbus/kit';

export interface IntakePublisherOptions {
  bus: MessageBus;
  topic: TopicDefinition;
  /** At most this many messages per send; the rest wait for the next. Default 1000. */
  maxBatch?: number;
  /** Give up (503) after this long. Default 2000 ms (Intuit waits 3 s). */
  timeoutMs?: number;
}

export interface IntakeStats {
  sends: number;
  messages: number;
  /** Time from `publish` to the acknowledgement, per request, in ms (the last 100,000). */
  waitsMs: number[];
}

export interface IntakePublisher {
  publish(messages: OutgoingMessage[]): Promise<void>;
  /** Sends and messages so far (for the benchmark). */
  stats(): IntakeStats;
}

interface Pending {
  messages: RawMessage[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

export function createIntakePublisher(options: IntakePublisherOptions): IntakePublisher {
  const maxBatch = options.maxBatch ?? 1000;
  const timeoutMs = options.timeoutMs ?? 2000;
  const queue: Pending[] = [];
  let sending = false;
  const stats: IntakeStats = { sends: 0, messages: 0, waitsMs: [] };

  const next = (): void => {
    if (sending || queue.length === 0) return;
    const batch: Pending[] = [];
    let count = 0;
    while (queue.length > 0 && (batch.length === 0 || count + queue[0]!.messages.length <= maxBatch)) {
      const p = queue.shift()!;
      batch.push(p);
      count += p.messages.length;
    }
    sending = true;
    stats.sends += 1;
    stats.messages += count;
    options.bus
      .publishRaw(options.topic.name, batch.flatMap((p) => p.messages))
      .then(
        () => batch.forEach((p) => p.resolve()),
        (err: unknown) => batch.forEach((p) => p.reject(err)),
      )
      .finally(() => {
        sending = false;
        next();
      });
  };

  return {
    publish(messages) {
      if (messages.length === 0) return Promise.resolve();
      // Validation errors are the caller's (programmer) errors, thrown before anything is queued.
      const raw = prepareForPublish(options.topic, messages);
      const started = performance.now();
      let timeout: NodeJS.Timeout | undefined;
      let pending: Pending | undefined;
      const durable = new Promise<void>((resolve, reject) => {
        pending = { messages: raw, resolve, reject };
        queue.push(pending);
        next();
      });
      const deadline = new Promise<never>((_, reject) => {
        timeout = setTimeout(() => {
          // Not sent yet: leave the queue (Intuit retries after the 503), so an outage cannot pile up memory.
          const index = pending === undefined ? -1 : queue.indexOf(pending);
          if (index >= 0) queue.splice(index, 1);
          reject(new UnavailableError('intake_unavailable', 'the notifications could not be made durable in time; retry'));
        }, timeoutMs);
      });
      return Promise.race([durable, deadline])
        .then(() => {
          if (stats.waitsMs.length < 100_000) stats.waitsMs.push(performance.now() - started);
        })
        .catch((err: unknown) => {
          if (err instanceof UnavailableError) throw err;
          throw new UnavailableError('intake_unavailable', 'the notifications could not be made durable; retry', err);
        })
        .finally(() => clearTimeout(timeout));
    },
    stats: () => ({ ...stats, waitsMs: [...stats.waitsMs] }),
  };
}
