/**
 * Onboarding at scale: a QBO company with 500 customers (some sub-customers, some
 * projects without address), 50 employees (some without email) and 100 items against a
 * platform directory that already has some of them.
 */
import { waitFor } from '@ledgerbus/testing';
import type { Harness } from './harness';
import { startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Row {
  entity: string;
  qboId: string;
  status: string;
  platformId: string | null;
  reason: string | null;
  message: string | null;
}

it('imports or links every QBO record exactly once and lists the ones that need attention with the reason', async () => {
  const t = `onb-${Date.now().toString(36)}`;
  const realm = h.newRealm({ companyName: 'Onboarding Co' });
  const store = h.sandbox.store;
  const income = store.list(realm, 'Account').find((a) => a.AccountType === 'Income');
  // 400 clients, 100 sub-customers (every 10th without an address).
  const clients: string[] = [];
  for (let i = 0; i < 400; i++) {
    const c = store.create(realm, 'Customer', { DisplayName: `Client ${i}`, PrimaryEmailAddr: { Address: `client${i}@example.test` }, BillAddr: { Line1: `${i} Main St`, City: 'Springfield', CountrySubDivisionCode: 'IL', Country: 'US' } });
    clients.push(String(c.Id));
  }
  for (let i = 0; i < 100; i++) {
    store.create(realm, 'Customer', {
      DisplayName: `Site ${i}`,
      ParentRef: { value: clients[i] },
      Job: true,
      BillWithParent: true,
      ...(i % 10 === 0 ? {} : { BillAddr: { Line1: `${i} Yard Rd`, City: 'Springfield' } }),
    });
  }
  for (let i = 0; i < 50; i++) store.create(realm, 'Employee', { DisplayName: `Employee ${i}`, GivenName: 'E', FamilyName: `${i}`, ...(i % 5 === 0 ? {} : { PrimaryEmailAddr: { Address: `emp${i}@example.test` } }) });
  for (let i = 0; i < 100; i++) store.create(realm, 'Item', { Name: `Item ${i}`, Type: 'Service', Sku: `SKU-${i}`, IncomeAccountRef: { value: String(income?.Id) } });

  await h.setup(t, realm, { entities: { customers: 'from_qbo' }, customerRules: { useClientAddressForSites: true, subCustomersAsSitesOnOnboarding: true } });
  // The platform's directory: 30 customers (same name and email), 20 employees by email, 25 products by SKU.
  for (let i = 0; i < 30; i++) await h.upsertCustomer(t, { customerId: `p-cust-${i}`, displayName: `Client ${i}`, email: `client${i}@example.test` });
  for (let i = 1; i <= 20; i++) await h.publish(h.topics.platformEmployees, t, 'employee.upserted', { tenantId: t, employeeId: `p-emp-${i}`, displayName: `Emp ${i}`, email: `EMP${i}@example.test`, version: 1 });
  for (let i = 0; i < 25; i++) await h.publish(h.topics.platformProducts, t, 'product.upserted', { tenantId: t, productId: `p-prod-${i}`, name: `Product ${i}`, sku: `sku-${i}`, version: 1 });
  await waitFor(async () => Number((await h.db.knex('directory').where({ tenant_id: t }).count<Array<{ n: string }>>('* as n'))[0]?.n) === 75, { timeoutMs: 30_000, description: 'directory of 75 records' });

  const token = await h.token(t);
  const run = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/runs`, headers: { authorization: `Bearer ${token}` }, payload: { mode: 'auto' } });
  expect(run.statusCode).toBe(200);
  const list = await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${t}/onboarding/records`, headers: { authorization: `Bearer ${token}` } });
  const rows = list.json<{ records: Row[] }>().records;
  expect(rows).toHaveLength(650);

  const count = (entity: string, status: string) => rows.filter((r) => r.entity === entity && r.status === status).length;
  expect(count('customer', 'linked')).toBe(30);
  expect(count('customer', 'imported')).toBe(370 + 90);
  expect(count('customer', 'refused')).toBe(10);
  expect(rows.filter((r) => r.status === 'refused').every((r) => r.reason === 'site_address_missing' && /has no address/.test(r.message ?? ''))).toBe(true);
  expect(count('employee', 'linked')).toBe(16); // 20 platform emails, minus those of QBO employees without email (5, 10, 15, 20)
  expect(count('employee', 'needs_attention')).toBe(10);
  expect(rows.filter((r) => r.entity === 'employee' && r.status === 'needs_attention').every((r) => r.reason === 'employee_email_missing')).toBe(true);
  expect(count('employee', 'imported')).toBe(24);
  expect(count('item', 'linked')).toBe(25);
  expect(count('item', 'imported')).toBe(75);

  // Every decided record has exactly one *.imported event and one link, even after a second run.
  const decided = rows.filter((r) => r.status === 'imported' || r.status === 'linked');
  const again = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/runs`, headers: { authorization: `Bearer ${token}` }, payload: { mode: 'auto' } });
  expect(again.statusCode).toBe(200);
  const imported = () => h.events.filter((e) => e.data.tenantId === t && /\.imported$/.test(e.type));
  await waitFor(() => imported().length >= decided.length, { timeoutMs: 60_000, description: `${decided.length} imported events` });
  const perRecord = new Map<string, number>();
  for (const e of imported()) perRecord.set(`${e.type}:${String(e.data.qboId)}`, (perRecord.get(`${e.type}:${String(e.data.qboId)}`) ?? 0) + 1);
  expect(perRecord.size).toBe(decided.length);
  expect([...perRecord.values()].every((n) => n === 1)).toBe(true);
  const site = imported().find((e) => e.type === 'customer.imported' && (e.data.customer as { displayName: string }).displayName === 'Site 1');
  expect(site?.data.customer).toMatchObject({ parentCustomerId: expect.any(String), billingAddress: { line1: '1 Yard Rd', state: 'IL', country: 'US' } });
  const linkedClient = imported().find((e) => e.type === 'customer.imported' && e.data.platformId === 'p-cust-3');
  expect(linkedClient?.data).toMatchObject({ action: 'link', matchedBy: 'name_and_email' });

  // Manual mode: an employee without email is imported by hand, once.
  const pending = rows.find((r) => r.entity === 'employee' && r.status === 'needs_attention') as Row;
  const manual = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/records/employee/${pending.qboId}/import`, headers: { authorization: `Bearer ${token}` } });
  expect(manual.statusCode).toBe(200);
  expect(manual.json()).toMatchObject({ status: 'imported' });
  const twice = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/records/employee/${pending.qboId}/import`, headers: { authorization: `Bearer ${token}` } });
  expect(twice.statusCode).toBe(409);
  expect(twice.json()).toMatchObject({ error: { code: 'onboarding_already_decided' } });
});
