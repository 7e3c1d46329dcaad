import type { CloudEvent } from '@ledgerbus/contracts';
import type { MemoryBroker } from '@ledgerbus/bus';
import { decodeEvent, headersToStrings } from '@ledgerbus/bus';
import { Kafka, logLevel } from 'kafkajs';
import { uniqueName } from './names';
import { waitFor } from './wait-for';

/** A message as it landed on a topic. */
export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** The decoded CloudEvent, when the message is one. */
  event?: CloudEvent;
}

export interface ReadTopicOptions {
  /** Stop once this many messages were read (fails on timeout if fewer). */
  count?: number;
  /**
   * Or: read everything the topic held when called (up to its end offsets), then stop
   * when nothing new arrived for this long. The idle time counts from when the reader
   * joined its group, so a slow group join does not end the read before it began.
   */
  untilIdleMs?: number;
  /** Default 30 s. */
  timeoutMs?: number;
}

function decoded(headers: Record<string, string>, value: Buffer | null): CloudEvent | undefined {
  try {
    return decodeEvent(headers, value);
  } catch {
    return undefined;
  }
}

function toRead(m: Omit<ReadMessage, 'event'>): ReadMessage {
  const event = decoded(m.headers, m.value);
  return event === undefined ? m : { ...m, event };
}

/** The end offset of every partition of `topic` that holds records; empty when the topic is not there (yet). */
async function endOffsetsOf(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin({ retry: { retries: 2 } });
  const ends = new Map<number, bigint>();
  try {
    await admin.connect();
    for (const p of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(p.high) > BigInt(p.low)) ends.set(p.partition, BigInt(p.high));
    }
  } catch {
    // No metadata for the topic: nothing to reach, the idle time alone decides.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  return ends;
}

/**
 * Reads a Kafka topic from the beginning with a fresh consumer group and returns what
 * is there (with headers and the decoded event): for asserting what landed on a topic
 * or its DLQ.
 */
export async function readTopic(brokers: string[], topic: string, options: ReadTopicOptions = {}): Promise<ReadMessage[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const kafka = new Kafka({ clientId: 'ledgerbus-test-reader', brokers, logLevel: logLevel.NOTHING });
  // In idle mode: the end offsets to reach first (partitions with records only).
  const endOffsets = options.count === undefined ? await endOffsetsOf(kafka, topic) : new Map<number, bigint>();
  const readUpTo = new Map<number, bigint>();
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  let lastArrival = Date.now();
  let joinedAt: number | undefined;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joinedAt ??= Date.now();
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic: t, partition, message }) => {
        lastArrival = Date.now();
        const next = BigInt(message.offset) + 1n;
        if (next > (readUpTo.get(partition) ?? 0n)) readUpTo.set(partition, next);
        messages.push(
          toRead({ topic: t, partition, offset: message.offset, key: message.key === null ? null : message.key.toString('utf8'), value: message.value, headers: headersToStrings(message.headers) }),
        );
      },
    });
    const started = Date.now();
    const reachedEnd = (): boolean => [...endOffsets].every(([partition, end]) => (readUpTo.get(partition) ?? 0n) >= end);
    await waitFor(
      () => {
        if (options.count !== undefined) return messages.length >= options.count;
        if (joinedAt === undefined || !reachedEnd()) return false;
        const idle = options.untilIdleMs ?? 1_000;
        const now = Date.now();
        return now - started >= Math.min(idle, timeoutMs / 10) && now - Math.max(lastArrival, joinedAt) >= idle;
      },
      {
        timeoutMs,
        intervalMs: 50,
        description: `${options.count ?? 'all'} message(s) on ${topic} (read ${messages.length}${joinedAt === undefined ? ', reader not in its group yet' : ''})`,
      },
    );
  } finally {
    await consumer.disconnect();
  }
  return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** The same for the in-memory bus: what landed on a topic of a `MemoryBroker`. */
export async function readMemoryTopic(broker: MemoryBroker, topic: string, options: ReadTopicOptions = {}): Promise<ReadMessage[]> {
  const read = (): ReadMessage[] =>
    broker.records(topic).map((r) => toRead({ topic, partition: r.partition, offset: String(r.offset), key: r.key, value: r.value, headers: r.headers }));
  if (options.count !== undefined) {
    const count = options.count;
    await waitFor(() => read().length >= count, { timeoutMs: options.timeoutMs ?? 10_000, description: `${count} message(s) on ${topic}` });
  }
  return read();
}
