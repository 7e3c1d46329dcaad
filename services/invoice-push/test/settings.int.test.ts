/**
 * The admin's invoice settings, checked where an admin checks them: on the objects in the QBO
 * company (the sandbox's ledger, read over the QBO API) and on `sync.events.v1`. Real Kafka,
 * real PostgreSQL, settings as mapping publishes them on `mapping.settings.v1`.
 */
import type { MessageBus } from '@ledgerbus/bus';
import { uniqueName, waitFor } from '@ledgerbus/testing';
import type { Company, InvoiceWorker, Json, Sandbox, Topics } from './support/harness';
import { company, createSandbox, eventsFor, freshTopics, linkCustomers, newBus, outcomesOf, publish, publishSettings, settingsReached, startInvoicePush } from './support/harness';

describe('invoice-push applies the admin settings to what it writes in QBO', () => {
  let sandbox: Sandbox;
  let baseUrl: string;
  let bus: MessageBus;
  let topics: Topics;
  let worker: InvoiceWorker;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    sandbox = createSandbox({ settings: { limits: { enabled: false } } });
    baseUrl = await sandbox.listen(0);
    bus = newBus();
    topics = freshTopics();
    worker = await startInvoicePush({ topics, bus, baseUrl, tokens });
  });

  afterAll(async () => {
    await worker.stop();
    await bus.close();
    await sandbox.close();
  });

  /** A new company and tenant per test: nothing one test wrote is seen by another. */
  function newCompany(name: string): Company {
    const c = company(sandbox, baseUrl, name);
    tokens.set(c.realmId, c.token);
    return c;
  }

  const invoice = (tenantId: string, id: string, number: string, lines: Json[], extra: Json = {}): Json => ({
    tenantId, invoiceId: id, number, customerId: 'c1', txnDate: '2024-03-01', version: 1, lines, ...extra,
  });
  const invoicesIn = async (c: Company): Promise<Json[]> => (await c.qbo.query<Json>('select * from Invoice')).entities;
  const byDoc = async (c: Company, docNumber: string): Promise<Json> => {
    const found = (await invoicesIn(c)).find((i) => i.DocNumber === docNumber);
    if (!found) throw new Error(`no invoice ${docNumber} in QBO`);
    return found;
  };
  const salesLines = (i: Json): Json[] => (i.Line as Json[]).filter((l) => l.DetailType === 'SalesItemLineDetail');
  const itemNamed = async (c: Company, name: string): Promise<Json | undefined> => (await c.qbo.query<Json>(`select * from Item where Name = '${name}'`)).entities[0];

  it('posts to the mapped A/R account, tax code and class, and creates items with the default income account and the item type of their product type', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Settings Co');
    const income = acme.accountIdOf('Income', 1);
    const expense = acme.accountIdOf('Cost of Goods Sold', 0);
    const defaultAr = acme.accountIdOf('Accounts Receivable', 0);
    const otherAr = (await acme.qbo.create('Account', { Name: 'A/R - Platform', AccountType: 'Accounts Receivable' }, { requestId: uniqueName('ar') })).Id;
    const cls = (await acme.qbo.create('Class', { Name: 'Field services' }, { requestId: uniqueName('cls') })).Id;
    await publishSettings(bus, topics, tenantId, acme.realmId, {
      settings: { invoices: { enabled: true }, accounts: { accountsReceivable: otherAr, income, expense } },
      mappings: { productTypes: { hardware: { itemType: 'NonInventory', itemId: null } }, defaults: { taxCodeId: 'TAX', classId: cls } },
    });
    await settingsReached(worker, tenantId);
    await linkCustomers(bus, topics, tenantId, acme, ['c1']);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [
      invoice(tenantId, 'i1', '1001', [
        { productId: 'p-router', productName: 'Router', productType: 'hardware', quantity: '1', unitPrice: '80.00', taxable: true },
        { productId: 'p-setup', productName: 'Setup', quantity: '2', unitPrice: '15.00' },
      ]),
    ]);
    await waitFor(async () => (await invoicesIn(acme)).length === 1, { timeoutMs: 60_000, description: 'the invoice in QBO' });

    const i1 = await byDoc(acme, '1001');
    expect(i1.ARAccountRef.value).toBe(otherAr);
    expect(otherAr).not.toBe(defaultAr);
    expect(i1.TxnTaxDetail.TxnTaxCodeRef?.value).toBe('TAX');
    const [routerLine, setupLine] = salesLines(i1);
    expect(routerLine?.SalesItemLineDetail.ClassRef.value).toBe(cls);
    expect(setupLine?.SalesItemLineDetail.ClassRef.value).toBe(cls);
    expect(routerLine?.SalesItemLineDetail.TaxCodeRef.value).toBe('TAX');
    expect(setupLine?.SalesItemLineDetail.TaxCodeRef.value).toBe('NON');

    const router = await itemNamed(acme, 'Router');
    const setup = await itemNamed(acme, 'Setup');
    expect(router).toMatchObject({ Type: 'NonInventory', IncomeAccountRef: { value: income }, ExpenseAccountRef: { value: expense } });
    expect(setup).toMatchObject({ Type: 'Service', IncomeAccountRef: { value: income } });
    expect(routerLine?.SalesItemLineDetail.ItemRef.value).toBe(router?.Id);
    expect(setupLine?.SalesItemLineDetail.ItemRef.value).toBe(setup?.Id);
  });

  it('uses the one-time default item for a product that matches nothing, and the product type item when one is mapped', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Defaults Co');
    const income = acme.accountIdOf('Income', 0);
    const oneTime = await acme.qbo.create('Item', { Name: 'Misc one-time', Type: 'Service', IncomeAccountRef: { value: income } }, { requestId: uniqueName('it') });
    const recurring = await acme.qbo.create('Item', { Name: 'Misc recurring', Type: 'Service', IncomeAccountRef: { value: income } }, { requestId: uniqueName('it') });
    const labour = await acme.qbo.create('Item', { Name: 'Labour', Type: 'Service', IncomeAccountRef: { value: income } }, { requestId: uniqueName('it') });
    // Items stay in QBO (entities.items off), so unnamed and unmapped products take the defaults.
    await publishSettings(bus, topics, tenantId, acme.realmId, {
      settings: { invoices: { enabled: true }, entities: { items: 'off' }, accounts: { income } },
      mappings: { productTypes: { labour: { itemType: 'Service', itemId: labour.Id } }, defaults: { oneTimeItemId: oneTime.Id, recurringItemId: recurring.Id } },
    });
    await settingsReached(worker, tenantId);
    await linkCustomers(bus, topics, tenantId, acme, ['c1']);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [
      invoice(tenantId, 'i1', '2001', [
        { productId: 'p-odd', productName: 'Odd job', quantity: '1', unitPrice: '40.00' },
        { productId: 'p-sub', quantity: '1', unitPrice: '30.00', recurring: true },
        { productId: 'p-hours', productName: 'Hours', productType: 'labour', quantity: '3', unitPrice: '50.00' },
      ]),
    ]);
    await waitFor(async () => (await invoicesIn(acme)).length === 1, { timeoutMs: 60_000, description: 'the invoice in QBO' });

    const lines = salesLines(await byDoc(acme, '2001'));
    expect(lines.map((l) => l.SalesItemLineDetail.ItemRef.value)).toEqual([oneTime.Id, recurring.Id, labour.Id]);
    expect(await itemNamed(acme, 'Odd job')).toBeUndefined();
    expect(await itemNamed(acme, 'Hours')).toBeUndefined();
  });

  it('refuses to invent an Inventory item for a product type mapped to Inventory without an item, and uses the mapped Inventory item', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Inventory Co');
    const income = acme.accountIdOf('Income', 0);
    const expense = acme.accountIdOf('Cost of Goods Sold', 0);
    const asset = (await acme.qbo.create('Account', { Name: 'Stock on hand', AccountType: 'Other Current Asset' }, { requestId: uniqueName('acct') })).Id;
    const drill = await acme.qbo.create('Item', { Name: 'Drill', Type: 'Inventory', IncomeAccountRef: { value: income }, ExpenseAccountRef: { value: expense }, AssetAccountRef: { value: asset }, TrackQtyOnHand: true, QtyOnHand: 10, InvStartDate: '2024-01-01' }, { requestId: uniqueName('it') });
    await publishSettings(bus, topics, tenantId, acme.realmId, {
      settings: { invoices: { enabled: true }, accounts: { income, expense } },
      mappings: { productTypes: { stock: { itemType: 'Inventory', itemId: null }, tools: { itemType: 'Inventory', itemId: drill.Id } } },
    });
    await settingsReached(worker, tenantId);
    await linkCustomers(bus, topics, tenantId, acme, ['c1']);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [
      invoice(tenantId, 'cable', '6001', [{ productId: 'p-cable', productName: 'Cable', productType: 'stock', quantity: '2', unitPrice: '4.00' }]),
      invoice(tenantId, 'drill', '6002', [{ productId: 'p-drill', productName: 'Drill XL', productType: 'tools', quantity: '1', unitPrice: '120.00' }]),
    ]);
    const events = await outcomesOf(topics, tenantId, (e) => eventsFor(e, 'invoice.pushed', 'drill').length === 1 && eventsFor(e, 'invoice.push_failed', 'cable').length === 1);

    expect(eventsFor(events, 'invoice.push_failed', 'cable')[0]).toMatchObject({ code: 'item_not_mapped', retriable: false, message: expect.stringContaining('mappings.productTypes.stock.itemId') as unknown });
    expect(await itemNamed(acme, 'Cable')).toBeUndefined();
    expect((await invoicesIn(acme)).map((i) => i.DocNumber)).toEqual(['6002']);
    expect(salesLines(await byDoc(acme, '6002'))[0]?.SalesItemLineDetail.ItemRef.value).toBe(drill.Id);
  });

  it('updates an existing QBO item whose income and expense accounts differ from the settings', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Item Update Co');
    const oldIncome = acme.accountIdOf('Income', 0);
    const income = acme.accountIdOf('Income', 1);
    const oldExpense = acme.accountIdOf('Cost of Goods Sold', 0);
    const expense = (await acme.qbo.create('Account', { Name: 'Subcontractors', AccountType: 'Cost of Goods Sold' }, { requestId: uniqueName('acct') })).Id;
    const gadget = await acme.qbo.create('Item', { Name: 'Gadget', Type: 'Service', IncomeAccountRef: { value: oldIncome }, ExpenseAccountRef: { value: oldExpense } }, { requestId: uniqueName('it') });
    await publishSettings(bus, topics, tenantId, acme.realmId, { settings: { invoices: { enabled: true }, accounts: { income, expense } } });
    await settingsReached(worker, tenantId);
    await linkCustomers(bus, topics, tenantId, acme, ['c1']);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice(tenantId, 'i1', '3001', [{ productId: 'p-gadget', productName: 'Gadget', quantity: '1', unitPrice: '9.99' }])]);
    await waitFor(async () => (await invoicesIn(acme)).length === 1, { timeoutMs: 60_000, description: 'the invoice in QBO' });

    const items = (await acme.qbo.query<Json>("select * from Item where Name = 'Gadget'")).entities;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ Id: gadget.Id, IncomeAccountRef: { value: income }, ExpenseAccountRef: { value: expense } });
    expect(salesLines(await byDoc(acme, '3001'))[0]?.SalesItemLineDetail.ItemRef.value).toBe(gadget.Id);

    // The admin maps another income account later: the item follows on the next invoice that uses it.
    const laterIncome = acme.accountIdOf('Income', 2);
    await publishSettings(bus, topics, tenantId, acme.realmId, { settings: { invoices: { enabled: true }, accounts: { income: laterIncome, expense } } }, 2);
    await settingsReached(worker, tenantId, 2);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice(tenantId, 'i2', '3002', [{ productId: 'p-gadget', productName: 'Gadget', quantity: '2', unitPrice: '9.99' }], { txnDate: '2024-03-02' })]);
    await waitFor(async () => (await invoicesIn(acme)).length === 2, { timeoutMs: 60_000, description: 'the second invoice in QBO' });
    const after = (await acme.qbo.query<Json>("select * from Item where Name = 'Gadget'")).entities;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ Id: gadget.Id, IncomeAccountRef: { value: laterIncome }, ExpenseAccountRef: { value: expense } });
  });

  it('skips invoices dated before "sync data after" or of another market segment, names the filter, and leaves them out of QBO', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Filters Co');
    const income = acme.accountIdOf('Income', 0);
    await publishSettings(bus, topics, tenantId, acme.realmId, {
      settings: { invoices: { enabled: true }, accounts: { income }, filters: { syncDataAfter: '2024-03-01', marketSegment: 'retail' } },
    });
    await settingsReached(worker, tenantId);
    await linkCustomers(bus, topics, tenantId, acme, ['c1']);
    const line = [{ productId: 'p1', productName: 'Service call', quantity: '1', unitPrice: '100.00' }];
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [
      invoice(tenantId, 'on-the-day', '4001', line, { txnDate: '2024-03-01', marketSegment: 'retail' }),
      invoice(tenantId, 'day-before', '4002', line, { txnDate: '2024-02-29', marketSegment: 'retail' }),
      invoice(tenantId, 'wholesale', '4003', line, { txnDate: '2024-03-02', marketSegment: 'wholesale' }),
      invoice(tenantId, 'no-segment', '4004', line, { txnDate: '2024-03-02' }),
    ]);
    const events = await outcomesOf(topics, tenantId, (e) => eventsFor(e, 'invoice.pushed', 'on-the-day').length === 1 && e.filter((m) => m.event?.type === 'invoice.skipped').length === 3);

    expect(eventsFor(events, 'invoice.skipped', 'day-before')[0]).toMatchObject({ filter: 'sync_data_after' });
    expect(eventsFor(events, 'invoice.skipped', 'wholesale')[0]).toMatchObject({ filter: 'market_segment' });
    expect(eventsFor(events, 'invoice.skipped', 'no-segment')[0]).toMatchObject({ filter: 'market_segment' });
    expect((await invoicesIn(acme)).map((i) => i.DocNumber)).toEqual(['4001']);
  });

  it('refuses an invoice whose money QBO would change, as invalid_amount naming the field, and writes nothing to QBO', async () => {
    const tenantId = uniqueName('tenant');
    const acme = newCompany('Money Co');
    const income = acme.accountIdOf('Income', 0);
    await publishSettings(bus, topics, tenantId, acme.realmId, { settings: { invoices: { enabled: true }, accounts: { income } } });
    await settingsReached(worker, tenantId);
    await linkCustomers(bus, topics, tenantId, acme, ['c1']);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [
      invoice(tenantId, 'negative', '5001', [{ productId: 'p1', productName: 'Refund', quantity: '1', unitPrice: '-25.00' }]),
      invoice(tenantId, 'fraction', '5002', [{ productId: 'p1', productName: 'Metered', quantity: '3', unitPrice: '0.333' }]),
      invoice(tenantId, 'fine', '5003', [{ productId: 'p1', productName: 'Metered', quantity: '8', unitPrice: '0.125' }]),
    ]);
    const events = await outcomesOf(topics, tenantId, (e) => eventsFor(e, 'invoice.pushed', 'fine').length === 1 && e.filter((m) => m.event?.type === 'invoice.push_failed').length === 2);

    expect(eventsFor(events, 'invoice.push_failed', 'negative')[0]).toMatchObject({ code: 'invalid_amount', retriable: false, message: expect.stringMatching(/^total: /) as unknown });
    expect(eventsFor(events, 'invoice.push_failed', 'fraction')[0]).toMatchObject({ code: 'invalid_amount', retriable: false, message: expect.stringMatching(/^lines\[0\]\.amount: /) as unknown });
    const inQbo = await invoicesIn(acme);
    expect(inQbo.map((i) => i.DocNumber)).toEqual(['5003']);
    expect(inQbo[0]?.TotalAmt).toBe(1);
  });
});
