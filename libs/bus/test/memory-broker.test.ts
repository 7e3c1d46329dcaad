import { createEvent } from '@ledgerbus/contracts';
import { testTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import { z } from 'zod';
import type { IncomingMessage } from '../src';
import { createMemoryBus, MemoryBroker } from '../src';

const schema = z.object({ n: z.number() });
const item = (key: string, n: number) => ({ key, event: createEvent({ type: 'test.happened', source: '/memory-test', data: { n } }) });

describe('in-memory bus specifics', () => {
  it('replays only the latest value per key of a compacted topic to a new group, not the superseded ones', async () => {
    const bus = createMemoryBus();
    const topic = testTopic(uniqueName('test.compacted'), schema, { partitions: 2, cleanupPolicy: 'compact' });
    await bus.publish(topic, [item('a', 1), item('b', 1), item('a', 2), item('a', 3)]);
    const seen: IncomingMessage[] = [];
    await bus.subscribe({ groupId: uniqueName('g'), topics: [topic], handler: async (m) => void seen.push(m) });
    await waitFor(() => seen.length === 2);
    expect(seen.map((m) => [m.key, (m.event.data as { n: number }).n]).sort()).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
    await bus.close();
  });

  it('moves partitions to the remaining member when one leaves, resuming from the committed offset', async () => {
    const broker = new MemoryBroker();
    const one = createMemoryBus({ broker });
    const two = createMemoryBus({ broker });
    const topic = testTopic(uniqueName('test.rebalance'), schema, { partitions: 4 });
    const groupId = uniqueName('g');
    const seenBy = { one: [] as number[], two: [] as number[] };
    const s1 = await one.subscribe({ groupId, topics: [topic], handler: async (m) => void seenBy.one.push((m.event.data as { n: number }).n) });
    await two.subscribe({ groupId, topics: [topic], handler: async (m) => void seenBy.two.push((m.event.data as { n: number }).n) });
    await one.publish(topic, Array.from({ length: 40 }, (_, i) => item(`k${i}`, i)));
    await waitFor(() => seenBy.one.length + seenBy.two.length === 40);
    expect(seenBy.one.length).toBeGreaterThan(0);
    await s1.stop();
    await one.publish(topic, Array.from({ length: 40 }, (_, i) => item(`k${i}`, 40 + i)));
    await waitFor(() => seenBy.one.length + seenBy.two.length === 80);
    expect(seenBy.two.filter((n) => n >= 40)).toHaveLength(40);
    expect(new Set([...seenBy.one, ...seenBy.two]).size).toBe(80);
    await Promise.all([one.close(), two.close()]);
  });

  it('refuses to publish once closed', async () => {
    const bus = createMemoryBus();
    await bus.close();
    await expect(bus.publish(testTopic(uniqueName('test.closed'), schema), [item('a', 1)])).rejects.toMatchObject({ code: 'bus_closed' });
    await bus.close();
  });
});
