/**
 * Issue 16's done-means: the example platform (examples/platform, @ledgerbus/client) drives the
 * embedded stack end to end over HTTP only — no Kafka client, no bus in the test: it sends
 * customers, invoices and payments to the ingest API, receives `invoice.pushed` and
 * `payment.pushed` through a signed webhook (its receiver verifies every delivery with
 * standardwebhooks), and each record is in the sandbox's QBO ledger exactly once — also when every
 * request is sent twice at once with the same Idempotency-Key.
 *
 * Setup is what an admin does over HTTP as well (connect through OAuth, save settings and
 * mappings, wait until the workers applied them); the ledger is read through the sandbox's HTTP
 * admin API.
 */
import { createLedgerbusClient } from '@ledgerbus/client';
import { createLogger, mintToken } from '@ledgerbus/kit';
import type { PlatformRun } from '../../../examples/platform/src/platform';
import { runPlatform } from '../../../examples/platform/src/platform';
import { configureTenant } from '../src/configure';
import { connectDemoCompany } from '../src/connect';
import { expectJson, poll } from '../src/http-client';
import type { Stack } from '../src/stack';
import { toCents } from '../src/summary';
import { startStack } from '../src/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const JWT_SECRET = 'example-platform-test-secret-0123456789';
const TENANT = 'example-platform';

describe('the example platform against the embedded stack, over HTTP only', () => {
  let stack: Stack;
  let ownerToken: string;
  let ingestToken: string;
  const lines: string[] = [];

  beforeAll(async () => {
    stack = await startStack({
      logger: createLogger({ name: 'example-platform-test', level: 'silent' }),
      ports: { sandbox: 0, connector: 0, mapping: 0, customerSync: 0, metrics: 0, ingest: 0, webhooks: 0 },
      jwtSecret: JWT_SECRET,
      metrics: false,
    });
    ownerToken = await mintToken(JWT_SECRET, { sub: 'owner@example-platform', tenant: TENANT, role: 'owner' }, '1h');
    // The platform's backend: a service account of the tenant that may only send records and read their state.
    ingestToken = await mintToken(JWT_SECRET, { sub: 'svc:example-platform', tenant: TENANT, role: 'admin', svc: true, scope: 'ingest' }, '1h');

    await connectDemoCompany({ connectorUrl: stack.urls.connector, mappingUrl: stack.urls.mapping, tenantId: TENANT, realmId: stack.company.realmId, ownerToken });
    const syncDataAfter = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const { settingsVersion } = await configureTenant({ mappingUrl: stack.urls.mapping, tenantId: TENANT, adminToken: ownerToken, prefixes: { invoices: 'LB-', payments: 'LBP-' }, syncDataAfter });
    // The guide's "wait until the workers apply the settings" (appliedBy), before the first record.
    await poll(
      'settings applied by invoice-push, payment-push and customer-sync',
      async () => {
        const { body } = await expectJson<{ appliedBy: Record<string, number> }>(200, `${stack.urls.mapping}/v1/tenants/${TENANT}/settings`, { bearer: ownerToken });
        return ['invoice-push', 'payment-push', 'customer-sync'].every((w) => (body.appliedBy[w] ?? 0) >= settingsVersion) ? true : undefined;
      },
      60_000,
      250,
    );
  }, 480_000); // starting nine services on PGlite took 1–4 min on the loaded 2-core machine

  afterAll(async () => {
    await stack?.shutdown('test done');
  });

  const ledger = async (entity: string): Promise<Json[]> =>
    (await expectJson<{ entities: Json[] }>(200, `${stack.urls.sandbox}/_sandbox/companies/${stack.company.realmId}/entities/${entity}`)).body.entities;

  const drive = (runId: string, sendTwice: boolean) =>
    runPlatform({
      tenant: TENANT,
      token: ingestToken,
      adminToken: ownerToken,
      urls: { ingest: stack.urls.ingest, webhooks: stack.urls.webhooks },
      runId,
      sendTwice,
      timeoutMs: 150_000,
      print: (line) => lines.push(line),
    });

  async function expectExactlyOnceInLedger(run: PlatformRun): Promise<void> {
    const invoices = await ledger('Invoice');
    const payments = await ledger('Payment');
    const customers = await ledger('Customer');
    for (const c of run.records.customers) {
      expect(customers.filter((q) => q.DisplayName === c.displayName)).toHaveLength(1);
    }
    for (const i of run.records.invoices) {
      const inQbo = invoices.filter((q) => q.DocNumber === `LB-${i.number}`);
      expect(inQbo).toHaveLength(1);
      // The webhook named the QBO record that is in the ledger.
      expect((run.outcomes.get(`invoice:${i.invoiceId}`)?.data as Json).qboId).toBe(String(inQbo[0]!.Id));
    }
    // Quantities are whole numbers here: cents × quantity stays in integers.
    const total = (i: (typeof run.records.invoices)[number]) => i.lines.reduce((sum, l) => sum + Number(l.quantity) * toCents(l.unitPrice), 0);
    const [i1, i2, i3] = run.records.invoices;
    const balance = (n: string) => toCents(invoices.find((q) => q.DocNumber === `LB-${n}`)!.Balance);
    expect([balance(i1!.number), balance(i2!.number), balance(i3!.number)]).toEqual([0, total(i2!) - 10_000, 0]);
    for (const p of run.records.payments) {
      const inQbo = payments.filter((q) => q.PaymentRefNum === `LBP-${p.reference}`);
      expect(inQbo).toHaveLength(1);
      expect(toCents(inQbo[0]!.TotalAmt)).toBe(toCents(p.amount));
      expect((run.outcomes.get(`payment:${p.paymentId}`)?.data as Json).qboId).toBe(String(inQbo[0]!.Id));
    }
  }

  it('creates customers, invoices and payments, receives invoice.pushed and payment.pushed through a signed webhook, and each is in QBO once', async () => {
    const run = await drive('exa', false);
    try {
      const outcome = (key: string) => run.outcomes.get(key)?.type;
      expect(run.records.customers.map((c) => outcome(`customer:${c.customerId}`))).toEqual(['customer.synced', 'customer.synced']);
      expect(run.records.invoices.map((i) => outcome(`invoice:${i.invoiceId}`))).toEqual(['invoice.pushed', 'invoice.pushed', 'invoice.pushed']);
      expect(run.records.payments.map((p) => outcome(`payment:${p.paymentId}`))).toEqual(['payment.pushed', 'payment.pushed']);
      expect(run.refused).toBe(0);
      // One verified delivery per event: every pushed event arrived once.
      const pushed = run.events.filter((e) => e.type === 'invoice.pushed' || e.type === 'payment.pushed');
      expect(new Set(pushed.map((e) => e.id)).size).toBe(pushed.length);
      await expectExactlyOnceInLedger(run);
    } finally {
      await run.close();
    }
  }, 240_000);

  it('sends every request twice at once with the same Idempotency-Key and still gets each record into QBO exactly once', async () => {
    const run = await drive('exb', true);
    try {
      // Two answers per request, equal (runPlatform fails otherwise), and nothing published twice:
      // a second publish would have been given version 2.
      expect(run.answers).toHaveLength(2 * (1 + run.records.invoices.length + 1));
      for (const answer of run.answers) expect(answer.result.accepted.every((a) => a.version === 1)).toBe(true);
      const status = async (entity: 'customers' | 'invoices' | 'payments', id: string) =>
        (await expectJson<Json>(200, `${stack.urls.ingest}/v1/tenants/${TENANT}/records/${entity}/${id}`, { bearer: ingestToken })).body;
      for (const i of run.records.invoices) expect(await status('invoices', i.invoiceId)).toMatchObject({ latestVersion: 1, state: 'pushed' });
      for (const p of run.records.payments) expect(await status('payments', p.paymentId)).toMatchObject({ latestVersion: 1, state: 'pushed' });

      expect(run.records.invoices.map((i) => run.outcomes.get(`invoice:${i.invoiceId}`)?.type)).toEqual(['invoice.pushed', 'invoice.pushed', 'invoice.pushed']);
      expect(run.records.payments.map((p) => run.outcomes.get(`payment:${p.paymentId}`)?.type)).toEqual(['payment.pushed', 'payment.pushed']);
      // Exactly one pushed event per record reached the receiver.
      const pushedFor = (id: string) => run.events.filter((e) => /\.pushed$/.test(e.type) && (e.data as Json).platformId === id).length;
      expect([...run.records.invoices.map((i) => pushedFor(i.invoiceId)), ...run.records.payments.map((p) => pushedFor(p.paymentId))]).toEqual([1, 1, 1, 1, 1]);
      await expectExactlyOnceInLedger(run);

      // The webhooks service's delivery log agrees: delivered, signed deliveries to the receiver.
      // (It records the outcome after the receiver's 204, so wait for it.)
      const admin = createLedgerbusClient({ tenant: TENANT, token: ownerToken, urls: { webhooks: stack.urls.webhooks } });
      const log = await poll(
        'three delivered invoice.pushed deliveries in the log',
        async () => {
          const { items } = await admin.webhookEndpoints.deliveries(run.endpointId, { eventType: 'invoice.pushed' });
          return items.length === 3 && items.every((d) => d.status === 'delivered') ? items : undefined;
        },
        30_000,
        250,
      );
      expect(log.map((d) => d.attemptCount)).toEqual([1, 1, 1]);
    } finally {
      await run.close();
    }
  }, 240_000);
});
