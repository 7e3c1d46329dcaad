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
  /** Or: stop when nothing new arrived for this long (after at least `timeoutMs` / 10 of reading). */
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

/**
 * Reads a Kafka topic from the beginning with a fresh consumer group and returns what
 * is there (with headers and the decoded event): for asserting what landed on a topic
 * or its DLQ.
 */
export async function readTopic(brokers: string[], topic: string, options: ReadTopicOptions = {}): Promise<ReadMessage[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const kafka = new Kafka({ clientId: 'ledgerbus-test-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  let lastArrival = Date.now();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic: t, partition, message }) => {
        lastArrival = Date.now();
        messages.push(
          toRead({ topic: t, partition, offset: message.offset, key: message.key === null ? null : message.key.toString('utf8'), value: message.value, headers: headersToStrings(message.headers) }),
        );
      },
    });
    const started = Date.now();
    await waitFor(
      () => {
        if (options.count !== undefined) return messages.length >= options.count;
        const idle = options.untilIdleMs ?? 1_000;
        return Date.now() - started >= Math.min(idle, timeoutMs / 10) && Date.now() - lastArrival >= idle;
      },
      { timeoutMs, intervalMs: 50, description: `${options.count ?? 'all'} message(s) on ${topic} (read ${messages.length})` },
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
