/**
 * Step 2: what an admin does on "Settings > Integrations > QuickBooks", through the
 * mapping service's HTTP API: choose QBO accounts, payment methods and default items from
 * the reference data the connected company sent, then switch invoices and payments on.
 */
import type { Mappings, SyncSettings } from '@ledgerbus/contracts';
import { LedgerbusError } from '@ledgerbus/kit';
import { expectJson } from './http-client';

export interface ReferenceObject {
  id: string;
  name: string;
  type: string | null;
  active: boolean;
}

export interface ConfigureOptions {
  mappingUrl: string;
  tenantId: string;
  adminToken: string;
  prefixes: { invoices: string; payments: string };
  /** "Sync data after" (YYYY-MM-DD). */
  syncDataAfter: string;
}

/** The choices made, by name, for the summary. */
export interface ChosenMappings {
  settingsVersion: number;
  accounts: { accountsReceivable: ReferenceObject; income: ReferenceObject; expense: ReferenceObject; deposit: ReferenceObject };
  glCodes: Record<string, ReferenceObject>;
  paymentMethods: Record<string, ReferenceObject>;
  defaults: { oneTimeItem: ReferenceObject; recurringItem: ReferenceObject };
  prefixes: { invoices: string; payments: string };
}

/** The platform's GL codes and payment methods that the demo's records use. */
export const DEMO_GL_CODES = ['4000', '4100', '4200'] as const;
export const DEMO_PAYMENT_METHODS = ['card', 'check', 'cash'] as const;

function pick(list: ReferenceObject[], what: string, preferred: (o: ReferenceObject) => boolean = () => true, nth = 0): ReferenceObject {
  const preferredOnes = list.filter(preferred);
  const chosen = preferredOnes[nth] ?? preferredOnes[0] ?? list[nth] ?? list[0];
  if (chosen === undefined) throw new LedgerbusError('demo_reference_missing', `the connected company has no ${what}`);
  return chosen;
}

export async function configureTenant(options: ConfigureOptions): Promise<ChosenMappings> {
  const base = `${options.mappingUrl}/v1/tenants/${encodeURIComponent(options.tenantId)}`;
  const bearer = options.adminToken;
  const reference = async (kind: string, type?: string): Promise<ReferenceObject[]> => {
    const query = type === undefined ? '' : `?type=${encodeURIComponent(type)}`;
    return (await expectJson<{ items: ReferenceObject[] }>(200, `${base}/reference/${kind}${query}`, { bearer })).body.items.filter((o) => o.active);
  };

  const income = await reference('accounts', 'Income');
  const accounts = {
    accountsReceivable: pick(await reference('accounts', 'Accounts Receivable'), 'Accounts Receivable account'),
    income: pick(income, 'Income account', (a) => /service/i.test(a.name)),
    expense: pick(await reference('accounts', 'Cost of Goods Sold,Expense'), 'expense account', (a) => a.type === 'Cost of Goods Sold'),
    deposit: pick(await reference('accounts', 'Bank,Other Current Asset'), 'deposit account', (a) => a.type === 'Bank'),
  };
  const glCodes: Record<string, ReferenceObject> = {};
  DEMO_GL_CODES.forEach((code, i) => {
    glCodes[code] = pick(income, 'Income account', () => true, i);
  });
  const methods = await reference('payment-methods');
  const paymentMethods: Record<string, ReferenceObject> = {
    card: pick(methods, 'payment method', (m) => m.type === 'CREDIT_CARD'),
    check: pick(methods, 'payment method', (m) => /check|cheque/i.test(m.name)),
    cash: pick(methods, 'payment method', (m) => /cash/i.test(m.name)),
  };
  const services = await reference('items', 'Service,NonInventory');
  const defaults = {
    recurringItem: pick(services, 'Service item', (i) => /subscription|monthly|plan/i.test(i.name)),
    oneTimeItem: pick(services, 'Service item', (i) => i.type === 'Service' && !/subscription|monthly|plan/i.test(i.name)),
  };

  // Settings first: payments need invoices, prefixes need to fit QBO's 21-character DocNumber.
  const current = await expectJson<{ version: number }>(200, `${base}/settings`, { bearer });
  const settings: SyncSettings = {
    integration: { enabled: true },
    entities: { customers: 'to_qbo', items: 'to_qbo', employees: 'off' },
    invoices: { enabled: true },
    payments: { enabled: true },
    accounts: { accountsReceivable: accounts.accountsReceivable.id, income: accounts.income.id, expense: accounts.expense.id, deposit: accounts.deposit.id },
    documentPrefixes: { invoices: { enabled: true, prefix: options.prefixes.invoices }, payments: { enabled: true, prefix: options.prefixes.payments }, platformNumberMaxLength: 12 },
    filters: { syncDataAfter: options.syncDataAfter, marketSegment: null },
    customerRules: { useDefaultState: false, defaultState: null, defaultCountry: null, useClientAddressForSites: true, subCustomersAsSitesOnOnboarding: true },
    conflictRule: 'newest_wins',
  };
  const afterSettings = await expectJson<{ version: number }>(200, `${base}/settings`, { method: 'PUT', bearer, headers: { 'if-match': current.headers.get('etag') ?? `"${current.body.version}"` }, body: settings });

  const mappings: Mappings = {
    paymentMethods: Object.fromEntries(Object.entries(paymentMethods).map(([k, v]) => [k, v.id])),
    glCodes: Object.fromEntries(Object.entries(glCodes).map(([k, v]) => [k, v.id])),
    productTypes: { service: { itemType: 'Service', itemId: null }, material: { itemType: 'NonInventory', itemId: null } },
    defaults: { oneTimeItemId: defaults.oneTimeItem.id, recurringItemId: defaults.recurringItem.id, platformProductId: null, taxCodeId: null, classId: null, billProfileId: null },
  };
  const afterMappings = await expectJson<{ version: number }>(200, `${base}/mappings`, { method: 'PUT', bearer, headers: { 'if-match': afterSettings.headers.get('etag') ?? `"${afterSettings.body.version}"` }, body: mappings });

  return { settingsVersion: afterMappings.body.version, accounts, glCodes, paymentMethods, defaults, prefixes: options.prefixes };
}
