import { AsyncLocalStorage } from 'node:async_hooks';
import type { CloudEvent } from '@ledgerbus/contracts';

/** What a handler's async scope knows about the message it is handling. */
export interface MessageContext {
  /** The correlation id of the flow: the incoming ce_correlationid, or the id of the event that started it. */
  correlationId: string;
  /** The id of the event being handled: events published from the handler name it as their cause. */
  eventId: string;
  topic: string;
  partition: number;
  offset: string;
  /** Keeps the consumer's group membership alive during long waits (Kafka); a no-op elsewhere. */
  heartbeat: () => Promise<void>;
}

const storage = new AsyncLocalStorage<MessageContext>();

export function runWithMessageContext<T>(context: MessageContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

/** The context of the message being handled in this async scope, if any. */
export function currentMessageContext(): MessageContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/**
 * An event published inside a handler carries the handler's correlation id and names
 * the handled event as its cause, unless it sets them itself.
 */
export function withCausation(event: CloudEvent): CloudEvent {
  const context = storage.getStore();
  if (context === undefined) return event;
  if (event.correlationid !== undefined && event.causationid !== undefined) return event;
  return {
    ...event,
    correlationid: event.correlationid ?? context.correlationId,
    causationid: event.causationid ?? context.eventId,
  };
}
