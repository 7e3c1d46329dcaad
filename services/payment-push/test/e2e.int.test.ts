/**
 * invoice-push and payment-push end to end: real Kafka, real PostgreSQL, the sandbox on an
 * ephemeral port. Assertions read the sandbox's ledger and the outcome events.
 */
import type { MessageBus } from '@ledgerbus/bus';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import type { Company, Topics, Workers } from './support/harness';
import { brokers, company, createSandbox, freshTopics, linkCustomers, newBus, publish, publishSettings, startWorkers } from './support/harness';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('invoice-push and payment-push against the sandbox', () => {
  let sandbox: Sandbox;
  let baseUrl: string;
  let bus: MessageBus;
  let topics: Topics;
  let workers: Workers;
  let acme: Company;
  const tokens = new Map<string, string>();
  const tenantId = uniqueName('tenant');

  beforeAll(async () => {
    sandbox = createSandbox({ settings: { limits: { enabled: false } } });
    baseUrl = await sandbox.listen(0);
    acme = company(sandbox, baseUrl, 'Acme Push Co');
    tokens.set(acme.realmId, acme.token);
    bus = newBus();
    topics = freshTopics();
    workers = await startWorkers({ topics, schema: uniqueName('push_e2e'), bus, groupPrefix: uniqueName('g'), baseUrl, tokens });
  });

  afterAll(async () => {
    await workers.stop();
    await bus.close();
    await sandbox.close();
  });

  it('pushes invoices with mapped accounts, items and prefixes, applies payments to their balances, and skips what the filters exclude', async () => {
    const income = acme.accountIdOf('Income', 0);
    const otherIncome = acme.accountIdOf('Income', 1);
    const expense = acme.accountIdOf('Cost of Goods Sold', 0);
    const bank = acme.accountIdOf('Bank', 0);
    const recurringItem = await acme.qbo.create('Item', { Name: 'Subscription (default)', Type: 'Service', IncomeAccountRef: { value: income }, ExpenseAccountRef: { value: expense } }, { requestId: uniqueName('it') });
    const card = await acme.qbo.create('PaymentMethod', { Name: 'Card', Type: 'CREDIT_CARD' }, { requestId: uniqueName('pm') });

    await publishSettings(bus, topics, tenantId, acme.realmId, {
      settings: {
        invoices: { enabled: true },
        payments: { enabled: true },
        accounts: { income, expense, deposit: bank },
        documentPrefixes: { invoices: { prefix: 'LB-' }, payments: { prefix: 'P-' } },
        filters: { syncDataAfter: '2024-01-01', marketSegment: 'retail' },
      },
      mappings: { glCodes: { '4100': otherIncome }, paymentMethods: { card: card.Id }, defaults: { recurringItemId: recurringItem.Id } },
    });
    const customers = await linkCustomers(bus, topics, tenantId, acme, ['c1', 'c2']);

    const invoice = (id: string, number: string, extra: Json = {}): Json => ({
      tenantId, invoiceId: id, number, customerId: 'c1', txnDate: '2024-03-01', marketSegment: 'retail', version: 1,
      lines: [
        { productId: 'p-widget', productName: 'Widget', glCode: '4100', quantity: '2', unitPrice: '12.50', description: 'Widgets' },
        { productId: 'p-sub', quantity: '1', unitPrice: '30.00', recurring: true },
      ],
      ...extra,
    });
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [
      invoice('i1', '1001'),
      invoice('i2', '1002', { customerId: 'c2' }),
      invoice('i3', '1003', { txnDate: '2023-12-01' }),
      invoice('i4', '1004', { marketSegment: 'wholesale' }),
    ]);
    await publish(bus, topics.payments, tenantId, 'payment.recorded', [
      { tenantId, paymentId: 'p1', customerId: 'c1', amount: '10.00', date: '2024-03-05', method: 'card', reference: 'R1', appliedTo: [{ invoiceId: 'i1', amount: '10.00' }], version: 1 },
      { tenantId, paymentId: 'p2', customerId: 'c2', amount: '100.00', date: '2024-03-06', reference: 'R2', appliedTo: [{ invoiceId: 'i2', amount: '55.00' }], version: 1 },
    ]);

    const count = (entity: string): number => sandbox.admin.entities(acme.realmId, entity).length;
    await waitFor(() => count('Invoice') === 2 && count('Payment') === 2, { timeoutMs: 60_000, description: '2 invoices and 2 payments in QBO' });
    // What QBO answers over its API (JSON numbers), as an accountant's tool would read it.
    const invoicesIn = async (): Promise<Json[]> => (await acme.qbo.query<Json>('select * from Invoice')).entities;
    const paymentsIn = async (): Promise<Json[]> => (await acme.qbo.query<Json>('select * from Payment')).entities;

    const i1 = (await invoicesIn()).find((i) => i.DocNumber === 'LB-1001') as Json;
    expect(i1).toBeDefined();
    expect(i1.CustomerRef.value).toBe(customers.get('c1'));
    const [widgetLine, subLine] = (i1.Line as Json[]).filter((l) => l.DetailType === 'SalesItemLineDetail');
    const widget = (await acme.qbo.query<Json>("select * from Item where Name = 'Widget'")).entities[0] as Json;
    expect(widget.IncomeAccountRef.value).toBe(otherIncome);
    expect(widget.ExpenseAccountRef.value).toBe(expense);
    expect(widgetLine?.SalesItemLineDetail.ItemRef.value).toBe(widget.Id);
    expect(widgetLine?.Amount).toBe(25);
    expect(subLine?.SalesItemLineDetail.ItemRef.value).toBe(recurringItem.Id);
    expect((await invoicesIn()).map((i) => i.DocNumber).sort()).toEqual(['LB-1001', 'LB-1002']);

    const after = await invoicesIn();
    expect(after.find((i) => i.DocNumber === 'LB-1001')?.Balance).toBe(45);
    expect(Number(after.find((i) => i.DocNumber === 'LB-1002')?.Balance)).toBe(0);
    const payments = await paymentsIn();
    const p1 = payments.find((p) => p.PaymentRefNum === 'P-R1') as Json;
    expect(p1.PaymentMethodRef.value).toBe(card.Id);
    expect(p1.DepositToAccountRef.value).toBe(bank);
    const p2 = payments.find((p) => p.PaymentRefNum === 'P-R2') as Json;
    expect(p2.UnappliedAmt).toBe(45);
    expect(p2.TotalAmt).toBe(100);

    const events = await readTopic(brokers, topics.events.name, { count: 6, timeoutMs: 30_000 });
    const byType = (type: string): Json[] => events.filter((e) => e.event?.type === type).map((e) => e.event?.data as Json);
    expect(byType('invoice.pushed').map((d) => d.docNumber).sort()).toEqual(['LB-1001', 'LB-1002']);
    expect(byType('invoice.skipped').map((d) => [d.platformId, d.filter]).sort()).toEqual([['i3', 'sync_data_after'], ['i4', 'market_segment']]);
    expect(byType('payment.pushed').map((d) => d.docNumber).sort()).toEqual(['P-R1', 'P-R2']);
  });

  it('waits for a customer that is not linked, then fails with customer_not_synced', async () => {
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [
      { tenantId, invoiceId: 'i-orphan', number: '2001', customerId: 'nobody', txnDate: '2024-04-01', marketSegment: 'retail', version: 1, lines: [{ productId: 'x', quantity: '1', unitPrice: '1.00', recurring: true }] },
    ]);
    const events = await readTopic(brokers, topics.events.name, { untilIdleMs: 8_000, timeoutMs: 60_000 });
    const failed = events.map((e) => e.event).find((e) => e?.type === 'invoice.push_failed' && (e.data as Json).platformId === 'i-orphan');
    expect(failed?.data).toMatchObject({ code: 'customer_not_synced', retriable: true });
  });

  it('voids an invoice and deletes a payment in QBO and says so', async () => {
    await publish(bus, topics.payments, tenantId, 'payment.deleted', [{ tenantId, paymentId: 'p1', version: 2 }]);
    await waitFor(() => !(sandbox.admin.entities(acme.realmId, 'Payment') as Json[]).some((p) => p.PaymentRefNum === 'P-R1'), { timeoutMs: 30_000, description: 'p1 deleted' });
    await publish(bus, topics.invoices, tenantId, 'invoice.voided', [{ tenantId, invoiceId: 'i1', version: 2 }]);
    await waitFor(async () => (await acme.qbo.query<Json>("select * from Invoice where DocNumber = 'LB-1001'")).entities[0]?.TotalAmt === 0, { timeoutMs: 30_000, description: 'i1 voided' });
    const events = await readTopic(brokers, topics.events.name, { untilIdleMs: 2_000, timeoutMs: 30_000 });
    const types = events.map((e) => e.event?.type);
    expect(types).toContain('invoice.voided');
    expect(types).toContain('payment.deleted');
  });
});
