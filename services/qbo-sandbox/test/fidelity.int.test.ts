import { basics, invoiceBody, records, startHarness } from './support/harness';
import type { Harness } from './support/harness';

describe('fidelity: what QBO refuses and answers', () => {
  let h: Harness;
  let ids: { incomeAccountId: string; serviceItemId: string; customerId: string };
  beforeAll(async () => {
    h = await startHarness();
    ids = await basics(h);
  });
  afterAll(() => h.close());

  describe('unknown properties', () => {
    it('refuses a misspelled top-level property with 400 ValidationFault 2010 naming it, and writes nothing', async () => {
      const before = records(h, 'Customer').length;
      const res = await h.api('customer', { body: { DisplayName: 'Typo Co', PrimaryEmail: { Address: 'a@example.com' } } });
      expect(res.status).toBe(400);
      expect(res.body.Fault.type).toBe('ValidationFault');
      expect(res.body.Fault.Error[0]).toMatchObject({ code: '2010', Message: 'Request has invalid or unsupported property', element: 'PrimaryEmail' });
      expect(res.body.Fault.Error[0].Detail).toContain('PrimaryEmail');
      expect(records(h, 'Customer')).toHaveLength(before);
    });

    it('refuses an unknown property inside a line and inside SalesItemLineDetail, naming its path', async () => {
      const line = await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '10.00', {}) });
      expect(line.status).toBe(200);
      const bad = invoiceBody(ids.customerId, ids.serviceItemId);
      (bad.Line as Record<string, unknown>[])[0]!.Quantity = 2;
      const r1 = await h.api('invoice', { body: bad });
      expect([r1.status, r1.body.Fault.Error[0].code, r1.body.Fault.Error[0].element]).toEqual([400, '2010', 'Line[0].Quantity']);
      const r2 = await h.api('invoice', {
        body: { CustomerRef: { value: ids.customerId }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId }, ItemId: '1' } }] },
      });
      expect([r2.status, r2.body.Fault.Error[0].code, r2.body.Fault.Error[0].element]).toEqual([400, '2010', 'Line[0].SalesItemLineDetail.ItemId']);
    });

    it('accepts read-only properties a client sends back from a read (full update of what was read)', async () => {
      const created = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '40.00') })).body.Invoice;
      const res = await h.api('invoice', { body: { ...created, PrivateNote: 'round trip' } });
      expect(res.status).toBe(200);
      expect(res.body.Invoice.PrivateNote).toBe('round trip');
    });

    it('refuses an unknown property in a batch item with that item’s own 2010 fault', async () => {
      const res = await h.api('batch', {
        body: { BatchItemRequest: [{ bId: 'a', operation: 'create', Customer: { DisplayName: 'Batch Typo', Nickname: 'x' } }, { bId: 'b', operation: 'create', Customer: { DisplayName: 'Batch Fine' } }] },
      });
      expect(res.status).toBe(200);
      expect(res.body.BatchItemResponse[0].Fault.Error[0]).toMatchObject({ code: '2010', element: 'Nickname' });
      expect(res.body.BatchItemResponse[1].Customer.DisplayName).toBe('Batch Fine');
    });

    it('accepts and drops unknown properties when rejectUnknownProperties is off', async () => {
      h.sandbox.admin.updateSettings({ api: { rejectUnknownProperties: false } });
      try {
        const res = await h.api('customer', { body: { DisplayName: 'Lenient Co', Nickname: 'x' } });
        expect(res.status).toBe(200);
        expect(res.body.Customer.Nickname).toBeUndefined();
      } finally {
        h.sandbox.admin.updateSettings({ api: { rejectUnknownProperties: true } });
      }
    });
  });

  describe('limits of the emulator', () => {
    const notEmulated = (res: { status: number; headers: Headers; body: { Fault: { type: string; Error: { code: string; element: string }[] } } }, header: string): void => {
      expect(res.status).toBe(501);
      expect(res.headers.get('x-sandbox-not-emulated')).toBe(header);
      expect(res.body.Fault.type).toBe('SandboxNotEmulated');
      expect(res.body.Fault.Error[0]!.code).toBe('9501');
    };

    it('answers an entity QBO has but the sandbox does not (write, read, query, CDC) with the not-emulated fault', async () => {
      notEmulated(await h.api('vendor', { body: { DisplayName: 'Acme Supplies' } }), 'entity Vendor');
      notEmulated(await h.api('bill/1'), 'entity Bill');
      notEmulated(await h.api('query', { query: { query: 'select * from Estimate' } }), 'entity Estimate');
      notEmulated(await h.api('cdc', { query: { entities: 'Customer,Vendor', changedSince: new Date(h.sandbox.clock.now().getTime() - 3_600_000).toISOString() } }), 'entity Vendor');
    });

    it('keeps QBO-style answers for names QBO does not have either', async () => {
      const res = await h.api('query', { query: { query: 'select * from Nonsense' } });
      expect([res.status, res.body.Fault.Error[0].code, res.headers.get('x-sandbox-not-emulated')]).toEqual([400, '4001', null]);
    });

    it('answers a report, an endpoint and a line type it does not implement with the not-emulated fault', async () => {
      notEmulated(await h.api('reports/TrialBalance'), 'report TrialBalance');
      const inv = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId) })).body.Invoice;
      notEmulated(await h.api(`invoice/${inv.Id}/pdf`), 'endpoint GET /invoice/{id}/pdf');
      notEmulated(await h.api(`invoice/${inv.Id}/send`, { method: 'POST', query: { sendTo: 'a@example.com' } }), 'endpoint POST /invoice/{id}/send');
      const group = invoiceBody(ids.customerId, ids.serviceItemId);
      (group.Line as unknown[]).push({ DetailType: 'GroupLineDetail', Amount: 5, GroupLineDetail: {} });
      notEmulated(await h.api('invoice', { body: group }), 'field Line.DetailType GroupLineDetail');
      notEmulated(await h.api('customer', { body: { DisplayName: 'Euro Co', CurrencyRef: { value: 'EUR' } } }), 'field CurrencyRef');
    });

    it('marks a batch item it does not emulate with its own fault and the response with the header', async () => {
      const res = await h.api('batch', {
        body: { BatchItemRequest: [{ bId: 'v', operation: 'create', Vendor: { DisplayName: 'V' } }, { bId: 'r', ReportQuery: 'ProfitAndLoss' }, { bId: 'q', Query: 'select count(*) from Customer' }] },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-sandbox-not-emulated')).toBe('entity Vendor, endpoint batch ReportQuery');
      expect(res.body.BatchItemResponse[0].Fault).toMatchObject({ type: 'SandboxNotEmulated', Error: [{ code: '9501', element: 'Vendor' }] });
      expect(res.body.BatchItemResponse[1].Fault.type).toBe('SandboxNotEmulated');
      expect(res.body.BatchItemResponse[2].QueryResponse.totalCount).toBeGreaterThan(0);
    });
  });

  describe('batch void in Intuit\'s batch form', () => {
    it('voids an invoice and a payment with operation "update" and optionsData "void"', async () => {
      const inv = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '70.00') })).body.Invoice;
      const other = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '30.00') })).body.Invoice;
      const pay = (await h.api('payment', { body: { CustomerRef: { value: ids.customerId }, TotalAmt: 30, Line: [{ Amount: 30, LinkedTxn: [{ TxnId: other.Id, TxnType: 'Invoice' }] }] } })).body.Payment;
      const res = await h.api('batch', {
        body: {
          BatchItemRequest: [
            { bId: 'i', operation: 'update', optionsData: 'void', Invoice: { Id: inv.Id, SyncToken: inv.SyncToken } },
            { bId: 'p', operation: 'update', optionsData: 'void', Payment: { Id: pay.Id, SyncToken: pay.SyncToken, sparse: true } },
          ],
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.BatchItemResponse[0].Invoice).toMatchObject({ Id: inv.Id, TotalAmt: 0, PrivateNote: 'Voided', SyncToken: String(Number(inv.SyncToken) + 1) });
      expect(res.body.BatchItemResponse[1].Payment).toMatchObject({ Id: pay.Id, TotalAmt: 0, PrivateNote: 'Voided' });
      const reopened = records(h, 'Invoice').find((i: { Id: string }) => i.Id === other.Id);
      expect(reopened.Balance.toFixed()).toBe('30.00');
    });

    it('still treats operation "update" without optionsData as an update', async () => {
      const inv = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '12.00') })).body.Invoice;
      const res = await h.api('batch', { body: { BatchItemRequest: [{ bId: 'u', operation: 'update', Invoice: { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true, PrivateNote: 'kept' } }] } });
      expect(res.body.BatchItemResponse[0].Invoice).toMatchObject({ TotalAmt: 12, PrivateNote: 'kept' });
    });

    it('answers the OperationEnum values it does not emulate (revert, send, merge) with the not-emulated fault', async () => {
      const res = await h.api('batch', { body: { BatchItemRequest: [{ bId: 's', operation: 'send', Invoice: { Id: '1', SyncToken: '0' } }] } });
      expect(res.body.BatchItemResponse[0].Fault).toMatchObject({ type: 'SandboxNotEmulated', Error: [{ element: 'batch operation send' }] });
    });
  });

  describe('fields QBO returns', () => {
    it('defaults an invoice from its customer: BillEmail, BillAddr/ShipAddr with their own Ids, SalesTermRef; LinkedTxn [], CustomField [], AllowOnline* false, line ItemAccountRef', async () => {
      const customer = (
        await h.api('customer', {
          body: {
            DisplayName: 'Sonnenschein Family Store',
            PrimaryEmailAddr: { Address: 'family@example.com' },
            BillAddr: { Line1: '5647 Cypress Hill Ave.', City: 'Middlefield', CountrySubDivisionCode: 'CA', PostalCode: '94303', Lat: '37.4', Long: '-122.1' },
            ShipAddr: { Line1: '1 Dock St.', City: 'Middlefield' },
          },
        })
      ).body.Customer;
      expect(customer.BillAddr.Id).toMatch(/^\d+$/);
      expect(customer.ShipAddr.Id).toMatch(/^\d+$/);
      expect(customer.ShipAddr.Id).not.toBe(customer.BillAddr.Id);
      expect(customer.BillAddr.Lat).toBeUndefined();
      const inv = (await h.api('invoice', { body: invoiceBody(customer.Id, ids.serviceItemId, '25.00') })).body.Invoice;
      expect(inv).toMatchObject({
        LinkedTxn: [],
        CustomField: [],
        BillEmail: { Address: 'family@example.com' },
        BillAddr: { Line1: '5647 Cypress Hill Ave.', City: 'Middlefield', PostalCode: '94303' },
        ShipAddr: { Line1: '1 Dock St.' },
        SalesTermRef: { value: '3' },
        AllowIPNPayment: false,
        AllowOnlinePayment: false,
        AllowOnlineCreditCardPayment: false,
        AllowOnlineACHPayment: false,
      });
      expect(inv.BillAddr.Id).toMatch(/^\d+$/);
      expect(inv.BillAddr.Id).not.toBe(customer.BillAddr.Id);
      expect(inv.Line[0].SalesItemLineDetail.ItemAccountRef).toEqual({ value: ids.incomeAccountId, name: expect.any(String) });
      // A sparse update keeps the address and its Id; given values win over the customer's.
      const upd = (await h.api('invoice', { body: { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true, BillEmail: { Address: 'ap@example.com' }, AllowOnlineACHPayment: true } })).body.Invoice;
      expect(upd).toMatchObject({ BillEmail: { Address: 'ap@example.com' }, AllowOnlineACHPayment: true, BillAddr: { Id: inv.BillAddr.Id } });
    });

    it('returns CompanyInfo with its three addresses (with Ids) and phone', async () => {
      const info = (await h.api(`companyinfo/${h.realmId}`)).body.CompanyInfo;
      for (const field of ['CompanyAddr', 'LegalAddr', 'CustomerCommunicationAddr']) expect(info[field]).toMatchObject({ Id: '1', Line1: expect.any(String), City: expect.any(String) });
      expect(info.PrimaryPhone.FreeFormNumber).toEqual(expect.any(String));
    });

    it('sends intuit_tid, Server and QBO-Version on every API response (the last two configurable, UNCONFIRMED)', async () => {
      const res = await h.api(`customer/${ids.customerId}`);
      expect(res.headers.get('intuit_tid')).toEqual(expect.any(String));
      expect(res.headers.get('server')).toBe('nginx');
      expect(res.headers.get('qbo-version')).toBe('sandbox');
      const fault = await h.api('customer/999999');
      expect(fault.headers.get('qbo-version')).toBe('sandbox');
    });
  });

  describe('Accept', () => {
    const raw = async (path: string, init: { accept?: string; method?: string; body?: string } = {}): Promise<{ status: number; type: string | null; text: string; header: string | null }> => {
      const headers: Record<string, string> = { authorization: `Bearer ${h.token}` };
      if (init.accept !== undefined) headers.accept = init.accept;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${h.base}/v3/company/${h.realmId}/${path}`, { method: init.method ?? 'GET', headers, body: init.body });
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text(), header: res.headers.get('x-sandbox-not-emulated') };
    };

    it('answers an entity read in QBO\'s XML when the request does not ask for JSON, and JSON when it does', async () => {
      const xml = await raw(`customer/${ids.customerId}`);
      expect(xml.status).toBe(200);
      expect(xml.type).toMatch(/^application\/xml/);
      expect(xml.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?><IntuitResponse xmlns="http:\/\/schema.intuit.com\/finance\/v3" time="[^"]+"><Customer domain="QBO" sparse="false">/);
      expect(xml.text).toContain(`<Id>${ids.customerId}</Id>`);
      expect(xml.text).toMatch(/<CurrencyRef name="United States Dollar">USD<\/CurrencyRef>/);
      const json = await raw(`customer/${ids.customerId}`, { accept: 'application/json' });
      expect(json.type).toMatch(/^application\/json/);
      expect(JSON.parse(json.text).Customer.Id).toBe(ids.customerId);
    });

    it('answers a fault in XML without the JSON Accept (a write refused, an unknown id)', async () => {
      const missing = await raw('customer/999999', { accept: '*/*' });
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('<Fault type="ValidationFault"><Error code="610" element="Customer:999999"><Message>Object Not Found</Message>');
      const bad = await raw('customer', { method: 'POST', body: JSON.stringify({ DisplayName: 'X', Colour: 'red' }) });
      expect(bad.text).toContain('<Error code="2010" element="Colour">');
    });

    it('answers the other endpoints without the JSON Accept with the not-emulated fault naming Accept', async () => {
      const q = await raw('query?query=select%20*%20from%20Customer');
      expect([q.status, q.header]).toEqual([501, 'field Accept']);
      expect(q.text).toContain('<Fault type="SandboxNotEmulated"><Error code="9501" element="Accept">');
    });

    it('always answers JSON with api.accept "json"', async () => {
      h.sandbox.admin.updateSettings({ api: { accept: 'json' } });
      try {
        const res = await raw('query?query=select%20*%20from%20Customer');
        expect(res.status).toBe(200);
        expect(JSON.parse(res.text).QueryResponse.Customer.length).toBeGreaterThan(0);
      } finally {
        h.sandbox.admin.updateSettings({ api: { accept: 'xml' } });
      }
    });
  });

  describe('discount lines', () => {
    const rowValue = (rows: unknown, id: string): string | undefined => {
      for (const row of (rows as { Row?: Record<string, unknown>[] } | undefined)?.Row ?? []) {
        const col = (row.ColData as { id?: string; value: string }[] | undefined) ?? [];
        if (col[0]?.id === id) return col[1]?.value;
        const nested = rowValue(row.Rows, id);
        if (nested !== undefined) return nested;
      }
      return undefined;
    };

    it('takes a percent discount of the subtotal off the invoice total and posts it to the discount account', async () => {
      const discount = (await h.api('account', { body: { Name: 'Discounts given', AccountType: 'Income', AccountSubType: 'DiscountsRefundsGiven' } })).body.Account;
      const res = await h.api('invoice', {
        body: {
          CustomerRef: { value: ids.customerId },
          TxnDate: '2026-01-15',
          Line: [
            { DetailType: 'SalesItemLineDetail', Amount: 60, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } },
            { DetailType: 'SalesItemLineDetail', Amount: 45.55, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } },
            { DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 } },
          ],
        },
      });
      expect(res.status).toBe(200);
      const inv = res.body.Invoice;
      // 10 % of 105.55 = 10.555 → 10.56 (half up); total 94.99.
      expect(inv).toMatchObject({ TotalAmt: 94.99, Balance: 94.99 });
      expect(inv.Line[2]).toMatchObject({ DetailType: 'DiscountLineDetail', Amount: 10.56, DiscountLineDetail: { PercentBased: true, DiscountPercent: 10, DiscountAccountRef: { value: discount.Id } } });
      expect(inv.Line.at(-1)).toMatchObject({ DetailType: 'SubTotalLineDetail', Amount: 105.55 });
      const amount = await h.api('invoice', {
        body: { CustomerRef: { value: ids.customerId }, TxnDate: '2026-01-16', Line: [{ DetailType: 'SalesItemLineDetail', Amount: 20, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } }, { DetailType: 'DiscountLineDetail', Amount: 5, DiscountLineDetail: { PercentBased: false } }] },
      });
      expect(amount.body.Invoice.TotalAmt).toBe(15);
      const pl = await h.api('reports/ProfitAndLoss', { query: { start_date: '2026-01-01', end_date: '2026-01-31' } });
      expect(rowValue(pl.body.Rows, discount.Id)).toBe('-15.56');
    });

    it('refuses a discount larger than the subtotal (6000)', async () => {
      const res = await h.api('invoice', {
        body: { CustomerRef: { value: ids.customerId }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: ids.serviceItemId } } }, { DetailType: 'DiscountLineDetail', Amount: 11, DiscountLineDetail: { PercentBased: false } }] },
      });
      expect([res.status, res.body.Fault.Error[0].code]).toEqual([400, '6000']);
    });
  });
});
