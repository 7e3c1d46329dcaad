import { CLOUDEVENT_HEADER_ATTRIBUTES } from './cloudevent';
import { toDocumentedJsonSchema } from './descriptions';
import { topicRegistry } from './registry';
import type { TopicDefinition } from './topic';
import { dlqTopicName } from './topic';

/** Topics whose producers are all outside ledgerbus: ledgerbus receives them. */
function isInbound(topic: TopicDefinition): boolean {
  return topic.producers.every((p) => p === 'platform integrator');
}

function camel(name: string): string {
  return name.replace(/[._-]+([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** What each CloudEvents attribute header means on ledgerbus's topics. */
const HEADER_DESCRIPTIONS: Record<(typeof CLOUDEVENT_HEADER_ATTRIBUTES)[number], string> = {
  specversion: 'CloudEvents version: "1.0"',
  id: 'the event id, unique per source; consumers dedupe on it (at-least-once delivery)',
  source: 'who produced it: a ledgerbus service (e.g. "ledgerbus/invoice-push") or the platform',
  type: 'the event type (the message name), e.g. "invoice.pushed"',
  time: 'when it happened (ISO 8601 date-time)',
  subject: 'what it is about, when set: a platform record id, a realm id or "Customer/42"',
  dataschema: 'URI of the data schema, when set',
  correlationid: 'the id shared by every event of one flow (extension attribute)',
  causationid: 'the id of the event that caused this one, e.g. the invoice.upserted an invoice.pushed answers (extension attribute)',
  tenantid: 'the tenant (extension attribute)',
};

const headersSchema = {
  type: 'object',
  description: 'CloudEvents 1.0 attributes in the Kafka binary binding (ce_* headers).',
  required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'content-type'],
  properties: {
    ...Object.fromEntries(CLOUDEVENT_HEADER_ATTRIBUTES.map((a) => [`ce_${a}`, { type: 'string', description: HEADER_DESCRIPTIONS[a] }])),
    'content-type': { type: 'string', const: 'application/json', description: 'the CloudEvents datacontenttype: the value is JSON' },
  },
};

/**
 * The AsyncAPI 3.1 document of every topic in the registry, from ledgerbus's point of
 * view: it receives the platform topics and sends everything else.
 */
export function buildAsyncApiDocument(version: string, registry: readonly TopicDefinition[] = topicRegistry): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const topic of registry) {
    const channelId = camel(topic.name);
    const channelMessages: Record<string, unknown> = {};
    for (const [type, schema] of Object.entries(topic.events)) {
      const messageId = `${channelId}.${camel(type)}`;
      messages[messageId] = {
        name: type,
        title: type,
        summary: schema.description ?? `${type} on ${topic.name}`,
        contentType: 'application/json',
        headers: { ...headersSchema, properties: { ...headersSchema.properties, ce_type: { type: 'string', const: type, description: HEADER_DESCRIPTIONS.type } } },
        payload: toDocumentedJsonSchema(schema),
        bindings: { kafka: { key: { type: 'string', description: topic.keyDescription }, bindingVersion: '0.5.0' } },
      };
      channelMessages[camel(type)] = { $ref: `#/components/messages/${messageId}` };
    }
    channels[channelId] = {
      address: topic.name,
      title: topic.name,
      description: `${topic.description} Key: ${topic.keyDescription}. Dead letters: ${dlqTopicName(topic.name)}. Produced by: ${topic.producers.join(', ')}.`,
      messages: channelMessages,
      bindings: {
        kafka: {
          topic: topic.name,
          partitions: topic.partitions,
          topicConfiguration: {
            'cleanup.policy': [topic.cleanupPolicy],
            ...(topic.retentionMs === undefined ? {} : { 'retention.ms': topic.retentionMs }),
          },
          bindingVersion: '0.5.0',
        },
      },
    };
    const inbound = isInbound(topic);
    operations[`${inbound ? 'receive' : 'send'}${channelId[0]!.toUpperCase()}${channelId.slice(1)}`] = {
      action: inbound ? 'receive' : 'send',
      channel: { $ref: `#/channels/${channelId}` },
      summary: inbound ? `ledgerbus consumes ${topic.name}` : `ledgerbus publishes ${topic.name}`,
      messages: Object.keys(channelMessages).map((m) => ({ $ref: `#/channels/${channelId}/messages/${m}` })),
    };
  }

  return {
    asyncapi: '3.1.0',
    info: {
      title: 'ledgerbus events',
      version,
      description:
        'Every topic of ledgerbus. Each message is a CloudEvents 1.0 event in the Kafka binary binding: attributes in ce_* headers, data as the JSON value. Generated from libs/contracts; do not edit by hand.',
      license: { name: 'Apache-2.0' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The broker started by deploy/local/kafka.sh' },
    },
    channels,
    operations,
    components: { messages },
  };
}
