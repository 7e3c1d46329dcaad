import { createEvent, dlqTopicName } from '@ledgerbus/contracts';
import { kafkaBrokersFromEnv, readTopic, testTopic, uniqueName } from '@ledgerbus/testing';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import type { MessageBus } from '../src';
import { createKafkaBus } from '../src';
import { describeBusContract } from './bus-contract';

// jest's project-level testTimeout is not applied per project; Kafka group joins need more than 5 s on a busy machine.
jest.setTimeout(60_000);

const brokers = kafkaBrokersFromEnv();

describeBusContract('Kafka', () => ({
  newBus: () => createKafkaBus({ brokers, clientId: 'bus-contract-test' }),
  readTopic: (topic, options) => readTopic(brokers, topic, options),
  timeoutMs: 30_000,
}));

describe('Kafka bus topic creation', () => {
  const buses: MessageBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });

  it('resolves ensureTopics only when every partition of every new topic and its DLQ has a leader, even when two processes create them at once', async () => {
    const topics = Array.from({ length: 8 }, () => testTopic(uniqueName('test.ensure'), z.object({ n: z.number() }), { partitions: 6 }));
    const first = createKafkaBus({ brokers, clientId: 'ensure-a' });
    const second = createKafkaBus({ brokers, clientId: 'ensure-b' });
    buses.push(first, second);

    await Promise.all([first.ensureTopics(topics), second.ensureTopics([...topics].reverse())]);

    // A separate client sees the leaders at once (kafkajs's metadata call fails on a missing leader).
    const admin = new Kafka({ clientId: 'ensure-check', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    await admin.connect();
    try {
      const names = topics.flatMap((t) => [t.name, dlqTopicName(t.name)]);
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
      expect(metadata.map((t) => t.name).sort()).toEqual([...names].sort());
      for (const topic of metadata) {
        expect(topic.partitions).toHaveLength(6);
        for (const partition of topic.partitions) expect(partition.leader).toBeGreaterThanOrEqual(0);
      }
    } finally {
      await admin.disconnect();
    }
    // And a publish straight after creation lands on every topic.
    const events = topics.map((t, i) => ({ topic: t, event: createEvent({ type: 'test.happened', source: '/ensure-test', data: { n: i } }) }));
    await Promise.all(events.map(({ topic, event }) => first.publish(topic, [{ key: 'k', event }])));
    for (const { topic, event } of events) {
      const [landed] = await readTopic(brokers, topic.name, { count: 1, timeoutMs: 30_000 });
      expect(landed?.event?.id).toBe(event.id);
    }
  });

  it('rejects ensureTopics with the broker error when a topic cannot be created, instead of waiting for its leaders', async () => {
    const bus = createKafkaBus({ brokers, clientId: 'ensure-bad', replicationFactor: 99 });
    buses.push(bus);
    const topic = testTopic(uniqueName('test.ensure-bad'), z.object({ n: z.number() }), { partitions: 1 });

    const error = await bus.ensureTopics([topic]).then(
      () => undefined,
      (err: unknown) => err,
    );

    expect(error).toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ type: 'INVALID_REPLICATION_FACTOR' })]) });
  });
});
