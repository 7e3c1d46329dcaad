/**
 * `make up`'s distributed mode end to end: `deploy/local/services.sh start` builds and runs every
 * service as its own process (node on its compiled dist/main.js) on the real Kafka and PostgreSQL,
 * `services.sh restart` replaces one of them; the tenant connects
 * through the real OAuth redirects with the sandbox's headless consent (the recipe `start`
 * prints), is configured through the settings API, and the platform's records published on
 * Kafka land in the sandbox's company. `services.sh stop` must leave no process behind.
 *
 * Isolated from a developer's `make up`: free ports, a temporary state directory, a fresh
 * database (dropped at the end), a unique tenant and record ids. The topics and the services'
 * consumer groups are the shared defaults, so old messages of other runs are on them; the
 * services must skip past them, and nothing old can match this run's tenant.
 */
import { randomBytes } from 'node:crypto';
import type { MessageBus, OutgoingMessage } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, platformCustomers, platformInvoices, platformPayments } from '@ledgerbus/contracts';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName, waitFor } from '@ledgerbus/testing';
import { Client } from 'pg';
import { configureTenant } from '../src/configure';
import type { PlatformCustomer, PlatformInvoice, PlatformPayment } from '../src/dataset';
import { centsToDecimal } from '../src/dataset';
import { expectJson } from '../src/http-client';
import { toCents } from '../src/summary';
import type { SyncEventLog } from './support/kafka';
import { collectSyncEvents, waitForIdleServiceGroups } from './support/kafka';
import type { ScriptResult, ServiceName, ServicesRun } from './support/services-sh';
import { commandLine, killServiceProcesses, prepareServices, SERVICE_NAMES, serviceProcesses } from './support/services-sh';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const brokers = kafkaBrokersFromEnv();
const postgresUrl = databaseUrlFromEnv();
const database = uniqueName('ledgerbus_dist');
const tenantId = uniqueName('dist-tenant');
/** Makes this run's record ids, names and numbers unique on the shared topics. */
const tag = randomBytes(3).toString('hex');
const prefixes = { invoices: 'LB-', payments: 'LBP-' };

// This run's platform records: three customers, three invoices, one payment.
const today = new Date().toISOString().slice(0, 10);
const customers: PlatformCustomer[] = ['Plumbing', 'Roofing', 'Electric'].map((trade, i) => ({
  tenantId,
  customerId: `cust-${tag}-${i + 1}`,
  displayName: `Distributed ${trade} ${tag}`,
  email: `billing-${i + 1}@${tag}.example`,
  billingAddress: { line1: `${10 + i} Main St`, city: 'Portland', state: 'OR', postalCode: '97201', country: 'USA' },
  version: 1,
}));
// Products of the GL codes and product types that configureTenant maps (as the demo's data set).
const maintenance = { productId: 'svc-maint', productName: 'HVAC Maintenance Visit', productType: 'service', glCode: '4000', cents: 12_000 };
const repair = { productId: 'svc-repair', productName: 'Repair Labor (hour)', productType: 'service', glCode: '4000', cents: 9_500 };
const filter = { productId: 'mat-filter', productName: 'Air Filter MERV 13', productType: 'material', glCode: '4100', cents: 2_450 };
const audit = { productId: 'svc-audit', productName: 'Energy Audit', productType: 'service', glCode: '4200', cents: 27_500 };
const invoice = (n: number, customerId: string, lines: Array<[product: typeof maintenance, quantity: number]>): PlatformInvoice => ({
  tenantId,
  invoiceId: `inv-${tag}-${n}`,
  number: `INV-${tag}-${n}`,
  customerId,
  txnDate: today,
  currency: 'USD',
  lines: lines.map(([{ cents, ...product }, quantity]) => ({ ...product, quantity: String(quantity), unitPrice: centsToDecimal(cents) })),
  version: 1,
});
const invoices = [
  invoice(1, customers[0]!.customerId, [[maintenance, 2], [filter, 1]]), // 264.50
  invoice(2, customers[0]!.customerId, [[repair, 1]]), // 95.00
  invoice(3, customers[1]!.customerId, [[audit, 1]]), // 275.00
];
const totals = new Map([
  [invoices[0]!.invoiceId, 26_450],
  [invoices[1]!.invoiceId, 9_500],
  [invoices[2]!.invoiceId, 27_500],
]);
// One check for the first invoice in full and half of the second.
const applied = new Map([
  [invoices[0]!.invoiceId, 26_450],
  [invoices[1]!.invoiceId, 4_750],
]);
const payment: PlatformPayment = {
  tenantId,
  paymentId: `pay-${tag}-1`,
  customerId: customers[0]!.customerId,
  amount: centsToDecimal(26_450 + 4_750),
  date: today,
  method: 'check',
  reference: `PMT-${tag}`,
  appliedTo: [...applied].map(([invoiceId, cents]) => ({ invoiceId, amount: centsToDecimal(cents) })),
  version: 1,
};

describe('make up (deploy/local/services.sh): every service as its own process on Kafka and PostgreSQL', () => {
  let services: ServicesRun;
  let started: ScriptResult;
  let adminJwt: string;
  let realmId: string;
  let bus: MessageBus;
  let syncLog: SyncEventLog | undefined;
  /** Process group of each service (its pid: services.sh starts each in its own session). */
  const groups = new Map<ServiceName, number>();
  const timings: string[] = [];
  /** The steps that passed: connecting needs the start, configuring the connection, pushing the settings. */
  const passed = new Set<string>();
  const needs = (step: string): void => {
    // Fail at once instead of waiting out this step's timeout behind a broken one.
    if (!passed.has(step)) throw new Error(`needs the step "${step}", which did not pass`);
  };

  const timed = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      timings.push(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  };
  /** Adds the services' log tails to a failure: the processes are gone when someone reads the report. */
  const withLogs = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof Error) err.message += `\n${await services.logTails(12)}`;
      throw err;
    }
  };
  const api = <T = Json>(url: string, init: Parameters<typeof expectJson>[2] = {}) => expectJson<T>(200, url, { bearer: adminJwt, ...init });
  const ledger = async (entity: string): Promise<Json[]> => (await expectJson<{ entities: Json[] }>(200, `${services.urls.sandbox}/_sandbox/companies/${realmId}/entities/${entity}`)).body.entities;

  beforeAll(async () => {
    await waitForIdleServiceGroups(brokers, 60_000);
    services = await prepareServices({ kafkaBroker: brokers[0]!, postgresUrl, database, tenantId, startTimeoutSeconds: 90, stopTimeoutSeconds: 20 });
    started = await timed('services.sh start', () => services.run('start', 480_000));
    for (const [name, pid] of await services.pidFiles()) groups.set(name, pid);
    if (started.code !== 0) throw new Error(`services.sh start exited ${started.code}:\n${started.stdout}\n${started.stderr}\n${await services.logTails(20)}`);
    adminJwt = /Admin JWT \(tenant .+\):\n(\S+)\n/.exec(started.stdout)?.[1] ?? '';
    bus = createKafkaBus({ brokers, clientId: 'ledgerbus-distributed-test' });
    // Joined before anything is published (it reads from the beginning anyway).
    syncLog = await collectSyncEvents(bus, tenantId);
    passed.add('start');
  }, 600_000);

  afterAll(async () => {
    // Always runs, also after a failed start or assertion: no process of this run may outlive it.
    const problems: string[] = [];
    const attempt = (what: string, fn: () => Promise<unknown>): Promise<unknown> => fn().catch((err: unknown) => problems.push(`${what}: ${String(err)}`));
    await attempt('stop the sync.events.v1 reader', async () => syncLog?.stop());
    await attempt('close the bus', async () => bus?.close());
    if (services !== undefined) {
      const run = services;
      // Nothing to do when the last test stopped them already (stop is idempotent).
      await attempt('services.sh stop', async () => {
        const stop = await run.run('stop', 180_000);
        if (stop.code !== 0) throw new Error(`exited ${stop.code}:\n${stop.stdout}\n${stop.stderr}`);
      });
      await attempt('the last resort', async () => {
        const killed = await killServiceProcesses(groups);
        if (killed.length > 0) throw new Error(`SIGKILLed what services.sh stop left: pids ${killed.join(' ')}`);
      });
      await attempt('remove the state directory', () => run.remove());
    }
    await attempt(`drop database ${database}`, async () => {
      const admin = new Client({ connectionString: postgresUrl });
      await admin.connect();
      try {
        await admin.query(`drop database if exists "${database}" with (force)`);
      } finally {
        await admin.end();
      }
    });
    console.log(`distributed test timings:\n  ${timings.join('\n  ')}`);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }, 200_000);

  it('starts the ten services (ingest, webhooks and the admin console included), each in its own process, creating the database, and status exits 0', async () => {
    expect(started.stdout).toContain(`creating database '${database}'`);
    expect(started.stdout).toContain('all running');
    expect(adminJwt).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect([...groups.keys()]).toEqual([...SERVICE_NAMES]);
    expect(new Set(groups.values()).size).toBe(SERVICE_NAMES.length);
    for (const [name, pid] of groups) expect([name, await serviceProcesses(name, pid)]).toEqual([name, expect.arrayContaining([pid])]);
    const status = await services.run('status', 60_000);
    expect(status.stdout).not.toContain('stopped');
    expect(status.code).toBe(0);
  });

  it('runs each service as node on its compiled services/<name>/dist/main.js, not under tsx', async () => {
    needs('start');
    // Built first (type errors of work in progress elsewhere in the tree only warn: the emitted JavaScript runs).
    expect(`${started.stdout}${started.stderr}`).toMatch(/build \(tsc -b\) done in [\d.]+s|tsc -b reported \d+ type error/);
    for (const [name, pid] of groups) {
      const cmd = await commandLine(pid);
      expect([name, cmd]).toEqual([name, expect.stringMatching(new RegExp(`^\\S*node( --?\\S+)* \\S*services/${name}/dist/main\\.js$`))]);
      expect(cmd).not.toContain('tsx');
    }
    for (const name of SERVICE_NAMES) expect(started.stdout).toMatch(new RegExp(`${name} up in [\\d.]+s \\(pid \\d+, node\\)`));
  });

  it('waits for the push workers on their /readyz, and their /metrics shows the push backlog', async () => {
    needs('start');
    for (const url of [services.urls.invoicePush, services.urls.paymentPush]) {
      expect(started.stdout).toContain(url);
      expect({ url, status: (await fetch(`${url}/readyz`)).status }).toEqual({ url, status: 200 });
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/^ledgerbus_push_jobs\{[^}]*status="pending"[^}]*\} \d+$/m);
      expect(metrics).toMatch(/^ledgerbus_push_oldest_pending_age_seconds\{[^}]*\} [\d.]+$/m);
    }
  });

  it('connects the tenant with the printed recipe: connect-url, the sandbox consent with sandbox_auto_approve=1, the callback', async () => {
    needs('start');
    const { urls } = services;
    // What `curl -c $JAR …connect-url` does: the answer sets the state cookie the callback requires.
    const start = await fetch(`${urls.connector}/v1/tenants/${encodeURIComponent(tenantId)}/connection/connect-url`, { headers: { authorization: `Bearer ${adminJwt}` } });
    expect(start.status).toBe(200);
    const connectUrl = { body: (await start.json()) as { url: string } };
    const jar = start.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    expect(jar).toEqual([expect.stringMatching(/^ledgerbus_oauth_/)]);
    // What `curl -b $JAR -fsSL "$URL&sandbox_auto_approve=1"` does, one redirect at a time (the cookie's path is the callback's).
    const hops: string[] = [];
    let next = `${connectUrl.body.url}&sandbox_auto_approve=1`;
    let res: Response;
    for (;;) {
      hops.push(next.split('?')[0]!);
      res = await fetch(next, { redirect: 'manual', headers: new URL(next).pathname === '/v1/oauth/callback' ? { cookie: jar.join('; ') } : {} });
      const location = res.headers.get('location');
      if (res.status !== 302 || location === null || hops.length > 5) break;
      next = new URL(location, next).toString();
    }
    // services.sh sends the browser back to the admin console after the callback.
    expect(hops).toEqual([`${urls.sandbox}/connect/oauth2`, `${urls.connector}/v1/oauth/callback`, `${urls.console}/`]);
    expect(res.status).toBe(200);
    const connection = (await api<{ connection: Json }>(`${urls.connector}/v1/tenants/${encodeURIComponent(tenantId)}/connection`)).body.connection;
    expect(connection).toMatchObject({ tenantId, status: 'connected', companyName: 'Sandbox Demo Company' });
    realmId = String(connection.realmId);

    // The initial snapshot travels connector → qbo.changes.v1 → mapping: wait until its reference data settled.
    let previous = '';
    await withLogs(() =>
      timed('initial snapshot in mapping', () =>
        waitFor(
          async () => {
            const counts = await Promise.all(
              ['accounts', 'payment-methods', 'items'].map(async (kind) => (await api<{ items: unknown[] }>(`${urls.mapping}/v1/tenants/${encodeURIComponent(tenantId)}/reference/${kind}`)).body.items.length),
            );
            const stable = counts.every((n) => n > 0) && counts.join() === previous;
            previous = counts.join();
            return stable;
          },
          { timeoutMs: 90_000, intervalMs: 500, description: "the company's accounts, payment methods and items in mapping" },
        ),
      ),
    );
    passed.add('connect');
  }, 120_000);

  it('enables customers, invoices and payments through the settings API (If-Match), and the push workers receive the settings', async () => {
    needs('connect');
    const { urls } = services;
    const syncDataAfter = new Date(Date.parse(`${today}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);
    const chosen = await configureTenant({ mappingUrl: urls.mapping, tenantId, adminToken: adminJwt, prefixes, syncDataAfter });
    const settings = await api<{ settings: Json; problems: unknown[] }>(`${urls.mapping}/v1/tenants/${encodeURIComponent(tenantId)}/settings`);
    expect(settings.headers.get('etag')).toBe(`"${chosen.settingsVersion}"`);
    expect(settings.body.settings).toMatchObject({ entities: { customers: 'to_qbo' }, invoices: { enabled: true }, payments: { enabled: true } });
    expect(settings.body.problems).toEqual([]);

    // Settings reach the workers through mapping's outbox and mapping.settings.v1. A record published
    // before "invoices on" is skipped by design (sync_disabled), so an integrator (and this test)
    // waits until both workers hold this version; only their tables say so.
    const url = new URL(postgresUrl);
    url.pathname = `/${database}`;
    const db = new Client({ connectionString: url.toString() });
    await db.connect();
    try {
      await withLogs(() =>
        timed('settings in invoice-push and payment-push', () =>
          waitFor(
            async () => {
              const versions = await Promise.all(
                ['invoice_push', 'payment_push'].map(async (schema) => (await db.query<{ version: number }>(`select version from ${schema}.tenant_settings where tenant_key = $1`, [tenantId])).rows[0]?.version ?? 0),
              );
              return versions.every((v) => v >= chosen.settingsVersion);
            },
            { timeoutMs: 60_000, intervalMs: 250, description: `settings version ${chosen.settingsVersion} in invoice_push and payment_push.tenant_settings` },
          ),
        ),
      );
    } finally {
      await db.end();
    }
    passed.add('configure');
  }, 120_000);

  it('restarts one worker with services.sh restart: the old process exits, a new one is ready (it then pushes below)', async () => {
    needs('configure');
    const before = groups.get('invoice-push')!;
    // The restart builds first: a few seconds when nothing changed, a full compile when a shared library did.
    const restart = await timed('services.sh restart invoice-push', () => services.run('restart', 240_000, ['invoice-push']));
    if (restart.code !== 0) throw new Error(`services.sh restart exited ${restart.code}:\n${restart.stdout}\n${restart.stderr}\n${await services.logTails(20)}`);
    expect(restart.stdout).toContain(`invoice-push stopped (pid ${before}`);
    const after = (await services.pidFiles()).get('invoice-push');
    expect(after).toBeDefined();
    groups.set('invoice-push', after!);
    expect(after).not.toBe(before);
    expect(restart.stdout).toContain(`invoice-push up in`);
    expect(await serviceProcesses('invoice-push', before)).toEqual([]);
    expect(await serviceProcesses('invoice-push', after!)).toEqual([after]);
    // The others were left alone.
    for (const name of SERVICE_NAMES.filter((n) => n !== 'invoice-push')) expect(restart.stdout).not.toContain(`${name} stopped`);
  }, 270_000);

  const outcome = /^(customer\.(synced|sync_failed)|(invoice|payment)\.(pushed|push_failed|skipped))$/;
  const outcomesOf = (entity: string, platformId: string) => syncLog!.events.filter((e) => e.type.startsWith(`${entity}.`) && outcome.test(e.type) && e.data.platformId === platformId);
  const publish = (topic: TopicDefinition, type: string, records: unknown[]): Promise<void> => {
    const messages: OutgoingMessage[] = records.map((data) => ({ key: tenantId, event: createEvent({ type, source: 'platform/distributed-test', tenantid: tenantId, data }) }));
    return bus.publish(topic, messages);
  };

  it('pushes the customers, each invoice once with its DocNumber prefix, and the payment applied to both invoices', async () => {
    needs('configure');
    await publish(platformCustomers, 'customer.upserted', customers);
    await publish(platformInvoices, 'invoice.upserted', invoices);
    await publish(platformPayments, 'payment.recorded', [payment]);
    const expected: Array<[string, string]> = [
      ...customers.map((c): [string, string] => ['customer', c.customerId]),
      ...invoices.map((i): [string, string] => ['invoice', i.invoiceId]),
      ['payment', payment.paymentId],
    ];
    await withLogs(() =>
      timed('outcomes on sync.events.v1', () =>
        waitFor(() => expected.every(([entity, id]) => outcomesOf(entity, id).length > 0), {
          timeoutMs: 180_000,
          intervalMs: 250,
          description: `an outcome for each of ${expected.map((e) => e.join(':')).join(', ')}`,
        }),
      ),
    );

    const qboCustomers = await ledger('Customer');
    for (const c of customers) expect([c.displayName, qboCustomers.filter((q) => q.DisplayName === c.displayName).length]).toEqual([c.displayName, 1]);

    const ours = (await ledger('Invoice')).filter((i) => String(i.DocNumber ?? '').startsWith(prefixes.invoices));
    expect(ours.map((i) => i.DocNumber).sort()).toEqual(invoices.map((i) => `${prefixes.invoices}${i.number}`).sort());
    const customerIds = new Map(qboCustomers.map((q) => [String(q.Id), String(q.DisplayName)]));
    for (const inv of invoices) {
      const qbo = ours.find((i) => i.DocNumber === `${prefixes.invoices}${inv.number}`)!;
      const total = totals.get(inv.invoiceId)!;
      const balance = total - (applied.get(inv.invoiceId) ?? 0);
      const customer = customers.find((c) => c.customerId === inv.customerId)!;
      expect([inv.invoiceId, customerIds.get(String(qbo.CustomerRef?.value)), toCents(qbo.TotalAmt), toCents(qbo.Balance)]).toEqual([inv.invoiceId, customer.displayName, total, balance]);
    }

    const payments = (await ledger('Payment')).filter((p) => p.PaymentRefNum === `${prefixes.payments}${payment.reference}`);
    expect(payments).toHaveLength(1);
    expect(toCents(payments[0]!.TotalAmt)).toBe(26_450 + 4_750);
    const linked = (payments[0]!.Line as Json[]).flatMap((l) => (l.LinkedTxn as Json[]).map((t) => [String(t.TxnId), toCents(l.Amount)]));
    const qboIdOf = (inv: PlatformInvoice): string => String(ours.find((i) => i.DocNumber === `${prefixes.invoices}${inv.number}`)!.Id);
    expect(linked.sort()).toEqual([...applied].map(([invoiceId, cents]) => [qboIdOf(invoices.find((i) => i.invoiceId === invoiceId)!), cents]).sort());
  }, 210_000);

  it('reports customer.synced, invoice.pushed and payment.pushed on sync.events.v1 for the tenant, and nothing failed', async () => {
    const ours = (await ledger('Invoice')).filter((i) => String(i.DocNumber ?? '').startsWith(prefixes.invoices));
    for (const c of customers) expect([c.customerId, [...new Set(outcomesOf('customer', c.customerId).map((e) => `${e.type}/${String(e.data.direction)}`))]]).toEqual([c.customerId, ['customer.synced/to_qbo']]);
    for (const inv of invoices) {
      const events = outcomesOf('invoice', inv.invoiceId);
      const qboId = String(ours.find((i) => i.DocNumber === `${prefixes.invoices}${inv.number}`)?.Id);
      expect([inv.invoiceId, [...new Set(events.map((e) => `${e.type} ${String(e.data.docNumber)} #${String(e.data.qboId)}`))]]).toEqual([inv.invoiceId, [`invoice.pushed ${prefixes.invoices}${inv.number} #${qboId}`]]);
    }
    const paid = outcomesOf('payment', payment.paymentId);
    expect([...new Set(paid.map((e) => `${e.type} ${String(e.data.docNumber)}`))]).toEqual([`payment.pushed ${prefixes.payments}${payment.reference}`]);
    expect(syncLog!.events.filter((e) => /failed|skipped/.test(e.type)).map((e) => [e.type, e.data.platformId, e.data.code])).toEqual([]);
  });

  it('still runs every service after the traffic: status exits 0', async () => {
    const status = await services.run('status', 60_000);
    expect(status.stdout).not.toContain('stopped');
    expect(status.code).toBe(0);
  });

  it('stops every service with services.sh stop: no process of any service left, pid files gone, status exits 3', async () => {
    const stop = await timed('services.sh stop', () => services.run('stop', 180_000));
    expect(stop.stderr).toBe('');
    expect(stop.code).toBe(0);
    for (const name of SERVICE_NAMES) expect(stop.stdout).toContain(`${name} stopped`);
    expect(stop.stdout).not.toContain('SIGKILL');
    const left = await Promise.all([...groups].map(async ([name, pgid]) => [name, await serviceProcesses(name, pgid)] as const));
    expect(left.filter(([, pids]) => pids.length > 0)).toEqual([]);
    expect([...(await services.pidFiles()).keys()]).toEqual([]);
    const status = await services.run('status', 60_000);
    expect(status.code).toBe(3);
    for (const name of SERVICE_NAMES) expect(status.stdout).toMatch(new RegExp(`${name}\\s+stopped`));
  }, 200_000);
});
