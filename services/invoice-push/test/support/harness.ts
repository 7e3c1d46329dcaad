/**
 * invoice-push on real Kafka and PostgreSQL against the QBO sandbox on an ephemeral port:
 * fresh topics, consumer groups and schema per suite. Tests publish what the platform,
 * mapping (settings) and customer-sync (customer links) would, and read the sandbox's ledger
 * and `sync.events.v1`.
 */
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, effectiveSettingsSchema, mappingSettings, platformInvoices, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import type { PushEngine, PushServiceDeps } from '@ledgerbus/push';
import { createMemoryRateLimiter, createQboClient } from '@ledgerbus/qbo';
import type { QboClient } from '@ledgerbus/qbo';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import type { ReadMessage } from '@ledgerbus/testing';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import { createInvoicePushService } from '../../src/app';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const brokers = kafkaBrokersFromEnv();

export interface Topics {
  invoices: TopicDefinition;
  settings: TopicDefinition;
  links: TopicDefinition;
  events: TopicDefinition;
}

/** Fresh copies of the real topics (same events and keys) under unique test names. */
export function freshTopics(): Topics {
  const copy = (t: TopicDefinition, short: string): TopicDefinition => ({ ...t, name: `${uniqueName(`test.${short}`)}.v1`, partitions: 3 });
  return { invoices: copy(platformInvoices, 'inv'), settings: copy(mappingSettings, 'set'), links: copy(syncLinks, 'links'), events: copy(syncEvents, 'events') };
}

/** A sandbox company with an access token and a QBO client on it. */
export interface Company {
  realmId: string;
  token: string;
  qbo: QboClient;
  /** The id of the `nth` active account of a QBO AccountType ("Income", "Bank" …). */
  accountIdOf(type: string, nth?: number): string;
}

export function company(sandbox: Sandbox, baseUrl: string, name: string): Company {
  const { realmId } = sandbox.admin.createCompany({ companyName: name });
  const token = sandbox.oauth.issueTokens({ realmId }).response.access_token;
  const qbo = createQboClient({ baseUrl, realmId, tokenProvider: () => Promise.resolve(token), limiter: createMemoryRateLimiter(), retry: { maxRetries: 2, baseMs: 50, maxDelayMs: 500 }, timeoutMs: 10_000 });
  return {
    realmId,
    token,
    qbo,
    accountIdOf(type, nth = 0) {
      const accounts = sandbox.admin.entities(realmId, 'Account').filter((a) => a.AccountType === type && a.Active !== false);
      const a = accounts[nth];
      if (!a) throw new Error(`no ${type} account #${nth} in the sandbox company`);
      return String(a.Id);
    },
  };
}

export interface InvoiceWorker {
  db: Database;
  engine: PushEngine;
  stop(): Promise<void>;
}

/** invoice-push as its main.ts builds it, on Kafka, a fresh PostgreSQL schema and the sandbox. */
export async function startInvoicePush(options: { topics: Topics; bus: MessageBus; baseUrl: string; tokens: Map<string, string>; tuning?: PushServiceDeps['tuning'] }): Promise<InvoiceWorker> {
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema: uniqueName('invoice_push_test'), pool: { max: 6 } });
  const limiter = createMemoryRateLimiter();
  const clients = new Map<string, QboClient>();
  const qboClientFor = (realmId: string): QboClient => {
    let c = clients.get(realmId);
    if (!c) {
      c = createQboClient({ baseUrl: options.baseUrl, realmId, tokenProvider: () => Promise.resolve(options.tokens.get(realmId) ?? ''), limiter, retry: { maxRetries: 2, baseMs: 50, maxDelayMs: 500 }, timeoutMs: 10_000 });
      clients.set(realmId, c);
    }
    return c;
  };
  const engine = createInvoicePushService({
    db,
    bus: options.bus,
    qboClientFor,
    sourceTopic: options.topics.invoices,
    tuning: {
      groupPrefix: uniqueName('g'),
      topics: { settings: options.topics.settings, links: options.topics.links, events: options.topics.events },
      pollMs: 100,
      backoff: { baseMs: 100, maxMs: 1000 },
      maxWaitMs: 5_000,
      ...options.tuning,
    },
  });
  await engine.migrate();
  await engine.start();
  return {
    db,
    engine,
    async stop() {
      await engine.stop();
      await db.destroy();
    },
  };
}

export function newBus(): MessageBus {
  return createKafkaBus({ brokers, clientId: uniqueName('invoice-push-test'), consumer: { sessionTimeout: 6_000, rebalanceTimeout: 6_000 } });
}

export async function publish(bus: MessageBus, topic: TopicDefinition, key: string, type: string, data: unknown[]): Promise<void> {
  const batch = data.map((d) => ({ key, event: createEvent({ type, source: 'test/platform', data: d }) }));
  // A topic created a moment ago may not have its partition leaders yet: try again.
  await waitFor(async () => {
    await bus.publish(topic, batch);
    return true;
  }, { timeoutMs: 30_000, intervalMs: 500, description: `a batch published to ${topic.name}` });
}

/** What mapping publishes on `mapping.settings.v1` for a tenant (the effective settings contract). */
export async function publishSettings(bus: MessageBus, topics: Topics, tenantId: string, realmId: string, raw: { settings?: unknown; mappings?: unknown }, version = 1): Promise<void> {
  const settings = effectiveSettingsSchema.parse({ settings: raw.settings ?? {}, mappings: raw.mappings ?? {}, realmId });
  await publish(bus, topics.settings, tenantId, 'settings.state', [{ tenantId, version, settings, updatedAt: new Date().toISOString() }]);
}

/** Waits until the worker's read model holds this settings version of the tenant (it reads settings from there when it pushes). */
export async function settingsReached(worker: InvoiceWorker, tenantId: string, version = 1): Promise<void> {
  await waitFor(async () => {
    const row = (await worker.db.knex('tenant_settings').where({ tenant_key: tenantId }).first()) as { version: number } | undefined;
    return row !== undefined && Number(row.version) >= version;
  }, { timeoutMs: 30_000, description: `settings v${version} of ${tenantId} in invoice-push` });
}

/** Create customers in QBO and publish their links, as customer-sync would. */
export async function linkCustomers(bus: MessageBus, topics: Topics, tenantId: string, c: Company, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const links = [];
  for (const id of ids) {
    const customer = await c.qbo.create('Customer', { DisplayName: `${tenantId} customer ${id}` }, { requestId: uniqueName('cust') });
    out.set(id, customer.Id);
    links.push({ tenantId, realmId: c.realmId, entity: 'customer', platformId: id, qboId: customer.Id, at: new Date().toISOString() });
  }
  await publish(bus, topics.links, tenantId, 'link.created', links);
  return out;
}

/** The outcome events of one tenant on `sync.events.v1`, once `done` holds for them. */
export async function outcomesOf(topics: Topics, tenantId: string, done: (events: ReadMessage[]) => boolean, timeoutMs = 60_000): Promise<ReadMessage[]> {
  let seen: ReadMessage[] = [];
  await waitFor(async () => {
    const all = await readTopic(brokers, topics.events.name, { untilIdleMs: 1_000, timeoutMs: 30_000 });
    seen = all.filter((m) => (m.event?.data as Json | undefined)?.tenantId === tenantId);
    return done(seen);
  }, { timeoutMs, intervalMs: 500, description: `the outcome events of ${tenantId}` });
  return seen;
}

/** The data of the events of one type for one platform record. */
export function eventsFor(events: ReadMessage[], type: string, platformId: string): Json[] {
  return events.filter((m) => m.event?.type === type && (m.event.data as Json).platformId === platformId).map((m) => m.event?.data as Json);
}

export { createSandbox };
export type { Sandbox };
