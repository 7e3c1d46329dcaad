import type { Harness } from './support/harness';
import { basics, invoiceBody, startHarness } from './support/harness';

let h: Harness;
let ids: Awaited<ReturnType<typeof basics>>;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startHarness();
  ids = await basics(h);
});
afterAll(() => h.close());

const since = (msAgo: number) => new Date(h.sandbox.clock.now().getTime() - msAgo).toISOString();

describe('change data capture', () => {
  it('returns changed entities in full, grouped by entity, and deleted ones as status Deleted stubs after the active ones', async () => {
    h.advance(DAY);
    const from = since(1000);
    const customer = (await h.api('customer', { body: { DisplayName: 'CDC Customer' } })).body.Customer;
    const keep = (await h.api('invoice', { body: invoiceBody(customer.Id, ids.serviceItemId) })).body.Invoice;
    const gone = (await h.api('invoice', { body: invoiceBody(customer.Id, ids.serviceItemId) })).body.Invoice;
    await h.api('invoice', { body: { Id: gone.Id, SyncToken: gone.SyncToken }, query: { operation: 'delete' } });

    const res = await h.api('cdc', { query: { entities: 'Customer,Invoice', changedSince: from } });
    expect(res.status).toBe(200);
    const responses = res.body.CDCResponse[0].QueryResponse;
    const customers = responses.find((r: Record<string, unknown>) => r.Customer).Customer;
    expect(customers).toEqual([expect.objectContaining({ Id: customer.Id, DisplayName: 'CDC Customer', SyncToken: '0' })]);
    const invoices = responses.find((r: Record<string, unknown>) => r.Invoice).Invoice;
    expect(invoices[0]).toMatchObject({ Id: keep.Id, TotalAmt: 100 });
    expect(invoices[1]).toEqual({ status: 'Deleted', domain: 'QBO', Id: gone.Id, MetaData: { LastUpdatedTime: expect.any(String) } });
    expect(res.body.time).toEqual(expect.any(String));
  });

  it('answers an empty change set as QueryResponse [{}]', async () => {
    h.advance(DAY);
    const res = await h.api('cdc', { query: { entities: 'Payment', changedSince: since(1000) } });
    expect(res.body.CDCResponse).toEqual([{ QueryResponse: [{}] }]);
  });

  it('refuses a changedSince more than 30 days back, or clamps it when configured', async () => {
    const res = await h.api('cdc', { query: { entities: 'Customer', changedSince: since(31 * DAY) } });
    expect(res.status).toBe(400);
    expect(res.body.Fault.Error[0].code).toBe('4001');
    h.sandbox.admin.updateSettings({ api: { cdc: { tooOld: 'clamp' } } });
    try {
      expect((await h.api('cdc', { query: { entities: 'Customer', changedSince: since(31 * DAY) } })).status).toBe(200);
    } finally {
      h.sandbox.admin.updateSettings({ api: { cdc: { tooOld: 'error' } } });
    }
  });

  it('caps a response at 1000 objects', async () => {
    h.advance(DAY);
    const from = since(1000);
    for (let i = 0; i < 1005; i++) h.sandbox.store.create(h.realmId, 'Customer', { DisplayName: `Bulk ${i}` });
    const res = await h.api('cdc', { query: { entities: 'Customer', changedSince: from } });
    expect(res.body.CDCResponse[0].QueryResponse[0].Customer).toHaveLength(1000);
    // The oldest changes come first, so a client can continue from the last one's time.
    expect(res.body.CDCResponse[0].QueryResponse[0].Customer[0].DisplayName).toBe('Bulk 0');
  });

  it('requires entities and changedSince (2020)', async () => {
    expect((await h.api('cdc', { query: { changedSince: since(1000) } })).body.Fault.Error[0]).toMatchObject({ code: '2020', element: 'entities' });
    expect((await h.api('cdc', { query: { entities: 'Customer' } })).body.Fault.Error[0]).toMatchObject({ code: '2020', element: 'changedSince' });
  });
});

describe('batch', () => {
  it('runs each item on its own and answers a result or a Fault per bId', async () => {
    const existing = (await h.api('customer', { body: { DisplayName: 'Batch Existing' } })).body.Customer;
    await h.api('customer', { body: { Id: existing.Id, SyncToken: '0', sparse: true, Notes: 'v1' } });
    const inv = (await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId) })).body.Invoice;
    const res = await h.api('batch', {
      body: {
        BatchItemRequest: [
          { bId: 'bid1', operation: 'create', Customer: { DisplayName: 'Batch New' } },
          { bId: 'bid2', operation: 'create', Customer: { DisplayName: 'Batch Existing' } },
          { bId: 'bid3', operation: 'update', Customer: { Id: existing.Id, SyncToken: '0', sparse: true, Notes: 'stale' } },
          { bId: 'bid4', operation: 'delete', Invoice: { Id: inv.Id, SyncToken: inv.SyncToken } },
          { bId: 'bid5', operation: 'delete', Invoice: { Id: '999999', SyncToken: '0' } },
          { bId: 'bid6', Query: "select * from Customer where DisplayName = 'Batch Existing'" },
        ],
      },
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.BatchItemResponse.map((r: { bId: string }) => [r.bId, r]));
    expect(byId.bid1.Customer).toMatchObject({ DisplayName: 'Batch New', SyncToken: '0' });
    expect(byId.bid2.Fault).toMatchObject({ type: 'ValidationFault', Error: [{ code: '6240' }] });
    expect(byId.bid3.Fault.Error[0].code).toBe('5010');
    expect(byId.bid4.Invoice).toEqual({ status: 'Deleted', domain: 'QBO', Id: inv.Id });
    expect(byId.bid5.Fault.Error[0].code).toBe('610');
    expect(byId.bid6.QueryResponse.Customer[0]).toMatchObject({ Id: existing.Id, Notes: 'v1' });
    expect(h.sandbox.admin.entities(h.realmId, 'Customer').filter((c) => c.DisplayName === 'Batch New')).toHaveLength(1);
  });

  it('refuses more than 30 items as a whole and changes nothing', async () => {
    const items = Array.from({ length: 31 }, (_, i) => ({ bId: `b${i}`, operation: 'create', Customer: { DisplayName: `Too Many ${i}` } }));
    const res = await h.api('batch', { body: { BatchItemRequest: items } });
    expect(res.status).toBe(400);
    expect(res.body.Fault.Error[0].Detail).toContain('exceeded the permissible limit of 30 items');
    expect(h.sandbox.admin.entities(h.realmId, 'Customer').some((c) => String(c.DisplayName).startsWith('Too Many'))).toBe(false);
  });

  it('accepts exactly 30 items', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ bId: `b${i}`, operation: 'create', Customer: { DisplayName: `Thirty ${i}` } }));
    const res = await h.api('batch', { body: { BatchItemRequest: items } });
    expect(res.body.BatchItemResponse).toHaveLength(30);
    expect(res.body.BatchItemResponse.every((r: { Customer?: unknown }) => r.Customer)).toBe(true);
  });
});
