import type { TopicDefinition } from '@ledgerbus/contracts';
import { dlqTopicName } from '@ledgerbus/contracts';
import { UnavailableError } from '@ledgerbus/kit';
import { BusClosedError } from '../errors';
import type { BusLogger } from '../logger';
import { silentLogger } from '../logger';
import type { MessageBus, OutgoingMessage, RawMessage, RawSubscribeOptions, SubscribeOptions, Subscription } from '../port';
import { prepareForPublish } from '../publish';
import type { RecordProcessor } from '../runner';
import { createRawRecordProcessor, createRecordProcessor } from '../runner';
import type { MemoryMember } from './memory-broker';
import { MemoryBroker } from './memory-broker';
import { Semaphore } from './signal';

export interface MemoryBusOptions {
  /** Share one broker between bus instances to act like several processes on one cluster. */
  broker?: MemoryBroker;
  logger?: BusLogger;
}

export interface MemoryBus extends MessageBus {
  readonly broker: MemoryBroker;
}

let nextMemberId = 1;

/**
 * The in-memory adapter: same semantics as the Kafka adapter (partitions by key,
 * consumer groups, commit after success, redelivery of uncommitted messages, compacted
 * topics replayed to new groups, `.dlq` topics). For unit tests and the embedded mode.
 */
export function createMemoryBus(options: MemoryBusOptions = {}): MemoryBus {
  const broker = options.broker ?? new MemoryBroker();
  const logger = options.logger ?? silentLogger;
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new BusClosedError();
  };

  const ensure = (topics: readonly TopicDefinition[]): void => {
    for (const t of topics) {
      broker.createTopic(t.name, t.partitions, t.cleanupPolicy === 'compact');
      broker.createTopic(dlqTopicName(t.name), t.partitions, false);
    }
  };

  const publishRaw = async (topic: string, messages: RawMessage[]): Promise<void> => {
    assertOpen();
    broker.append(topic, messages);
  };

  /** A member of the group that hands its partitions' records to `processor`. */
  const join = (
    subscription: { groupId: string; topics: string[]; fromBeginning?: boolean; partitionsConsumedConcurrently?: number },
    processor: RecordProcessor,
    abort: AbortController,
  ): Subscription => {
    const member: MemoryMember = {
      id: nextMemberId++,
      topics: subscription.topics,
      fromBeginning: subscription.fromBeginning ?? true,
      semaphore: new Semaphore(Math.max(1, subscription.partitionsConsumedConcurrently ?? 1)),
      processor,
      stopping: false,
    };
    const group = broker.group(subscription.groupId);
    group.join(member);
    let stopped: Promise<void> | undefined;
    const handle: Subscription = {
      stop() {
        stopped ??= (async () => {
          abort.abort();
          await group.leave(member);
          subscriptions.delete(handle);
        })();
        return stopped;
      },
    };
    subscriptions.add(handle);
    return handle;
  };

  return {
    broker,

    async ensureTopics(topics) {
      assertOpen();
      ensure(topics);
    },

    async publish(topic: TopicDefinition, messages: OutgoingMessage[]) {
      assertOpen();
      const raw = prepareForPublish(topic, messages);
      if (!broker.hasTopic(topic.name)) ensure([topic]);
      broker.append(topic.name, raw);
    },

    publishRaw,

    async subscribe(subscription: SubscribeOptions): Promise<Subscription> {
      assertOpen();
      ensure(subscription.topics);
      const abort = new AbortController();
      const processor = createRecordProcessor({ subscription, deadLetter: async (t, m) => broker.append(t, m), logger, signal: abort.signal });
      return join({ ...subscription, topics: subscription.topics.map((t) => t.name) }, processor, abort);
    },

    async subscribeRaw(subscription: RawSubscribeOptions): Promise<Subscription> {
      assertOpen();
      const missing = subscription.topics.filter((name) => !broker.hasTopic(name));
      if (missing.length > 0) throw new UnavailableError('topic_not_found', `no topic ${missing.join(', ')} to subscribe to (ensureTopics of a topic creates its .dlq)`);
      const abort = new AbortController();
      return join(subscription, createRawRecordProcessor({ subscription, logger, signal: abort.signal }), abort);
    },

    async ping() {
      assertOpen();
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((s) => s.stop()));
    },
  };
}
