import type { Harness } from './support/harness';
import { records, startHarness } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({}, { seed: 7, size: 'small', asOf: '2026-06-30' });
});
afterAll(() => h.close());

const q = (query: string) => h.api('query', { query: { query } });

describe('gateway authentication', () => {
  const gateway401 = (body: unknown) =>
    expect(body).toMatchObject({
      // The gateway's envelope keys QBO sends beside the fault (python-quickbooks#118, #250).
      warnings: null,
      intuitObject: null,
      fault: { error: [{ code: '3200', message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', element: null }], type: 'AUTHENTICATION' },
      report: null,
      queryResponse: null,
      batchItemResponse: [],
      attachableResponse: [],
      syncErrorResponse: null,
      requestId: null,
      time: expect.any(Number),
      status: null,
      cdcresponse: [],
    });

  it('answers 401 in the gateway shape when the Authorization header is missing', async () => {
    const res = await h.api('customer/1', { token: null });
    expect(res.status).toBe(401);
    gateway401(res.body);
    expect(res.body.Fault).toBeUndefined();
  });

  it('answers 401 for an unknown token', async () => {
    const res = await h.api('customer/1', { token: 'not-a-token' });
    expect(res.status).toBe(401);
    gateway401(res.body);
  });

  it('answers 401 once the OAuth server expires the access token', async () => {
    const token = h.sandbox.oauth.issueTokens({ realmId: h.realmId }).response.access_token;
    expect((await h.api('companyinfo/' + h.realmId, { token })).status).toBe(200);
    h.sandbox.oauth.expireAccessTokens(h.realmId);
    const res = await h.api('companyinfo/' + h.realmId, { token });
    expect(res.status).toBe(401);
    gateway401(res.body);
    h.token = h.sandbox.oauth.issueTokens({ realmId: h.realmId }).response.access_token;
  });

  it('answers 403 AuthorizationFailed (3100) in the gateway shape, with its null keys, for a valid token of another company', async () => {
    const other = h.sandbox.admin.createCompany({ companyName: 'Other Co' });
    const token = h.sandbox.oauth.issueTokens({ realmId: other.realmId }).response.access_token;
    const res = await h.api('customer/1', { token });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      warnings: null,
      intuitObject: null,
      fault: { error: [{ message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403', detail: null, code: '3100', element: null }], type: 'SERVICE' },
      report: null,
      queryResponse: null,
      batchItemResponse: [],
      attachableResponse: [],
      syncErrorResponse: null,
      requestId: null,
      time: expect.any(Number),
      status: null,
      cdcresponse: [],
    });
    // The token still works on its own company.
    expect((await h.http(`/v3/company/${other.realmId}/companyinfo/${other.realmId}`, { token })).status).toBe(200);
  });

  it('serves a minorversion below 75, or none, as 75', async () => {
    for (const minorversion of ['4', '65']) {
      const res = await h.api('companyinfo/' + h.realmId, { query: { minorversion } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-sandbox-minorversion')).toBe('75');
    }
    expect((await h.api('preferences')).headers.get('x-sandbox-minorversion')).toBe('75');
    expect((await h.api('preferences', { query: { minorversion: '76' } })).headers.get('x-sandbox-minorversion')).toBe('76');
  });

  it('reads CompanyInfo by realmId and Preferences', async () => {
    const info = await h.api(`companyinfo/${h.realmId}`);
    expect(info.body.CompanyInfo).toMatchObject({ Id: '1', Country: 'US', FiscalYearStartMonth: 'January' });
    const prefs = await h.api('preferences');
    expect(prefs.body.Preferences.ReportPrefs).toEqual({ ReportBasis: 'Accrual', CalcAgingReportFromTxnDate: false });
  });
});

describe('query language', () => {
  it('selects with = on a reference and answers QueryResponse with startPosition and maxResults', async () => {
    const customers = records(h, 'Customer');
    const target = customers[0]!;
    const expected = records(h, 'Invoice').filter((i) => i.CustomerRef.value === target.Id);
    const res = await q(`select * from Invoice where CustomerRef = '${target.Id}'`);
    expect(res.status).toBe(200);
    expect(res.body.QueryResponse.Invoice.map((i: { Id: string }) => i.Id)).toEqual(expected.map((i) => i.Id).slice(0, 100));
    expect(res.body.QueryResponse).toMatchObject({ startPosition: 1, maxResults: Math.min(100, expected.length) });
  });

  it('filters money and dates with <, >, <=, >= and joins conditions with AND', async () => {
    const invoices = records(h, 'Invoice');
    const expected = invoices.filter((i) => i.TxnDate >= '2025-03-01' && i.TxnDate <= '2025-03-31' && i.TotalAmt.toNumber() > 500);
    const res = await q("SELECT * FROM Invoice WHERE TxnDate >= '2025-03-01' AND TxnDate <= '2025-03-31' AND TotalAmt > '500.00' MAXRESULTS 1000");
    expect((res.body.QueryResponse.Invoice ?? []).map((i: { Id: string }) => i.Id).sort()).toEqual(expected.map((i) => i.Id).sort());
    const below = await q("select count(*) from Invoice where TotalAmt < '100'");
    expect(below.body.QueryResponse.totalCount).toBe(invoices.filter((i) => i.TotalAmt.toNumber() < 100).length);
  });

  it('supports IN and LIKE with % wildcards, case-insensitively', async () => {
    const res = await q("select * from Customer where Id in ('1', '2', '3')");
    expect(res.body.QueryResponse.Customer.map((c: { Id: string }) => c.Id)).toEqual(['1', '2', '3']);
    const customers = records(h, 'Customer');
    const first = String(customers[0]!.DisplayName);
    const prefix = first.slice(0, 3);
    const like = await q(`select * from Customer where DisplayName like '${prefix.toLowerCase()}%'`);
    const expected = customers.filter((c) => String(c.DisplayName).toLowerCase().startsWith(prefix.toLowerCase()));
    expect(like.body.QueryResponse.Customer.map((c: { Id: string }) => c.Id).sort()).toEqual(expected.map((c) => c.Id).sort());
    const contains = await q("select count(*) from Item where Name like '%o%'");
    expect(contains.body.QueryResponse.totalCount).toBe(records(h, 'Item').filter((i) => /o/i.test(String(i.Name))).length);
  });

  it('orders with ORDERBY ASC/DESC and pages with STARTPOSITION (1-based) and MAXRESULTS', async () => {
    const all = await q('select * from Invoice orderby TotalAmt desc, Id maxresults 1000');
    const amounts = all.body.QueryResponse.Invoice.map((i: { TotalAmt: number }) => i.TotalAmt);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const page2 = await q('select * from Invoice orderby TotalAmt desc, Id startposition 11 maxresults 10');
    expect(page2.body.QueryResponse).toMatchObject({ startPosition: 11, maxResults: 10 });
    expect(page2.body.QueryResponse.Invoice.map((i: { Id: string }) => i.Id)).toEqual(all.body.QueryResponse.Invoice.slice(10, 20).map((i: { Id: string }) => i.Id));
    const byDefault = await q('select * from Invoice');
    expect(byDefault.body.QueryResponse.maxResults).toBe(100);
  });

  it('counts with COUNT(*) and answers totalCount only', async () => {
    const res = await q('SELECT COUNT(*) FROM Invoice');
    expect(res.body.QueryResponse).toEqual({ totalCount: h.sandbox.admin.counts(h.realmId).Invoice!.total });
  });

  it('answers an empty QueryResponse object when nothing matches', async () => {
    const res = await q("select * from Customer where DisplayName = 'Nobody At All'");
    expect(res.status).toBe(200);
    expect(res.body.QueryResponse).toEqual({});
  });

  it('returns only active name-list records unless the query filters on Active', async () => {
    const c = (await h.api('customer', { body: { DisplayName: 'Soon Inactive' } })).body.Customer;
    await h.api('customer', { body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Active: false } });
    const active = await q(`select * from Customer where Id = '${c.Id}'`);
    expect(active.body.QueryResponse).toEqual({});
    const both = await q(`select * from Customer where Id = '${c.Id}' and Active in (true, false)`);
    expect(both.body.QueryResponse.Customer[0].Active).toBe(false);
  });

  it('accepts the statement as a POST body with Content-Type application/text', async () => {
    const res = await h.api('query', { rawBody: 'select count(*) from Account', contentType: 'application/text' });
    expect(res.body.QueryResponse.totalCount).toBe(records(h, 'Account').filter((a) => a.Active !== false).length);
  });

  it('filters on MetaData.LastUpdatedTime with a date-time literal', async () => {
    const res = await q("select count(*) from Customer where Metadata.LastUpdatedTime > '2000-01-01T00:00:00-08:00'");
    expect(res.body.QueryResponse.totalCount).toBeGreaterThan(0);
  });

  it.each([
    ['select * from Customer wher Active = true', '4000'],
    ['select Id from Customer', '4000'],
    ["select * from Customer where DisplayName = 'a' or DisplayName = 'b'", '4000'],
    ["select * from Customer where DisplayName != 'a'", '4000'],
    ["select * from Customer where DisplayName = 'unterminated", '4000'],
    ['select * from Customer startposition 0', '4001'],
    ['select * from Nonsense', '4001'],
    ["select * from Customer where Shoe = 'x'", '4001'],
    ["select * from Customer where Id > '3'", '4001'],
  ])('answers %s with a %s fault', async (statement, code) => {
    const res = await q(statement);
    expect(res.status).toBe(400);
    expect(res.body.Fault.type).toBe('ValidationFault');
    expect(res.body.Fault.Error[0].code).toBe(code);
  });

  it('reports STARTPOSITION 0 as QBO does', async () => {
    const res = await q('select * from Customer startposition 0');
    expect(res.body.Fault.Error[0]).toMatchObject({ Message: 'Invalid query', Detail: 'QueryValidationError: value 0 is too small. Min allowed value is 1' });
  });

  it('clamps MAXRESULTS above 1000 by default, and rejects it when set to error', async () => {
    const res = await q('select * from Invoice maxresults 5000');
    expect(res.body.QueryResponse.maxResults).toBeLessThanOrEqual(1000);
    h.sandbox.admin.updateSettings({ api: { query: { overMaxResults: 'error' } } });
    try {
      expect((await q('select * from Invoice maxresults 5000')).body.Fault.Error[0].code).toBe('4001');
    } finally {
      h.sandbox.admin.updateSettings({ api: { query: { overMaxResults: 'clamp' } } });
    }
  });
});
