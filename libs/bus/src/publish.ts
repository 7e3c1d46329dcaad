import type { TopicDefinition } from '@ledgerbus/contracts';
import { validateEvent } from '@ledgerbus/contracts';
import { encodeEvent } from './codec';
import { withCausation } from './context';
import type { OutgoingMessage, RawMessage } from './port';

/**
 * What both adapters do before sending: fill correlation/causation from the handler's
 * context, validate every event against the topic contract (throws `ContractViolation`
 * before anything is sent), and encode in the CloudEvents binary binding.
 */
export function prepareForPublish(topic: TopicDefinition, messages: readonly OutgoingMessage[]): RawMessage[] {
  const events = messages.map((m) => {
    const event = withCausation(m.event);
    validateEvent(topic, m.key, event);
    return { key: m.key, event, headers: m.headers };
  });
  return events.map(({ key, event, headers }) => {
    const encoded = encodeEvent(event, headers);
    return { key, value: encoded.value, headers: encoded.headers };
  });
}
