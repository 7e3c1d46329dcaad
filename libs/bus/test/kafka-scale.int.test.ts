import { createEvent, dlqTopicName } from '@ledgerbus/contracts';
import { UnavailableError } from '@ledgerbus/kit';
import { kafkaBrokersFromEnv, readTopic, testTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import { z } from 'zod';
import type { IncomingMessage, MessageBus } from '../src';
import { createKafkaBus, DLQ_HEADERS, encodeEvent } from '../src';

const brokers = kafkaBrokersFromEnv();
const EVENTS = 10_000;
const KEYS = 200;

describe('Kafka bus at scale', () => {
  const buses: MessageBus[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
  });

  it('delivers 10,000 events over 6 partitions to a group of 2 exactly once each in per-key order, while a failing event and a poison message go to the DLQ', async () => {
    const topic = testTopic(uniqueName('test.scale'), z.object({ seq: z.number().int().nonnegative() }), { partitions: 6 });
    const first = createKafkaBus({ brokers, clientId: 'scale-a' });
    const second = createKafkaBus({ brokers, clientId: 'scale-b' });
    buses.push(first, second);
    await first.ensureTopics([topic]);

    const events = Array.from({ length: EVENTS }, (_, i) => ({
      key: `tenant-${i % KEYS}`,
      event: createEvent({ type: 'test.happened', source: '/scale-test', data: { seq: Math.floor(i / KEYS) } }),
    }));
    const doomed = events[4_321]!;
    let doomedAttempts = 0;
    const delivered: Array<{ member: string; message: IncomingMessage }> = [];
    const groupId = uniqueName('scale');
    const handlerFor = (member: string) => async (message: IncomingMessage) => {
      if (message.event.id === doomed.event.id) {
        doomedAttempts++;
        throw new UnavailableError('remote_unavailable', 'QBO answered 503');
      }
      delivered.push({ member, message });
    };
    const retry = { maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 100 };
    await first.subscribe({ groupId, topics: [topic], handler: handlerFor('a'), handlerName: 'scale-handler', retry, partitionsConsumedConcurrently: 3 });
    await second.subscribe({ groupId, topics: [topic], handler: handlerFor('b'), handlerName: 'scale-handler', retry, partitionsConsumedConcurrently: 3 });

    const poison = encodeEvent({ ...createEvent({ type: 'test.happened', source: '/scale-test', data: { seq: 'not a number' } }) });
    await first.publishRaw(topic.name, [{ key: 'tenant-poison', value: poison.value, headers: poison.headers }]);
    for (let i = 0; i < EVENTS; i += 1_000) await first.publish(topic, events.slice(i, i + 1_000));

    await waitFor(() => delivered.length >= EVENTS - 1, { timeoutMs: 90_000, intervalMs: 100, description: `${EVENTS - 1} deliveries (have ${delivered.length})` });
    const dead = await readTopic(brokers, dlqTopicName(topic.name), { count: 2, timeoutMs: 30_000 });

    // Exactly once: no event twice, every event but the doomed one present.
    const ids = delivered.map((d) => d.message.event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(EVENTS - 1);
    expect(ids).not.toContain(doomed.event.id);
    // Both members took part.
    expect(new Set(delivered.map((d) => d.member))).toEqual(new Set(['a', 'b']));
    // Per-key order: each key's sequence numbers arrive increasing and complete.
    const byKey = new Map<string, number[]>();
    for (const { message } of delivered) {
      const list = byKey.get(message.key) ?? [];
      list.push((message.event.data as { seq: number }).seq);
      byKey.set(message.key, list);
    }
    expect(byKey.size).toBe(KEYS);
    const doomedSeq = (doomed.event.data).seq;
    for (const [key, seqs] of byKey) {
      const expected = Array.from({ length: EVENTS / KEYS }, (_, i) => i).filter((s) => key !== doomed.key || s !== doomedSeq);
      expect(seqs).toEqual(expected);
    }
    // The retriable failure was retried, then dead-lettered with its reason; the poison message went straight there.
    expect(doomedAttempts).toBe(4);
    const byCode = new Map(dead.map((d) => [d.headers[DLQ_HEADERS.errorCode], d]));
    expect(byCode.get('remote_unavailable')!.headers).toMatchObject({
      ce_id: doomed.event.id,
      [DLQ_HEADERS.errorMessage]: 'QBO answered 503',
      [DLQ_HEADERS.attempts]: '4',
      [DLQ_HEADERS.handler]: 'scale-handler',
      [DLQ_HEADERS.sourceTopic]: topic.name,
    });
    expect(byCode.get('contract_violation')!.headers).toMatchObject({ [DLQ_HEADERS.attempts]: '0', ce_id: poison.headers.ce_id });
    expect(byCode.get('contract_violation')!.headers[DLQ_HEADERS.errorMessage]).toMatch(/data\.seq/);
  }, 180_000);
});
