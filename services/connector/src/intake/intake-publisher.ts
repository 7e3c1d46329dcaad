/**
 * Makes webhook notifications durable on Kafka before Intuit gets its 200. Requests that
 * arrive together share one produce request (a short linger), and every request waits
 * for its own batch to be acknowledged (acks=all). A publish that fails or does not
 * finish within `timeoutMs` rejects, and the route answers 503 so Intuit retries.
 */
import type { MessageBus, OutgoingMessage } from '@ledgerbus/bus';
import { qboNotifications } from '@ledgerbus/contracts';
import { UnavailableError } from '@ledgerbus/kit';

export interface IntakePublisherOptions {
  bus: MessageBus;
  /** How long the first message of a batch waits for company. Default 2 ms. */
  lingerMs?: number;
  /** Flush at this many messages. Default 500. */
  maxBatch?: number;
  /** Give up (503) after this long. Default 2000 ms (Intuit waits 3 s). */
  timeoutMs?: number;
}

export interface IntakePublisher {
  publish(messages: OutgoingMessage[]): Promise<void>;
}

interface Pending {
  messages: OutgoingMessage[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

export function createIntakePublisher(options: IntakePublisherOptions): IntakePublisher {
  const lingerMs = options.lingerMs ?? 2;
  const maxBatch = options.maxBatch ?? 500;
  const timeoutMs = options.timeoutMs ?? 2000;
  let queue: Pending[] = [];
  let queued = 0;
  let timer: NodeJS.Timeout | undefined;

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    queued = 0;
    if (batch.length === 0) return;
    options.bus.publish(qboNotifications, batch.flatMap((p) => p.messages)).then(
      () => batch.forEach((p) => p.resolve()),
      (err: unknown) => batch.forEach((p) => p.reject(err)),
    );
  };

  return {
    publish(messages) {
      if (messages.length === 0) return Promise.resolve();
      const durable = new Promise<void>((resolve, reject) => {
        queue.push({ messages, resolve, reject });
        queued += messages.length;
        if (queued >= maxBatch) flush();
        else timer ??= setTimeout(flush, lingerMs);
      });
      let timeout: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timeout = setTimeout(() => reject(new UnavailableError('intake_unavailable', 'the notifications could not be made durable in time; retry')), timeoutMs);
      });
      return Promise.race([durable, deadline])
        .catch((err: unknown) => {
          if (err instanceof UnavailableError) throw err;
          throw new UnavailableError('intake_unavailable', 'the notifications could not be made durable; retry', err);
        })
        .finally(() => clearTimeout(timeout));
    },
  };
}
