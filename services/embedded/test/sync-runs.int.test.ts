/**
 * Sync runs end to end (issue 14, "Done means"): every service its own process
 * (`deploy/local/services.sh`) on the real Kafka and PostgreSQL, the sandbox as the QBO company.
 *
 * 1. Integration disabled: 300 customers, 600 invoices and 400 payments are held and nothing
 *    is written to the sandbox; "Enable Integration" runs ONE run whose phases, times and
 *    counts match the sandbox's ledger exactly (each record once).
 * 2. "Synchronize now" right after: everything already current, no write call at the sandbox.
 * 3. The sandbox refusing 10% of writes (`writeFailureRate`): the run ends partially_failed,
 *    every failure listed and retriable; with the faults off a bulk retry brings it to zero.
 *    The workers run with INVOICE_PUSH_MAX_ATTEMPTS / PAYMENT_PUSH_MAX_ATTEMPTS = 2 and the
 *    sandbox refuses the same write every time while the knob is on (a record QBO keeps
 *    refusing), so each refused record fails after exactly two refused writes instead of
 *    being absorbed by the default eight attempts and their minute of back-off.
 * 4. A second invoice-push replica; the replica holding the tenant's push lease is SIGKILLed
 *    while the invoices phase runs: the run completes under the other one, each invoice once.
 *
 * Isolated like distributed.int.test.ts (free ports, its own state directory and database, a
 * unique tenant and record ids); the services' consumer groups are the shared defaults, so it
 * waits for them to be idle first. Figures go to stdout, one line per run.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { MessageBus, OutgoingMessage } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, platformCustomers, platformInvoices, platformPayments } from '@ledgerbus/contracts';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName, waitFor } from '@ledgerbus/testing';
import { Client } from 'pg';
import { configureTenant } from '../src/configure';
import type { PlatformCustomer, PlatformInvoice, PlatformPayment } from '../src/dataset';
import { centsToDecimal } from '../src/dataset';
import { expectJson, requestJson } from '../src/http-client';
import { connectTenant } from './support/connect';
import { waitForIdleServiceGroups } from './support/kafka';
import type { ScriptResult, ServiceName, ServicesRun } from './support/services-sh';
import { killServiceProcesses, prepareServices } from './support/services-sh';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Counts {
  total: number;
  reasons: Record<string, number>;
}
interface PhaseView {
  phase: 'inbound' | 'customers' | 'invoices' | 'payments';
  status: string;
  note: string | null;
  startedAt: string | null;
  endedAt: string | null;
  summary: { considered: number; alreadyCurrent: number; pushed: number; skipped: Counts; held: Counts; failed: Counts; queued: number; settled: number };
}
interface RunView {
  runId: string;
  kind: string;
  status: string;
  startedBy: { type: string; id: string };
  startedAt: string | null;
  endedAt: string | null;
  error: string | null;
  phases: PhaseView[];
}
interface RunRecord {
  phase: string;
  entity: string;
  platformId: string;
  outcome: string;
  reason: string | null;
  syncLogId: string | null;
}

const ROOT = resolve(__dirname, '../../..');
const brokers = kafkaBrokersFromEnv();
const postgresUrl = databaseUrlFromEnv();
const database = uniqueName('ledgerbus_runs');
const tenantId = uniqueName('runs-tenant');
const tag = randomBytes(3).toString('hex');
const prefixes = { invoices: 'LB-', payments: 'LBP-' };
/** Attempts each push worker gives a record (see the header). */
const MAX_ATTEMPTS = 2;

// The platform's records. Invoice numbers and payment references stay within the 12 characters
// the settings allow (platformNumberMaxLength) and are unique to this run on the shared topics.
const today = new Date().toISOString().slice(0, 10);
const customers: PlatformCustomer[] = Array.from({ length: 300 }, (_, i) => ({
  tenantId,
  customerId: `c-${tag}-${i}`,
  displayName: `Runs ${tag} Customer ${i}`,
  email: `billing-${i}@${tag}.example`,
  billingAddress: { line1: `${100 + i} Main St`, city: 'Portland', state: 'OR', postalCode: '97201', country: 'USA' },
  version: 1,
}));
const maintenance = { productId: 'svc-maint', productName: 'HVAC Maintenance Visit', productType: 'service', glCode: '4000' };
const invoiceCents = (n: number): number => 12_000 * ((n % 3) + 1);
const invoice = (n: number): PlatformInvoice => ({
  tenantId,
  invoiceId: `i-${tag}-${n}`,
  number: `${tag}-${String(n).padStart(4, '0')}`,
  customerId: customers[n % customers.length]!.customerId,
  txnDate: today,
  currency: 'USD',
  lines: [{ ...maintenance, quantity: String((n % 3) + 1), unitPrice: centsToDecimal(12_000) }],
  version: 1,
});
/** A payment of invoice n in full. */
const payment = (n: number): PlatformPayment => ({
  tenantId,
  paymentId: `p-${tag}-${n}`,
  customerId: customers[n % customers.length]!.customerId,
  amount: centsToDecimal(invoiceCents(n)),
  date: today,
  method: 'check',
  reference: `${tag}P${String(n).padStart(4, '0')}`,
  appliedTo: [{ invoiceId: `i-${tag}-${n}`, amount: centsToDecimal(invoiceCents(n)) }],
  version: 1,
});
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
// 1: 600 invoices, 400 payments (of invoices 0–399). 3: invoices 600–749, payments of 400–499. 4: invoices 750–1049.
const invoicesOf = { enable: range(0, 600).map(invoice), faults: range(600, 750).map(invoice), kill: range(750, 1050).map(invoice) };
const paymentsOf = { enable: range(0, 400).map(payment), faults: range(400, 500).map(payment) };
const docNumber = (i: PlatformInvoice): string => `${prefixes.invoices}${i.number}`;
const refNum = (p: PlatformPayment): string => `${prefixes.payments}${p.reference}`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** The sandbox's call counters of a realm, flattened to "endpoint status" → calls ("POST batch 200", "GET cdc 200"). */
type Calls = Map<string, number>;
function flatten(calls: Record<string, Record<string, number>>): Calls {
  return new Map(Object.entries(calls).flatMap(([endpoint, byStatus]) => Object.entries(byStatus).map(([status, n]): [string, number] => [`${endpoint} ${status}`, n])));
}
/**
 * What the sandbox answered between two readings: write calls (every POST but queries, whatever
 * its status), reads (GETs and queries), and the writes it refused on purpose by operation.
 */
function callsBetween(before: Calls, after: Calls): { writes: number; reads: number; injected: Record<string, number>; byEndpoint: Record<string, number> } {
  const byEndpoint: Record<string, number> = {};
  for (const [key, n] of after) {
    const d = n - (before.get(key) ?? 0);
    if (d !== 0) byEndpoint[key] = d;
  }
  let writes = 0;
  let reads = 0;
  const injected: Record<string, number> = {};
  for (const [key, n] of Object.entries(byEndpoint)) {
    const endpoint = key.slice(0, key.lastIndexOf(' '));
    const refused = endpoint.startsWith('injected ') ? endpoint.slice('injected '.length) : undefined;
    if (refused !== undefined) injected[refused] = (injected[refused] ?? 0) + n;
    else if (endpoint.startsWith('POST ') && endpoint !== 'POST query') writes += n;
    else reads += n;
  }
  return { writes, reads, injected, byEndpoint };
}

const seconds = (from: string | null, to: string | null): string => (from === null || to === null ? '?' : ((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1));

/** One line per run for the closing note: status, each phase's time and figures, the sandbox's calls. */
function report(label: string, run: RunView, calls: ReturnType<typeof callsBetween>): void {
  const phases = run.phases.map((p) => {
    const s = p.summary;
    const figures = p.phase === 'inbound' ? `${s.considered} change(s)` : `considered ${s.considered}, already current ${s.alreadyCurrent}, queued ${s.queued}, pushed ${s.pushed}, failed ${s.failed.total}${s.failed.total > 0 ? ` ${JSON.stringify(s.failed.reasons)}` : ''}, held ${s.held.total}`;
    return `${p.phase} ${p.status} ${seconds(p.startedAt, p.endedAt)} s (${figures})`;
  });
  const injected = Object.keys(calls.injected).length > 0 ? `, refused on purpose ${JSON.stringify(calls.injected)}` : '';
  process.stdout.write(
    `[sync-runs] ${label}: run ${run.runId} (${run.kind}) ${run.status} in ${seconds(run.startedAt, run.endedAt)} s — ${phases.join('; ')} — sandbox during the run: ${calls.writes} write call(s), ${calls.reads} read(s)${injected} ${JSON.stringify(calls.byEndpoint)}\n`,
  );
}

/** Each phase started after the previous one ended, and each ended after it started. */
function expectPhasesInOrder(run: RunView, phases: string[]): void {
  expect(run.phases.map((p) => `${p.phase}:${p.status}`)).toEqual(phases.map((p) => `${p}:completed`));
  let previousEnd = Date.parse(run.startedAt ?? '');
  for (const p of run.phases) {
    const started = Date.parse(p.startedAt ?? '');
    const ended = Date.parse(p.endedAt ?? '');
    expect({ phase: p.phase, startsAfterPrevious: started >= previousEnd, endsAfterStart: ended >= started }).toEqual({ phase: p.phase, startsAfterPrevious: true, endsAfterStart: true });
    previousEnd = ended;
  }
  expect(Date.parse(run.endedAt ?? '')).toBeGreaterThanOrEqual(previousEnd);
}

describe('sync runs on every service as its own process: Enable Integration, Synchronize now, failures and bulk retry, a worker SIGKILLed mid-run', () => {
  let services: ServicesRun;
  let started: ScriptResult;
  let adminJwt: string;
  let realmId: string;
  let bus: MessageBus;
  let db: Client;
  const groups = new Map<ServiceName, number>();
  /** The second invoice-push replica of step 4 (its own process group). */
  let replica: ChildProcess | undefined;
  const passed = new Set<string>();
  const timings: string[] = [];
  const timed = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      timings.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  };
  const needs = (step: string): void => {
    if (!passed.has(step)) throw new Error(`needs the step "${step}", which did not pass`);
  };

  const tenantUrl = (path: string): string => `${services.urls.mapping}/v1/tenants/${encodeURIComponent(tenantId)}${path}`;
  const api = async <T = Json>(path: string, init: Parameters<typeof expectJson>[2] & { expect?: number } = {}): Promise<T> =>
    (await expectJson<T>(init.expect ?? 200, tenantUrl(path), { bearer: adminJwt, ...init })).body;
  const sandbox = async <T = Json>(path: string, init: Parameters<typeof expectJson>[2] = {}): Promise<T> => (await expectJson<T>(200, `${services.urls.sandbox}/_sandbox${path}`, init)).body;
  const ledger = async (entity: string): Promise<Json[]> => (await sandbox<{ entities: Json[] }>(`/companies/${realmId}/entities/${entity}`)).entities;
  const calls = async (): Promise<Calls> => flatten((await sandbox<{ calls: Record<string, Record<string, number>> }>(`/companies/${realmId}/calls`)).calls);
  const setFaults = (faults: Json): Promise<unknown> => sandbox('/settings', { method: 'PATCH', body: { faults: { perRealm: { [realmId]: faults } } } });

  /** Adds the services' log tails to a failure: the processes are gone when someone reads the report. */
  const withLogs = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof Error) err.message += `\n${await services.logTails(15)}`;
      throw err;
    }
  };

  const publish = (topic: TopicDefinition, type: string, records: unknown[]): Promise<void> => {
    const messages: OutgoingMessage[] = records.map((data) => ({ key: tenantId, event: createEvent({ type, source: 'platform/sync-runs-test', tenantid: tenantId, data }) }));
    return bus.publish(topic, messages);
  };

  /** The run, polled until it ends (or the deadline); `onPoll` sees every reading. */
  const follow = async (runId: string, timeoutMs: number, onPoll?: (run: RunView) => Promise<void> | void): Promise<RunView> => {
    let run: RunView | undefined;
    await withLogs(() =>
      waitFor(
        async () => {
          run = await api<RunView>(`/sync-runs/${runId}`);
          await onPoll?.(run);
          return run.status !== 'queued' && run.status !== 'running';
        },
        { timeoutMs, intervalMs: 100, description: `sync run ${runId} to end (last seen: ${JSON.stringify(run?.phases.map((p) => [p.phase, p.status, p.summary.queued, p.summary.settled]))})` },
      ),
    );
    return run!;
  };

  /** Disable integration and wait until the three workers apply that settings version (records published after it are held). */
  const disable = async (): Promise<void> => {
    const view = await api<{ enabled: boolean; settingsVersion: number }>('/integration/disable', { method: 'POST' });
    expect(view.enabled).toBe(false);
    await withLogs(() =>
      waitFor(
        async () => {
          const { appliedBy } = await api<{ appliedBy: Record<string, number> }>('/settings');
          return ['customer-sync', 'invoice-push', 'payment-push'].every((s) => (appliedBy[s] ?? 0) >= view.settingsVersion);
        },
        { timeoutMs: 60_000, intervalMs: 250, description: `settings version ${view.settingsVersion} (integration disabled) applied by customer-sync, invoice-push and payment-push` },
      ),
    );
  };

  /** Records held now (their latest outcome is a hold), by entity and reason, as the sync log's summary says. */
  const held = async (): Promise<Record<string, Record<string, number>>> => {
    const summary = await api<{ held: { byEntity: Record<string, { byReason: Record<string, number> }> } }>('/sync-log/summary');
    return Object.fromEntries(Object.entries(summary.held.byEntity).map(([entity, v]) => [entity, v.byReason]));
  };

  const ours = async (): Promise<{ customers: Json[]; invoices: Json[]; payments: Json[] }> => ({
    customers: (await ledger('Customer')).filter((c) => String(c.DisplayName ?? '').startsWith(`Runs ${tag} `)),
    invoices: (await ledger('Invoice')).filter((i) => String(i.DocNumber ?? '').startsWith(`${prefixes.invoices}${tag}-`)),
    payments: (await ledger('Payment')).filter((p) => String(p.PaymentRefNum ?? '').startsWith(`${prefixes.payments}${tag}P`)),
  });
  /** Each expected record exactly once in the sandbox's ledger, and nothing else of ours. */
  const expectEachOnce = (found: Json[], field: string, expected: string[]): void => {
    const values = found.map((e) => String(e[field]));
    const duplicates = values.filter((v, i) => values.indexOf(v) !== i);
    expect({ field, duplicates }).toEqual({ field, duplicates: [] });
    expect(values.sort()).toEqual([...expected].sort());
  };

  beforeAll(async () => {
    await waitForIdleServiceGroups(brokers, 60_000);
    services = await prepareServices({
      kafkaBroker: brokers[0]!,
      postgresUrl,
      database,
      tenantId,
      startTimeoutSeconds: 90,
      stopTimeoutSeconds: 20,
      extraEnv: { INVOICE_PUSH_MAX_ATTEMPTS: String(MAX_ATTEMPTS), PAYMENT_PUSH_MAX_ATTEMPTS: String(MAX_ATTEMPTS) },
    });
    started = await timed('services.sh start', () => services.run('start', 480_000));
    for (const [name, pid] of await services.pidFiles()) groups.set(name, pid);
    if (started.code !== 0) throw new Error(`services.sh start exited ${started.code}:\n${started.stdout}\n${started.stderr}\n${await services.logTails(20)}`);
    adminJwt = /Admin JWT \(tenant .+\):\n(\S+)\n/.exec(started.stdout)?.[1] ?? '';
    bus = createKafkaBus({ brokers, clientId: 'ledgerbus-sync-runs-test' });
    const url = new URL(postgresUrl);
    url.pathname = `/${database}`;
    db = new Client({ connectionString: url.toString() });
    await db.connect();

    realmId = (await timed('connect and initial snapshot', () => withLogs(() => connectTenant(services.urls, tenantId, adminJwt, 90_000)))).realmId;
    const syncDataAfter = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    await timed('configure and disable', async () => {
      await configureTenant({ mappingUrl: services.urls.mapping, tenantId, adminToken: adminJwt, prefixes, syncDataAfter });
      await disable();
    });
    passed.add('setup');
  }, 660_000);

  afterAll(async () => {
    const problems: string[] = [];
    const attempt = (what: string, fn: () => Promise<unknown>): Promise<unknown> => fn().catch((err: unknown) => problems.push(`${what}: ${String(err)}`));
    await attempt('stop the second invoice-push replica', async () => {
      if (replica?.pid === undefined || replica.exitCode !== null || replica.signalCode !== null) return;
      const exited = new Promise((done) => replica!.once('exit', done));
      process.kill(-replica.pid, 'SIGTERM');
      const timer = setTimeout(() => replica?.pid !== undefined && process.kill(-replica.pid, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    });
    await attempt('close the bus', async () => bus?.close());
    await attempt('close the database client', async () => db?.end());
    if (services !== undefined) {
      const run = services;
      await attempt('services.sh stop', async () => {
        const t0 = Date.now();
        const stop = await run.run('stop', 180_000);
        timings.push(`services.sh stop ${((Date.now() - t0) / 1000).toFixed(1)} s`);
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
    process.stdout.write(`[sync-runs] timings: ${timings.join(', ')}\n`);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }, 240_000);

  it('holds 300 customers, 600 invoices and 400 payments while the integration is disabled (no write at the sandbox); Enable Integration runs ONE run whose phases, times and counts match the ledger, each record once', async () => {
    needs('setup');
    const before = await calls();
    await publish(platformCustomers, 'customer.upserted', customers);
    await publish(platformInvoices, 'invoice.upserted', invoicesOf.enable);
    await publish(platformPayments, 'payment.recorded', paymentsOf.enable);

    // Held: the push workers say so on the sync log; customer-sync parks its customers until the enable run.
    await timed('1300 records held', () => withLogs(() =>
      waitFor(
        async () => {
          const h = await held();
          const parked = Number((await db.query<{ n: string }>('select count(*) as n from customer_sync.pending_records where tenant_id = $1', [tenantId])).rows[0]?.n);
          return h.invoice?.sync_disabled === 600 && h.payment?.sync_disabled === 400 && parked === 300;
        },
        { timeoutMs: 120_000, intervalMs: 500, description: '600 invoices and 400 payments held (sync_disabled), 300 customers parked by customer-sync' },
      ),
    ));
    const whileDisabled = callsBetween(before, await calls());
    expect({ writesWhileDisabled: whileDisabled.writes, refused: whileDisabled.injected }).toEqual({ writesWhileDisabled: 0, refused: {} });
    expect(await ours()).toEqual({ customers: [], invoices: [], payments: [] });

    const atEnable = await calls();
    const enabled = await expectJson<RunView>(202, tenantUrl('/integration/enable'), { method: 'POST', bearer: adminJwt, headers: { 'idempotency-key': `enable-${tag}` } });
    expect(enabled.body).toMatchObject({ kind: 'enable', startedBy: { type: 'user' } });
    const run = await follow(enabled.body.runId, 240_000);
    const during = callsBetween(atEnable, await calls());
    report('1 Enable Integration', run, during);

    expect(run.status).toBe('succeeded');
    expectPhasesInOrder(run, ['inbound', 'customers', 'invoices', 'payments']);
    const [, c, i, p] = run.phases;
    const none = { total: 0, reasons: {} };
    expect(c!.summary).toEqual({ considered: 300, alreadyCurrent: 0, pushed: 300, skipped: none, held: none, failed: none, queued: 300, settled: 300 });
    expect(i!.summary).toEqual({ considered: 600, alreadyCurrent: 0, pushed: 600, skipped: none, held: none, failed: none, queued: 600, settled: 600 });
    expect(p!.summary).toEqual({ considered: 400, alreadyCurrent: 0, pushed: 400, skipped: none, held: none, failed: none, queued: 400, settled: 400 });
    // One run: the enable run is the tenant's only one.
    expect((await api<{ runs: RunView[] }>('/sync-runs')).runs.map((r) => r.runId)).toEqual([run.runId]);

    const ledgerNow = await ours();
    expectEachOnce(ledgerNow.customers, 'DisplayName', customers.map((x) => x.displayName));
    expectEachOnce(ledgerNow.invoices, 'DocNumber', invoicesOf.enable.map(docNumber));
    expectEachOnce(ledgerNow.payments, 'PaymentRefNum', paymentsOf.enable.map(refNum));
    expect([ledgerNow.customers.length, ledgerNow.invoices.length, ledgerNow.payments.length]).toEqual([c!.summary.pushed, i!.summary.pushed, p!.summary.pushed]);
    expect(during.writes).toBeGreaterThan(0);
    passed.add('enable');
  }, 330_000);

  it('reports everything already current on a second "Synchronize now" and makes no write call at the sandbox', async () => {
    needs('enable');
    const before = await calls();
    const startedRun = await expectJson<RunView>(202, tenantUrl('/sync-runs'), { method: 'POST', bearer: adminJwt });
    const run = await follow(startedRun.body.runId, 120_000);
    const during = callsBetween(before, await calls());
    report('2 Synchronize now', run, during);

    expect(run).toMatchObject({ kind: 'manual', status: 'succeeded' });
    expectPhasesInOrder(run, ['inbound', 'customers', 'invoices', 'payments']);
    const figures = run.phases.slice(1).map((ph) => [ph.phase, ph.summary.alreadyCurrent, ph.summary.pushed, ph.summary.queued, ph.summary.failed.total, ph.summary.held.total]);
    expect(figures).toEqual([
      ['customers', 300, 0, 0, 0, 0],
      ['invoices', 600, 0, 0, 0, 0],
      ['payments', 400, 0, 0, 0, 0],
    ]);
    expect({ writeCalls: during.writes, refused: during.injected }).toEqual({ writeCalls: 0, refused: {} });
    passed.add('current');
  }, 150_000);

  it('ends partially_failed with every failure listed and retriable when the sandbox refuses 10% of writes; with the faults off a bulk retry brings the failures to zero, each record once', async () => {
    needs('current');
    await disable();
    await publish(platformInvoices, 'invoice.upserted', invoicesOf.faults);
    await publish(platformPayments, 'payment.recorded', paymentsOf.faults);
    await withLogs(() =>
      waitFor(
        async () => {
          const h = await held();
          return h.invoice?.sync_disabled === 150 && h.payment?.sync_disabled === 100;
        },
        { timeoutMs: 90_000, intervalMs: 500, description: '150 invoices and 100 payments held (sync_disabled)' },
      ),
    );

    await setFaults({ writeFailureRate: 0.1, writeFailureSeed: 20_260 });
    let run: RunView;
    let during: ReturnType<typeof callsBetween>;
    try {
      const before = await calls();
      const enabled = await expectJson<RunView>(202, tenantUrl('/integration/enable'), { method: 'POST', bearer: adminJwt });
      run = await follow(enabled.body.runId, 180_000);
      during = callsBetween(before, await calls());
    } finally {
      await setFaults({ writeFailureRate: 0 });
    }
    report('3 with 10% of writes refused', run, during);

    expect(run).toMatchObject({ kind: 'enable', status: 'partially_failed' });
    expectPhasesInOrder(run, ['inbound', 'customers', 'invoices', 'payments']);
    const [, c, i, p] = run.phases;
    expect([c!.summary.alreadyCurrent, c!.summary.queued]).toEqual([300, 0]);
    for (const [ph, current, queued] of [[i!, 600, 150], [p!, 400, 100]] as const) {
      expect({ phase: ph.phase, considered: ph.summary.considered, alreadyCurrent: ph.summary.alreadyCurrent, queued: ph.summary.queued, settled: ph.summary.settled, outcomes: ph.summary.pushed + ph.summary.failed.total, held: ph.summary.held.total }).toEqual({
        phase: ph.phase,
        considered: current + queued,
        alreadyCurrent: current,
        queued,
        settled: queued,
        outcomes: queued,
        held: 0,
      });
      // The only failure is the one the sandbox was told to make: QBO unavailable (SystemFault), retriable.
      expect(Object.keys(ph.summary.failed.reasons)).toEqual(ph.summary.failed.total > 0 ? ['qbo_unavailable'] : []);
    }
    const failedInvoices = i!.summary.failed.total;
    const failedPayments = p!.summary.failed.total;
    expect(failedInvoices + failedPayments).toBeGreaterThan(0);
    // Each refused record was refused on each of its attempts, and nothing else was refused.
    expect(during.injected).toEqual({ ...(failedInvoices > 0 ? { 'create invoice': MAX_ATTEMPTS * failedInvoices } : {}), ...(failedPayments > 0 ? { 'create payment': MAX_ATTEMPTS * failedPayments } : {}) });

    // Every failure is listed with its reason, and its sync-log entry says it is retriable.
    const failed = (await api<{ records: RunRecord[] }>(`/sync-runs/${run.runId}/records?outcome=failed&limit=1000`)).records;
    expect(failed).toHaveLength(failedInvoices + failedPayments);
    for (const r of failed) {
      expect(r).toMatchObject({ outcome: 'failed', reason: 'qbo_unavailable', syncLogId: expect.stringMatching(/^\d+$/) });
      const entry = await api<{ outcome: string; platformId: string; data: { retriable?: boolean; attempts?: number } }>(`/sync-log/${r.syncLogId}`);
      expect({ id: r.platformId, outcome: entry.outcome, retriable: entry.data.retriable, attempts: entry.data.attempts }).toEqual({ id: r.platformId, outcome: 'failed', retriable: true, attempts: MAX_ATTEMPTS });
    }
    // What failed is exactly what the sandbox does not hold; the rest is there once.
    const failedIds = new Set(failed.map((r) => r.platformId));
    let ledgerNow = await ours();
    expectEachOnce(ledgerNow.invoices, 'DocNumber', [...invoicesOf.enable, ...invoicesOf.faults.filter((x) => !failedIds.has(x.invoiceId))].map(docNumber));
    expectEachOnce(ledgerNow.payments, 'PaymentRefNum', [...paymentsOf.enable, ...paymentsOf.faults.filter((x) => !failedIds.has(x.paymentId))].map(refNum));

    // The faults are off: one bulk retry of every failed record.
    const beforeRetry = await calls();
    const retry = await expectJson<RunView>(202, tenantUrl('/sync-log/retry'), { method: 'POST', bearer: adminJwt, body: { outcome: 'failed' } });
    expect(retry.body.kind).toBe('retry');
    const retried = await follow(retry.body.runId, 120_000);
    report('3b bulk retry of the failures', retried, callsBetween(beforeRetry, await calls()));
    expect(retried.status).toBe('succeeded');
    const retriedPhases = [...(failedInvoices > 0 ? ['invoices'] : []), ...(failedPayments > 0 ? ['payments'] : [])];
    expectPhasesInOrder(retried, retriedPhases);
    expect(retried.phases.map((ph) => [ph.phase, ph.summary.queued, ph.summary.pushed, ph.summary.failed.total])).toEqual(
      retriedPhases.map((ph) => [ph, ph === 'invoices' ? failedInvoices : failedPayments, ph === 'invoices' ? failedInvoices : failedPayments, 0]),
    );

    // No record's latest outcome is a failure any more.
    for (const r of failed) {
      const latest = (await api<{ entries: Array<{ outcome: string; type: string }> }>(`/sync-log?entity=${r.entity}&platformId=${encodeURIComponent(r.platformId)}&limit=1`)).entries[0];
      expect({ id: r.platformId, latest: latest?.outcome }).toEqual({ id: r.platformId, latest: 'succeeded' });
    }
    const again = await requestJson<{ error: { code: string } }>(tenantUrl('/sync-log/retry'), { method: 'POST', bearer: adminJwt, body: { outcome: 'failed' } });
    expect([again.status, again.body.error?.code]).toEqual([409, 'nothing_to_retry']);

    ledgerNow = await ours();
    expectEachOnce(ledgerNow.invoices, 'DocNumber', [...invoicesOf.enable, ...invoicesOf.faults].map(docNumber));
    expectEachOnce(ledgerNow.payments, 'PaymentRefNum', [...paymentsOf.enable, ...paymentsOf.faults].map(refNum));
    passed.add('faults');
  }, 420_000);

  it('completes a run whose invoice-push replica is SIGKILLed mid-phase under the other replica: every invoice pushed once', async () => {
    needs('current');
    // A second replica: the same program and environment as services.sh gives invoice-push, another port.
    const secrets = Object.fromEntries(
      (await readFile(join(services.stateDir, 'secrets.env'), 'utf8'))
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const port = await freePort();
    const pg = new URL(postgresUrl);
    const log = openSync(join(services.stateDir, 'invoice-push-2.log'), 'a');
    try {
      replica = spawn(process.execPath, ['services/invoice-push/dist/main.js'], {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', log, log],
        env: {
          ...services.env,
          KAFKA_BROKERS: brokers.join(','),
          DATABASE_URL: `postgres://${decodeURIComponent(pg.username) || 'postgres'}@${pg.hostname}:${pg.port || '5432'}/${database}`,
          NODE_ENV: 'development',
          JWT_SECRET: secrets.JWT_SECRET,
          QBO_BASE_URL: services.urls.sandbox,
          CONNECTOR_URL: services.urls.connector,
          CONNECTOR_SERVICE_TOKEN: secrets.SERVICE_TOKEN,
          INVOICE_PUSH_PORT: String(port),
          INVOICE_PUSH_HOST: '127.0.0.1',
        },
      });
    } finally {
      closeSync(log);
    }
    const second = replica.pid!;
    const first = (await services.pidFiles()).get('invoice-push')!;
    await timed('second invoice-push ready', () => withLogs(() =>
      waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined))?.status === 200, {
        timeoutMs: 60_000,
        intervalMs: 250,
        description: `the second invoice-push replica (pid ${second}) ready on port ${port}`,
      }),
    ));

    await disable();
    await publish(platformInvoices, 'invoice.upserted', invoicesOf.kill);
    await withLogs(() =>
      waitFor(async () => (await held()).invoice?.sync_disabled === 300, { timeoutMs: 90_000, intervalMs: 500, description: '300 invoices held (sync_disabled)' }),
    );

    // Slow answers widen the window in which the invoices phase is half done.
    await setFaults({ latencyMinMs: 300, latencyMaxMs: 500 });
    const leaseHolder = async (): Promise<number | undefined> => {
      const owner = (await db.query<{ owner: string }>('select owner from invoice_push.push_leases where tenant_id = $1 and until > now()', [tenantId])).rows[0]?.owner;
      // "invoice-push:<pid>:<uuid>:<loop>" (a scan's owner ends in ":scan:<uuid>").
      const pid = Number(owner?.split(':')[1]);
      return pid === first || pid === second ? pid : undefined;
    };
    const currentBefore = (await ours()).invoices.length;
    let killed: number | undefined;
    let atKill: PhaseView['summary'] | undefined;
    const holdersAfterKill = new Set<number>();
    let run: RunView;
    let during: ReturnType<typeof callsBetween>;
    try {
      const before = await calls();
      const enabled = await expectJson<RunView>(202, tenantUrl('/integration/enable'), { method: 'POST', bearer: adminJwt });
      run = await follow(enabled.body.runId, 180_000, async (r) => {
        const inv = r.phases.find((ph) => ph.phase === 'invoices')!;
        if (killed !== undefined) {
          const holder = await leaseHolder();
          if (holder !== undefined && holder !== killed) holdersAfterKill.add(holder);
          return;
        }
        if (inv.status !== 'running' || inv.summary.settled === 0 || inv.summary.settled >= inv.summary.queued) return;
        // The replica pushing the tenant now: its lease names its pid.
        const holder = await leaseHolder();
        if (holder === undefined) return;
        process.kill(-holder, 'SIGKILL');
        killed = holder;
        atKill = inv.summary;
      });
      during = callsBetween(before, await calls());
    } finally {
      await setFaults({ latencyMinMs: 0, latencyMaxMs: 0 });
    }
    const survivor = killed === first ? second : first;
    process.stdout.write(
      `[sync-runs] 4: SIGKILLed invoice-push pid ${String(killed)} (${killed === first ? "services.sh's" : 'the second replica'}) at invoices settled ${atKill?.settled}/${atKill?.queued}; lease held after by ${[...holdersAfterKill].join(', ')}\n`,
    );
    report('4 a replica SIGKILLed mid-run', run, during);

    expect(killed).toBeDefined();
    expect(atKill!.settled).toBeGreaterThan(0);
    expect(atKill!.settled).toBeLessThan(atKill!.queued);
    // The killed process is gone; the other one took the tenant over and pushed the rest.
    await waitFor(async () => !(await isAlive(killed!)), { timeoutMs: 10_000, description: `pid ${killed} gone` });
    expect(await isAlive(survivor)).toBe(true);
    expect([...holdersAfterKill]).toEqual([survivor]);

    expect(run.status).toBe('succeeded');
    expectPhasesInOrder(run, ['inbound', 'customers', 'invoices', 'payments']);
    const inv = run.phases.find((ph) => ph.phase === 'invoices')!;
    const published = [...invoicesOf.enable, ...invoicesOf.faults, ...invoicesOf.kill];
    expect({ considered: inv.summary.considered, alreadyCurrent: inv.summary.alreadyCurrent, queued: inv.summary.queued, pushed: inv.summary.pushed, failed: inv.summary.failed.total, held: inv.summary.held.total }).toEqual({
      considered: published.length,
      alreadyCurrent: currentBefore,
      queued: published.length - currentBefore,
      pushed: published.length - currentBefore,
      failed: 0,
      held: 0,
    });
    expectEachOnce((await ours()).invoices, 'DocNumber', published.map(docNumber));
  }, 330_000);
});

async function isAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie still answers signal 0: it is gone once it is not running.
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}
