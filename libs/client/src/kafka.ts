/**
 * `@ledgerbus/client/kafka`: for platforms that already run Kafka. A publisher for the
 * `platform.*.v1` topics and a consumer of `sync.events.v1`, typed and validated by the contracts
 * (libs/contracts), with CloudEvents 1.0 in the Kafka binary binding exactly as ledgerbus's own
 * services write and read it (libs/bus's codec): every attribute a `ce_<name>` header,
 * `content-type: application/json`, `data` as the JSON value, the tenant id as the key.
 * Needs `kafkajs` (a peer dependency); bring your own `Kafka` instance.
 */
import type { CloudEvent, EventTypes, TopicDefinition, TopicEvent } from '@ledgerbus/contracts';
import { CLOUDEVENT_HEADER_ATTRIBUTES, ContractViolation, createEvent, platformCustomers, platformInvoices, platformPayments, syncEvents, validateEvent } from '@ledgerbus/contracts';
import type { Consumer, IHeaders, Kafka, Producer } from 'kafkajs';
import type { z } from 'zod';
import type { SyncEvent } from './webhook';

export { platformCustomers, platformInvoices, platformPayments, syncEvents };
export type { CloudEvent, TopicEvent };

/** The topics a platform publishes to. */
export type PlatformTopic = typeof platformCustomers | typeof platformInvoices | typeof platformPayments;

export const CONTENT_TYPE = 'application/json';

/** A CloudEvent → Kafka headers and value (binary content mode), as libs/bus's `encodeEvent`. */
export function encodeCloudEvent(event: CloudEvent): { headers: Record<string, string>; value: Buffer | null } {
  const headers: Record<string, string> = {};
  const attributes = event as unknown as Record<string, unknown>;
  for (const name of CLOUDEVENT_HEADER_ATTRIBUTES) {
    const value = attributes[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') headers[`ce_${name}`] = String(value);
  }
  headers['content-type'] = CONTENT_TYPE;
  return { headers, value: event.data === undefined ? null : Buffer.from(JSON.stringify(event.data), 'utf8') };
}

/** Kafka headers and value → a CloudEvent, or a `ContractViolation` naming what is missing. */
export function decodeCloudEvent(headers: IHeaders | undefined, value: Buffer | null): CloudEvent {
  const h: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const v = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (v !== undefined) h[name] = typeof v === 'string' ? v : v.toString('utf8');
  }
  const missing = ['specversion', 'id', 'source', 'type'].filter((a) => h[`ce_${a}`] === undefined);
  if (missing.length > 0) {
    throw new ContractViolation(
      `not a CloudEvent: missing header(s) ${missing.map((a) => `ce_${a}`).join(', ')}`,
      missing.map((a) => ({ path: `ce_${a}`, message: 'required' })),
    );
  }
  let data: unknown;
  if (value !== null && value.length > 0) {
    try {
      data = JSON.parse(value.toString('utf8'));
    } catch (err) {
      throw new ContractViolation(`value is not JSON: ${(err as Error).message}`, [{ path: 'data', message: 'not JSON' }]);
    }
  }
  const event: Record<string, unknown> = { datacontenttype: CONTENT_TYPE };
  for (const name of CLOUDEVENT_HEADER_ATTRIBUTES) if (h[`ce_${name}`] !== undefined) event[name] = h[`ce_${name}`];
  event.data = data;
  return event as unknown as CloudEvent;
}

/** What an event's data schema accepts (before defaults such as `currency: "USD"` apply). */
export type EventInput<T extends TopicDefinition, K extends EventTypes<T>> = z.input<T['events'][K]>;

export interface PlatformEventInput<T extends PlatformTopic, K extends EventTypes<T>> {
  type: K;
  /** The record as its contract takes it (defaults may be left out); `tenantId` is filled from `tenant` when left out. */
  data: Omit<EventInput<T, K>, 'tenantId'> & { tenantId?: string };
  /** Default: a fresh UUID. Give a stable id to make a re-publish recognisable. */
  id?: string;
  correlationid?: string;
}

export interface PlatformPublisher {
  /** Validates each event against its topic's contract, then produces them in order (acks from all in-sync replicas). */
  publish<T extends PlatformTopic, K extends EventTypes<T>>(topic: T, tenant: string, events: ReadonlyArray<PlatformEventInput<T, K>>): Promise<CloudEvent[]>;
  upsertCustomers(tenant: string, records: ReadonlyArray<PlatformEventInput<typeof platformCustomers, 'customer.upserted'>['data']>): Promise<CloudEvent[]>;
  upsertInvoices(tenant: string, records: ReadonlyArray<PlatformEventInput<typeof platformInvoices, 'invoice.upserted'>['data']>): Promise<CloudEvent[]>;
  recordPayments(tenant: string, records: ReadonlyArray<PlatformEventInput<typeof platformPayments, 'payment.recorded'>['data']>): Promise<CloudEvent[]>;
  disconnect(): Promise<void>;
}

export interface PublisherOptions {
  kafka: Kafka;
  /** CloudEvents `source` of your events, e.g. `acme-fsm/billing`. */
  source: string;
  /** Topic names other than the defaults (`platform.customers.v1` …), e.g. per environment. */
  topicNames?: Partial<Record<'customers' | 'invoices' | 'payments', string>>;
}

/**
 * A publisher for `platform.*.v1`. Versions are yours on Kafka: each record's `version` must grow with
 * every change (ledgerbus ignores a version it has already applied or passed).
 */
export function createPlatformPublisher(options: PublisherOptions): PlatformPublisher {
  const producer: Producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  let connected: Promise<void> | undefined;
  const names = new Map<TopicDefinition, string>([
    [platformCustomers, options.topicNames?.customers ?? platformCustomers.name],
    [platformInvoices, options.topicNames?.invoices ?? platformInvoices.name],
    [platformPayments, options.topicNames?.payments ?? platformPayments.name],
  ]);
  // The CloudEvents subject is the record's platform id (as the ingest service sets it).
  const idField = new Map<TopicDefinition, string>([
    [platformCustomers, 'customerId'],
    [platformInvoices, 'invoiceId'],
    [platformPayments, 'paymentId'],
  ]);
  const subjectOf = (topic: TopicDefinition, data: Record<string, unknown>): string | undefined => {
    const id = data[idField.get(topic) ?? ''];
    return typeof id === 'string' ? id : undefined;
  };

  async function publish<T extends PlatformTopic, K extends EventTypes<T>>(topic: T, tenant: string, events: ReadonlyArray<PlatformEventInput<T, K>>): Promise<CloudEvent[]> {
    const built = events.map((e) => {
      const data = { ...(e.data as Record<string, unknown>), tenantId: (e.data as { tenantId?: string }).tenantId ?? tenant };
      const subject = subjectOf(topic, data);
      const event = createEvent({
        type: e.type,
        source: options.source,
        data,
        tenantid: tenant,
        ...(subject === undefined ? {} : { subject }),
        ...(e.id === undefined ? {} : { id: e.id }),
        ...(e.correlationid === undefined ? {} : { correlationid: e.correlationid }),
      });
      // Throws ContractViolation naming the field: nothing of the batch is sent.
      return validateEvent(topic, tenant, event);
    });
    if (built.length === 0) return [];
    connected ??= producer.connect();
    await connected;
    await producer.send({
      topic: names.get(topic) ?? topic.name,
      acks: -1,
      messages: built.map((event) => ({ key: tenant, ...encodeCloudEvent(event) })),
    });
    return built;
  }

  return {
    publish,
    upsertCustomers: (tenant, records) => publish(platformCustomers, tenant, records.map((data) => ({ type: 'customer.upserted' as const, data }))),
    upsertInvoices: (tenant, records) => publish(platformInvoices, tenant, records.map((data) => ({ type: 'invoice.upserted' as const, data }))),
    recordPayments: (tenant, records) => publish(platformPayments, tenant, records.map((data) => ({ type: 'payment.recorded' as const, data }))),
    async disconnect() {
      if (connected !== undefined) await producer.disconnect();
      connected = undefined;
    },
  };
}

export interface SyncEventsConsumerOptions {
  kafka: Kafka;
  /** Your consumer group: offsets are committed after `onEvent` resolves (at-least-once; dedupe on `event.id`). */
  groupId: string;
  /** Default `sync.events.v1`. */
  topicName?: string;
  fromBeginning?: boolean;
  /** Only these tenants' events (default: every tenant of the deployment). */
  tenants?: readonly string[];
  /** Called for each valid event in partition order; throwing makes kafkajs deliver it again. */
  onEvent(event: SyncEvent, meta: { key: string; partition: number; offset: string }): Promise<void> | void;
  /**
   * An event that is not valid (no CloudEvent, unknown type from a newer ledgerbus, data against its
   * contract). Default: skipped. Never throws the whole consumer into a loop.
   */
  onInvalid?(error: Error, meta: { key: string; partition: number; offset: string }): Promise<void> | void;
}

export interface SyncEventsConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSyncEventsConsumer(options: SyncEventsConsumerOptions): SyncEventsConsumer {
  const consumer: Consumer = options.kafka.consumer({ groupId: options.groupId });
  const tenants = options.tenants === undefined ? undefined : new Set(options.tenants);
  return {
    async start() {
      await consumer.connect();
      await consumer.subscribe({ topic: options.topicName ?? syncEvents.name, fromBeginning: options.fromBeginning ?? false });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const key = message.key?.toString('utf8') ?? '';
          const meta = { key, partition, offset: message.offset };
          if (tenants !== undefined && !tenants.has(key.split('/')[0] ?? '')) return;
          let event: SyncEvent;
          try {
            event = validateEvent(syncEvents, key, decodeCloudEvent(message.headers, message.value));
          } catch (err) {
            await options.onInvalid?.(err as Error, meta);
            return;
          }
          await options.onEvent(event, meta);
        },
      });
    },
    async stop() {
      await consumer.disconnect();
    },
  };
}
