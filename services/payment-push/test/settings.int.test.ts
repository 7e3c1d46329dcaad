/**
 * The admin's payment settings, checked where an admin checks them: on the payments in the QBO
 * company (the sandbox's ledger, read over the QBO API) and on `sync.events.v1`. Real Kafka,
 * real PostgreSQL; invoice-push runs beside payment-push, as payments need their invoices.
 */
import type { MessageBus } from '@ledgerbus/bus';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import type { ReadMessage } from '@ledgerbus/testing';
import { readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import type { Company, Topics, Workers } from './support/harness';
import { brokers, company, createSandbox, freshTopics, linkCustomers, newBus, publish, publishSettings, startWorkers } from './support/harness';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('payment-push applies the admin settings to what it writes in QBO', () => {
  let sandbox: Sandbox;
  let baseUrl: string;
  let bus: MessageBus;
  let topics: Topics;
  let workers: Workers;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    sandbox = createSandbox({ settings: { limits: { enabled: false } } });
    baseUrl = await sandbox.listen(0);
    bus = newBus();
    topics = freshTopics();
    workers = await startWorkers({ topics, schema: uniqueName('pay_settings'), bus, groupPrefix: uniqueName('g'), baseUrl, tokens });
  });

  afterAll(async () => {
    await workers.stop();
    await bus.close();
    await sandbox.close();
  });

  /** A new company per test: nothing one test wrote is seen by another. */
  function newCompany(name: string): Company {
    const c = company(sandbox, baseUrl, name);
    tokens.set(c.realmId, c.token);
    return c;
  }

  /** The invoices are in QBO (so the workers have the tenant's settings) before any payment is published. */
  const invoicesInQbo = async (c: Company, count: number): Promise<void> => {
    await waitFor(() => sandbox.admin.entities(c.realmId, 'Invoice').length === count, { timeoutMs: 60_000, description: `${count} invoice(s) in QBO` });
  };
  const paymentsIn = async (c: Company): Promise<Json[]> => (await c.qbo.query<Json>('select * from Payment')).entities;
  const invoice = (tenantId: string, id: string, extra: Json = {}): Json => ({
    tenantId, invoiceId: id, number: id.toUpperCase(), customerId: 'c1', txnDate: '2024-03-01', version: 1,
    lines: [{ productId: 'p1', productName: 'Service call', quantity: '1', unitPrice: '100.00' }], ...extra,
  });
  const payment = (tenantId: string, id: string, invoiceId: string, amount: string, extra: Json = {}): Json => ({
    tenantId, paymentId: id, customerId: 'c1', amount, date: '2024-03-05', reference: id.toUpperCase(), appliedTo: [{ invoiceId, amount }], version: 1, ...extra,
  });

  /** The payment events of one tenant on `sync.events.v1`, once `done` holds for them. */
  async function outcomesOf(tenantId: string, done: (events: ReadMessage[]) => boolean): Promise<ReadMessage[]> {
    let seen: ReadMessage[] = [];
    await waitFor(async () => {
      const all = await readTopic(brokers, topics.events.name, { untilIdleMs: 1_000, timeoutMs: 30_000 });
      seen = all.filter((m) => m.event?.type.startsWith('payment.') === true && (m.event.data as Json).tenantId === tenantId);
      return done(seen);
    }, { timeoutMs: 60_000, intervalMs: 500, description: `the payment events of ${tenantId}` });
    return seen;
  }
  const eventOf = (events: ReadMessage[], type: string, platformId: string): Json | undefined =>
    events.map((m) => m.event).find((e) => e?.type === type && (e.data as Json).platformId === platformId)?.data as Json | undefined;

  it('deposits to the mapped account, posts to the mapped A/R account and sets the mapped payment method', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Deposit Co');
    const income = acme.accountIdOf('Income', 0);
    const defaultDeposit = sandbox.admin.entities(acme.realmId, 'Account').find((a) => a.AccountSubType === 'UndepositedFunds')?.Id;
    const bank = (await acme.qbo.create('Account', { Name: 'Operating account', AccountType: 'Bank' }, { requestId: uniqueName('bank') })).Id;
    const ar = (await acme.qbo.create('Account', { Name: 'A/R - Platform', AccountType: 'Accounts Receivable' }, { requestId: uniqueName('ar') })).Id;
    const card = await acme.qbo.create('PaymentMethod', { Name: 'Card', Type: 'CREDIT_CARD' }, { requestId: uniqueName('pm') });
    const cheque = await acme.qbo.create('PaymentMethod', { Name: 'Cheque', Type: 'NON_CREDIT_CARD' }, { requestId: uniqueName('pm') });
    await publishSettings(bus, topics, tenantId, acme.realmId, {
      settings: { invoices: { enabled: true }, payments: { enabled: true }, accounts: { income, deposit: bank, accountsReceivable: ar } },
      mappings: { paymentMethods: { card: card.Id, check: cheque.Id } },
    });
    await linkCustomers(bus, topics, tenantId, acme, ['c1']);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice(tenantId, 'i1'), invoice(tenantId, 'i2')]);
    await invoicesInQbo(acme, 2);
    await publish(bus, topics.payments, tenantId, 'payment.recorded', [
      payment(tenantId, 'p-card', 'i1', '40.00', { method: 'card' }),
      payment(tenantId, 'p-check', 'i2', '25.50', { method: 'check' }),
      payment(tenantId, 'p-cash', 'i1', '10.00', { method: 'cash' }),
    ]);
    await waitFor(async () => (await paymentsIn(acme)).length === 3, { timeoutMs: 60_000, description: '3 payments in QBO' });

    const byRef = new Map((await paymentsIn(acme)).map((p) => [p.PaymentRefNum as string, p]));
    for (const p of byRef.values()) {
      expect(p.DepositToAccountRef.value).toBe(bank);
      expect(p.ARAccountRef.value).toBe(ar);
    }
    expect(bank).not.toBe(defaultDeposit);
    expect(byRef.get('P-CARD')?.PaymentMethodRef.value).toBe(card.Id);
    expect(byRef.get('P-CHECK')?.PaymentMethodRef.value).toBe(cheque.Id);
    // A method nobody mapped is left empty rather than guessed.
    expect(byRef.get('P-CASH')?.PaymentMethodRef).toBeUndefined();
    expect(byRef.get('P-CASH')?.TotalAmt).toBe(10);
  });

  it('skips payments dated before "sync data after" or of another market segment, names the filter, and leaves them out of QBO', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Payment Filters Co');
    const income = acme.accountIdOf('Income', 0);
    await publishSettings(bus, topics, tenantId, acme.realmId, {
      settings: { invoices: { enabled: true }, payments: { enabled: true }, accounts: { income }, filters: { syncDataAfter: '2024-03-01', marketSegment: 'retail' } },
      mappings: {},
    });
    await linkCustomers(bus, topics, tenantId, acme, ['c1']);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice(tenantId, 'i1', { marketSegment: 'retail' })]);
    await invoicesInQbo(acme, 1);
    await publish(bus, topics.payments, tenantId, 'payment.recorded', [
      payment(tenantId, 'on-the-day', 'i1', '10.00', { date: '2024-03-01', marketSegment: 'retail' }),
      payment(tenantId, 'no-segment', 'i1', '11.00', { date: '2024-03-02' }),
      payment(tenantId, 'day-before', 'i1', '12.00', { date: '2024-02-29', marketSegment: 'retail' }),
      payment(tenantId, 'wholesale', 'i1', '13.00', { date: '2024-03-02', marketSegment: 'wholesale' }),
    ]);
    const events = await outcomesOf(tenantId, (e) => e.filter((m) => m.event?.type === 'payment.pushed').length === 2 && e.filter((m) => m.event?.type === 'payment.skipped').length === 2);

    expect(eventOf(events, 'payment.skipped', 'day-before')).toMatchObject({ filter: 'sync_data_after' });
    expect(eventOf(events, 'payment.skipped', 'wholesale')).toMatchObject({ filter: 'market_segment' });
    expect(eventOf(events, 'payment.pushed', 'on-the-day')).toBeDefined();
    expect(eventOf(events, 'payment.pushed', 'no-segment')).toBeDefined();
    expect((await paymentsIn(acme)).map((p) => p.PaymentRefNum).sort()).toEqual(['NO-SEGMENT', 'ON-THE-DAY']);
  });

  it('skips at once, by the same filter, a payment with no segment of its own that pays an invoice the segment filter left out', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Payment Of Filtered Invoice Co');
    await publishSettings(bus, topics, tenantId, acme.realmId, {
      settings: { invoices: { enabled: true }, payments: { enabled: true }, accounts: { income: acme.accountIdOf('Income', 0) }, filters: { marketSegment: 'retail' } },
      mappings: {},
    });
    await linkCustomers(bus, topics, tenantId, acme, ['c1']);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice(tenantId, 'i-retail', { marketSegment: 'retail' }), invoice(tenantId, 'i-wholesale', { marketSegment: 'wholesale' })]);
    await invoicesInQbo(acme, 1);
    await publish(bus, topics.payments, tenantId, 'payment.recorded', [payment(tenantId, 'pays-wholesale', 'i-wholesale', '20.00')]);
    // The workers' wait bound here is 5 s: the skip must come from the invoice's own skip, not from waiting it out.
    const events = await outcomesOf(tenantId, (e) => e.some((m) => m.event?.type === 'payment.skipped' || m.event?.type === 'payment.push_failed'));
    expect(eventOf(events, 'payment.skipped', 'pays-wholesale')).toMatchObject({ filter: 'market_segment' });
    expect(eventOf(events, 'payment.push_failed', 'pays-wholesale')).toBeUndefined();
    expect(await paymentsIn(acme)).toEqual([]);
  });

  it('refuses a payment whose money QBO would change, as invalid_amount naming the field, and writes nothing to QBO', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Payment Money Co');
    const income = acme.accountIdOf('Income', 0);
    await publishSettings(bus, topics, tenantId, acme.realmId, { settings: { invoices: { enabled: true }, payments: { enabled: true }, accounts: { income } }, mappings: {} });
    await linkCustomers(bus, topics, tenantId, acme, ['c1']);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice(tenantId, 'i1')]);
    await invoicesInQbo(acme, 1);
    await publish(bus, topics.payments, tenantId, 'payment.recorded', [
      payment(tenantId, 'fraction', 'i1', '10.005'),
      { ...payment(tenantId, 'applied-fraction', 'i1', '20.00'), appliedTo: [{ invoiceId: 'i1', amount: '19.999' }] },
      payment(tenantId, 'fine', 'i1', '30.00'),
    ]);
    const events = await outcomesOf(tenantId, (e) => eventOf(e, 'payment.pushed', 'fine') !== undefined && e.filter((m) => m.event?.type === 'payment.push_failed').length === 2);

    expect(eventOf(events, 'payment.push_failed', 'fraction')).toMatchObject({ code: 'invalid_amount', retriable: false, message: 'amount: 10.005 has 3 decimals; USD allows 2' });
    expect(eventOf(events, 'payment.push_failed', 'applied-fraction')).toMatchObject({ code: 'invalid_amount', retriable: false, message: expect.stringMatching(/^appliedTo\[0\]\.amount: /) as unknown });
    const inQbo = await paymentsIn(acme);
    expect(inQbo.map((p) => p.PaymentRefNum)).toEqual(['FINE']);
    expect(inQbo[0]?.TotalAmt).toBe(30);
  });
});
