import { createKafkaBus } from '@ledgerbus/bus';
import { createEvent } from '@ledgerbus/contracts';
import { z } from 'zod';
import { kafkaBrokersFromEnv, readTopic, testTopic, uniqueName } from '../src';

jest.setTimeout(60_000);

const brokers = kafkaBrokersFromEnv();

describe('readTopic on Kafka', () => {
  it('returns every message already on the topic in idle mode, even when reading them takes longer than the idle time', async () => {
    const topic = testTopic(uniqueName('test.read-topic'), z.object({ n: z.number().int() }), { partitions: 3 });
    const bus = createKafkaBus({ brokers, clientId: 'read-topic-test' });
    const events = Array.from({ length: 20_000 }, (_, n) => ({ key: `key-${n % 7}`, event: createEvent({ type: 'test.happened', source: '/read-topic-test', data: { n } }) }));
    try {
      await bus.ensureTopics([topic]);
      await bus.publish(topic, events);
    } finally {
      await bus.close();
    }

    const read = await readTopic(brokers, topic.name, { untilIdleMs: 1, timeoutMs: 30_000 });

    expect(read.map((m) => m.event?.id).sort()).toEqual(events.map((e) => e.event.id).sort());
  });

  it('returns nothing for an empty topic once the idle time has passed', async () => {
    const topic = testTopic(uniqueName('test.read-topic-empty'), z.object({ n: z.number().int() }), { partitions: 2 });
    const bus = createKafkaBus({ brokers, clientId: 'read-topic-test' });
    try {
      await bus.ensureTopics([topic]);
    } finally {
      await bus.close();
    }

    expect(await readTopic(brokers, topic.name, { untilIdleMs: 200, timeoutMs: 30_000 })).toEqual([]);
  });
});
