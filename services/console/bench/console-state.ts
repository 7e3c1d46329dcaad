/**
 * A console with something on every page, for the README screenshots and the first-load figures: the embedded demo
 * (services/embedded's runDemo: the sandbox company connected through OAuth, settings and mappings saved, records
 * published while the integration was off, then "Enable Integration" and its run to the end) with the console, then
 * an onboarding import and a metric. Prints progress on stderr.
 */
import { createLogger, mintToken } from '@ledgerbus/kit';
import { waitFor } from '@ledgerbus/testing';
import { runDemo } from '../../embedded/src/index';
import type { Stack } from '../../embedded/src/index';

/** Every server of the stack on a free port (ingest's and webhooks' defaults, 8088/8089, may be taken by a running make demo). */
const FREE_PORTS = { sandbox: 0, connector: 0, mapping: 0, customerSync: 0, metrics: 0, ingest: 0, webhooks: 0 };

export interface ConsoleState {
  stack: Stack;
  tenantId: string;
  consoleUrl: string;
  tokens: { owner: string; admin: string; viewer: string };
  metricId: string;
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function call<T>(method: string, url: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function startConsoleState(options: { onboarding?: boolean } = {}): Promise<ConsoleState> {
  const secret = 'console-bench-secret-0123456789abcdef0123';
  const tenantId = 'demo-tenant';
  const demo = await runDemo({
    logger: createLogger({ name: 'console-bench', level: 'silent' }),
    ports: FREE_PORTS,
    jwtSecret: secret,
    company: { size: 'small' },
    counts: { customers: 12, invoices: 24, payments: 14 },
    pushMaxWaitMs: 5_000,
    console: { port: 0 },
    tenantId,
    print: log,
  });
  const { stack } = demo;
  const tokens = {
    owner: await mintToken(secret, { sub: 'olivia.owner', tenant: tenantId, role: 'owner' }, '12h'),
    admin: await mintToken(secret, { sub: 'adam.admin', tenant: tenantId, role: 'admin' }, '12h'),
    viewer: await mintToken(secret, { sub: 'vera.viewer', tenant: tenantId, role: 'viewer' }, '12h'),
  };

  if (options.onboarding ?? true) {
    log('onboarding: an automatic import');
    const run = await call<{ runId: string }>('POST', `${stack.urls.customerSync}/v1/tenants/${tenantId}/onboarding/runs`, tokens.admin, { mode: 'auto' });
    await waitFor(async () => ['succeeded', 'failed'].includes((await call<{ status: string }>('GET', `${stack.urls.customerSync}/v1/tenants/${tenantId}/onboarding/runs/${run.runId}`, tokens.admin)).status), {
      timeoutMs: 240_000,
      intervalMs: 1_000,
    });
  }

  log('metrics: waiting for the first import of the reports, then two metrics');
  const metricsUrl = stack.urls.metrics!;
  type Datasets = { datasets: Array<{ id: string; rows: Array<{ accountId: string | null; category: string | null }> }> };
  await waitFor(async () => ((await call<Datasets>('GET', `${metricsUrl}/v1/tenants/${tenantId}/datasets`, tokens.admin)).datasets.find((d) => d.id === 'profit_and_loss')?.rows.some((r) => r.category === 'Income') ?? false), {
    timeoutMs: 240_000,
    intervalMs: 1_000,
  });
  const metric = await call<{ id: string }>('POST', `${metricsUrl}/v1/tenants/${tenantId}/metrics`, tokens.admin, { name: 'Monthly income', dataset: 'profit_and_loss', category: 'Income', aggregation: 'sum', period: 'month', target: '20000' });
  await call('POST', `${metricsUrl}/v1/tenants/${tenantId}/metrics`, tokens.admin, { name: 'Cash in the bank', dataset: 'balance_sheet', category: 'BankAccounts', aggregation: 'end_of_period', period: 'month' });
  await waitFor(async () => (await call<{ values: unknown[] }>('GET', `${metricsUrl}/v1/tenants/${tenantId}/metrics/${metric.id}/values`, tokens.admin)).values.length > 0, { timeoutMs: 120_000, intervalMs: 1_000 });
  return { stack, tenantId, consoleUrl: stack.urls.console!, tokens, metricId: metric.id };
}
