/**
 * Exactly-once effect of invoice-push and payment-push on real Kafka, real PostgreSQL and
 * the sandbox: workers SIGKILLed at random, responses lost after commit with a failing
 * requestid dedupe, two workers in one consumer group. Assertions read the sandbox's ledger
 * (each record once, by DocNumber / PaymentRefNum) and the outcome events on sync.events.v1.
 *
 * Worker processes run a bundle of `support/worker.ts` (built once with esbuild) on plain
 * node, so a child starts in well under a second instead of compiling TypeScript each time.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { MessageBus } from '@ledgerbus/bus';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import { build } from 'esbuild';
import type { Company, Topics, Workers } from './support/harness';
import { brokers, company, createSandbox, freshTopics, linkCustomers, newBus, publish, publishSettings, startWorkers } from './support/harness';
import type { WorkerConfig } from './support/worker';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = join(__dirname, '..', '..', '..');
/** Records of each kind in the crash test (issue 7 asks for 2,000; PUSH_CRASH_N overrides). */
const CRASH_N = Number(process.env.PUSH_CRASH_N ?? 2000);

/** Where the bundle's external packages resolve: the root's and every workspace's node_modules. */
function nodePath(): string {
  const dirs = [join(root, 'node_modules')];
  for (const group of ['libs', 'services']) {
    for (const name of readdirSync(join(root, group))) {
      const dir = join(root, group, name, 'node_modules');
      if (existsSync(dir)) dirs.push(dir);
    }
  }
  return dirs.join(delimiter);
}

interface Tenant {
  tenantId: string;
  company: Company;
  prefix: string;
  n: number;
}

interface Child {
  process: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe('exactly-once effect of the push workers', () => {
  let sandbox: Sandbox;
  let baseUrl: string;
  let bus: MessageBus;
  let bundleDir: string;
  let workerJs: string;
  /** requestid → times seen by the sandbox, per realm. */
  const requestIds = new Map<string, number>();
  const children = new Set<Child>();

  beforeAll(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'push-worker-'));
    workerJs = join(bundleDir, 'worker.js');
    await build({
      entryPoints: [join(__dirname, 'support', 'worker.ts')],
      outfile: workerJs,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      tsconfig: join(root, 'tsconfig.check.json'),
      logLevel: 'error',
    });
    sandbox = createSandbox({ settings: { limits: { enabled: false } } });
    sandbox.app.addHook('onRequest', async (request) => {
      const id = (request.query as Record<string, string | undefined>).requestid;
      if (request.method === 'POST' && id) requestIds.set(id, (requestIds.get(id) ?? 0) + 1);
    });
    baseUrl = await sandbox.listen(0);
    bus = newBus();
  });

  afterEach(async () => {
    await killAll();
    sandbox.admin.updateSettings({ faults: { global: { dropAfterCommitRate: 0 } }, idempotency: { noDedupeShare: 0 } });
  });

  afterAll(async () => {
    await killAll();
    await bus.close();
    await sandbox.close();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  async function killAll(): Promise<void> {
    const all = [...children];
    for (const c of all) c.process.kill('SIGKILL');
    await Promise.all(all.map((c) => c.exit));
  }

  function spawnWorker(config: WorkerConfig): Promise<Child> {
    return new Promise((resolve, reject) => {
      const proc = fork(workerJs, [], {
        env: { ...process.env, PUSH_WORKER: JSON.stringify(config), NODE_PATH: nodePath() },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      const child: Child = {
        process: proc,
        exit: new Promise((done) => proc.once('exit', (code, signal) => done({ code, signal }))),
      };
      children.add(child);
      void child.exit.then(() => children.delete(child));
      proc.on('message', (m: Json) => {
        if (m.type === 'ready') resolve(child);
      });
      proc.once('error', reject);
      void child.exit.then(({ code, signal }) => reject(new Error(`worker exited before ready (code ${code}, signal ${signal})`)));
    });
  }

  function statsOf(child: Child): Promise<Json> {
    return new Promise((resolve) => {
      const on = (m: Json): void => {
        if (m.type !== 'stats') return;
        child.process.off('message', on);
        resolve(m);
      };
      child.process.on('message', on);
      child.process.send('stats');
    });
  }

  function workerConfig(topics: Topics, tenants: Tenant[], tuning: WorkerConfig['tuning'] = {}): WorkerConfig {
    return {
      names: { invoices: topics.invoices.name, payments: topics.payments.name, settings: topics.settings.name, links: topics.links.name, events: topics.events.name },
      schema: uniqueName('push_once'),
      groupPrefix: uniqueName('g'),
      baseUrl,
      tokens: Object.fromEntries(tenants.map((t) => [t.company.realmId, t.company.token])),
      // Payments wait for their invoices' links (pushed by the other engine) for as long as the test runs.
      tuning: { maxWaitMs: 180_000, ...tuning },
    };
  }

  /** Tenants with their own company, settings, three linked customers and a default item. */
  async function tenants(topics: Topics, count: number, perTenant: number, label: string): Promise<Tenant[]> {
    await bus.ensureTopics([topics.invoices, topics.payments, topics.settings, topics.links, topics.events]);
    const out: Tenant[] = [];
    for (let t = 0; t < count; t++) {
      const c = company(sandbox, baseUrl, `${label} ${t}`);
      const tenantId = uniqueName(`${label}${t}`);
      const item = await c.qbo.create('Item', { Name: 'Service', Type: 'Service', IncomeAccountRef: { value: c.accountIdOf('Income') } }, { requestId: uniqueName('it') });
      const prefix = `T${t}-`;
      await publishSettings(bus, topics, tenantId, c.realmId, {
        settings: { invoices: { enabled: true }, payments: { enabled: true }, entities: { items: 'off' }, documentPrefixes: { invoices: { prefix } } },
        mappings: { defaults: { oneTimeItemId: item.Id, recurringItemId: item.Id } },
      });
      await linkCustomers(bus, topics, tenantId, c, ['c1', 'c2', 'c3']);
      out.push({ tenantId, company: c, prefix, n: perTenant });
    }
    return out;
  }

  /** Invoices then payments of every tenant, in batched sends of 500. */
  async function publishRecords(topics: Topics, list: Tenant[]): Promise<void> {
    for (const { tenantId, n } of list) {
      const invoices = Array.from({ length: n }, (_, i) => ({
        tenantId, invoiceId: `i${i}`, number: String(100000 + i), customerId: `c${(i % 3) + 1}`, txnDate: '2024-05-01', version: 1,
        lines: [{ productId: 'p', quantity: '1', unitPrice: '20.00' }],
      }));
      await publish(bus, topics.invoices, tenantId, 'invoice.upserted', invoices);
    }
    for (const { tenantId, n } of list) {
      const payments = Array.from({ length: n }, (_, i) => ({
        tenantId, paymentId: `p${i}`, customerId: `c${(i % 3) + 1}`, amount: '5.00', date: '2024-05-02', reference: `R${i}`, appliedTo: [{ invoiceId: `i${i}`, amount: '5.00' }], version: 1,
      }));
      await publish(bus, topics.payments, tenantId, 'payment.recorded', payments);
    }
  }

  const ledger = (t: Tenant, entity: 'Invoice' | 'Payment'): Json[] => sandbox.admin.entities(t.company.realmId, entity);
  const pushedCount = (list: Tenant[]): number => list.reduce((s, t) => s + ledger(t, 'Invoice').length + ledger(t, 'Payment').length, 0);
  const total = (list: Tenant[]): number => list.reduce((s, t) => s + 2 * t.n, 0);

  /** Each record exactly once in the ledger, and an outcome event for each on sync.events.v1. */
  async function expectExactlyOnce(topics: Topics, list: Tenant[]): Promise<void> {
    await waitFor(
      () => {
        if (pushedCount(list) >= total(list)) return true;
        throw new Error(`in the ledger: ${list.map((t) => `${t.tenantId} ${ledger(t, 'Invoice').length} invoices, ${ledger(t, 'Payment').length} payments`).join('; ')}`);
      },
      { timeoutMs: 120_000, intervalMs: 250, description: `${total(list)} records in the ledger` },
    );
    for (const t of list) {
      const docNumbers = ledger(t, 'Invoice').map((i) => String(i.DocNumber));
      expect({ tenant: t.tenantId, invoices: docNumbers.length, distinct: new Set(docNumbers).size }).toEqual({ tenant: t.tenantId, invoices: t.n, distinct: t.n });
      expect(docNumbers.every((d) => d.startsWith(t.prefix))).toBe(true);
      const refs = ledger(t, 'Payment').map((p) => String(p.PaymentRefNum));
      expect({ tenant: t.tenantId, payments: refs.length, distinct: new Set(refs).size }).toEqual({ tenant: t.tenantId, payments: t.n, distinct: t.n });
    }
    const want = list.length * 2;
    let seen: Json[] = [];
    const outcomes = async (): Promise<Map<string, Set<string>>> => {
      seen = (await readTopic(brokers, topics.events.name, { untilIdleMs: 2_000, timeoutMs: 60_000 })).map((m) => m.event as Json);
      const by = new Map<string, Set<string>>();
      for (const e of seen) {
        if (e.type !== 'invoice.pushed' && e.type !== 'payment.pushed') continue;
        const k = `${e.data.tenantId}/${e.type}`;
        by.set(k, (by.get(k) ?? new Set()).add(String(e.data.platformId)));
      }
      return by;
    };
    const by = await waitFor(async () => {
      const m = await outcomes();
      return [...m.values()].filter((s) => s.size >= (list[0]?.n ?? 0)).length >= want ? m : undefined;
    }, { timeoutMs: 120_000, intervalMs: 1_000, description: 'an outcome event for every record' });
    for (const t of list) {
      expect(by.get(`${t.tenantId}/invoice.pushed`)?.size).toBe(t.n);
      expect(by.get(`${t.tenantId}/payment.pushed`)?.size).toBe(t.n);
    }
  }

  it(`holds each of ${CRASH_N} invoices and ${CRASH_N} payments exactly once while workers are SIGKILLed at random at least 10 times`, async () => {
    const topics = freshTopics();
    const list = await tenants(topics, 4, CRASH_N / 4, 'crash');
    // While the kills go on, every QBO call takes 1–1.5 s: the push then needs minutes, far longer than
    // the 12 kills take on any machine, so the kills land mid-push. The latency is lifted after the last kill.
    sandbox.admin.updateSettings({ faults: { global: { latencyMinMs: 1_000, latencyMaxMs: 1_500 } } });
    const config = workerConfig(topics, list, { leaseMs: 2_000 });
    // The first worker migrates the schema before the second starts.
    const ready = new Set<Child>();
    ready.add(await spawnWorker(config));
    ready.add(await spawnWorker(config));
    ready.add(await spawnWorker(config));
    await publishRecords(topics, list);

    await waitFor(() => pushedCount(list) > 0, { timeoutMs: 60_000, description: 'the first record in the ledger' });
    const kills: Array<{ signal: NodeJS.Signals | null; inLedger: number }> = [];
    const deadline = Date.now() + 200_000;
    // Three workers; while at least two are up, one of them (at random) is SIGKILLed every 0.3–0.9 s
    // and replaced in the background, until 12 kills have landed mid-push.
    while (kills.length < 12 && pushedCount(list) < total(list) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 600));
      const alive = [...ready].filter((c) => children.has(c));
      if (alive.length < 2) continue;
      const victim = alive[Math.floor(Math.random() * alive.length)];
      if (!victim || pushedCount(list) >= total(list)) continue;
      const inLedger = pushedCount(list);
      victim.process.kill('SIGKILL');
      const { signal } = await victim.exit;
      kills.push({ signal, inLedger });
      spawnWorker(config).then(
        (c) => ready.add(c),
        () => undefined,
      );
    }
    sandbox.admin.updateSettings({ faults: { global: { latencyMinMs: 0, latencyMaxMs: 0 } } });
    await expectExactlyOnce(topics, list);

    const midPush = kills.filter((k) => k.inLedger > 0 && k.inLedger < total(list));
    expect(midPush.length).toBeGreaterThanOrEqual(10);
    expect(kills.every((k) => k.signal === 'SIGKILL')).toBe(true);
  }, 300_000);

  it('creates no duplicate when the sandbox commits and then drops 5% of responses and its requestid dedupe fails for half the repeats', async () => {
    const topics = freshTopics();
    const list = await tenants(topics, 2, 300, 'lost');
    const before = new Map(list.map((t) => [t.company.realmId, dropped(t)]));
    sandbox.admin.updateSettings({ faults: { global: { dropAfterCommitRate: 0.05 } }, idempotency: { noDedupeShare: 0.5 } });
    const config = workerConfig(topics, list);
    let workers: Workers | undefined;
    try {
      workers = await startWorkers({ topics, schema: config.schema, bus, groupPrefix: config.groupPrefix, baseUrl, tokens: new Map(Object.entries(config.tokens)), tuning: { ...config.tuning, backoff: { baseMs: 50, maxMs: 500 } } });
      await publishRecords(topics, list);
      await expectExactlyOnce(topics, list);
    } finally {
      await workers?.stop();
    }
    const drops = list.reduce((s, t) => s + dropped(t) - (before.get(t.company.realmId) ?? 0), 0);
    // The fault fired: committed writes whose response never reached the worker (each one
    // left its records in doubt; the worker found them by DocNumber / marker instead of creating again).
    expect(drops).toBeGreaterThan(0);
  }, 180_000);

  function dropped(t: Tenant): number {
    const calls = sandbox.admin.calls(t.company.realmId);
    return Object.values(calls).reduce((s, statuses) => s + (statuses.dropped ?? 0), 0);
  }

  it('shares the work between two workers in one consumer group and pushes every record once', async () => {
    const topics = freshTopics();
    const list = await tenants(topics, 8, 75, 'pair');
    const config = workerConfig(topics, list);
    const first = await spawnWorker(config);
    const second = await spawnWorker(config);
    await publishRecords(topics, list);
    await expectExactlyOnce(topics, list);
    const stats = await Promise.all([statsOf(first), statsOf(second)]);
    // Both members of the group took records from Kafka and pushed rounds to QBO.
    // Both members of the group did work (took records from Kafka or pushed rounds to QBO);
    // which one takes which partitions and tenants depends on the keys' hashes and timing.
    for (const s of stats) expect(s.invoices.ingested + s.payments.ingested + s.invoices.rounds + s.payments.rounds).toBeGreaterThan(0);
    expect(stats.reduce((n, s) => n + s.invoices.ingested, 0)).toBeGreaterThanOrEqual(600);
  }, 180_000);
});
