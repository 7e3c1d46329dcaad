/**
 * Group commit for the HTTP door's records: requests hand their records to one sender per topic;
 * while a send waits for Kafka's acknowledgement, the records of the requests that arrive
 * meanwhile gather and go in the next send. Each request's promise resolves once its own records
 * are acknowledged (`bus.publish`: acks from all in-sync replicas), so a 202 still means "durable
 * on the topic", and the broker sees a few large produce requests instead of one per HTTP request
 * (the Kafka adapter's idempotent producer keeps one request in flight). Each request's records
 * stay together and in order; requests are sent in the order they arrived.
 */
import type { MessageBus, OutgoingMessage } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { validateEvent } from '@ledgerbus/contracts';
import { groupCommit } from './group-commit';

export interface RecordPublisher {
  /** Resolves when every message is durable on `topic`; rejects when the send failed (none of them is then known to be durable). */
  publish(topic: TopicDefinition, messages: readonly OutgoingMessage[]): Promise<void>;
}

export interface BatchingPublisherOptions {
  /** Most messages in one send (whole requests are never split). Default 2000. */
  maxMessages?: number;
}

export function createBatchingPublisher(bus: MessageBus, options: BatchingPublisherOptions = {}): RecordPublisher {
  const senders = new Map<string, (messages: readonly OutgoingMessage[]) => Promise<void>>();
  const senderOf = (topic: TopicDefinition) => {
    let send = senders.get(topic.name);
    if (send === undefined) {
      send = groupCommit<readonly OutgoingMessage[], void>(
        async (requests) => {
          await bus.publish(topic, requests.flat());
          return requests.map(() => undefined);
        },
        { maxWeight: options.maxMessages ?? 2000, weight: (messages) => messages.length },
      );
      senders.set(topic.name, send);
    }
    return send;
  };

  return {
    async publish(topic, messages) {
      if (messages.length === 0) return;
      // Checked here too, so that one request's bad event fails that request only, not the send it would share.
      for (const m of messages) validateEvent(topic, m.key, m.event);
      await senderOf(topic)(messages);
    },
  };
}
