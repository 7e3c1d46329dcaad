import type { TopicDefinition } from '@ledgerbus/contracts';
import { dlqTopicName } from '@ledgerbus/contracts';
import { UnavailableError } from '@ledgerbus/kit';
import type { Admin, Consumer, EachBatchPayload, Message, Producer } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import { headersToStrings } from '../codec';
import { BusClosedError, ConsumerStoppingError } from '../errors';
import type { BusLogger } from '../logger';
import { silentLogger } from '../logger';
import type { MessageBus, OutgoingMessage, RawMessage, RawSubscribeOptions, SubscribeOptions, Subscription } from '../port';
import { prepareForPublish } from '../publish';
import type { RecordProcessor } from '../runner';
import { createRawRecordProcessor, createRecordProcessor } from '../runner';
import { kafkaLogCreator } from './kafka-logger';

export interface KafkaConsumerTuning {
  /** Default 10 s: long enough for a GC pause, short enough to notice a dead member soon. */
  sessionTimeout: number;
  /** Default 1 s. */
  heartbeatInterval: number;
  /** Default 10 s. */
  rebalanceTimeout: number;
  /** Default 1 MiB. */
  maxBytesPerPartition: number;
  /** How long a fetch waits for data. Default 50 ms (latency over fewer requests). */
  maxWaitTimeInMs: number;
  /** Commit after this many handled messages within a batch (and at the end of every batch). Default 500. With a batch handler: after every chunk. */
  commitEveryMessages: number;
  /** How long `subscribe` waits for the member to join its group. Default 30 s. */
  joinTimeoutMs: number;
}

export interface KafkaBusOptions {
  brokers: string[];
  clientId?: string;
  logger?: BusLogger;
  /** `subscribe` creates its topics and their `.dlq` topics when missing. Default true. */
  ensureTopicsOnSubscribe?: boolean;
  /** Messages per produce request; bigger publishes are sent in order in several requests. Default 2000. */
  maxMessagesPerRequest?: number;
  /** Replication factor of created topics. Default 1 (one local broker); use 3 in production. */
  replicationFactor?: number;
  consumer?: Partial<KafkaConsumerTuning>;
  /**
   * How long `ensureTopics` (and the first publish to a topic) waits for every partition
   * of a topic to have a leader. Default 30 s.
   */
  topicReadyTimeoutMs?: number;
}

const defaultTuning: KafkaConsumerTuning = {
  sessionTimeout: 10_000,
  heartbeatInterval: 1_000,
  rebalanceTimeout: 10_000,
  maxBytesPerPartition: 1_048_576,
  maxWaitTimeInMs: 50,
  commitEveryMessages: 500,
  joinTimeoutMs: 30_000,
};

/** DLQ topics keep dead letters for 14 days unless the registry says otherwise. */
const DLQ_RETENTION_MS = 14 * 24 * 3600 * 1000;

function topicConfig(topic: TopicDefinition): Array<{ name: string; value: string }> {
  const entries: Array<{ name: string; value: string }> = [{ name: 'cleanup.policy', value: topic.cleanupPolicy }];
  if (topic.retentionMs !== undefined) entries.push({ name: 'retention.ms', value: String(topic.retentionMs) });
  return entries;
}

/** Metadata answers that mean "the broker does not know the topic's leaders yet". */
const NOT_READY_TYPES = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_OR_FOLLOWER', 'NOT_LEADER_FOR_PARTITION']);

function errorType(err: unknown): string | undefined {
  const type = (err as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

function isTopicNotReady(err: unknown): boolean {
  const type = errorType(err);
  if (type !== undefined && NOT_READY_TYPES.has(type)) return true;
  // kafkajs wraps an exhausted retry of such an answer (KafkaJSNumberOfRetriesExceeded).
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause !== undefined && cause !== err && isTopicNotReady(cause);
}

/** A createTopics failure after which the topics may still exist or appear. */
function isCreateStillFine(err: unknown): boolean {
  const errors = (err as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return false;
  return errors.every((e) => ['TOPIC_ALREADY_EXISTS', 'REQUEST_TIMED_OUT'].includes(errorType(e) ?? ''));
}

/**
 * Process an eachBatch batch in order, in the processor's chunks; commit after success
 * only: every `commitEvery` handled messages and at the end of the batch.
 */
async function consumeBatch(payload: EachBatchPayload, processor: RecordProcessor, commitEvery: number, signal: AbortSignal): Promise<void> {
  const { batch } = payload;
  const heartbeat = (): Promise<void> => payload.heartbeat();
  let lastHandled: string | undefined;
  let sinceCommit = 0;
  const commit = async (): Promise<void> => {
    if (lastHandled === undefined) return;
    const offset = (BigInt(lastHandled) + 1n).toString();
    lastHandled = undefined;
    sinceCommit = 0;
    await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }] });
  };
  try {
    for (let i = 0; i < batch.messages.length; i += processor.chunkSize) {
      if (!payload.isRunning() || payload.isStale() || signal.aborted) break;
      const chunk = batch.messages.slice(i, i + processor.chunkSize);
      await processor.process(
        chunk.map((message) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          key: message.key === null ? null : message.key.toString('utf8'),
          value: message.value,
          headers: headersToStrings(message.headers),
        })),
        { heartbeat },
      );
      const last = chunk[chunk.length - 1]!.offset;
      payload.resolveOffset(last);
      lastHandled = last;
      sinceCommit += chunk.length;
      if (sinceCommit >= commitEvery) await commit();
      await heartbeat();
    }
  } catch (err) {
    // What was handled is committed; the failed chunk is not, and is delivered again.
    await commit();
    if (err instanceof ConsumerStoppingError) return;
    throw err;
  }
  await commit();
}

/**
 * The Kafka adapter (kafkajs): idempotent producer with acks=all, CloudEvents binary
 * binding, topics created from the registry, one consumer per subscription with
 * offsets committed only after the handler (or the DLQ publish) succeeded.
 */
export function createKafkaBus(options: KafkaBusOptions): MessageBus {
  const logger = options.logger ?? silentLogger;
  const tuning: KafkaConsumerTuning = { ...defaultTuning, ...options.consumer };
  const maxPerRequest = Math.max(1, options.maxMessagesPerRequest ?? 2_000);
  const kafka = new Kafka({
    clientId: options.clientId ?? 'ledgerbus',
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
    connectionTimeout: 3_000,
    retry: { initialRetryTime: 100, retries: 8 },
  });
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  const admin: Admin = kafka.admin();
  const subscriptions = new Set<Subscription>();
  let producerReady: Promise<void> | undefined;
  let adminReady: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  /** Topics whose partitions all had a leader once: publishing to them needs no metadata wait. */
  const readyTopics = new Set<string>();
  const topicReadyTimeoutMs = options.topicReadyTimeoutMs ?? 30_000;

  const assertOpen = (): void => {
    if (closing) throw new BusClosedError();
  };
  const connectedProducer = async (): Promise<Producer> => {
    producerReady ??= producer.connect().catch((err: unknown) => {
      producerReady = undefined;
      throw new UnavailableError('kafka_unavailable', 'cannot connect the Kafka producer', err);
    });
    await producerReady;
    return producer;
  };
  const connectedAdmin = async (): Promise<Admin> => {
    adminReady ??= admin.connect().catch((err: unknown) => {
      adminReady = undefined;
      throw new UnavailableError('kafka_unavailable', 'cannot connect the Kafka admin client', err);
    });
    await adminReady;
    return admin;
  };

  const sendRaw = async (topic: string, messages: readonly RawMessage[]): Promise<void> => {
    if (messages.length === 0) return;
    await topicReady(topic);
    const p = await connectedProducer();
    for (let i = 0; i < messages.length; i += maxPerRequest) {
      const chunk: Message[] = messages.slice(i, i + maxPerRequest).map((m) => ({ key: m.key, value: m.value, headers: m.headers }));
      await p.send({ topic, messages: chunk, acks: -1 });
    }
  };

  /**
   * Polls the topics' metadata until every topic is known to the broker and every one of
   * its partitions has a leader (and a topic this bus just created shows all its
   * partitions). `createTopics` returns once the controller has committed the topics,
   * but a broker may answer UNKNOWN_TOPIC_OR_PARTITION or LEADER_NOT_AVAILABLE for a
   * moment after that (its metadata cache lags behind the controller, longer on a busy
   * machine): those answers mean "not yet", anything else is an error.
   */
  const awaitTopicLeaders = async (a: Admin, names: readonly string[], expectedPartitions: ReadonlyMap<string, number>): Promise<void> => {
    const deadline = Date.now() + topicReadyTimeoutMs;
    let delay = 25;
    let notReady = '';
    for (;;) {
      try {
        const { topics } = await a.fetchTopicMetadata({ topics: [...names] });
        const byName = new Map(topics.map((t) => [t.name, t.partitions]));
        const pending = names.filter((name) => {
          const partitions = byName.get(name);
          if (!partitions || partitions.length === 0) return true;
          const expected = expectedPartitions.get(name);
          if (expected !== undefined && partitions.length < expected) return true;
          return partitions.some((p) => p.partitionErrorCode !== 0 || p.leader < 0);
        });
        if (pending.length === 0) {
          for (const name of names) readyTopics.add(name);
          return;
        }
        notReady = `no leader yet for ${pending.join(', ')}`;
      } catch (err) {
        if (!isTopicNotReady(err)) throw err;
        notReady = err instanceof Error ? err.message : String(err);
      }
      if (Date.now() >= deadline) {
        throw new UnavailableError('kafka_topic_not_ready', `topics ${names.join(', ')} have no leader after ${topicReadyTimeoutMs} ms (${notReady})`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, Math.max(0, deadline - Date.now()))));
      delay = Math.min(delay * 2, 500);
    }
  };

  const ensureTopics = async (topics: readonly TopicDefinition[]): Promise<void> => {
    if (topics.length === 0) return;
    const a = await connectedAdmin();
    const replicationFactor = options.replicationFactor ?? 1;
    const wanted = topics.flatMap((t) => [
      { topic: t.name, numPartitions: t.partitions, replicationFactor, configEntries: topicConfig(t) },
      {
        topic: dlqTopicName(t.name),
        numPartitions: t.partitions,
        replicationFactor,
        configEntries: [
          { name: 'cleanup.policy', value: 'delete' },
          { name: 'retention.ms', value: String(DLQ_RETENTION_MS) },
        ],
      },
    ]);
    const existing = new Set(await a.listTopics());
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      try {
        // Not kafkajs's waitForLeaders: it gives up on the first UNKNOWN_TOPIC_OR_PARTITION.
        await a.createTopics({ topics: missing, waitForLeaders: false });
      } catch (err) {
        // Another process created some of them meanwhile, or the broker timed out while the
        // creation goes on: the wait below tells. Anything else is a real error.
        if (!isCreateStillFine(err)) throw err;
      }
    }
    await awaitTopicLeaders(
      a,
      wanted.map((t) => t.topic),
      new Map(missing.map((t) => [t.topic, t.numPartitions])),
    );
  };

  /** The first publish to a topic this bus has not ensured waits until its partitions have leaders. */
  const topicReady = async (topic: string): Promise<void> => {
    if (readyTopics.has(topic)) return;
    await awaitTopicLeaders(await connectedAdmin(), [topic], new Map());
  };

  /** One kafkajs consumer in `groupId` that hands what it fetches to `processor`; commits only what it handled. */
  const startConsumer = async (
    subscription: { groupId: string; topics: string[]; fromBeginning?: boolean; partitionsConsumedConcurrently?: number },
    processor: RecordProcessor,
    commitEvery: number,
    abort: AbortController,
  ): Promise<Subscription> => {
    const consumer: Consumer = kafka.consumer({
      groupId: subscription.groupId,
      sessionTimeout: tuning.sessionTimeout,
      heartbeatInterval: tuning.heartbeatInterval,
      rebalanceTimeout: tuning.rebalanceTimeout,
      maxBytesPerPartition: tuning.maxBytesPerPartition,
      maxWaitTimeInMs: tuning.maxWaitTimeInMs,
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 10 },
    });
    let joined = false;
    const joinedPromise = new Promise<void>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => {
        joined = true;
        resolve();
      });
    });
    await consumer.connect();
    await consumer.subscribe({ topics: subscription.topics, fromBeginning: subscription.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: Math.max(1, subscription.partitionsConsumedConcurrently ?? 1),
      eachBatch: (payload) => consumeBatch(payload, processor, commitEvery, abort.signal),
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      joinedPromise,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, tuning.joinTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!joined) logger.warn({ groupId: subscription.groupId }, 'consumer has not joined its group yet; it keeps trying');

    let stopped: Promise<void> | undefined;
    const handle: Subscription = {
      stop() {
        stopped ??= (async () => {
          abort.abort();
          // kafkajs waits for the batch in flight (which commits what it handled), then leaves the group.
          await consumer.stop();
          await consumer.disconnect();
          subscriptions.delete(handle);
        })();
        return stopped;
      },
    };
    subscriptions.add(handle);
    return handle;
  };

  const subscribe = async (subscription: SubscribeOptions): Promise<Subscription> => {
    assertOpen();
    if (options.ensureTopicsOnSubscribe ?? true) await ensureTopics(subscription.topics);
    const abort = new AbortController();
    const processor = createRecordProcessor({ subscription, deadLetter: sendRaw, logger, signal: abort.signal });
    // A batch handler's chunk is committed as soon as it is handled: a crash redoes at most one chunk.
    const commitEvery = subscription.batch === undefined ? tuning.commitEveryMessages : 1;
    return startConsumer({ ...subscription, topics: subscription.topics.map((t) => t.name) }, processor, commitEvery, abort);
  };

  const subscribeRaw = async (subscription: RawSubscribeOptions): Promise<Subscription> => {
    assertOpen();
    // Nothing to create from (no definition): the topics must be there; a missing one fails after topicReadyTimeoutMs.
    await awaitTopicLeaders(await connectedAdmin(), subscription.topics, new Map());
    const abort = new AbortController();
    return startConsumer(subscription, createRawRecordProcessor({ subscription, logger, signal: abort.signal }), tuning.commitEveryMessages, abort);
  };

  return {
    ensureTopics: async (topics) => {
      assertOpen();
      await ensureTopics(topics);
    },

    async publish(topic: TopicDefinition, messages: OutgoingMessage[]) {
      assertOpen();
      await sendRaw(topic.name, prepareForPublish(topic, messages));
    },

    async publishRaw(topic, messages) {
      assertOpen();
      await sendRaw(topic, messages);
    },

    subscribe,

    subscribeRaw,

    async ping() {
      assertOpen();
      try {
        const a = await connectedAdmin();
        await a.describeCluster();
      } catch (err) {
        throw err instanceof UnavailableError ? err : new UnavailableError('kafka_unavailable', 'Kafka does not answer', err);
      }
    },

    close() {
      closing ??= (async () => {
        await Promise.all([...subscriptions].map((s) => s.stop()));
        if (producerReady) await producer.disconnect();
        if (adminReady) await admin.disconnect();
      })();
      return closing;
    },
  };
}
