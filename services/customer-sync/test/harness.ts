import type { MessageBus, Subscription } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { CloudEvent, TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, syncSettingsSchema } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, mintToken } from '@ledgerbus/kit';
import { BreakerRegistry, createMemoryRateLimiter, createQboClient } from '@ledgerbus/qbo';
import type { QboClient } from '@ledgerbus/qbo';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName, waitFor } from '@ledgerbus/testing';
import type { CustomerSyncService, CustomerSyncServiceDeps } from '../src/app';
import { createCustomerSyncService } from '../src/app';
import type { CustomerSyncTopics } from '../src/context';
import { DEFAULT_TOPICS } from '../src/context';

export const JWT_SECRET = 'test-secret-test-secret-test-secret-0123';
export const TOKEN = 'customer-sync-test-token';

/** Tuning of the service under test (sync-run worker, onboarding takeover). */
export type HarnessOptions = Pick<CustomerSyncServiceDeps, 'runs' | 'onboarding'>;

export interface Harness {
  sandbox: Sandbox;
  service: CustomerSyncService;
  db: Database;
  bus: MessageBus;
  topics: CustomerSyncTopics;
  /** Every event the service published on sync.events (and sync.links), as consumed from Kafka. */
  events: CloudEvent<Record<string, unknown>>[];
  links: CloudEvent<Record<string, unknown>>[];
  qbo(realmId: string): QboClient;
  newRealm(options?: { companyName?: string }): string;
  /** Connect a tenant to a realm and publish its settings; waits until the service holds both. */
  setup(tenant: string, realmId: string, settings?: Record<string, unknown>): Promise<void>;
  /** Publish another settings version of a tenant; waits until the service holds it. */
  publishSettings(tenant: string, realmId: string, version: number, settings: Record<string, unknown>): Promise<void>;
  /** Every call the sandbox answered for a realm, all endpoints and statuses. */
  callCount(realmId: string): number;
  /** What a second process of the service needs to share this one's database, topics and sandbox. */
  readonly shared: { schema: string; topicPrefix: string; groupPrefix: string; sandboxUrl: string; token: string };
  publish(topic: TopicDefinition, key: string, type: string, data: Record<string, unknown>): Promise<CloudEvent>;
  upsertCustomer(tenant: string, record: Record<string, unknown>): Promise<CloudEvent>;
  qboChanged(realmId: string, object: Record<string, unknown>, options?: { operation?: string; mergedFromId?: string; entityId?: string }): Promise<CloudEvent>;
  eventsOf(type: string, filter?: (data: Record<string, unknown>) => boolean): CloudEvent<Record<string, unknown>>[];
  waitEvent(type: string, filter: (data: Record<string, unknown>) => boolean, description?: string): Promise<CloudEvent<Record<string, unknown>>>;
  customerPosts(realmId: string): number;
  /** Runs before every Customer update the service sends (a test's chance to interleave a competing write). */
  beforeUpdate: ((realmId: string, body: Record<string, unknown>, requestId: string) => Promise<void>) | undefined;
  token(tenant: string): Promise<string>;
  close(): Promise<void>;
}

let realmCounter = 0;
let version = 0;
export function nextVersion(): number {
  version += 1;
  return version;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sandbox = createSandbox({ staticTokens: { [TOKEN]: '*' } });
  const url = await sandbox.listen(0);
  const prefix = uniqueName('cs');
  const topics = Object.fromEntries(
    Object.entries(DEFAULT_TOPICS).map(([k, t]) => [k, { ...t, name: `test.${prefix}.${t.name}`, partitions: 2 }]),
  ) as unknown as CustomerSyncTopics;
  const schema = uniqueName('customer_sync_test').slice(0, 60);
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 6 } });
  const bus = createKafkaBus({ brokers: kafkaBrokersFromEnv(), clientId: prefix });
  await bus.ensureTopics(Object.values(topics));
  const logger = createLogger({ name: 'customer-sync-test', level: (process.env.CUSTOMER_SYNC_TEST_LOG_LEVEL ?? 'silent') as 'silent' });
  const breakers = new BreakerRegistry();
  const clients = new Map<string, QboClient>();
  const qbo = (realmId: string): QboClient => {
    let c = clients.get(realmId);
    if (!c) {
      const real = createQboClient({ baseUrl: url, realmId, tokenProvider: () => Promise.resolve(TOKEN), limiter: createMemoryRateLimiter(), breakers, retry: { baseMs: 20, throttleBaseMs: 50, maxRetries: 3 } });
      c = real;
      clients.set(realmId, c);
    }
    return c;
  };
  let hook: Harness['beforeUpdate'];
  const serviceQbo = (realmId: string): QboClient => {
    const real = qbo(realmId);
    return {
      ...real,
      update: async (entity: string, body: Record<string, unknown>, opts: { requestId: string; retrySafe?: boolean }) => {
        if (hook !== undefined && entity === 'Customer') await hook(realmId, body, opts.requestId);
        return real.update(entity, body, opts);
      },
    } as QboClient;
  };
  const service = await createCustomerSyncService({ db, bus, logger, jwt: { secret: JWT_SECRET }, qbo: serviceQbo, topics, groupPrefix: `${prefix}.`, relayPollIntervalMs: 100, retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 }, ...options });
  await service.start();
  await service.http.ready();

  const events: CloudEvent<Record<string, unknown>>[] = [];
  const links: CloudEvent<Record<string, unknown>>[] = [];
  const subs: Subscription[] = [
    await bus.subscribe({ groupId: `${prefix}.reader.events`, topics: [topics.syncEvents], handler: async (m) => void events.push(m.event as CloudEvent<Record<string, unknown>>) }),
    await bus.subscribe({ groupId: `${prefix}.reader.links`, topics: [topics.syncLinks], handler: async (m) => void links.push(m.event as CloudEvent<Record<string, unknown>>) }),
  ];

  const publish = async (topic: TopicDefinition, key: string, type: string, data: Record<string, unknown>) => {
    const event = createEvent({ type, source: 'test/platform', data });
    await bus.publish(topic, [{ key, event }]);
    return event;
  };
  const eventsOf = (type: string, filter: (d: Record<string, unknown>) => boolean = () => true) => events.filter((e) => e.type === type && filter(e.data));

  const h: Harness = {
    sandbox,
    service,
    db,
    bus,
    topics,
    events,
    links,
    qbo,
    newRealm(options = {}) {
      realmCounter += 1;
      return sandbox.admin.createCompany({ realmId: String(7_200_000 + realmCounter + Math.floor(Math.random() * 1000) * 1000), companyName: options.companyName ?? 'Customer Sync Co' }).realmId;
    },
    async setup(tenant, realmId, settings = {}) {
      const now = new Date().toISOString();
      await publish(topics.connectorConnections, tenant, 'connection.state', { tenantId: tenant, realmId, companyName: 'Customer Sync Co', status: 'connected', updatedAt: now });
      const parsed = syncSettingsSchema.parse(settings);
      await publish(topics.mappingSettings, tenant, 'settings.state', { tenantId: tenant, version: 1, settings: { settings: parsed, mappings: {}, realmId, problems: [] }, updatedAt: now });
      await waitFor(async () => (await db.knex('connections').where({ tenant_id: tenant }).first()) && (await db.knex('tenant_settings').where({ tenant_id: tenant }).first()), { timeoutMs: 30_000, description: `tenant ${tenant} connected and configured` });
    },
    async publishSettings(tenant, realmId, settingsVersion, settings) {
      const parsed = syncSettingsSchema.parse(settings);
      await publish(topics.mappingSettings, tenant, 'settings.state', { tenantId: tenant, version: settingsVersion, settings: { settings: parsed, mappings: {}, realmId, problems: [] }, updatedAt: new Date().toISOString() });
      await waitFor(async () => ((await db.knex('tenant_settings').where({ tenant_id: tenant }).first()) as { version: number } | undefined)?.version === settingsVersion, {
        timeoutMs: 30_000,
        description: `settings v${settingsVersion} of ${tenant} stored`,
      });
    },
    callCount(realmId) {
      return Object.values(sandbox.admin.calls(realmId)).reduce((sum, byStatus) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
    },
    shared: { schema, topicPrefix: `test.${prefix}.`, groupPrefix: `${prefix}.`, sandboxUrl: url, token: TOKEN },
    publish,
    upsertCustomer: (tenant, record) => publish(topics.platformCustomers, tenant, 'customer.upserted', { tenantId: tenant, version: nextVersion(), ...record }),
    qboChanged: (realmId, object, options = {}) =>
      publish(topics.qboChanges, realmId, 'qbo.entity_changed', {
        realmId,
        entity: 'Customer',
        entityId: options.entityId ?? String(object.Id),
        operation: options.operation ?? 'Update',
        source: 'webhook',
        ...(typeof object.SyncToken === 'string' ? { syncToken: object.SyncToken } : {}),
        lastUpdated: new Date().toISOString(),
        ...(options.mergedFromId === undefined ? {} : { mergedFromId: options.mergedFromId }),
        ...(options.operation === 'Delete' ? {} : { object }),
      }),
    eventsOf,
    waitEvent: (type, filter, description) => waitFor(() => eventsOf(type, filter)[0], { timeoutMs: 30_000, description: description ?? type }),
    customerPosts(realmId) {
      const byStatus = sandbox.admin.calls(realmId)['POST customer'] ?? {};
      return Object.values(byStatus).reduce((a, b) => a + b, 0);
    },
    get beforeUpdate() {
      return hook;
    },
    set beforeUpdate(f) {
      hook = f;
    },
    token: (tenant) => mintToken(JWT_SECRET, { sub: `admin@${tenant}`, tenant, role: 'admin' }),
    async close() {
      for (const s of subs) await s.stop();
      await service.stopConsumers();
      await service.http.close();
      await service.drainOutbox();
      await bus.close();
      await db.knex.raw('drop schema if exists ?? cascade', [schema]);
      await db.destroy();
      await sandbox.close();
    },
  };
  return h;
}
