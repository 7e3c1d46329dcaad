import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, effectiveSettingsSchema, mappingSettings, platformInvoices, platformPayments, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import type { PushEngine } from '@ledgerbus/push';
import { createMemoryRateLimiter, createQboClient } from '@ledgerbus/qbo';
import type { QboClient } from '@ledgerbus/qbo';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName } from '@ledgerbus/testing';
import { createInvoicePushService } from '../../../invoice-push/src/app';
import { createPaymentPushService } from '../../src/app';

export interface Topics {
  invoices: TopicDefinition;
  payments: TopicDefinition;
  settings: TopicDefinition;
  links: TopicDefinition;
  events: TopicDefinition;
}

/** Fresh copies of the real topics (same events and keys) under unique test names. */
export function freshTopics(): Topics {
  const copy = (t: TopicDefinition, short: string): TopicDefinition => ({ ...t, name: `${uniqueName(`test.${short}`)}.v1`, partitions: 6 });
  return { invoices: copy(platformInvoices, 'inv'), payments: copy(platformPayments, 'pay'), settings: copy(mappingSettings, 'set'), links: copy(syncLinks, 'links'), events: copy(syncEvents, 'events') };
}

export const brokers = kafkaBrokersFromEnv();

export function qboClientsFor(baseUrl: string, token: () => string): (realmId: string) => QboClient {
  const limiter = createMemoryRateLimiter();
  const clients = new Map<string, QboClient>();
  return (realmId) => {
    let c = clients.get(realmId);
    if (!c) {
      c = createQboClient({ baseUrl, realmId, tokenProvider: () => Promise.resolve(token()), limiter, retry: { maxRetries: 2, baseMs: 50, maxDelayMs: 500 }, timeoutMs: 10_000 });
      clients.set(realmId, c);
    }
    return c;
  };
}

export interface Company {
  realmId: string;
  token: string;
  qbo: QboClient;
  accountIdOf(type: string, nth?: number): string;
}

export function company(sandbox: Sandbox, baseUrl: string, name: string): Company {
  const created = sandbox.admin.createCompany({ companyName: name });
  const realmId = created.realmId;
  const token = sandbox.oauth.issueTokens({ realmId }).response.access_token;
  const qbo = qboClientsFor(baseUrl, () => token)(realmId);
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

export async function publish(bus: MessageBus, topic: TopicDefinition, key: string, type: string, data: unknown[]): Promise<void> {
  for (let i = 0; i < data.length; i += 500) {
    await bus.publish(
      topic,
      data.slice(i, i + 500).map((d) => ({ key, event: createEvent({ type, source: 'test/platform', data: d }) })),
    );
  }
}

export async function publishSettings(bus: MessageBus, topics: Topics, tenantId: string, realmId: string, raw: unknown): Promise<void> {
  const settings = effectiveSettingsSchema.parse({ ...(raw as object), realmId });
  await publish(bus, topics.settings, tenantId, 'settings.state', [{ tenantId, version: 1, settings, updatedAt: new Date().toISOString() }]);
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

export interface Workers {
  db: Database;
  invoices: PushEngine;
  payments: PushEngine;
  stop(): Promise<void>;
}

export async function startWorkers(options: { topics: Topics; schema: string; bus: MessageBus; groupPrefix: string; baseUrl: string; tokens: Map<string, string> }): Promise<Workers> {
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema: options.schema, pool: { max: 8 } });
  const paymentsDb = await createDatabase({ url: databaseUrlFromEnv() }, { schema: `${options.schema}_p`, pool: { max: 8 } });
  const qboClientFor = qboClientsFor(options.baseUrl, () => '');
  const clients = new Map<string, QboClient>();
  const limiter = createMemoryRateLimiter();
  const clientFor = (realmId: string): QboClient => {
    let c = clients.get(realmId);
    if (!c) {
      c = createQboClient({ baseUrl: options.baseUrl, realmId, tokenProvider: () => Promise.resolve(options.tokens.get(realmId) ?? ''), limiter, retry: { maxRetries: 2, baseMs: 50, maxDelayMs: 500 }, timeoutMs: 10_000 });
      clients.set(realmId, c);
    }
    return c;
  };
  void qboClientFor;
  const tuning = { groupPrefix: options.groupPrefix, topics: { settings: options.topics.settings, links: options.topics.links, events: options.topics.events }, pollMs: 100, backoff: { baseMs: 100, maxMs: 1000 }, maxWaitMs: 5_000 };
  const invoices = createInvoicePushService({ db, bus: options.bus, qboClientFor: clientFor, sourceTopic: options.topics.invoices, tuning });
  const payments = createPaymentPushService({ db: paymentsDb, bus: options.bus, qboClientFor: clientFor, sourceTopic: options.topics.payments, tuning });
  await invoices.migrate();
  await payments.migrate();
  await invoices.start();
  await payments.start();
  return {
    db,
    invoices,
    payments,
    async stop() {
      await invoices.stop();
      await payments.stop();
      await db.destroy();
      await paymentsDb.destroy();
    },
  };
}

export function newBus(): MessageBus {
  return createKafkaBus({ brokers, clientId: uniqueName('push-test'), consumer: { sessionTimeout: 6_000, rebalanceTimeout: 6_000 } });
}

export { createSandbox };
