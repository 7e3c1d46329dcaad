import type { z } from 'zod';
import type { CloudEvent } from './cloudevent';
import { cloudEventAttributesSchema } from './cloudevent';

export type CleanupPolicy = 'delete' | 'compact';

/** A topic: its name, key, the event types it carries (each with its data schema), and its shape on the broker. */
export interface TopicDefinition<Events extends Record<string, z.ZodType> = Record<string, z.ZodType>> {
  name: string;
  description: string;
  /** What the key is (e.g. "tenant id"): documentation for integrators. */
  keyDescription: string;
  key: z.ZodType<string>;
  events: Events;
  partitions: number;
  cleanupPolicy: CleanupPolicy;
  /** Retention for `delete` topics, in ms; undefined = broker default. */
  retentionMs?: number;
  /** Which services write to it (documentation, AsyncAPI). */
  producers: string[];
}

export function defineTopic<Events extends Record<string, z.ZodType>>(def: TopicDefinition<Events>): TopicDefinition<Events> {
  if (!/^[a-z0-9]+(\.[a-z0-9_-]+)*\.v[0-9]+$/.test(def.name) && !def.name.startsWith('test.')) {
    throw new Error(`topic name "${def.name}" must be dotted lowercase and end in a version (e.g. "sync.events.v1")`);
  }
  return def;
}

/** Dead letters of a topic go to `<topic>.dlq`. */
export function dlqTopicName(topic: string): string {
  return `${topic}.dlq`;
}

/** The event types a topic carries, and the data type of each. */
export type EventTypes<T extends TopicDefinition> = Extract<keyof T['events'], string>;
export type EventData<T extends TopicDefinition, K extends EventTypes<T>> = z.infer<T['events'][K]>;
/** A union of every event a topic can carry, discriminated by `type`. */
export type TopicEvent<T extends TopicDefinition> = {
  [K in EventTypes<T>]: CloudEvent<EventData<T, K>> & { type: K };
}[EventTypes<T>];

export class ContractViolation extends Error {
  readonly issues: Array<{ path: string; message: string }>;
  constructor(message: string, issues: Array<{ path: string; message: string }>) {
    super(message);
    this.name = 'ContractViolation';
    this.issues = issues;
  }
}

function issuesOf(error: z.ZodError, prefix: string): Array<{ path: string; message: string }> {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

/**
 * Validate a whole event against a topic's contract: the envelope, a known event type,
 * its data, and the key. Returns the event with parsed (defaulted) data.
 */
export function validateEvent<T extends TopicDefinition>(topic: T, key: string, event: CloudEvent): TopicEvent<T> {
  const { data, ...attributes } = event;
  const envelope = cloudEventAttributesSchema.safeParse(attributes);
  if (!envelope.success) {
    throw new ContractViolation(`event on ${topic.name} has an invalid CloudEvents envelope`, issuesOf(envelope.error, ''));
  }
  const keyResult = topic.key.safeParse(key);
  if (!keyResult.success) {
    throw new ContractViolation(`key "${key}" is not valid for ${topic.name}`, issuesOf(keyResult.error, 'key'));
  }
  const schema = topic.events[event.type];
  if (schema === undefined) {
    throw new ContractViolation(`event type "${event.type}" is not carried by ${topic.name}`, [
      { path: 'type', message: `expected one of ${Object.keys(topic.events).join(', ')}` },
    ]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ContractViolation(`data of ${event.type} on ${topic.name} does not match its schema`, issuesOf(parsed.error, 'data'));
  }
  return { ...event, data: parsed.data } as TopicEvent<T>;
}
