import type { MessageBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { effectiveSettingsSchema, mappingSettings, platformInvoices, platformPayments, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { QboClient } from '@ledgerbus/qbo';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { uniqueName } from '@ledgerbus/testing';
import { publish } from '../../../invoice-push/test/support/harness';
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

export async function publishSettings(bus: MessageBus, topics: Topics, tenantId: string, realmId: string, raw: unknown): Promise<void> {
  const settings = effectiveSettingsSchema.parse({ ...(raw as object), realmId });
  await publish(bus, topics.settings, tenantId, 'settings.state', [{ tenantId, version: 1, settings, updatedAt: new Date().toISOString() }]);
}

// The platform's publishing and customer-sync's links are the same for both services: one copy, in invoice-push's harness.
export { linkCustomers, publish } from '../../../invoice-push/test/support/harness';

export { createSandbox };
