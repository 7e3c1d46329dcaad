import type { CloudEvent, TopicDefinition } from '@ledgerbus/contracts';
import type { Middleware, RetryOptions } from './middleware';
import type { RawRecord } from './runner';

/**
 * The message-bus port. Adapters: Kafka (kafkajs) and in-memory. Both give the same
 * guarantees, proven by one contract test suite:
 * - messages with the same key keep their order (one partition per key);
 * - a consumer group shares partitions between its members;
 * - an offset is committed only after the handler returned (at-least-once);
 * - a compacted topic replays the latest value per key to a new consumer group.
 */

/** One message to publish: the event is validated against the topic's contract first. */
export interface OutgoingMessage {
  key: string;
  event: CloudEvent;
  /** Extra headers beyond the ce_* attributes (e.g. DLQ diagnostics). */
  headers?: Record<string, string>;
}

/** A message as bytes: what `publishRaw` sends and what a dead letter is. */
export interface RawMessage {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** One consumed message, as a handler sees it. */
export interface IncomingMessage<E extends CloudEvent = CloudEvent> {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  event: E;
  headers: Record<string, string>;
  /** The raw value bytes, kept so that poison messages reach the DLQ unchanged. */
  rawValue: Buffer | null;
}

/** Returning means "done, commit"; throwing means "do not commit". */
export type Handler<E extends CloudEvent = CloudEvent> = (message: IncomingMessage<E>) => Promise<void>;

/**
 * Handles consecutive valid messages of one partition, in offset order, at once (e.g. one
 * INSERT for all of them). Returning means "all done, commit"; throwing means "none done".
 */
export type BatchHandler<E extends CloudEvent = CloudEvent> = (messages: Array<IncomingMessage<E>>) => Promise<void>;

export interface BatchOptions {
  handler: BatchHandler;
  /** Most messages per call. Default 200. */
  maxMessages?: number;
}

export interface SubscribeOptions {
  /** Consumer group: members of one group share the partitions. */
  groupId: string;
  topics: TopicDefinition[];
  handler: Handler;
  /** Where a group with no committed offset starts. Default: earliest. */
  fromBeginning?: boolean;
  /** How many partitions are handled at the same time in this member. Default 1. */
  partitionsConsumedConcurrently?: number;
  /** Name used in logs and DLQ headers. Default: the group id. */
  handlerName?: string;
  /** Retry of retriable errors (in place, holding the partition). Default: 5 attempts, 100 ms .. 5 s full jitter. */
  retry?: Partial<Omit<RetryOptions, 'signal'>>;
  /** Extra middleware, innermost (around the handler, inside retry). Wraps `handler` only, not `batch.handler`. */
  middleware?: Middleware[];
  /**
   * Hand what was fetched for a partition to `batch.handler` in chunks, under the same
   * retry policy. A chunk that fails with a non-retriable error, or still fails when the
   * retries are used up, is handled again one message at a time by `handler` (with its
   * own retry, then the DLQ), so one bad message is dead-lettered with its reason and the
   * others are handled. A chunk is committed once it is handled.
   */
  batch?: BatchOptions;
}

/** Handles one record as it is on the topic. Returning means "commit"; throwing (after retries) means "do not commit". */
export type RawHandler = (record: RawRecord) => Promise<void>;

/**
 * A subscription to topics without a contract (e.g. `<topic>.dlq`, whose messages are
 * anything that could not be handled): records reach the handler undecoded (key, value
 * bytes and headers as they are), under the retry policy. There is no poison queue: an
 * error that outlasts the retries leaves the record uncommitted and it is delivered again,
 * so the handler must accept any content (store it, skip it) rather than throw on it.
 */
export interface RawSubscribeOptions {
  groupId: string;
  /** Topic names. They must exist (`ensureTopics` of a topic creates its `.dlq`); a missing one fails the subscribe. */
  topics: string[];
  handler: RawHandler;
  /** Where a group with no committed offset starts. Default: earliest. */
  fromBeginning?: boolean;
  /** How many partitions are handled at the same time in this member. Default 1. */
  partitionsConsumedConcurrently?: number;
  /** Name used in logs. Default: the group id. */
  handlerName?: string;
  /** Retry of retriable errors, as for `subscribe`. */
  retry?: Partial<Omit<RetryOptions, 'signal'>>;
}

export interface Subscription {
  /** Stop fetching, let in-flight handlers finish and commit, leave the group. */
  stop(): Promise<void>;
}

export interface MessageBus {
  /** Create the topics (and their `.dlq` topics) as the registry describes them. Idempotent. */
  ensureTopics(topics: readonly TopicDefinition[]): Promise<void>;
  /** Publish messages to one topic; resolves when they are durable (acks=all). Validates every event. */
  publish(topic: TopicDefinition, messages: OutgoingMessage[]): Promise<void>;
  /** Publish raw bytes with headers (used by the poison queue and by tests that send bad input). */
  publishRaw(topic: string, messages: RawMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Consume topics without a contract, record by record, undecoded (see `RawSubscribeOptions`). */
  subscribeRaw(options: RawSubscribeOptions): Promise<Subscription>;
  /** Readiness: resolves when the bus can reach its broker. */
  ping(): Promise<void>;
  /** Stop every subscription, flush the producer, disconnect. Idempotent. */
  close(): Promise<void>;
}
