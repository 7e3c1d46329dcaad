/**
 * Bus benchmark through the Kafka adapter (loopback broker):
 *   1. throughput: produce N events (6 partitions, 200 keys) while a group of 2
 *      consumers consumes them; prints produce and end-to-end events/s and the
 *      end-to-end latency percentiles (event time → handler);
 *   2. latency: a moderate fixed rate for a few seconds; prints p50/p99.
 * Environment: BENCH_EVENTS (50000), BENCH_RATE (2000 events/s), BENCH_SECONDS (5), KAFKA_BROKERS.
 */
import { createEvent } from '@ledgerbus/contracts';
import { kafkaBrokersFromEnv, testTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import { z } from 'zod';
import type { MessageBus } from '../src';
import { createKafkaBus } from '../src';

const brokers = kafkaBrokersFromEnv();
const N = Number(process.env.BENCH_EVENTS ?? 50_000);
const RATE = Number(process.env.BENCH_RATE ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const KEYS = 200;
const PARTITIONS = 6;
const PUBLISH_BATCH = 1_000;

const schema = z.object({ seq: z.number().int(), amount: z.string() });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function event(i: number) {
  return { key: `tenant-${i % KEYS}`, event: createEvent({ type: 'test.happened', source: '/bench', data: { seq: i, amount: '123.45' } }) };
}

async function consumers(topic: ReturnType<typeof testTopic>, latencies: number[]): Promise<MessageBus[]> {
  const groupId = uniqueName('bench');
  const buses = [createKafkaBus({ brokers, clientId: 'bench-consumer-a' }), createKafkaBus({ brokers, clientId: 'bench-consumer-b' })];
  for (const bus of buses) {
    await bus.subscribe({
      groupId,
      topics: [topic],
      partitionsConsumedConcurrently: 3,
      handler: async (m) => {
        latencies.push(Date.now() - Date.parse(m.event.time));
      },
    });
  }
  return buses;
}

async function throughputRun(producer: MessageBus): Promise<void> {
  const topic = testTopic(uniqueName('test.bench'), schema, { partitions: PARTITIONS });
  await producer.ensureTopics([topic]);
  const latencies: number[] = [];
  const buses = await consumers(topic, latencies);
  const events = Array.from({ length: N }, (_, i) => event(i));
  // Event time is set when the batch is published, not when it was built.
  const started = performance.now();
  for (let i = 0; i < N; i += PUBLISH_BATCH) {
    const now = new Date().toISOString();
    await producer.publish(topic, events.slice(i, i + PUBLISH_BATCH).map((m) => ({ key: m.key, event: { ...m.event, time: now } })));
  }
  const produced = performance.now();
  await waitFor(() => latencies.length >= N, { timeoutMs: 600_000, intervalMs: 20, description: `${N} events consumed` });
  const consumed = performance.now();
  await Promise.all(buses.map((b) => b.close()));
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(`throughput run: ${N} events, ${PARTITIONS} partitions, ${KEYS} keys, group of 2 consumers, publish batches of ${PUBLISH_BATCH}`);
  console.log(`  produce:     ${Math.round(N / ((produced - started) / 1000))} events/s (${Math.round(produced - started)} ms)`);
  console.log(`  end-to-end:  ${Math.round(N / ((consumed - started) / 1000))} events/s (${Math.round(consumed - started)} ms, produce + consume)`);
  console.log(`  latency under full load (event time → handler): p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted[sorted.length - 1]} ms`);
}

async function latencyRun(producer: MessageBus): Promise<void> {
  const topic = testTopic(uniqueName('test.bench'), schema, { partitions: PARTITIONS });
  await producer.ensureTopics([topic]);
  const latencies: number[] = [];
  const buses = await consumers(topic, latencies);
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((RATE * tickMs) / 1000));
  const total = perTick * Math.round((SECONDS * 1000) / tickMs);
  let sent = 0;
  const started = performance.now();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / tickMs + 1) * perTick));
    if (due > sent) {
      const batch = Array.from({ length: due - sent }, (_, i) => event(sent + i));
      sent = due;
      await producer.publish(topic, batch);
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  await waitFor(() => latencies.length >= total, { timeoutMs: 120_000, intervalMs: 20, description: `${total} events consumed` });
  await Promise.all(buses.map((b) => b.close()));
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(`latency run: ${total} events at ~${RATE} events/s for ${SECONDS} s (batches every ${tickMs} ms)`);
  console.log(`  latency (event time → handler): p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted[sorted.length - 1]} ms`);
}

async function main(): Promise<void> {
  const producer = createKafkaBus({ brokers, clientId: 'bench-producer' });
  try {
    await producer.ping();
    await throughputRun(producer);
    await latencyRun(producer);
  } finally {
    await producer.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
