/**
 * Integration harness: real PostgreSQL (a fresh schema), real Kafka (a fresh sync.events topic and
 * consumer groups), the webhooks service built by its factory with a short retry schedule, and a
 * real HTTP receiver on loopback.
 */
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { CloudEvent, TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, syncEvents } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import type { Role } from '@ledgerbus/kit';
import { createKeyRing, createLogger, generateKeyRingKey, mintToken } from '@ledgerbus/kit';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName } from '@ledgerbus/testing';
import type { WebhooksService } from '../../src/app';
import { createWebhooksService } from '../../src/app';
import type { WebhooksConfig } from '../../src/context';
import type { Receiver } from './receiver';
import { startReceiver } from './receiver';

export const JWT_SECRET = 'webhooks-test-secret-0123456789-abcdef';

/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read field by field */
export type Json = Record<string, any>;

/** Short waits for tests: the same shape as the default (8 attempts), in milliseconds. */
export const TEST_CONFIG: Partial<WebhooksConfig> = {
  timeoutMs: 400,
  retryScheduleMs: [100, 200, 400, 800, 800, 800, 800],
  retryJitter: 0.2,
  leaseMs: 2_000,
  pollMs: 50,
  allowLoopback: true,
  disableAfterFailures: 1_000,
  disableAfterMs: 0,
};

export interface HarnessOptions {
  config?: Partial<WebhooksConfig>;
  partitions?: number;
}

export interface Harness {
  readonly db: Database;
  readonly bus: MessageBus;
  readonly brokers: string[];
  readonly events: TopicDefinition;
  readonly service: WebhooksService;
  readonly receiver: Receiver;
  readonly keyRingSpec: string;
  api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, role?: Role, tenant?: string): Promise<{ status: number; body: Json | undefined }>;
  /** Creates an endpoint at receiver path /hooks/<name> (admin) and teaches the receiver its secret. */
  createEndpoint(tenant: string, name: string, body?: Json): Promise<Json>;
  /** Publishes events on the harness's sync.events topic under `key`. */
  publish(key: string, events: CloudEvent[]): Promise<void>;
  close(): Promise<void>;
}

let invoiceCounter = 0;

/** A valid `invoice.pushed` of `tenant` (key tenant or tenant/division). */
export function invoicePushed(key: string, options: { time?: Date } = {}): CloudEvent {
  const [tenantId, divisionId] = key.split('/') as [string, string | undefined];
  invoiceCounter += 1;
  return createEvent({
    type: 'invoice.pushed',
    source: 'test/invoice-push',
    tenantid: tenantId,
    ...(options.time === undefined ? {} : { time: options.time }),
    data: {
      tenantId,
      ...(divisionId === undefined ? {} : { divisionId }),
      realmId: '9130350000000001',
      platformId: `inv-${invoiceCounter}`,
      version: 1,
      qboId: String(1000 + invoiceCounter),
      action: 'created',
      at: new Date().toISOString(),
    },
  });
}

/** A valid `connection.connected` of `tenant`. */
export function connected(tenant: string, options: { time?: Date } = {}): CloudEvent {
  return createEvent({
    type: 'connection.connected',
    source: 'test/connector',
    tenantid: tenant,
    ...(options.time === undefined ? {} : { time: options.time }),
    data: { tenantId: tenant, realmId: '9130350000000001', at: new Date().toISOString() },
  });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const brokers = kafkaBrokersFromEnv();
  const schema = uniqueName('webhooks_test').slice(0, 60);
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 8 } });
  const bus = createKafkaBus({ brokers, clientId: 'webhooks-test' });
  const events: TopicDefinition = { ...syncEvents, name: uniqueName('test.webhooks.events'), partitions: options.partitions ?? 3 };
  await bus.ensureTopics([events]);
  const receiver = await startReceiver();
  const keyRingSpec = generateKeyRingKey('test');
  const service = await createWebhooksService({
    db,
    bus,
    logger: createLogger({ name: 'webhooks-test', level: (process.env.WEBHOOKS_TEST_LOG_LEVEL ?? 'silent') as 'silent' }),
    jwt: { secret: JWT_SECRET },
    keys: createKeyRing(keyRingSpec),
    config: { ...TEST_CONFIG, ...options.config },
    groupPrefix: uniqueName('webhooks-test-'),
    topics: { events },
    relayPollIntervalMs: 50,
  });
  await service.start();
  await service.http.ready();

  const api: Harness['api'] = async (method, url, body, role = 'admin', tenant) => {
    const t = tenant ?? /\/v1\/tenants\/([^/]+)/.exec(url)?.[1] ?? 'acme';
    const token = await mintToken(JWT_SECRET, { sub: `${role}@${t}`, tenant: t, role });
    const res = await service.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: res.statusCode, body: res.body === '' ? undefined : res.json<Json>() };
  };

  return {
    db,
    bus,
    brokers,
    events,
    service,
    receiver,
    keyRingSpec,
    api,
    async createEndpoint(tenant, name, body = {}) {
      const res = await api('POST', `/v1/tenants/${tenant}/webhook-endpoints`, { url: `${receiver.url}/hooks/${name}`, ...body });
      if (res.status !== 201) throw new Error(`endpoint not created: ${res.status} ${JSON.stringify(res.body)}`);
      receiver.setSecrets(`/hooks/${name}`, [res.body?.secret as string]);
      return res.body as Json;
    },
    async publish(key, list) {
      await bus.publish(
        events,
        list.map((event) => ({ key, event })),
      );
    },
    async close() {
      await service.stopConsumers();
      await service.http.close();
      await service.drainOutbox();
      await bus.close();
      await receiver.close();
      await db.knex.raw('drop schema if exists ?? cascade', [db.schema]);
      await db.destroy();
    },
  };
}
