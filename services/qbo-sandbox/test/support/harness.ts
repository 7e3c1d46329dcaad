import { createSandbox } from '../../src';
import type { CreateCompanyOptions, CreateSandboxOptions, Sandbox } from '../../src';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are asserted field by field
  body: any;
}

export interface ApiCall {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Sent as-is (e.g. a query statement with application/text). */
  rawBody?: string;
  contentType?: string;
  query?: Record<string, string>;
  token?: string | null;
}

export interface Harness {
  sandbox: Sandbox;
  base: string;
  realmId: string;
  token: string;
  /** Call the accounting API of the harness company (path after /v3/company/<realmId>/). */
  api(path: string, call?: ApiCall): Promise<ApiResponse>;
  /** Call any path of the sandbox (admin API …). */
  http(path: string, call?: ApiCall): Promise<ApiResponse>;
  /** Move the sandbox clock forward and take a fresh access token (the old one may have expired). */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** A sandbox on an ephemeral loopback port with one company and an OAuth access token for it. */
export async function startHarness(options: CreateSandboxOptions = {}, company: CreateCompanyOptions = {}): Promise<Harness> {
  const sandbox = createSandbox({ ...options, settings: { ...options.settings, limits: { enabled: false, ...options.settings?.limits } } });
  const base = await sandbox.listen(0);
  const created = sandbox.admin.createCompany(company);
  const token = sandbox.oauth.issueTokens({ realmId: created.realmId }).response.access_token;
  const http = async (path: string, call: ApiCall = {}): Promise<ApiResponse> => {
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.token !== null) headers.authorization = `Bearer ${call.token ?? harness.token}`;
    let body: string | undefined;
    if (call.rawBody !== undefined) {
      body = call.rawBody;
      headers['content-type'] = call.contentType ?? 'application/text';
    } else if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['content-type'] = call.contentType ?? 'application/json';
    }
    const res = await fetch(url, { method: call.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  };
  const harness: Harness = {
    sandbox,
    base,
    realmId: created.realmId,
    token,
    http,
    api: (path, call) => http(`/v3/company/${created.realmId}/${path}`, call),
    advance(ms) {
      sandbox.clock.advance(ms);
      harness.token = sandbox.oauth.issueTokens({ realmId: created.realmId }).response.access_token;
    },
    close: () => sandbox.close(),
  };
  return harness;
}

/** Wait until `check` returns a truthy value (polling), or fail after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5000, intervalMs = 10): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Minimal valid bodies for the usual entities, against a freshly created (unseeded) company. */
export async function basics(h: Harness): Promise<{ incomeAccountId: string; serviceItemId: string; customerId: string }> {
  const accounts = h.sandbox.admin.entities(h.realmId, 'Account');
  const income = accounts.find((a) => a.AccountType === 'Income');
  if (!income) throw new Error('the company has no income account');
  const item = await h.api('item', { body: { Name: 'Services', Type: 'Service', IncomeAccountRef: { value: income.Id }, UnitPrice: 100 } });
  const customer = await h.api('customer', { body: { DisplayName: `Customer ${Math.random().toString(36).slice(2, 8)}` } });
  return { incomeAccountId: String(income.Id), serviceItemId: item.body.Item.Id, customerId: customer.body.Customer.Id };
}

export function invoiceBody(customerId: string, itemId: string, amount = '100.00', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { CustomerRef: { value: customerId }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: itemId } } }], ...extra };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- store records are asserted field by field
export type Rec = any;

/** Every live record of an entity of the harness company, straight from the store. */
export function records(h: Harness, entity: string): Rec[] {
  return h.sandbox.admin.entities(h.realmId, entity);
}
