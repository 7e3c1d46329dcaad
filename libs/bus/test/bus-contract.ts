/**
 * One contract suite for every MessageBus adapter (Watermill's idea): the in-memory bus
 * and the Kafka bus must both pass it. Each test uses fresh topics and groups.
 */
import type { CloudEvent, TopicDefinition } from '@ledgerbus/contracts';
import { ContractViolation, createEvent, dlqTopicName, tenantKey } from '@ledgerbus/contracts';
import { UnavailableError, ValidationError } from '@ledgerbus/kit';
import type { ReadMessage, ReadTopicOptions } from '@ledgerbus/testing';
import { testTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import { z } from 'zod';
import type { IncomingMessage, MessageBus, RawRecord, SubscribeOptions } from '../src';
import { currentCorrelationId, DLQ_HEADERS, encodeEvent } from '../src';

export interface BusHarness {
  /** A new bus instance on the shared broker: another "process". */
  newBus(): MessageBus;
  /** What landed on a topic (e.g. a DLQ). */
  readTopic(topic: string, options: ReadTopicOptions): Promise<ReadMessage[]>;
  /** Generous timeout for waits (Kafka group joins take a few seconds). */
  timeoutMs: number;
}

const itemSchema = z.object({ n: z.number().int(), note: z.string().optional() });

function item(key: string, n: number, extra: Partial<CloudEvent> = {}): { key: string; event: CloudEvent } {
  return { key, event: { ...createEvent({ type: 'test.happened', source: '/contract-test', data: { n } }), ...extra } };
}

const fastRetry = { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 };

export function describeBusContract(name: string, makeHarness: () => BusHarness): void {
  describe(`MessageBus contract: ${name}`, () => {
    let harness: BusHarness;
    let buses: MessageBus[] = [];

    const newBus = (): MessageBus => {
      const bus = harness.newBus();
      buses.push(bus);
      return bus;
    };

    const freshTopic = async (bus: MessageBus, options: { partitions?: number; compact?: boolean } = {}): Promise<TopicDefinition> => {
      const topic = testTopic(uniqueName('test.contract'), itemSchema, { partitions: options.partitions ?? 3, cleanupPolicy: options.compact ? 'compact' : 'delete' });
      await bus.ensureTopics([topic]);
      return topic;
    };

    /** Subscribe and collect what the handler saw. */
    const collect = async (bus: MessageBus, options: Omit<SubscribeOptions, 'handler'> & { onMessage?: (m: IncomingMessage) => Promise<void> }) => {
      const seen: IncomingMessage[] = [];
      const subscription = await bus.subscribe({
        ...options,
        handler: async (message) => {
          if (options.onMessage) await options.onMessage(message);
          seen.push(message);
        },
      });
      return { seen, subscription };
    };

    /**
     * Subscribe with a batch handler (and the per-message handler as its fallback), and
     * collect the chunks it handled, what the per-message handler handled, and both in the
     * order they were handled.
     */
    const collectBatches = async (
      bus: MessageBus,
      options: Omit<SubscribeOptions, 'handler' | 'batch'> & {
        maxMessages?: number;
        onBatch?: (messages: IncomingMessage[]) => Promise<void>;
        onMessage?: (m: IncomingMessage) => Promise<void>;
      },
    ) => {
      const chunks: IncomingMessage[][] = [];
      const single: IncomingMessage[] = [];
      const handled: IncomingMessage[] = [];
      const { maxMessages, onBatch, onMessage, ...subscribeOptions } = options;
      const subscription = await bus.subscribe({
        ...subscribeOptions,
        handler: async (message) => {
          if (onMessage) await onMessage(message);
          single.push(message);
          handled.push(message);
        },
        batch: {
          maxMessages,
          handler: async (messages) => {
            if (onBatch) await onBatch(messages);
            chunks.push(messages);
            handled.push(...messages);
          },
        },
      });
      return { chunks, single, handled, subscription };
    };

    const idsOf = (messages: ReadonlyArray<{ event: CloudEvent }>): string[] => messages.map((m) => m.event.id);

    beforeEach(() => {
      harness = makeHarness();
      buses = [];
    });

    afterEach(async () => {
      await Promise.all(buses.map((b) => b.close()));
    });

    it('delivers a published event with its CloudEvents attributes, key and data intact', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus);
      const event = createEvent({
        type: 'test.happened',
        source: '/contract-test/attributes',
        subject: 'invoice/42',
        tenantid: 'tenant-7',
        correlationid: 'corr-attributes',
        data: { n: 42, note: 'ünïcode ✓' },
      });
      const { seen } = await collect(bus, { groupId: uniqueName('g'), topics: [topic] });
      await bus.publish(topic, [{ key: 'tenant-7', event }]);

      await waitFor(() => seen.length === 1, { timeoutMs: harness.timeoutMs, description: 'the event to be consumed' });
      const got = seen[0]!;
      expect(got.key).toBe('tenant-7');
      expect(got.topic).toBe(topic.name);
      expect(got.event).toEqual(event);
      expect(got.headers).toMatchObject({ ce_id: event.id, ce_specversion: '1.0', ce_type: 'test.happened', ce_subject: 'invoice/42', 'content-type': 'application/json' });
      expect(JSON.parse(got.rawValue!.toString('utf8'))).toEqual({ n: 42, note: 'ünïcode ✓' });
    });

    it('rejects a batch with an event that breaks its contract and publishes none of it', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus);
      const good = item('k', 1);
      const bad = { key: 'k', event: { ...item('k', 2).event, data: { n: 'two' } } };
      await expect(bus.publish(topic, [good, bad])).rejects.toBeInstanceOf(ContractViolation);
      await expect(bus.publish(topic, [{ key: 'k', event: { ...good.event, type: 'test.unknown' } }])).rejects.toThrow(/not carried by/);

      const marker = item('k', 3);
      await bus.publish(topic, [marker]);
      const { seen } = await collect(bus, { groupId: uniqueName('g'), topics: [topic] });
      await waitFor(() => seen.some((m) => m.event.id === marker.event.id), { timeoutMs: harness.timeoutMs, description: 'the marker event' });
      expect(seen.map((m) => m.event.id)).toEqual([marker.event.id]);
    });

    it('sends a message that fails its schema straight to the DLQ with the parse error, without calling the handler', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus);
      const bad = item('k', 0);
      const encoded = encodeEvent({ ...bad.event, data: { n: 'not a number' } });
      await bus.publishRaw(topic.name, [{ key: 'k', value: encoded.value, headers: encoded.headers }]);
      const after = item('k', 1);
      await bus.publish(topic, [after]);

      const { seen } = await collect(bus, { groupId: uniqueName('g'), topics: [topic], handlerName: 'schema-test' });
      await waitFor(() => seen.length === 1, { timeoutMs: harness.timeoutMs, description: 'the valid event after the poison one' });
      expect(seen[0]!.event.id).toBe(after.event.id);

      const [dead] = await harness.readTopic(dlqTopicName(topic.name), { count: 1, timeoutMs: harness.timeoutMs });
      expect(dead!.headers).toMatchObject({
        [DLQ_HEADERS.errorCode]: 'contract_violation',
        [DLQ_HEADERS.sourceTopic]: topic.name,
        [DLQ_HEADERS.handler]: 'schema-test',
        [DLQ_HEADERS.attempts]: '0',
        ce_id: bad.event.id,
        ce_type: 'test.happened',
      });
      expect(dead!.headers[DLQ_HEADERS.errorMessage]).toMatch(/data\.n/);
      expect(dead!.headers[DLQ_HEADERS.sourceOffset]).toMatch(/^\d+$/);
      expect(dead!.key).toBe('k');
      expect(dead!.value!.equals(encoded.value!)).toBe(true);
    });

    it('dead-letters a message whose key names another tenant than data.tenantId with key_mismatch, and handles the matching ones', async () => {
      const bus = newBus();
      const base = testTopic(uniqueName('test.contract'), z.object({ tenantId: z.string(), n: z.number().int() }), { partitions: 2 });
      const topic: TopicDefinition = { ...base, key: tenantKey, keyDescription: 'tenant id, or "tenant/division"' };
      await bus.ensureTopics([topic]);
      const tenantEvent = (key: string, tenantId: string, n: number) => ({ key, event: createEvent({ type: 'test.happened', source: '/contract-test', data: { tenantId, n } }) });
      const matching = [tenantEvent('acme', 'acme', 1), tenantEvent('acme/emea', 'acme', 2), tenantEvent('globex', 'globex', 3)];
      const mismatched = [tenantEvent('acme', 'globex', 4), tenantEvent('globex/us', 'acme', 5)];
      const { seen } = await collect(bus, { groupId: uniqueName('g'), topics: [topic], handlerName: 'tenant-test', retry: fastRetry });
      await bus.publish(topic, [...matching, ...mismatched]);

      const dead = await harness.readTopic(dlqTopicName(topic.name), { count: 2, timeoutMs: harness.timeoutMs });
      await waitFor(() => seen.length === 3, { timeoutMs: harness.timeoutMs, description: 'the 3 matching events' });
      expect(idsOf(seen).sort()).toEqual(idsOf(matching).sort());
      const byId = new Map(dead.map((d) => [d.headers.ce_id, d]));
      for (const m of mismatched) {
        const d = byId.get(m.event.id)!;
        expect(d.key).toBe(m.key);
        expect(d.headers).toMatchObject({ [DLQ_HEADERS.errorCode]: 'key_mismatch', [DLQ_HEADERS.handler]: 'tenant-test', [DLQ_HEADERS.attempts]: '0' });
        expect(d.headers[DLQ_HEADERS.errorMessage]).toContain(`key "${m.key}"`);
        expect(d.headers[DLQ_HEADERS.errorMessage]).toContain(`data.tenantId is "${m.event.data.tenantId}"`);
      }
    });

    it('does not compare the key with data.tenantId on topics keyed by something else', async () => {
      const bus = newBus();
      const topic = testTopic(uniqueName('test.contract'), z.object({ tenantId: z.string() }), { partitions: 1 });
      await bus.ensureTopics([topic]);
      const { seen } = await collect(bus, { groupId: uniqueName('g'), topics: [topic], retry: fastRetry });
      await bus.publish(topic, [{ key: 'realm-9130', event: createEvent({ type: 'test.happened', source: '/contract-test', data: { tenantId: 'acme' } }) }]);
      await waitFor(() => seen.length === 1, { timeoutMs: harness.timeoutMs, description: 'the event' });
    });

    it('sends undecodable bytes to the DLQ exactly as they were and keeps consuming', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus, { partitions: 1 });
      const headers = encodeEvent(item('k', 0).event).headers;
      const garbage = Buffer.from([0x7b, 0x22, 0xff, 0x00, 0x6e]);
      await bus.publishRaw(topic.name, [
        { key: 'k', value: garbage, headers },
        { key: 'k', value: Buffer.from('{"n":1}'), headers: { 'x-not-a-cloudevent': 'yes' } },
      ]);
      const after = item('k', 2);
      await bus.publish(topic, [after]);

      const { seen } = await collect(bus, { groupId: uniqueName('g'), topics: [topic] });
      await waitFor(() => seen.length === 1, { timeoutMs: harness.timeoutMs, description: 'the valid event after two poison ones' });
      const dead = await harness.readTopic(dlqTopicName(topic.name), { count: 2, timeoutMs: harness.timeoutMs });
      expect(dead.map((d) => d.headers[DLQ_HEADERS.errorCode])).toEqual(['undecodable_message', 'undecodable_message']);
      expect(dead[0]!.value!.equals(garbage)).toBe(true);
      expect(dead[0]!.headers[DLQ_HEADERS.errorMessage]).toMatch(/not valid JSON/);
      expect(dead[1]!.headers['x-not-a-cloudevent']).toBe('yes');
      expect(dead[1]!.headers[DLQ_HEADERS.errorMessage]).toMatch(/missing header\(s\) ce_specversion/);
    });

    it('retries a retriable error with backoff, then dead-letters the event with the reason while the other events flow', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus);
      const events = Array.from({ length: 20 }, (_, i) => item(`key-${i % 5}`, i));
      const doomed = events[7]!;
      let attempts = 0;
      const { seen } = await collect(bus, {
        groupId: uniqueName('g'),
        topics: [topic],
        handlerName: 'retry-test',
        retry: fastRetry,
        onMessage: async (m) => {
          if (m.event.id === doomed.event.id) {
            attempts++;
            throw new UnavailableError('remote_unavailable', 'the remote API is down');
          }
        },
      });
      await bus.publish(topic, events);

      await waitFor(() => seen.length === 19, { timeoutMs: harness.timeoutMs, description: 'the 19 other events' });
      const [dead] = await harness.readTopic(dlqTopicName(topic.name), { count: 1, timeoutMs: harness.timeoutMs });
      expect(attempts).toBe(3);
      expect(seen.map((m) => m.event.id)).not.toContain(doomed.event.id);
      expect(dead!.headers).toMatchObject({
        [DLQ_HEADERS.errorCode]: 'remote_unavailable',
        [DLQ_HEADERS.errorMessage]: 'the remote API is down',
        [DLQ_HEADERS.attempts]: '3',
        [DLQ_HEADERS.handler]: 'retry-test',
        [DLQ_HEADERS.sourceTopic]: topic.name,
        ce_id: doomed.event.id,
      });
      expect(dead!.key).toBe(doomed.key);
    });

    it('retries database-unavailable errors past maxAttempts on their own budget: a PostgreSQL restart dead-letters nothing', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus);
      const events = Array.from({ length: 12 }, (_, i) => item(`key-${i % 4}`, i));
      // The errors the pg driver and knex throw while PostgreSQL restarts, 4 of each per event (12 in all, maxAttempts is 3).
      const outage = [
        () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' }),
        () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
        () => new Error('Connection terminated unexpectedly'),
        () => Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
        () => Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }),
        () => Object.assign(new Error('the database system is shutting down'), { code: '57P03' }),
      ];
      const calls = new Map<string, number>();
      const { seen } = await collect(bus, {
        groupId: uniqueName('g'),
        topics: [topic],
        retry: { ...fastRetry, unavailableMaxDelayMs: 10 },
        onMessage: async (m) => {
          const n = (calls.get(m.event.id) ?? 0) + 1;
          calls.set(m.event.id, n);
          if (n <= 12) throw outage[(n - 1) % outage.length]!();
        },
      });
      await bus.publish(topic, events);

      await waitFor(() => seen.length === 12, { timeoutMs: harness.timeoutMs, description: `12 events (have ${seen.length})` });
      expect([...calls.values()]).toEqual(Array(12).fill(13));
      const dead = await harness.readTopic(dlqTopicName(topic.name), { untilIdleMs: 300, timeoutMs: harness.timeoutMs });
      expect(dead).toEqual([]);
    });

    it('dead-letters a message whose database stays unavailable past the budget, coded database_unavailable', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus);
      const doomed = item('a', 1);
      let attempts = 0;
      const { seen } = await collect(bus, {
        groupId: uniqueName('g'),
        topics: [topic],
        retry: { ...fastRetry, unavailableMaxDelayMs: 20, unavailableBudgetMs: 300 },
        onMessage: async (m) => {
          if (m.event.id !== doomed.event.id) return;
          attempts++;
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        },
      });
      await bus.publish(topic, [doomed, item('b', 2)]);

      const [dead] = await harness.readTopic(dlqTopicName(topic.name), { count: 1, timeoutMs: harness.timeoutMs });
      await waitFor(() => seen.length === 1, { timeoutMs: harness.timeoutMs, description: 'the other event' });
      expect(attempts).toBeGreaterThan(fastRetry.maxAttempts);
      expect(dead!.headers).toMatchObject({ [DLQ_HEADERS.errorCode]: 'database_unavailable', [DLQ_HEADERS.attempts]: String(attempts), ce_id: doomed.event.id });
    });

    it('retries a chunk through database-unavailable errors past maxAttempts and applies each event once', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus, { partitions: 2 });
      const events = Array.from({ length: 50 }, (_, i) => item(`key-${i % 5}`, i));
      let failures = 0;
      await bus.publish(topic, events);
      const { single, handled } = await collectBatches(bus, {
        groupId: uniqueName('g'),
        topics: [topic],
        retry: { ...fastRetry, unavailableMaxDelayMs: 10 },
        onBatch: async () => {
          if (failures < 8) {
            failures++;
            throw new Error('Connection terminated unexpectedly');
          }
        },
      });

      await waitFor(() => handled.length >= 50, { timeoutMs: harness.timeoutMs, description: `50 events (have ${handled.length})` });
      expect(new Set(idsOf(handled)).size).toBe(50);
      expect(single).toEqual([]);
      const dead = await harness.readTopic(dlqTopicName(topic.name), { untilIdleMs: 300, timeoutMs: harness.timeoutMs });
      expect(dead).toEqual([]);
    });

    it('dead-letters a non-retriable or programmer error after one attempt', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus);
      const invalid = item('a', 1);
      const bug = item('b', 2);
      const calls = new Map<string, number>();
      const { seen } = await collect(bus, {
        groupId: uniqueName('g'),
        topics: [topic],
        retry: fastRetry,
        onMessage: async (m) => {
          calls.set(m.event.id, (calls.get(m.event.id) ?? 0) + 1);
          if (m.event.id === invalid.event.id) throw new ValidationError('the invoice has no lines');
          if (m.event.id === bug.event.id) throw new TypeError('cannot read properties of undefined');
        },
      });
      const fine = item('c', 3);
      await bus.publish(topic, [invalid, bug, fine]);

      const dead = await harness.readTopic(dlqTopicName(topic.name), { count: 2, timeoutMs: harness.timeoutMs });
      await waitFor(() => seen.length === 1, { timeoutMs: harness.timeoutMs, description: 'the fine event' });
      const byId = new Map(dead.map((d) => [d.headers.ce_id, d.headers]));
      expect(byId.get(invalid.event.id)).toMatchObject({ [DLQ_HEADERS.errorCode]: 'validation_failed', [DLQ_HEADERS.attempts]: '1' });
      expect(byId.get(bug.event.id)).toMatchObject({ [DLQ_HEADERS.errorCode]: 'internal_error', [DLQ_HEADERS.attempts]: '1' });
      expect(calls.get(invalid.event.id)).toBe(1);
      expect(calls.get(bug.event.id)).toBe(1);
    });

    it('keeps the order of events with the same key', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus, { partitions: 3 });
      const keys = Array.from({ length: 10 }, (_, i) => `tenant-${i}`);
      const { seen } = await collect(bus, { groupId: uniqueName('g'), topics: [topic], partitionsConsumedConcurrently: 3 });
      for (let batch = 0; batch < 5; batch++) {
        await bus.publish(topic, Array.from({ length: 60 }, (_, i) => item(keys[i % 10]!, batch * 6 + Math.floor(i / 10))));
      }
      await waitFor(() => seen.length === 300, { timeoutMs: harness.timeoutMs, description: '300 events' });
      for (const key of keys) {
        const sequence = seen.filter((m) => m.key === key).map((m) => (m.event.data as { n: number }).n);
        expect(sequence).toEqual(Array.from({ length: 30 }, (_, i) => i));
      }
    });

    it('shares the partitions of a topic between the two members of a consumer group', async () => {
      const first = newBus();
      const second = newBus();
      const topic = await freshTopic(first, { partitions: 4 });
      const groupId = uniqueName('g');
      const a = await collect(first, { groupId, topics: [topic] });
      const b = await collect(second, { groupId, topics: [topic] });
      const events = Array.from({ length: 200 }, (_, i) => item(`key-${i}`, i));
      await first.publish(topic, events);

      const ids = (): Set<string> => new Set([...a.seen, ...b.seen].map((m) => m.event.id));
      await waitFor(() => ids().size === 200, { timeoutMs: harness.timeoutMs, description: 'all 200 events across both members' });
      expect(a.seen.length).toBeGreaterThan(0);
      expect(b.seen.length).toBeGreaterThan(0);
      const partitionsOf = (seen: IncomingMessage[]): Set<number> => new Set(seen.map((m) => m.partition));
      const shared = [...partitionsOf(a.seen)].filter((p) => partitionsOf(b.seen).has(p));
      expect(shared).toEqual([]);
    });

    it('commits only after success: a stopped member keeps what it handled, and its unhandled message goes to the next member', async () => {
      const first = newBus();
      const topic = await freshTopic(first, { partitions: 1 });
      const groupId = uniqueName('g');
      const handled = item('k', 1);
      const stuck = item('k', 2);
      let stuckAttempts = 0;
      const a = await collect(first, {
        groupId,
        topics: [topic],
        retry: { maxAttempts: 1000, initialDelayMs: 20, maxDelayMs: 50 },
        onMessage: async (m) => {
          if (m.event.id === stuck.event.id) {
            stuckAttempts++;
            throw new UnavailableError('remote_unavailable', 'still down');
          }
        },
      });
      await first.publish(topic, [handled, stuck]);
      await waitFor(() => stuckAttempts >= 2, { timeoutMs: harness.timeoutMs, description: 'the stuck event to be retried' });
      await a.subscription.stop();
      expect(a.seen.map((m) => m.event.id)).toEqual([handled.event.id]);

      const second = newBus();
      const b = await collect(second, { groupId, topics: [topic] });
      await waitFor(() => b.seen.length >= 1, { timeoutMs: harness.timeoutMs, description: 'the uncommitted event to be redelivered' });
      expect(b.seen.map((m) => m.event.id)).toEqual([stuck.event.id]);
      const dead = await harness.readTopic(dlqTopicName(topic.name), { untilIdleMs: 300, timeoutMs: harness.timeoutMs });
      expect(dead).toEqual([]);
    });

    it('hands a batch handler chunks of one partition in offset order: 1,000 events on 3 partitions arrive each exactly once in per-key order', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus, { partitions: 3 });
      const keys = Array.from({ length: 20 }, (_, i) => `tenant-${i}`);
      const events = Array.from({ length: 1_000 }, (_, i) => item(keys[i % 20]!, Math.floor(i / 20)));
      await bus.publish(topic, events);
      const { chunks, single, handled } = await collectBatches(bus, { groupId: uniqueName('g'), topics: [topic], partitionsConsumedConcurrently: 3 });

      await waitFor(() => handled.length >= 1_000, { timeoutMs: harness.timeoutMs, description: `1,000 events (have ${handled.length})` });
      expect(single).toEqual([]);
      expect(new Set(idsOf(handled)).size).toBe(1_000);
      expect(handled).toHaveLength(1_000);
      for (const key of keys) {
        expect(handled.filter((m) => m.key === key).map((m) => (m.event.data as { n: number }).n)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      }
      const sizes = chunks.map((c) => c.length);
      expect(Math.max(...sizes)).toBeGreaterThan(1);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(200);
      for (const chunk of chunks) {
        expect(new Set(chunk.map((m) => m.partition)).size).toBe(1);
        const offsets = chunk.map((m) => Number(m.offset));
        expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      }
    });

    it('dead-letters a poison message inside a chunk with its parse error and hands the rest of the chunk to the batch handler', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus, { partitions: 1 });
      const before = Array.from({ length: 5 }, (_, i) => item('k', i));
      const after = Array.from({ length: 5 }, (_, i) => item('k', 5 + i));
      const poison = encodeEvent({ ...item('k', 99).event, data: { n: 'ninety-nine' } });
      await bus.publish(topic, before);
      await bus.publishRaw(topic.name, [{ key: 'k', value: poison.value, headers: poison.headers }]);
      await bus.publish(topic, after);
      const { chunks, single, handled } = await collectBatches(bus, { groupId: uniqueName('g'), topics: [topic], handlerName: 'batch-poison' });

      await waitFor(() => handled.length >= 10, { timeoutMs: harness.timeoutMs, description: 'the 10 valid events' });
      const [dead] = await harness.readTopic(dlqTopicName(topic.name), { count: 1, timeoutMs: harness.timeoutMs });
      expect(dead!.headers).toMatchObject({
        [DLQ_HEADERS.errorCode]: 'contract_violation',
        [DLQ_HEADERS.handler]: 'batch-poison',
        [DLQ_HEADERS.attempts]: '0',
        [DLQ_HEADERS.sourceTopic]: topic.name,
        ce_id: poison.headers.ce_id,
      });
      expect(dead!.headers[DLQ_HEADERS.errorMessage]).toMatch(/data\.n/);
      expect(idsOf(handled)).toEqual(idsOf([...before, ...after]));
      expect(single).toEqual([]);
      const poisonOffset = Number(dead!.headers[DLQ_HEADERS.sourceOffset]);
      const around = chunks.filter((c) => c.some((m) => Number(m.offset) < poisonOffset) && c.some((m) => Number(m.offset) > poisonOffset));
      expect(around).toHaveLength(1);
    });

    it('falls back to the per-message handler for a chunk the batch handler rejects: the bad event is dead-lettered with its reason, the others are handled', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus, { partitions: 1 });
      const events = Array.from({ length: 20 }, (_, i) => item(`key-${i % 5}`, i));
      const bad = events[7]!;
      let rejectedChunks = 0;
      await bus.publish(topic, events);
      const { single, handled } = await collectBatches(bus, {
        groupId: uniqueName('g'),
        topics: [topic],
        handlerName: 'batch-fallback',
        retry: fastRetry,
        onBatch: async (messages) => {
          if (messages.some((m) => m.event.id === bad.event.id)) {
            rejectedChunks++;
            throw new ValidationError('one invoice of the batch has no lines');
          }
        },
        onMessage: async (m) => {
          if (m.event.id === bad.event.id) throw new ValidationError('the invoice has no lines');
        },
      });

      await waitFor(() => handled.length >= 19, { timeoutMs: harness.timeoutMs, description: 'the 19 other events' });
      const [dead] = await harness.readTopic(dlqTopicName(topic.name), { count: 1, timeoutMs: harness.timeoutMs });
      expect(dead!.headers).toMatchObject({
        [DLQ_HEADERS.errorCode]: 'validation_failed',
        [DLQ_HEADERS.errorMessage]: 'the invoice has no lines',
        [DLQ_HEADERS.attempts]: '1',
        [DLQ_HEADERS.handler]: 'batch-fallback',
        ce_id: bad.event.id,
      });
      expect(dead!.key).toBe(bad.key);
      expect(rejectedChunks).toBe(1);
      expect(single.length).toBeGreaterThan(0);
      expect(idsOf(handled)).toEqual(idsOf(events.filter((e) => e !== bad)));
    });

    it('retries a chunk that fails with a retriable error and applies each event once', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus, { partitions: 3 });
      const events = Array.from({ length: 100 }, (_, i) => item(`key-${i % 10}`, i));
      const effects = new Set<string>();
      const calls: string[][] = [];
      await bus.publish(topic, events);
      const { single, handled } = await collectBatches(bus, {
        groupId: uniqueName('g'),
        topics: [topic],
        retry: fastRetry,
        onBatch: async (messages) => {
          calls.push(idsOf(messages));
          // The first call gets half of its effect in before the connection drops.
          for (const m of calls.length === 1 ? messages.slice(0, Math.ceil(messages.length / 2)) : messages) effects.add(m.event.id);
          if (calls.length === 1) throw new UnavailableError('database_unavailable', 'the connection dropped');
        },
      });

      await waitFor(() => handled.length >= 100, { timeoutMs: harness.timeoutMs, description: `100 events (have ${handled.length})` });
      expect(calls[1]).toEqual(calls[0]);
      expect(effects).toEqual(new Set(idsOf(events)));
      expect(new Set(idsOf(handled)).size).toBe(100);
      expect(handled).toHaveLength(100);
      expect(single).toEqual([]);
      const dead = await harness.readTopic(dlqTopicName(topic.name), { untilIdleMs: 300, timeoutMs: harness.timeoutMs });
      expect(dead).toEqual([]);
    });

    it('commits a chunk only once it is handled: a member stopped while retrying a chunk keeps the chunks before it, and the next member gets that chunk again', async () => {
      const first = newBus();
      const topic = await freshTopic(first, { partitions: 1 });
      const groupId = uniqueName('g');
      const events = Array.from({ length: 12 }, (_, i) => item('k', i));
      const stuck = events[7]!;
      const stuckCalls: string[][] = [];
      await first.publish(topic, events);
      const a = await collectBatches(first, {
        groupId,
        topics: [topic],
        maxMessages: 5,
        retry: { maxAttempts: 1000, initialDelayMs: 20, maxDelayMs: 50 },
        onBatch: async (messages) => {
          if (messages.some((m) => m.event.id === stuck.event.id)) {
            stuckCalls.push(idsOf(messages));
            throw new UnavailableError('remote_unavailable', 'still down');
          }
        },
      });
      await waitFor(() => stuckCalls.length >= 2, { timeoutMs: harness.timeoutMs, description: 'the chunk with the stuck event to be retried' });
      await a.subscription.stop();
      expect(idsOf(a.handled)).toEqual(idsOf(events.slice(0, 5)));
      expect(stuckCalls[0]).toEqual(idsOf(events.slice(5, 10)));

      const second = newBus();
      const b = await collectBatches(second, { groupId, topics: [topic], maxMessages: 5 });
      await waitFor(() => b.handled.length >= 7, { timeoutMs: harness.timeoutMs, description: 'the uncommitted chunks to be redelivered' });
      expect(b.chunks[0]!.map((m) => m.event.id)).toEqual(stuckCalls[0]);
      expect(idsOf(b.handled)).toEqual(idsOf(events.slice(5)));
      expect(a.single).toEqual([]);
      expect(b.single).toEqual([]);
      const dead = await harness.readTopic(dlqTopicName(topic.name), { untilIdleMs: 300, timeoutMs: harness.timeoutMs });
      expect(dead).toEqual([]);
    });

    it('replays the latest value of every key of a compacted topic to a new consumer group', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus, { partitions: 2, compact: true });
      await bus.publish(topic, [item('k1', 1), item('k2', 1), item('k1', 2), item('k3', 1), item('k2', 2), item('k1', 3)]);
      const { seen } = await collect(bus, { groupId: uniqueName('new-group'), topics: [topic] });
      const latest = (): Record<string, number> => Object.fromEntries(seen.map((m) => [m.key, (m.event.data as { n: number }).n]));
      await waitFor(() => JSON.stringify(latest()) === JSON.stringify({ ...latest(), k1: 3, k2: 2, k3: 1 }) && Object.keys(latest()).length === 3, {
        timeoutMs: harness.timeoutMs,
        description: 'the latest value of k1, k2 and k3',
      });
      expect(latest()).toEqual({ k1: 3, k2: 2, k3: 1 });
    });

    it('hands a raw subscription the records of a DLQ as they are: key, bytes and headers with the dead-letter reason', async () => {
      const bus = newBus();
      const topic = await freshTopic(bus, { partitions: 2 });
      const headers = encodeEvent(item('k', 0).event).headers;
      const garbage = Buffer.from([0x7b, 0x22, 0xff, 0x00, 0x6e]);
      const failing = item('tenant-2', 2);
      await collect(bus, {
        groupId: uniqueName('g'),
        topics: [topic],
        handlerName: 'raw-source',
        retry: fastRetry,
        onMessage: async (m) => {
          if (m.event.id === failing.event.id) throw new ValidationError('cannot take it');
        },
      });
      await bus.publishRaw(topic.name, [{ key: 'tenant-1', value: garbage, headers }]);
      await bus.publish(topic, [failing]);

      const seen: RawRecord[] = [];
      await bus.subscribeRaw({ groupId: uniqueName('raw'), topics: [dlqTopicName(topic.name)], handler: async (record) => void seen.push(record) });
      await waitFor(() => seen.length === 2, { timeoutMs: harness.timeoutMs, description: 'both dead letters' });
      const byKey = new Map(seen.map((r) => [r.key, r]));
      const undecodable = byKey.get('tenant-1')!;
      expect(undecodable.topic).toBe(dlqTopicName(topic.name));
      expect(undecodable.value!.equals(garbage)).toBe(true);
      expect(undecodable.headers).toMatchObject({ ...headers, [DLQ_HEADERS.errorCode]: 'undecodable_message', [DLQ_HEADERS.sourceTopic]: topic.name, [DLQ_HEADERS.handler]: 'raw-source' });
      expect(undecodable.offset).toMatch(/^\d+$/);
      const refused = byKey.get('tenant-2')!;
      expect(JSON.parse(refused.value!.toString('utf8'))).toEqual({ n: 2 });
      expect(refused.headers).toMatchObject({ ce_id: failing.event.id, [DLQ_HEADERS.errorCode]: 'validation_failed', [DLQ_HEADERS.errorMessage]: 'cannot take it', [DLQ_HEADERS.attempts]: '1' });
    });

    it('retries a raw handler and leaves a record it could not handle uncommitted: the next member of the group gets it again', async () => {
      const first = newBus();
      const topic = await freshTopic(first, { partitions: 1 });
      const groupId = uniqueName('raw');
      await first.publishRaw(topic.name, [
        { key: 'k', value: Buffer.from('one'), headers: { n: '1' } },
        { key: 'k', value: Buffer.from('two'), headers: { n: '2' } },
      ]);
      const handled: string[] = [];
      let attempts = 0;
      const a = await first.subscribeRaw({
        groupId,
        topics: [topic.name],
        retry: { maxAttempts: 1000, initialDelayMs: 20, maxDelayMs: 50 },
        handler: async (record) => {
          if (record.headers.n === '2') {
            attempts++;
            throw new UnavailableError('database_down', 'still down');
          }
          handled.push(record.value!.toString());
        },
      });
      await waitFor(() => attempts >= 2, { timeoutMs: harness.timeoutMs, description: 'the second record to be retried' });
      await a.stop();
      expect(handled).toEqual(['one']);

      const second = newBus();
      const again: string[] = [];
      await second.subscribeRaw({ groupId, topics: [topic.name], handler: async (record) => void again.push(record.value!.toString()) });
      await waitFor(() => again.length >= 1, { timeoutMs: harness.timeoutMs, description: 'the uncommitted record to be delivered again' });
      expect(again).toEqual(['two']);
      const dead = await harness.readTopic(dlqTopicName(topic.name), { untilIdleMs: 300, timeoutMs: harness.timeoutMs });
      expect(dead).toEqual([]);
    });

    it('propagates the correlation id to events published inside a handler and names the handled event as their cause', async () => {
      const bus = newBus();
      const upstream = await freshTopic(bus);
      const downstream = await freshTopic(bus);
      const correlationInHandler: Array<string | undefined> = [];
      await bus.subscribe({
        groupId: uniqueName('relay'),
        topics: [upstream],
        handler: async (m) => {
          correlationInHandler.push(currentCorrelationId());
          await bus.publish(downstream, [item(m.key, (m.event.data as { n: number }).n)]);
        },
      });
      const { seen } = await collect(bus, { groupId: uniqueName('sink'), topics: [downstream] });
      const withCorrelation = item('a', 1, { correlationid: 'corr-123' });
      const withoutCorrelation = item('b', 2);
      await bus.publish(upstream, [withCorrelation, withoutCorrelation]);

      await waitFor(() => seen.length === 2, { timeoutMs: harness.timeoutMs, description: 'both relayed events' });
      const byKey = new Map(seen.map((m) => [m.key, m.event]));
      expect(byKey.get('a')).toMatchObject({ correlationid: 'corr-123', causationid: withCorrelation.event.id });
      expect(byKey.get('b')).toMatchObject({ correlationid: withoutCorrelation.event.id, causationid: withoutCorrelation.event.id });
      expect(correlationInHandler.sort()).toEqual(['corr-123', withoutCorrelation.event.id].sort());
      expect(currentCorrelationId()).toBeUndefined();
    });
  });
}
