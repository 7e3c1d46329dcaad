import type { EntityChange } from '../src';
import type { Harness } from './support/harness';
import { basics, invoiceBody, startHarness } from './support/harness';

let h: Harness;
let ids: Awaited<ReturnType<typeof basics>>;
const changes: EntityChange[] = [];

beforeAll(async () => {
  h = await startHarness();
  h.sandbox.store.onChange((c) => changes.push(c));
  ids = await basics(h);
});
afterAll(() => h.close());

describe('create and read', () => {
  it('creates a customer with Id, SyncToken 0 and MetaData, wrapped with the server time', async () => {
    const res = await h.api('customer', { body: { DisplayName: 'Bill\'s Windsurf Shop', GivenName: 'Bill', PrimaryEmailAddr: { Address: 'surf@example.com' } } });
    expect(res.status).toBe(200);
    const c = res.body.Customer;
    expect(c).toMatchObject({ DisplayName: "Bill's Windsurf Shop", SyncToken: '0', domain: 'QBO', sparse: false, Active: true, Job: false, Level: 0, FullyQualifiedName: "Bill's Windsurf Shop", Balance: 0 });
    expect(c.Id).toMatch(/^\d+$/);
    expect(c.MetaData.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(res.body.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    const read = await h.api(`customer/${c.Id}`);
    expect(read.status).toBe(200);
    expect(read.body.Customer).toEqual(c);
    expect(changes).toContainEqual(expect.objectContaining({ realmId: h.realmId, entity: 'Customer', id: c.Id, operation: 'Create' }));
  });

  it('derives DisplayName from the name parts when it is absent', async () => {
    const res = await h.api('customer', { body: { GivenName: 'Ada', FamilyName: 'Lovelace' } });
    expect(res.body.Customer.DisplayName).toBe('Ada Lovelace');
  });

  it('builds sub-customers with ParentRef, Job, Level and a Parent:Child FullyQualifiedName', async () => {
    const parent = (await h.api('customer', { body: { DisplayName: 'Acme Enterprises' } })).body.Customer;
    const child = (await h.api('customer', { body: { DisplayName: 'Little Acme', ParentRef: { value: parent.Id }, Job: true, BillWithParent: true } })).body.Customer;
    expect(child).toMatchObject({ Job: true, BillWithParent: true, Level: 1, ParentRef: { value: parent.Id }, FullyQualifiedName: 'Acme Enterprises:Little Acme' });
    const grandchild = (await h.api('customer', { body: { DisplayName: 'Site 1', ParentRef: { value: child.Id } } })).body.Customer;
    expect(grandchild).toMatchObject({ Level: 2, FullyQualifiedName: 'Acme Enterprises:Little Acme:Site 1' });
  });

  it('renders money as numbers with two decimals and adds exactly (no float drift)', async () => {
    const res = await h.api('invoice', {
      body: {
        CustomerRef: { value: ids.customerId },
        Line: [
          { DetailType: 'SalesItemLineDetail', Amount: 0.1, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } },
          { DetailType: 'SalesItemLineDetail', Amount: 0.2, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } },
          { DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId }, Qty: 3, UnitPrice: 33.33 } },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('"TotalAmt":100.29');
    expect(res.text).toContain('"Amount":0.10');
    expect(res.body.Invoice.Balance).toBe(100.29);
    expect(res.body.Invoice.Line.at(-1)).toMatchObject({ DetailType: 'SubTotalLineDetail', Amount: 100.29 });
    expect(res.body.Invoice.DocNumber).toMatch(/^\d+$/);
  });

  it('answers 610 Object Not Found for an unknown Id', async () => {
    const res = await h.api('customer/999999');
    expect(res.status).toBe(400);
    expect(res.body.Fault).toMatchObject({ type: 'ValidationFault', Error: [{ code: '610', Message: 'Object Not Found' }] });
  });
});

describe('updates', () => {
  it('sparse update changes only the given fields and increments SyncToken', async () => {
    const c = (await h.api('customer', { body: { DisplayName: 'Sparse Co', GivenName: 'Sam', Notes: 'keep me' } })).body.Customer;
    const res = await h.api('customer', { body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, MiddleName: 'Mac' } });
    expect(res.status).toBe(200);
    expect(res.body.Customer).toMatchObject({ Id: c.Id, SyncToken: '1', MiddleName: 'Mac', GivenName: 'Sam', Notes: 'keep me', sparse: false });
    expect(changes).toContainEqual(expect.objectContaining({ entity: 'Customer', id: c.Id, operation: 'Update' }));
  });

  it('full update clears writable fields left out of the body', async () => {
    const c = (await h.api('customer', { body: { DisplayName: 'Full Co', GivenName: 'Fay', Notes: 'gone after full update' } })).body.Customer;
    const res = await h.api('customer', { body: { Id: c.Id, SyncToken: c.SyncToken, DisplayName: 'Full Co' } });
    expect(res.status).toBe(200);
    expect(res.body.Customer.Notes).toBeUndefined();
    expect(res.body.Customer.GivenName).toBeUndefined();
    expect(res.body.Customer.SyncToken).toBe('1');
  });

  it('rejects an update with a stale SyncToken with 5010 and keeps the record', async () => {
    const c = (await h.api('customer', { body: { DisplayName: 'Stale Co' } })).body.Customer;
    await h.api('customer', { body: { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'first' } });
    const res = await h.api('customer', { body: { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'second' } });
    expect(res.status).toBe(400);
    expect(res.body.Fault.Error[0]).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
    expect(h.sandbox.store.read(h.realmId, 'Customer', c.Id).Notes).toBe('first');
  });

  it('requires a SyncToken on update (2020)', async () => {
    const c = (await h.api('customer', { body: { DisplayName: 'No Token Co' } })).body.Customer;
    const res = await h.api('customer', { body: { Id: c.Id, sparse: true, Notes: 'x' } });
    expect(res.body.Fault.Error[0]).toMatchObject({ code: '2020', element: 'SyncToken' });
  });

  it('replaces invoice lines: kept Ids updated, new lines added, missing lines removed', async () => {
    const inv = (await h.api('invoice', {
      body: { CustomerRef: { value: ids.customerId }, Line: [
        { DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } },
        { DetailType: 'SalesItemLineDetail', Amount: 20, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } },
      ] },
    })).body.Invoice;
    const res = await h.api('invoice', {
      body: { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true, Line: [
        { Id: inv.Line[1].Id, DetailType: 'SalesItemLineDetail', Amount: 25, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } },
        { DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } },
      ] },
    });
    expect(res.status).toBe(200);
    const lines = res.body.Invoice.Line.filter((l: { DetailType: string }) => l.DetailType === 'SalesItemLineDetail');
    expect(lines.map((l: { Id: string; Amount: number }) => [l.Id, l.Amount])).toEqual([[inv.Line[1].Id, 25], ['3', 5]]);
    expect(res.body.Invoice.TotalAmt).toBe(30);
  });
});

describe('business rules', () => {
  it('rejects a duplicate DisplayName across customers and employees with 6240', async () => {
    await h.api('customer', { body: { DisplayName: 'Dup Name' } });
    const again = await h.api('customer', { body: { DisplayName: 'dup name' } });
    expect(again.status).toBe(400);
    expect(again.body.Fault).toMatchObject({ type: 'ValidationFault', Error: [{ code: '6240', Message: 'Duplicate Name Exists Error' }] });
    const employee = await h.api('employee', { body: { DisplayName: 'Dup Name', GivenName: 'Dup' } });
    expect(employee.body.Fault.Error[0].code).toBe('6240');
    expect(h.sandbox.admin.entities(h.realmId, 'Employee').some((e) => e.DisplayName === 'Dup Name')).toBe(false);
  });

  it('rejects a missing required field with 2020 naming the field', async () => {
    const res = await h.api('invoice', { body: { CustomerRef: { value: ids.customerId } } });
    expect(res.status).toBe(400);
    expect(res.body.Fault.Error[0]).toMatchObject({ code: '2020', Detail: 'Required parameter Line is missing in the request' });
    const item = await h.api('item', { body: { Name: 'No Account', Type: 'Service' } });
    expect(item.body.Fault.Error[0]).toMatchObject({ code: '2020', element: 'IncomeAccountRef' });
  });

  it('rejects a reference to a missing or inactive entity with 2500', async () => {
    const missing = await h.api('invoice', { body: invoiceBody('99999', ids.serviceItemId) });
    expect(missing.body.Fault.Error[0]).toMatchObject({ code: '2500', element: 'CustomerRef' });
    const item = (await h.api('item', { body: { Name: 'Retired', Type: 'Service', IncomeAccountRef: { value: ids.incomeAccountId } } })).body.Item;
    await h.api('item', { body: { Id: item.Id, SyncToken: item.SyncToken, sparse: true, Active: false } });
    const inactive = await h.api('invoice', { body: invoiceBody(ids.customerId, item.Id) });
    expect(inactive.status).toBe(400);
    expect(inactive.body.Fault.Error[0]).toMatchObject({ code: '2500', element: 'ItemRef' });
  });

  it('rejects Amount different from Qty × UnitPrice with 6070', async () => {
    const res = await h.api('invoice', { body: { CustomerRef: { value: ids.customerId }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 50, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId }, Qty: 2, UnitPrice: 20 } }] } });
    expect(res.body.Fault.Error[0].code).toBe('6070');
  });

  it('rejects a payment applied beyond the invoice open balance with 6000', async () => {
    const inv = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '40.00') })).body.Invoice;
    const res = await h.api('payment', { body: { CustomerRef: { value: ids.customerId }, TotalAmt: 50, Line: [{ Amount: 50, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] } });
    expect(res.status).toBe(400);
    expect(res.body.Fault.Error[0]).toMatchObject({ code: '6000', Message: 'A business validation error has occurred while processing your request' });
    expect(res.body.Fault.Error[0].Detail).toMatch(/^Business Validation Error: /);
  });

  it('rejects a duplicate invoice DocNumber with 6140 when the company setting asks for it', async () => {
    await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '10.00', { DocNumber: 'INV-7' }) });
    expect((await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '10.00', { DocNumber: 'INV-7' }) })).status).toBe(200);
    h.sandbox.admin.updateSettings({ api: { rejectDuplicateDocNumber: true } });
    try {
      const res = await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '10.00', { DocNumber: 'INV-7' }) });
      expect(res.body.Fault.Error[0]).toMatchObject({ code: '6140', element: 'DocNumber' });
    } finally {
      h.sandbox.admin.updateSettings({ api: { rejectDuplicateDocNumber: false } });
    }
  });

  it('rejects an unbalanced journal entry with 6000', async () => {
    const accounts = h.sandbox.admin.entities(h.realmId, 'Account');
    const bank = accounts.find((a) => a.AccountType === 'Bank')!;
    const equity = accounts.find((a) => a.AccountType === 'Equity')!;
    const res = await h.api('journalentry', {
      body: { Line: [
        { DetailType: 'JournalEntryLineDetail', Amount: 100, JournalEntryLineDetail: { PostingType: 'Debit', AccountRef: { value: bank.Id } } },
        { DetailType: 'JournalEntryLineDetail', Amount: 90, JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: equity.Id } } },
      ] },
    });
    expect(res.body.Fault.Error[0].code).toBe('6000');
  });

  it('answers 403 in the gateway shape for a company that does not exist', async () => {
    const other = await startHarness({ staticTokens: { 'any-realm': '*' } });
    try {
      const res = await other.http('/v3/company/123456789/customer/1', { token: 'any-realm' });
      expect(res.status).toBe(403);
      expect(res.body.fault).toMatchObject({ error: [{ code: '3100' }], type: 'SERVICE' });
    } finally {
      await other.close();
    }
  });

  it('answers a malformed JSON body with a 400 fault, never a 5xx', async () => {
    const res = await h.api('customer', { rawBody: '{"DisplayName": ', contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.Fault.type).toBe('ValidationFault');
  });
});

describe('delete, inactivate and void', () => {
  it('deletes a transaction with ?operation=delete and answers status Deleted', async () => {
    const inv = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId) })).body.Invoice;
    const res = await h.api('invoice', { body: { Id: inv.Id, SyncToken: inv.SyncToken }, query: { operation: 'delete' } });
    expect(res.status).toBe(200);
    expect(res.body.Invoice).toEqual({ status: 'Deleted', domain: 'QBO', Id: inv.Id });
    expect((await h.api(`invoice/${inv.Id}`)).body.Fault.Error[0].code).toBe('610');
    expect(h.sandbox.admin.counts(h.realmId).Invoice?.deleted).toBeGreaterThanOrEqual(1);
    expect(changes).toContainEqual(expect.objectContaining({ entity: 'Invoice', id: inv.Id, operation: 'Delete' }));
  });

  it('refuses to delete a name-list entity; Active:false makes it inactive instead', async () => {
    const c = (await h.api('customer', { body: { DisplayName: 'Going Away' } })).body.Customer;
    const del = await h.api('customer', { body: { Id: c.Id, SyncToken: c.SyncToken }, query: { operation: 'delete' } });
    expect(del.status).toBe(400);
    expect(del.body.Fault.Error[0]).toMatchObject({ code: '500', Message: 'Unsupported Operation' });
    const inactive = await h.api('customer', { body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Active: false } });
    expect(inactive.body.Customer).toMatchObject({ Active: false, DisplayName: 'Going Away (deleted)' });
    // The name is free again, and an inactive customer cannot be used on new invoices.
    expect((await h.api('customer', { body: { DisplayName: 'Going Away' } })).status).toBe(200);
    expect((await h.api('invoice', { body: invoiceBody(c.Id, ids.serviceItemId) })).body.Fault.Error[0].code).toBe('2500');
  });

  it('voids an invoice: amounts zeroed, Voided in PrivateNote, SyncToken bumped', async () => {
    const inv = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '75.00', { PrivateNote: 'job 7' }) })).body.Invoice;
    const res = await h.api('invoice', { body: { Id: inv.Id, SyncToken: inv.SyncToken }, query: { operation: 'void' } });
    expect(res.status).toBe(200);
    expect(res.body.Invoice).toMatchObject({ Id: inv.Id, SyncToken: '1', TotalAmt: 0, Balance: 0, PrivateNote: 'Voided - job 7' });
    expect(res.body.Invoice.Line.every((l: { Amount: number }) => l.Amount === 0)).toBe(true);
    expect(changes).toContainEqual(expect.objectContaining({ entity: 'Invoice', id: inv.Id, operation: 'Void' }));
  });

  it('applies a payment to an invoice, reducing its Balance, and voids it the Intuit way (operation=update&include=void)', async () => {
    const inv = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '120.00') })).body.Invoice;
    const pay = await h.api('payment', {
      body: { CustomerRef: { value: ids.customerId }, TotalAmt: 130, PaymentRefNum: '1042', PaymentMethodRef: { value: '2' }, Line: [{ Amount: 120, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] },
    });
    expect(pay.status).toBe(200);
    expect(pay.body.Payment).toMatchObject({ TotalAmt: 130, UnappliedAmt: 10, PaymentRefNum: '1042', DepositToAccountRef: { name: 'Undeposited Funds' } });
    const paid = (await h.api(`invoice/${inv.Id}`)).body.Invoice;
    expect(changes).toContainEqual(expect.objectContaining({ entity: 'Invoice', id: inv.Id, operation: 'Update' }));
    expect(paid).toMatchObject({ Balance: 0, SyncToken: '1', LinkedTxn: [{ TxnId: pay.body.Payment.Id, TxnType: 'Payment' }] });
    // An invoice with a payment applied can be neither voided nor deleted.
    expect((await h.api('invoice', { body: { Id: inv.Id, SyncToken: paid.SyncToken }, query: { operation: 'void' } })).body.Fault.Error[0].code).toBe('6000');

    const p = pay.body.Payment;
    const voided = await h.api('payment', { body: { Id: p.Id, SyncToken: p.SyncToken, sparse: true }, query: { operation: 'update', include: 'void' } });
    expect(voided.status).toBe(200);
    expect(voided.body.Payment).toMatchObject({ TotalAmt: 0, UnappliedAmt: 0, PrivateNote: 'Voided', SyncToken: '1' });
    const reopened = (await h.api(`invoice/${inv.Id}`)).body.Invoice;
    expect(reopened.Balance).toBe(120);
    expect(reopened.LinkedTxn).toEqual([]); // QBO returns an empty LinkedTxn, never none
  });

  it('keeps the customer Balance equal to open invoices less unapplied payments', async () => {
    const cust = (await h.api('customer', { body: { DisplayName: 'Balance Check' } })).body.Customer;
    await h.api('invoice', { body: invoiceBody(cust.Id, ids.serviceItemId, '200.00') });
    await h.api('payment', { body: { CustomerRef: { value: cust.Id }, TotalAmt: 30 } });
    expect((await h.api(`customer/${cust.Id}`)).body.Customer.Balance).toBe(170);
  });
});
