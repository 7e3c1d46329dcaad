import type { TopicDefinition } from '@ledgerbus/contracts';
import { ContractViolation, validateEvent } from '@ledgerbus/contracts';
import { decodeEvent } from './codec';
import { PoisonMessageError } from './errors';
import type { BusLogger } from './logger';
import type { DeadLetterPublisher, Middleware } from './middleware';
import { compose, correlation, deadLetterOf, logging, poisonQueue, retry } from './middleware';
import type { Handler, IncomingMessage, SubscribeOptions } from './port';
import { dlqTopicName } from '@ledgerbus/contracts';

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
 * Processes one record. Resolves when the record may be committed (handled, or
 * dead-lettered); rejects when it must not be committed (the DLQ publish failed, or the
 * subscription stopped mid-retry), so the adapter delivers it again.
 */
export type RecordProcessor = (record: RawRecord, hooks?: DeliveryHooks) => Promise<void>;

export interface ProcessorOptions {
  subscription: SubscribeOptions;
  deadLetter: DeadLetterPublisher;
  logger: BusLogger;
  /** Aborted when the subscription stops: backoff waits end and the message stays uncommitted. */
  signal: AbortSignal;
}

/**
 * The consumer runner shared by both adapters: decode → validate against the topic's
 * contract (poison goes straight to `<topic>.dlq`) → correlation → logging → poison
 * queue → retry → extra middleware → handler.
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

  return async (record, hooks = {}) => {
    let message: IncomingMessage;
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
      message = { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key, event, headers: record.headers, rawValue: record.value };
    } catch (err) {
      await deadLetter(dlqTopicName(record.topic), [deadLetterOf({ ...record, rawValue: record.value }, err, handlerName, 0)]);
      logger.error({ topic: record.topic, partition: record.partition, offset: record.offset, handler: handlerName, err }, 'poison message dead-lettered');
      return;
    }
    await correlation(hooks.heartbeat)(chain)(message);
  };
}
