import type { CleanupPolicy, TopicDefinition } from '@ledgerbus/contracts';
import { defineTopic } from '@ledgerbus/contracts';
import { z } from 'zod';

export interface TestTopicOptions {
  partitions?: number;
  cleanupPolicy?: CleanupPolicy;
  /** The one event type the topic carries. Default "test.happened". */
  eventType?: string;
}

/**
 * A `test.*` topic carrying one event type with `schema` as its data, keyed by any
 * non-empty string. Pair it with `uniqueName` for a fresh topic per test.
 */
export function testTopic<S extends z.ZodType>(name: string, schema: S, options: TestTopicOptions = {}): TopicDefinition<Record<string, S>> {
  const eventType = options.eventType ?? 'test.happened';
  return defineTopic({
    name: name.startsWith('test.') ? name : `test.${name}`,
    description: 'A topic made for one test.',
    keyDescription: 'any non-empty string',
    key: z.string().min(1),
    events: { [eventType]: schema },
    partitions: options.partitions ?? 3,
    cleanupPolicy: options.cleanupPolicy ?? 'delete',
    producers: ['tests'],
  });
}
