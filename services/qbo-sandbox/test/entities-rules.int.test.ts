/**
 * Rules of issue 3 that the other files do not cover: every entity type over HTTP, 2500 on
 * account references, void in a batch, payment void with ?operation=void, webhooks for
 * Void/Delete/Merge through the whole stack, configurable token lifetimes, and the admin
 * settings route refusing the OAuth/webhook parts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Harness, Rec } from './support/harness';
import { basics, invoiceBody, records, startHarness, waitFor } from './support/harness';

let h: Harness;
let ids: Awaited<ReturnType<typeof basics>>;

const account = (type: string, subtype?: string): Rec => records(h, 'Account').find((a: Rec) => a.AccountType === type && (subtype === undefined || a.AccountSubType === subtype));

beforeAll(async () => {
  h = await startHarness();
  ids = await basics(h);
});
afterAll(async () => {
  await h.close();
});

describe('every emulated entity over HTTP', () => {
  it('creates and reads Employee (SSN masked on read), PaymentMethod and Class', async () => {
    const employee = await h.api('employee', { body: { GivenName: 'Ada', FamilyName: 'Lovelace', SSN: '123-45-6789', PrimaryEmailAddr: { Address: 'ada@example.com' } } });
    expect(employee.status).toBe(200);
    expect(employee.body.Employee).toMatchObject({ DisplayName: 'Ada Lovelace', SSN: 'XXX-XX-XXXX', SyncToken: '0', Active: true });
    expect((await h.api(`employee/${employee.body.Employee.Id}`)).body.Employee.SSN).toBe('XXX-XX-XXXX');

    const method = await h.api('paymentmethod', { body: { Name: 'Wire', Type: 'NON_CREDIT_CARD' } });
    expect(method.status).toBe(200);
    expect((await h.api(`paymentmethod/${method.body.PaymentMethod.Id}`)).body.PaymentMethod).toMatchObject({ Name: 'Wire', Type: 'NON_CREDIT_CARD', Active: true });

    const parent = (await h.api('class', { body: { Name: 'Retail' } })).body.Class;
    const child = await h.api('class', { body: { Name: 'Online', ParentRef: { value: parent.Id } } });
    expect(child.status).toBe(200);
    expect((await h.api(`class/${child.body.Class.Id}`)).body.Class).toMatchObject({ Name: 'Online', ParentRef: { value: parent.Id } });
  });

  it('serves TaxCode TAX and NON read-only', async () => {
    const tax = await h.api('taxcode/TAX');
    expect(tax.status).toBe(200);
    expect(tax.body.TaxCode).toMatchObject({ Id: 'TAX', Name: 'TAX', Taxable: true });
    const created = await h.api('taxcode', { body: { Name: 'NEW' } });
    expect(created.status).toBe(400);
    expect(records(h, 'TaxCode').map((t: Rec) => t.Id).sort()).toEqual(['NON', 'TAX']);
  });

  it('creates NonInventory and Inventory items with their income, expense and asset account refs', async () => {
    const income = account('Income');
    const cogs = account('Cost of Goods Sold');
    const asset = account('Other Current Asset', 'Inventory') ?? account('Other Current Asset');
    const non = await h.api('item', { body: { Name: 'Gift wrap', Type: 'NonInventory', IncomeAccountRef: { value: income.Id }, ExpenseAccountRef: { value: cogs.Id }, UnitPrice: 4.5 } });
    expect(non.status).toBe(200);
    expect(non.body.Item).toMatchObject({ Type: 'NonInventory', IncomeAccountRef: { value: income.Id }, ExpenseAccountRef: { value: cogs.Id }, UnitPrice: 4.5 });
    const inv = await h.api('item', {
      body: { Name: 'Widget', Type: 'Inventory', TrackQtyOnHand: true, QtyOnHand: 40, InvStartDate: '2025-01-01', UnitPrice: 25, PurchaseCost: 10, IncomeAccountRef: { value: income.Id }, ExpenseAccountRef: { value: cogs.Id }, AssetAccountRef: { value: asset.Id } },
    });
    expect(inv.status).toBe(200);
    expect((await h.api(`item/${inv.body.Item.Id}`)).body.Item).toMatchObject({ Type: 'Inventory', QtyOnHand: 40, AssetAccountRef: { value: asset.Id }, ExpenseAccountRef: { value: cogs.Id } });
    const noAsset = await h.api('item', { body: { Name: 'Widget 2', Type: 'Inventory', TrackQtyOnHand: true, QtyOnHand: 1, InvStartDate: '2025-01-01', IncomeAccountRef: { value: income.Id }, ExpenseAccountRef: { value: cogs.Id } } });
    expect(noAsset.body.Fault.Error[0]).toMatchObject({ code: '2020', element: 'AssetAccountRef' });
  });

  it('keeps an invoice’s TxnDate, DueDate, DocNumber and ARAccountRef, and computes TotalAmt and Balance exactly', async () => {
    const ar = account('Accounts Receivable');
    const res = await h.api('invoice', {
      body: {
        ...invoiceBody(ids.customerId, ids.serviceItemId, '0.10'),
        Line: [
          { DetailType: 'SalesItemLineDetail', Amount: 0.1, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } },
          { DetailType: 'SalesItemLineDetail', Amount: 0.2, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } },
        ],
        TxnDate: '2026-01-15',
        DueDate: '2026-02-14',
        DocNumber: 'INV-7',
        ARAccountRef: { value: ar.Id },
      },
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('"TotalAmt":0.30');
    expect((await h.api(`invoice/${res.body.Invoice.Id}`)).body.Invoice).toMatchObject({ TxnDate: '2026-01-15', DueDate: '2026-02-14', DocNumber: 'INV-7', ARAccountRef: { value: ar.Id }, TotalAmt: 0.3, Balance: 0.3 });
  });

  it('creates, reads and voids a SalesReceipt deposited to a bank account with a payment method', async () => {
    const bank = account('Bank');
    const created = await h.api('salesreceipt', { body: { ...invoiceBody(ids.customerId, ids.serviceItemId, '55.00'), DepositToAccountRef: { value: bank.Id }, PaymentMethodRef: { value: '1' } } });
    expect(created.status).toBe(200);
    expect(created.body.SalesReceipt).toMatchObject({ TotalAmt: 55, Balance: 0, DepositToAccountRef: { value: bank.Id }, PaymentMethodRef: { value: '1' } });
    const voided = await h.api('salesreceipt', { body: { Id: created.body.SalesReceipt.Id, SyncToken: '0' }, query: { operation: 'void' } });
    expect(voided.status).toBe(200);
    expect(voided.body.SalesReceipt).toMatchObject({ TotalAmt: 0, SyncToken: '1' });
    expect(voided.body.SalesReceipt.PrivateNote).toMatch(/^Voided/);
  });
});

describe('references to accounts', () => {
  it('rejects a missing, inactive or wrong-type IncomeAccountRef with 2500', async () => {
    const missing = await h.api('item', { body: { Name: 'Bad Ref 1', Type: 'Service', IncomeAccountRef: { value: '99999' } } });
    expect(missing.status).toBe(400);
    expect(missing.body.Fault.Error[0]).toMatchObject({ code: '2500', element: 'IncomeAccountRef' });
    const expense = account('Expense');
    const wrongType = await h.api('item', { body: { Name: 'Bad Ref 2', Type: 'Service', IncomeAccountRef: { value: expense.Id } } });
    expect(wrongType.body.Fault.Error[0]).toMatchObject({ code: '2500', element: 'IncomeAccountRef' });
    const acct = (await h.api('account', { body: { Name: 'Old Sales', AccountType: 'Income' } })).body.Account;
    const off = await h.api('account', { body: { Id: acct.Id, SyncToken: acct.SyncToken, sparse: true, Active: false } });
    expect(off.body.Account.Active).toBe(false);
    const inactive = await h.api('item', { body: { Name: 'Bad Ref 3', Type: 'Service', IncomeAccountRef: { value: acct.Id } } });
    expect(inactive.body.Fault.Error[0]).toMatchObject({ code: '2500', element: 'IncomeAccountRef' });
    expect(records(h, 'Item').filter((i: Rec) => String(i.Name).startsWith('Bad Ref'))).toHaveLength(0);
  });
});

describe('void', () => {
  it('voids a payment with ?operation=void too (some apps try it first), reopening its invoice', async () => {
    const inv = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '80.00') })).body.Invoice;
    const pay = (await h.api('payment', { body: { CustomerRef: { value: ids.customerId }, TotalAmt: 80, Line: [{ Amount: 80, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] } })).body.Payment;
    expect((await h.api(`invoice/${inv.Id}`)).body.Invoice.Balance).toBe(0);
    const voided = await h.api('payment', { body: { Id: pay.Id, SyncToken: pay.SyncToken }, query: { operation: 'void' } });
    expect(voided.status).toBe(200);
    expect(voided.body.Payment).toMatchObject({ TotalAmt: 0, PrivateNote: 'Voided' });
    expect((await h.api(`invoice/${inv.Id}`)).body.Invoice.Balance).toBe(80);
  });

  it('voids an invoice and a payment inside a batch (operation void), and updates in the same batch', async () => {
    const inv = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '15.00') })).body.Invoice;
    const paid = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '25.00') })).body.Invoice;
    const pay = (await h.api('payment', { body: { CustomerRef: { value: ids.customerId }, TotalAmt: 25, Line: [{ Amount: 25, LinkedTxn: [{ TxnId: paid.Id, TxnType: 'Invoice' }] }] } })).body.Payment;
    const cust = (await h.api('customer', { body: { DisplayName: 'Batch Update Target' } })).body.Customer;
    const res = await h.api('batch', {
      body: {
        BatchItemRequest: [
          { bId: 'v1', operation: 'void', Invoice: { Id: inv.Id, SyncToken: inv.SyncToken } },
          { bId: 'v2', operation: 'void', Payment: { Id: pay.Id, SyncToken: pay.SyncToken } },
          { bId: 'u1', operation: 'update', Customer: { Id: cust.Id, SyncToken: cust.SyncToken, sparse: true, CompanyName: 'Updated Co' } },
        ],
      },
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.BatchItemResponse.map((r: Rec) => [r.bId, r]));
    expect(byId.v1.Invoice).toMatchObject({ Id: inv.Id, TotalAmt: 0, Balance: 0, SyncToken: '1' });
    expect(byId.v2.Payment).toMatchObject({ Id: pay.Id, TotalAmt: 0 });
    expect(byId.u1.Customer).toMatchObject({ Id: cust.Id, CompanyName: 'Updated Co', SyncToken: '1' });
    expect((await h.api(`invoice/${paid.Id}`)).body.Invoice.Balance).toBe(25);
  });
});

describe('webhooks through the whole stack', () => {
  it('notifies Create, Update, Void, Delete and Merge with the entity names of the API writes', async () => {
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      h.sandbox.webhooks.updateSettings({ batchWindowSeconds: 0 });
      h.sandbox.webhooks.configureEndpoint({ appId: 'audit-app', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, verifierToken: 'v', format: 'legacy', realmIds: [h.realmId] });
      const a = (await h.api('customer', { body: { DisplayName: 'Hook A' } })).body.Customer;
      const b = (await h.api('customer', { body: { DisplayName: 'Hook B' } })).body.Customer;
      await h.api('customer', { body: { Id: b.Id, SyncToken: b.SyncToken, sparse: true, Notes: 'updated' } });
      const inv = (await h.api('invoice', { body: invoiceBody(a.Id, ids.serviceItemId) })).body.Invoice;
      await h.api('invoice', { body: { Id: inv.Id, SyncToken: inv.SyncToken }, query: { operation: 'void' } });
      const other = (await h.api('invoice', { body: invoiceBody(a.Id, ids.serviceItemId) })).body.Invoice;
      await h.api('invoice', { body: { Id: other.Id, SyncToken: other.SyncToken }, query: { operation: 'delete' } });
      expect((await h.http(`/_sandbox/companies/${h.realmId}/merge-customers`, { body: { fromId: a.Id, intoId: b.Id } })).status).toBe(200);
      const entities = (): Rec[] => received.flatMap((body) => JSON.parse(body).eventNotifications.flatMap((n: Rec) => n.dataChangeEvent.entities));
      await waitFor(() => entities().some((e) => e.operation === 'Merge'));
      const seen = entities().map((e) => `${e.name} ${e.id} ${e.operation}${e.deletedId ? ` ${e.deletedId}` : ''}`);
      expect(seen).toEqual(
        expect.arrayContaining([`Customer ${a.Id} Create`, `Customer ${b.Id} Update`, `Invoice ${inv.Id} Create`, `Invoice ${inv.Id} Void`, `Invoice ${other.Id} Delete`, `Customer ${b.Id} Merge ${a.Id}`]),
      );
    } finally {
      h.sandbox.webhooks.removeEndpoint('audit-app');
      await new Promise((r) => receiver.close(r));
    }
  });
});

describe('lifetimes and settings', () => {
  it('takes the access-token lifetime from the oauth settings (expires_in and the 401 after it)', async () => {
    const short = await startHarness({ settings: { oauth: { accessTokenTtlSeconds: 60 } } });
    try {
      const issued = short.sandbox.oauth.issueTokens({ realmId: short.realmId }).response;
      expect(issued.expires_in).toBe(60);
      expect((await short.api('preferences', { token: issued.access_token })).status).toBe(200);
      short.sandbox.clock.advance(61_000);
      const expired = await short.api('preferences', { token: issued.access_token });
      expect(expired.status).toBe(401);
      expect(expired.body.fault.error[0].code).toBe('3200');
    } finally {
      await short.close();
    }
  });

  it('refuses oauth and webhooks in PATCH /_sandbox/settings (they have their own admin routes) and changes nothing', async () => {
    const before = (await h.http('/_sandbox/settings')).body;
    const res = await h.http('/_sandbox/settings', { method: 'PATCH', body: { oauth: { accessTokenTtlSeconds: 5 } } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const hooks = await h.http('/_sandbox/settings', { method: 'PATCH', body: { webhooks: { dropRate: 1 } } });
    expect(hooks.status).toBe(400);
    expect((await h.http('/_sandbox/settings')).body).toEqual(before);
    const viaOwnRoute = await h.http('/_sandbox/webhooks/settings', { method: 'PATCH', body: { dropRate: 0.5 } });
    expect(viaOwnRoute.status).toBe(200);
    expect(h.sandbox.webhooks.getSettings().dropRate).toBe(0.5);
    h.sandbox.webhooks.updateSettings({ dropRate: 0 });
  });
});
