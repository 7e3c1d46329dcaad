/**
 * Crash test: 2,000 invoices and 2,000 payments pushed by two worker processes in one
 * consumer group while one of them is SIGKILLed at random (≥ 10 times), with the sandbox
 * committing then dropping 5% of responses and failing its requestid dedupe for half of
 * the repeats → each record exactly once in the ledger, an outcome event for every record.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { MessageBus } from '@ledgerbus/bus';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import type { Company, Topics } from './support/harness';
import { brokers, company, createSandbox, freshTopics, linkCustomers, newBus, publish, publishSettings } from './support/harness';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const N = Number(process.env.PUSH_CRASH_N ?? 2000);

describe('push workers killed at random while the sandbox loses responses', () => {
  let sandbox: Sandbox;
  let baseUrl: string;
  let bus: MessageBus;
  let topics: Topics;
  let acme: Company;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    sandbox = createSandbox({ settings: { limits: { enabled: false } } });
    baseUrl = await sandbox.listen(0);
    acme = company(sandbox, baseUrl, 'Crash Co');
    bus = newBus();
    topics = freshTopics();
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await bus.close();
    await sandbox.close();
  });

  it('holds every invoice and payment exactly once and emits an outcome for each', async () => {
    const tenantId = uniqueName('crash');
    const schema = uniqueName('push_crash');
    const env = JSON.stringify({
      names: { invoices: topics.invoices.name, payments: topics.payments.name, settings: topics.settings.name, links: topics.links.name, events: topics.events.name },
      schema,
      groupPrefix: uniqueName('g'),
      baseUrl,
      tokens: { [acme.realmId]: acme.token },
    });
    const spawn = (): Promise<ChildProcess> =>
      new Promise((resolve, reject) => {
        const child = fork(join(__dirname, 'support', 'worker.ts'), [], {
          execArgv: ['--import', 'tsx', '--conditions=development'],
          env: { ...process.env, PUSH_WORKER: env, TSX_TSCONFIG_PATH: join(__dirname, '..', '..', '..', 'tsconfig.check.json') },
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        children.add(child);
        child.once('exit', () => children.delete(child));
        child.once('message', () => resolve(child));
        child.once('error', reject);
      });
    // The first worker migrates the schema before the second starts.
    await spawn();
    await spawn();

    await publishSettings(bus, topics, tenantId, acme.realmId, {
      settings: { invoices: { enabled: true }, payments: { enabled: true }, accounts: { income: acme.accountIdOf('Income') }, documentPrefixes: { invoices: { prefix: 'C-' } } },
      mappings: { defaults: {} },
    });
    await linkCustomers(bus, topics, tenantId, acme, ['c1', 'c2', 'c3']);
    const item = await acme.qbo.create('Item', { Name: 'Crash service', Type: 'Service', IncomeAccountRef: { value: acme.accountIdOf('Income') } }, { requestId: uniqueName('it') });
    await publishSettings(bus, topics, tenantId, acme.realmId, {
      settings: { invoices: { enabled: true }, payments: { enabled: true }, entities: { items: 'off' }, documentPrefixes: { invoices: { prefix: 'C-' } } },
      mappings: { defaults: { oneTimeItemId: item.Id, recurringItemId: item.Id } },
    });
    const invoices = Array.from({ length: N }, (_, i) => ({
      tenantId, invoiceId: `i${i}`, number: String(100000 + i), customerId: `c${(i % 3) + 1}`, txnDate: '2024-05-01', version: 1,
      lines: [{ productId: 'p', quantity: '1', unitPrice: '20.00' }],
    }));
    const payments = Array.from({ length: N }, (_, i) => ({
      tenantId, paymentId: `p${i}`, customerId: `c${(i % 3) + 1}`, amount: '5.00', date: '2024-05-02', reference: `R${i}`, appliedTo: [{ invoiceId: `i${i}`, amount: '5.00' }], version: 1,
    }));
    // From here on: 5% of committed writes lose their response; half the repeated requestids are not deduplicated.
    sandbox.admin.updateSettings({ faults: { global: { dropAfterCommitRate: 0.05 } }, idempotency: { noDedupeShare: 0.5 } });
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', invoices);
    await publish(bus, topics.payments, tenantId, 'payment.recorded', payments);

    let kills = 0;
    const countOf = (entity: string): number => sandbox.admin.entities(acme.realmId, entity).length;
    while (kills < 10 || countOf('Invoice') < N || countOf('Payment') < N) {
      if (kills >= 40) break;
      await new Promise((r) => setTimeout(r, 1500 + Math.random() * 2000));
      if (kills < 12) {
        const victims = [...children];
        const victim = victims[Math.floor(Math.random() * victims.length)];
        victim?.kill('SIGKILL');
        kills += 1;
        void spawn();
      }
    }
    await waitFor(() => countOf('Invoice') >= N && countOf('Payment') >= N, { timeoutMs: 240_000, intervalMs: 500, description: `${N} invoices and ${N} payments in the ledger` });

    const docNumbers = (sandbox.admin.entities(acme.realmId, 'Invoice') as Json[]).map((i) => String(i.DocNumber));
    expect(new Set(docNumbers).size).toBe(N);
    expect(docNumbers.length).toBe(N);
    const refs = (sandbox.admin.entities(acme.realmId, 'Payment') as Json[]).map((p) => String(p.PaymentRefNum));
    expect(new Set(refs).size).toBe(N);
    expect(refs.length).toBe(N);
    expect(kills).toBeGreaterThanOrEqual(10);

    const events = await readTopic(brokers, topics.events.name, { untilIdleMs: 5_000, timeoutMs: 120_000 });
    const outcome = (prefix: string): Set<string> =>
      new Set(events.filter((e) => e.event?.type === `${prefix}.pushed`).map((e) => String((e.event?.data as Json).platformId)));
    expect(outcome('invoice').size).toBe(N);
    expect(outcome('payment').size).toBe(N);
  }, 600_000);
});
