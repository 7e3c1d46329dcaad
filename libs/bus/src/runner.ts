import type { TopicDefinition } from '@ledgerbus/contracts';
import { ContractViolation, dlqTopicName, tenantKey, validateEvent } from '@ledgerbus/contracts';
import { errorCode } from '@ledgerbus/kit';
import { decodeEvent } from './codec';
import { ConsumerStoppingError, PoisonMessageError } from './errors';
import type { BusLogger } from './logger';
import type { DeadLetterPublisher, Middleware } from './middleware';
import { attemptsMade, callWithRetry, compose, correlation, deadLetterOf, logging, poisonQueue, retry } from './middleware';
import type { Handler, IncomingMessage, RawSubscribeOptions, SubscribeOptions } from './port';

/** A consumed record as an adapter delivers it, before decoding. */
export interface RawRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Per-delivery hooks from the adapter. */
export interface DeliveryHooks {
  heartbeat?: () => Promise<void>;
}

/**
 * Processes consecutive records of one partition in offset order. `process` resolves when
 * all of them may be committed (each handled, or dead-lettered); it rejects when none may
 * be (a DLQ publish failed, or the subscription stopped mid-retry), so the adapter
 * delivers them again.
 */
export interface RecordProcessor {
  /** How many records the adapter hands over at once: 1, or the batch handler's `maxMessages`. */
  readonly chunkSize: number;
  process(records: readonly RawRecord[], hooks?: DeliveryHooks): Promise<void>;
}

export interface ProcessorOptions {
  subscription: SubscribeOptions;
  deadLetter: DeadLetterPublisher;
  logger: BusLogger;
  /** Aborted when the subscription stops: backoff waits end and the message stays uncommitted. */
  signal: AbortSignal;
}

/**
 * On a topic keyed by the tenant (`tenantKey`: "tenant" or "tenant/division"), the key's
 * tenant must be the event's `data.tenantId` when the data names one: a message routed
 * under one tenant's key but carrying another tenant's data would be applied to the
 * wrong tenant's partition order (and, by a consumer that trusts the key, to the wrong
 * tenant). Such a message is poison: `key_mismatch`.
 */
export function assertKeyMatchesTenant(topic: TopicDefinition, key: string, data: unknown): void {
  if (topic.key !== tenantKey || typeof data !== 'object' || data === null) return;
  const tenantId = (data as { tenantId?: unknown }).tenantId;
  if (typeof tenantId !== 'string') return;
  const keyTenant = key.split('/')[0];
  if (keyTenant !== tenantId) {
    throw new PoisonMessageError('key_mismatch', `key "${key}" names tenant "${keyTenant}" but data.tenantId is "${tenantId}" on ${topic.name}`, {
      key,
      tenantId,
    });
  }
}

/** Messages per batch-handler call when `batch.maxMessages` is not given. */
export const DEFAULT_BATCH_MESSAGES = 200;

function describeChunk(messages: readonly IncomingMessage[]): Record<string, unknown> {
  const first = messages[0]!;
  return { topic: first.topic, partition: first.partition, firstOffset: first.offset, lastOffset: messages[messages.length - 1]!.offset, count: messages.length };
}

/**
 * The consumer runner shared by both adapters: decode → validate against the topic's
 * contract and the key against `data.tenantId` (poison goes straight to `<topic>.dlq`) → correlation → logging → poison
 * queue → retry → extra middleware → handler. With `batch`, the valid messages of a chunk
 * go to `batch.handler` (retried like one message); a chunk it cannot handle goes through
 * that per-message chain one message at a time.
 */
export function createRecordProcessor(options: ProcessorOptions): RecordProcessor {
  const { subscription, deadLetter, logger, signal } = options;
  const handlerName = subscription.handlerName ?? subscription.groupId;
  const topics = new Map<string, TopicDefinition>(subscription.topics.map((t) => [t.name, t]));
  const inner: Middleware[] = [
    logging(logger, handlerName),
    poisonQueue({ publish: deadLetter, handlerName, logger }),
    retry({ ...subscription.retry, signal }, logger),
    ...(subscription.middleware ?? []),
  ];
  const chain: Handler = compose(...inner)(subscription.handler);

  /** The validated message, or undefined when the record is poison and now in the DLQ. */
  const decode = async (record: RawRecord): Promise<IncomingMessage | undefined> => {
    try {
      const topic = topics.get(record.topic);
      if (topic === undefined) throw new PoisonMessageError('unknown_topic', `no contract for topic ${record.topic} in this subscription`);
      if (record.key === null) throw new PoisonMessageError('contract_violation', `message on ${record.topic} has no key`);
      let event;
      try {
        event = validateEvent(topic, record.key, decodeEvent(record.headers, record.value));
      } catch (err) {
        if (err instanceof ContractViolation) {
          const reasons = err.issues.map((i) => `${i.path || '(event)'}: ${i.message}`).join('; ');
          throw new PoisonMessageError('contract_violation', `${err.message}: ${reasons}`, err.issues, err);
        }
        throw err;
      }
      assertKeyMatchesTenant(topic, record.key, event.data);
      return { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key, event, headers: record.headers, rawValue: record.value };
    } catch (err) {
      await deadLetter(dlqTopicName(record.topic), [deadLetterOf({ ...record, rawValue: record.value }, err, handlerName, 0)]);
      logger.error({ topic: record.topic, partition: record.partition, offset: record.offset, handler: handlerName, err }, 'poison message dead-lettered');
      return undefined;
    }
  };

  const handleOne = (message: IncomingMessage, hooks: DeliveryHooks): Promise<void> => correlation(hooks.heartbeat)(chain)(message);

  const batch = subscription.batch;
  if (batch === undefined) {
    return {
      chunkSize: 1,
      async process(records, hooks = {}) {
        for (const record of records) {
          const message = await decode(record);
          if (message !== undefined) await handleOne(message, hooks);
        }
      },
    };
  }

  /**
   * The batch handler under the subscription's retry policy. When it fails for good, each
   * message goes through the per-message chain, which retries it and dead-letters it with
   * its own reason, so one bad message does not take the others with it. A batch handler
   * runs outside any one message's context: it has no correlation id of its own.
   */
  const handleChunk = async (messages: IncomingMessage[], hooks: DeliveryHooks): Promise<void> => {
    const started = process.hrtime.bigint();
    try {
      await callWithRetry(() => batch.handler(messages), { ...subscription.retry, signal }, {
        heartbeat: hooks.heartbeat,
        onRetry: ({ attempt, delayMs, err }) => logger.warn({ ...describeChunk(messages), handler: handlerName, attempt, delayMs, code: errorCode(err), err }, 'retrying batch'),
      });
      logger.debug({ ...describeChunk(messages), handler: handlerName, durationMs: Number(process.hrtime.bigint() - started) / 1e6 }, 'batch handled');
    } catch (err) {
      if (err instanceof ConsumerStoppingError) throw err;
      // Stopping: leave the chunk uncommitted for the next owner rather than work through it now.
      if (signal.aborted) throw new ConsumerStoppingError(err);
      logger.warn({ ...describeChunk(messages), handler: handlerName, attempts: attemptsMade(err), code: errorCode(err), err }, 'batch not handled; handling its messages one by one');
      for (const message of messages) {
        await handleOne(message, hooks);
        await hooks.heartbeat?.();
      }
    }
  };

  return {
    chunkSize: Math.max(1, Math.floor(batch.maxMessages ?? DEFAULT_BATCH_MESSAGES)),
    async process(records, hooks = {}) {
      const messages: IncomingMessage[] = [];
      for (const record of records) {
        const message = await decode(record);
        if (message !== undefined) messages.push(message);
      }
      if (messages.length > 0) await handleChunk(messages, hooks);
    },
  };
}

export interface RawProcessorOptions {
  subscription: RawSubscribeOptions;
  logger: BusLogger;
  /** Aborted when the subscription stops: backoff waits end and the record stays uncommitted. */
  signal: AbortSignal;
}

/**
 * The processor of a raw subscription: each record goes to the handler as it is, under the
 * retry policy. No decoding and no poison queue (what a raw subscription reads, a DLQ, has
 * nowhere further to go): a failure that outlasts the retries rejects, so the adapter leaves
 * the record uncommitted and delivers it again.
 */
export function createRawRecordProcessor(options: RawProcessorOptions): RecordProcessor {
  const { subscription, logger, signal } = options;
  const handlerName = subscription.handlerName ?? subscription.groupId;
  const where = (record: RawRecord) => ({ topic: record.topic, partition: record.partition, offset: record.offset, handler: handlerName });
  return {
    chunkSize: 1,
    async process(records, hooks = {}) {
      for (const record of records) {
        const started = process.hrtime.bigint();
        try {
          await callWithRetry(() => subscription.handler(record), { ...subscription.retry, signal }, {
            heartbeat: hooks.heartbeat,
            onRetry: ({ attempt, delayMs, err }) => logger.warn({ ...where(record), attempt, delayMs, code: errorCode(err), err }, 'retrying raw message'),
          });
        } catch (err) {
          if (err instanceof ConsumerStoppingError) throw err;
          if (signal.aborted) throw new ConsumerStoppingError(err);
          logger.error({ ...where(record), attempts: attemptsMade(err), code: errorCode(err), err }, 'raw message not handled; left uncommitted');
          throw err;
        }
        logger.debug({ ...where(record), durationMs: Number(process.hrtime.bigint() - started) / 1e6 }, 'raw message handled');
      }
    },
  };
}
