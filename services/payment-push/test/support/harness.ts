import type { MessageBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, effectiveSettingsSchema, mappingSettings, platformInvoices, platformPayments, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { QboClient } from '@ledgerbus/qbo';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { uniqueName, waitFor } from '@ledgerbus/testing';
import type { Topics } from './workers';
import { qboClientsFor } from './workers';

export type { Topics, Workers } from './workers';
export { brokers, newBus, qboClientsFor, startWorkers } from './workers';

/** Fresh copies of the real topics (same events and keys) under unique test names. */
export function freshTopics(): Topics {
  const copy = (t: TopicDefinition, short: string): TopicDefinition => ({ ...t, name: `${uniqueName(`test.${short}`)}.v1`, partitions: 6 });
  return { invoices: copy(platformInvoices, 'inv'), payments: copy(platformPayments, 'pay'), settings: copy(mappingSettings, 'set'), links: copy(syncLinks, 'links'), events: copy(syncEvents, 'events') };
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
    const batch = data.slice(i, i + 500).map((d) => ({ key, event: createEvent({ type, source: 'test/platform', data: d }) }));
    // A topic created a moment ago may not have its partition leaders yet ("does not host this topic-partition"): try again.
    await waitFor(async () => {
      await bus.publish(topic, batch);
      return true;
    }, { timeoutMs: 30_000, intervalMs: 500, description: `a batch published to ${topic.name}` });
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

export { createSandbox };
