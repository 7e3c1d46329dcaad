import { toQboJson } from '../src';
import type { EntityChange } from '../src';
import type { Harness } from './support/harness';
import { startHarness } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('seeding', () => {
  it('seeds the same company from the same seed, size and date, and a different one from another seed', () => {
    const a = h.sandbox.admin.createCompany({ seed: 'demo', size: 'small', asOf: '2026-03-31' });
    const b = h.sandbox.admin.createCompany({ seed: 'demo', size: 'small', asOf: '2026-03-31' });
    const c = h.sandbox.admin.createCompany({ seed: 'other', size: 'small', asOf: '2026-03-31' });
    for (const entity of ['Account', 'Customer', 'Employee', 'Item', 'Invoice', 'Payment', 'Purchase', 'SalesReceipt']) {
      expect(toQboJson(h.sandbox.admin.entities(b.realmId, entity))).toBe(toQboJson(h.sandbox.admin.entities(a.realmId, entity)));
    }
    expect(toQboJson(h.sandbox.admin.entities(c.realmId, 'Invoice'))).not.toBe(toQboJson(h.sandbox.admin.entities(a.realmId, 'Invoice')));
  });

  it('seeds a realistic US company: chart of accounts, lists, sub-customers and 24 months of invoices and payments', () => {
    const co = h.sandbox.admin.createCompany({ seed: 5, size: 'medium', asOf: '2026-03-31' });
    const admin = h.sandbox.admin;
    const accounts = admin.entities(co.realmId, 'Account');
    expect(accounts.map((a) => a.AccountType)).toEqual(expect.arrayContaining(['Bank', 'Accounts Receivable', 'Income', 'Expense', 'Cost of Goods Sold', 'Equity']));
    expect(admin.entities(co.realmId, 'PaymentMethod').map((p) => p.Name)).toEqual(['Cash', 'Check', 'Visa', 'MasterCard', 'Discover', 'American Express', 'Diners Club']);
    expect(admin.entities(co.realmId, 'TaxCode').map((t) => t.Id)).toEqual(['TAX', 'NON']);
    expect(admin.entities(co.realmId, 'Class').length).toBeGreaterThan(0);
    expect(admin.entities(co.realmId, 'Employee').length).toBeGreaterThan(0);
    expect(new Set(admin.entities(co.realmId, 'Item').map((i) => i.Type))).toEqual(new Set(['Service', 'NonInventory', 'Inventory']));
    const subs = admin.entities(co.realmId, 'Customer').filter((c) => c.Job);
    expect(subs.length).toBeGreaterThan(0);
    expect(subs[0]!.FullyQualifiedName).toContain(':');
    const months = new Set(admin.entities(co.realmId, 'Invoice').map((i) => String(i.TxnDate).slice(0, 7)));
    expect(months.size).toBe(24);
    expect([...months].sort()[0]).toBe('2024-04');
    const payments = admin.entities(co.realmId, 'Payment');
    expect(payments.length).toBeGreaterThan(admin.entities(co.realmId, 'Invoice').length / 2);
    expect(admin.entities(co.realmId, 'Purchase').length).toBeGreaterThan(24);
  });
});

describe('admin HTTP API', () => {
  it('creates, lists, counts, resets and deletes companies', async () => {
    const created = await h.http('/_sandbox/companies', { body: { companyName: 'Admin Co', seed: 9, size: 'small', asOf: '2026-01-31' } });
    expect(created.status).toBe(201);
    const realmId = created.body.realmId;
    expect(created.body).toMatchObject({ companyName: 'Admin Co' });
    expect(created.body.counts.Invoice.total).toBeGreaterThan(0);
    const list = await h.http('/_sandbox/companies');
    expect(list.body.companies).toContainEqual(expect.objectContaining({ realmId, companyName: 'Admin Co' }));
    const counts = await h.http(`/_sandbox/companies/${realmId}/counts`);
    expect(counts.body.counts.Invoice).toEqual(created.body.counts.Invoice);
    const entities = await h.http(`/_sandbox/companies/${realmId}/entities/Invoice`);
    expect(entities.body.count).toBe(created.body.counts.Invoice.total);
    expect(entities.body.entities[0]).toMatchObject({ Id: expect.any(String), TotalAmt: expect.any(Number) });

    const reset = await h.http(`/_sandbox/companies/${realmId}/reset`, { body: { size: 'empty' } });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ realmId, companyName: 'Admin Co' });
    expect(reset.body.counts.Invoice.total).toBe(0);
    expect((await h.http(`/_sandbox/companies/${realmId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.http(`/_sandbox/companies/${realmId}/counts`)).status).toBe(404);
  });

  it('rejects an invalid body with a 400 naming the field', async () => {
    const res = await h.http('/_sandbox/companies', { body: { size: 'gigantic' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed' });
    expect(res.body.error.message).toContain('size');
    const settings = await h.http('/_sandbox/settings', { method: 'PATCH', body: { limits: { requestsPerSecond: -1 } } });
    expect(settings.status).toBe(400);
    expect(settings.body.error.message).toContain('limits.requestsPerSecond');
  });

  it('counts API calls per realm by endpoint and status', async () => {
    await h.api('preferences');
    await h.api('customer/424242');
    await h.api('customer', { body: { DisplayName: 'Counted' } });
    const res = await h.http(`/_sandbox/companies/${h.realmId}/calls`);
    expect(res.body.calls['GET preferences']['200']).toBeGreaterThanOrEqual(1);
    expect(res.body.calls['GET customer/:id']['400']).toBeGreaterThanOrEqual(1);
    expect(res.body.calls['POST customer']['200']).toBeGreaterThanOrEqual(1);
    expect((await h.http(`/_sandbox/companies/${h.realmId}/calls`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.http(`/_sandbox/companies/${h.realmId}/calls`)).body.calls).toEqual({});
  });

  it('changes settings at run time', async () => {
    const res = await h.http('/_sandbox/settings', { method: 'PATCH', body: { limits: { batchMaxItems: 2 } } });
    expect(res.status).toBe(200);
    expect(res.body.limits).toMatchObject({ batchMaxItems: 2, requestsPerMinute: 500 });
    const batch = await h.api('batch', { body: { BatchItemRequest: [1, 2, 3].map((i) => ({ bId: String(i), Query: 'select count(*) from Account' })) } });
    expect(batch.status).toBe(400);
    await h.http('/_sandbox/settings', { method: 'PATCH', body: { limits: { batchMaxItems: 30 } } });
  });

  it('moves the clock forward', async () => {
    const before = (await h.http('/_sandbox/clock')).body.now;
    const res = await h.http('/_sandbox/clock/advance', { body: { ms: 3 * 86_400_000 } });
    expect(Date.parse(res.body.now) - Date.parse(before)).toBeGreaterThanOrEqual(3 * 86_400_000);
    h.advance(0);
  });

  it('merges one customer into another: transactions move, the merged one is gone, a Merge change is emitted', async () => {
    const changes: EntityChange[] = [];
    const off = h.sandbox.store.onChange((c) => changes.push(c));
    const accounts = h.sandbox.admin.entities(h.realmId, 'Account');
    const income = accounts.find((a) => a.AccountType === 'Income')!;
    const item = (await h.api('item', { body: { Name: 'Merge Item', Type: 'Service', IncomeAccountRef: { value: income.Id } } })).body.Item;
    const from = (await h.api('customer', { body: { DisplayName: 'Merge From' } })).body.Customer;
    const into = (await h.api('customer', { body: { DisplayName: 'Merge Into' } })).body.Customer;
    const inv = (await h.api('invoice', { body: { CustomerRef: { value: from.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: item.Id } } }] } })).body.Invoice;
    const res = await h.http(`/_sandbox/companies/${h.realmId}/merge-customers`, { body: { fromId: from.Id, intoId: into.Id } });
    expect(res.status).toBe(200);
    off();
    expect(changes).toContainEqual(expect.objectContaining({ entity: 'Customer', id: into.Id, operation: 'Merge', deletedId: from.Id }));
    expect((await h.api(`invoice/${inv.Id}`)).body.Invoice.CustomerRef.value).toBe(into.Id);
    expect((await h.api(`customer/${from.Id}`)).body.Fault.Error[0].code).toBe('610');
    const cdc = await h.api('cdc', { query: { entities: 'Customer', changedSince: new Date(h.sandbox.clock.now().getTime() - 60_000).toISOString() } });
    expect(cdc.body.CDCResponse[0].QueryResponse[0].Customer).toContainEqual(expect.objectContaining({ status: 'Deleted', Id: from.Id }));
  });

  it('resets everything', async () => {
    expect((await h.http('/_sandbox/reset', { method: 'POST', body: {} })).status).toBe(204);
    expect((await h.http('/_sandbox/companies')).body.companies).toEqual([]);
  });
});
