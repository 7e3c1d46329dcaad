/**
 * node-quickbooks, unchanged, against the sandbox: only its documented static URL fields
 * (V3_ENDPOINT_BASE_URL, TOKEN_URL, REVOKE_URL) are pointed at the sandbox.
 */
import type { Harness } from './support/harness';
import { startHarness } from './support/harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- node-quickbooks ships no type declarations */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const QuickBooks = require('node-quickbooks');

type Callback = (err: unknown, body: any) => void;

/** Run a node-quickbooks callback method; resolves with the body, rejects with the error (a Fault body or an axios error). */
function call<T = any>(fn: (cb: Callback) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    // a Fault body is not an Error: keep its fields on one
    fn((err, body) => (err ? reject(err instanceof Error ? err : Object.assign(new Error('QuickBooks Fault'), err)) : resolve(body as T)));
  });
}

function faultCode(err: unknown): string | undefined {
  const e = err as { Fault?: { Error?: Array<{ code?: string }> }; response?: { data?: { Fault?: { Error?: Array<{ code?: string }> } } } };
  return (e.Fault ?? e.response?.data?.Fault)?.Error?.[0]?.code;
}

const ORIGINAL = {
  V3_ENDPOINT_BASE_URL: QuickBooks.V3_ENDPOINT_BASE_URL as string,
  TOKEN_URL: QuickBooks.TOKEN_URL as string,
  REVOKE_URL: QuickBooks.REVOKE_URL as string,
};

describe('node-quickbooks, unchanged, against the sandbox', () => {
  let h: Harness;
  let qbo: any;
  let refreshToken: string;
  let incomeAccountId: string;
  let itemId: string;
  const since = new Date();

  beforeAll(async () => {
    h = await startHarness();
    QuickBooks.V3_ENDPOINT_BASE_URL = `${h.base}/v3/company/`;
    QuickBooks.TOKEN_URL = `${h.base}/oauth2/v1/tokens/bearer`;
    QuickBooks.REVOKE_URL = `${h.base}/v2/oauth2/tokens/revoke`;
    const client = h.sandbox.oauth.settings.clients[0]!;
    const issued = h.sandbox.oauth.issueTokens({ realmId: h.realmId }).response;
    refreshToken = issued.refresh_token;
    qbo = new QuickBooks(client.clientId, client.clientSecret, issued.access_token, false, h.realmId, true, false, 75, '2.0', refreshToken);
    const accounts = h.sandbox.admin.entities(h.realmId, 'Account');
    incomeAccountId = String(accounts.find((a) => a.AccountType === 'Income')!.Id);
  });

  afterAll(async () => {
    Object.assign(QuickBooks, ORIGINAL);
    await h.close();
  });

  it('builds its URLs from the sandbox base URL', () => {
    expect(qbo.endpoint).toBe(`${h.base}/v3/company/`);
  });

  it('creates, reads and sparse-updates a customer, with SyncToken checked', async () => {
    const created = await call((cb) => qbo.createCustomer({ DisplayName: 'NQB Surf Shop', PrimaryEmailAddr: { Address: 'surf@example.com' } }, cb));
    expect(created).toMatchObject({ DisplayName: 'NQB Surf Shop', SyncToken: '0' });
    const read = await call((cb) => qbo.getCustomer(created.Id, cb));
    expect(read).toMatchObject({ Id: created.Id, DisplayName: 'NQB Surf Shop' });
    const updated = await call((cb) => qbo.updateCustomer({ Id: created.Id, SyncToken: '0', CompanyName: 'Surf Co' }, cb));
    expect(updated).toMatchObject({ Id: created.Id, SyncToken: '1', CompanyName: 'Surf Co', PrimaryEmailAddr: { Address: 'surf@example.com' } });
    const stale = await call((cb) => qbo.updateCustomer({ Id: created.Id, SyncToken: '0', CompanyName: 'Stale' }, cb)).catch((e: unknown) => e);
    expect(faultCode(stale)).toBe('5010');
    const inStore = h.sandbox.admin.entities(h.realmId, 'Customer').find((c) => c.Id === created.Id);
    expect(inStore).toMatchObject({ CompanyName: 'Surf Co', SyncToken: '1' });
  });

  it('queries with paging (limit/offset) and fetchAll, and counts', async () => {
    for (let i = 1; i <= 5; i += 1) await call((cb) => qbo.createCustomer({ DisplayName: `NQB Page ${i}` }, cb));
    const page1 = await call((cb) =>
      qbo.findCustomers([{ field: 'DisplayName', value: 'NQB Page%', operator: 'LIKE' }, { field: 'asc', value: 'DisplayName' }, { field: 'limit', value: 2 }, { field: 'offset', value: 1 }], cb),
    );
    expect(page1.QueryResponse.Customer.map((c: { DisplayName: string }) => c.DisplayName)).toEqual(['NQB Page 1', 'NQB Page 2']);
    expect(page1.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 2 });
    const page3 = await call((cb) =>
      qbo.findCustomers([{ field: 'DisplayName', value: 'NQB Page%', operator: 'LIKE' }, { field: 'asc', value: 'DisplayName' }, { field: 'limit', value: 2 }, { field: 'offset', value: 5 }], cb),
    );
    expect(page3.QueryResponse.Customer.map((c: { DisplayName: string }) => c.DisplayName)).toEqual(['NQB Page 5']);
    const all = await call((cb) =>
      qbo.findCustomers([{ field: 'DisplayName', value: 'NQB Page%', operator: 'LIKE' }, { field: 'limit', value: 2 }, { field: 'fetchAll', value: true }], cb),
    );
    expect(all.QueryResponse.Customer).toHaveLength(5);
    const count = await call((cb) => qbo.findCustomers({ DisplayName: 'NQB Page 3', count: true }, cb));
    expect(count.QueryResponse.totalCount).toBe(1);
  });

  it('creates an item and invoices, deletes one and voids another', async () => {
    const item = await call((cb) => qbo.createItem({ Name: 'NQB Service', Type: 'Service', IncomeAccountRef: { value: incomeAccountId }, UnitPrice: 100 }, cb));
    itemId = item.Id;
    const customer = await call((cb) => qbo.createCustomer({ DisplayName: 'NQB Invoice Customer' }, cb));
    const line = (amount: string) => [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: itemId } } }];
    const toDelete = await call((cb) => qbo.createInvoice({ CustomerRef: { value: customer.Id }, Line: line('120.50') }, cb));
    expect(toDelete).toMatchObject({ TotalAmt: 120.5, Balance: 120.5 });
    const deleted = await call((cb) => qbo.deleteInvoice(toDelete.Id, cb));
    expect(deleted.Invoice).toMatchObject({ Id: toDelete.Id, status: 'Deleted' });
    const gone = await call((cb) => qbo.getInvoice(toDelete.Id, cb)).catch((e: unknown) => e);
    expect(faultCode(gone)).toBe('610');

    const toVoid = await call((cb) => qbo.createInvoice({ CustomerRef: { value: customer.Id }, Line: line('80.00') }, cb));
    await call((cb) => qbo.voidInvoice(toVoid.Id, cb));
    const voided = await call((cb) => qbo.getInvoice(toVoid.Id, cb));
    expect(voided).toMatchObject({ TotalAmt: 0, Balance: 0 });
    expect(Number(voided.SyncToken)).toBeGreaterThan(Number(toVoid.SyncToken));
  });

  it('runs a batch of a create and a query, each answered by its bId', async () => {
    const res = await call((cb) =>
      qbo.batch(
        [
          { bId: 'b1', operation: 'create', Customer: { DisplayName: 'NQB Batch Customer' } },
          { bId: 'b2', Query: "select * from Customer where DisplayName = 'NQB Surf Shop'" },
        ],
        cb,
      ),
    );
    const byId = Object.fromEntries(res.BatchItemResponse.map((r: { bId: string }) => [r.bId, r]));
    expect(byId.b1.Customer).toMatchObject({ DisplayName: 'NQB Batch Customer' });
    expect(byId.b2.QueryResponse.Customer[0]).toMatchObject({ DisplayName: 'NQB Surf Shop' });
  });

  it('reads changes with CDC, including the deleted invoice', async () => {
    const res = await call((cb) => qbo.changeDataCapture(['Customer', 'Invoice'], new Date(since.getTime() - 60_000), cb));
    const responses = res.CDCResponse[0].QueryResponse as Array<Record<string, Array<{ Id: string; status?: string; DisplayName?: string }>>>;
    const customers = responses.flatMap((r) => r.Customer ?? []);
    const invoices = responses.flatMap((r) => r.Invoice ?? []);
    expect(customers.map((c) => c.DisplayName)).toEqual(expect.arrayContaining(['NQB Surf Shop', 'NQB Page 1', 'NQB Batch Customer']));
    expect(invoices.some((i) => i.status === 'Deleted')).toBe(true);
  });

  it('reads the Profit and Loss and Balance Sheet reports', async () => {
    const year = new Date().getUTCFullYear();
    const pl = await call((cb) => qbo.reportProfitAndLoss({ start_date: `${year - 1}-01-01`, end_date: `${year + 1}-12-31`, accounting_method: 'Accrual' }, cb));
    expect(pl.Header).toMatchObject({ ReportName: 'ProfitAndLoss' });
    expect(Array.isArray(pl.Rows.Row)).toBe(true);
    expect(JSON.stringify(pl)).toContain('Total Income');
    const bs = await call((cb) => qbo.reportBalanceSheet({ start_date: `${year - 1}-01-01`, end_date: `${year + 1}-12-31` }, cb));
    expect(bs.Header).toMatchObject({ ReportName: 'BalanceSheet' });
    expect(Array.isArray(bs.Rows.Row)).toBe(true);
  });

  it('refreshes its access token and revokes access through the sandbox OAuth server', async () => {
    const refreshed = await call((cb) => qbo.refreshAccessToken(cb));
    expect(refreshed).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(qbo.token).toBe(refreshed.access_token);
    expect(h.sandbox.oauth.tokenCalls({ grantType: 'refresh_token', outcome: 'success', realmId: h.realmId })).toHaveLength(1);
    const info = await call((cb) => qbo.getCompanyInfo(h.realmId, cb));
    expect(info.Id ?? info.CompanyName).toBeDefined();
    await call((cb) => qbo.revokeAccess(true, cb));
    expect(h.sandbox.oauth.verifyAccessToken(refreshed.access_token)).toBeUndefined();
    const after = await call((cb) => qbo.getCustomer('1', cb)).catch((e: { response?: { status?: number } }) => e);
    expect((after as { response?: { status?: number } }).response?.status).toBe(401);
  });
});
