import fc from 'fast-check';
import type { Harness } from './harness';
import { seedReference, startHarness } from './harness';

const T = 'fuzz';
const REALM = '5550001';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token(T, 'admin');
  await h.connect(T, REALM);
  await seedReference(h, REALM);
});
afterAll(async () => {
  await h.close();
});

/** Random JSON, plus bodies shaped like the real ones with random leaves. */
const leaf = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('4', '6', 'TAX', '10', 'both', 'off', 'Service', '2024-01-01', ''));
const shaped = fc.record(
  {
    entities: fc.dictionary(fc.constantFrom('customers', 'items', 'employees', 'vendors'), leaf),
    invoices: fc.record({ enabled: leaf }, { requiredKeys: [] }),
    payments: fc.record({ enabled: leaf }, { requiredKeys: [] }),
    accounts: fc.dictionary(fc.constantFrom('income', 'expense', 'deposit', 'accountsReceivable'), leaf),
    documentPrefixes: fc.record({ invoices: fc.record({ prefix: leaf, enabled: leaf }, { requiredKeys: [] }), platformNumberMaxLength: leaf }, { requiredKeys: [] }),
    customerRules: fc.dictionary(fc.constantFrom('useDefaultState', 'defaultState', 'defaultCountry'), leaf),
    conflictRule: leaf,
    paymentMethods: fc.dictionary(fc.string({ maxLength: 120 }), leaf),
    glCodes: fc.dictionary(fc.string({ maxLength: 10 }), leaf),
    productTypes: fc.dictionary(fc.string({ maxLength: 10 }), fc.record({ itemType: leaf, itemId: leaf }, { requiredKeys: [] })),
    defaults: fc.dictionary(fc.constantFrom('oneTimeItemId', 'taxCodeId', 'classId', 'billProfileId'), leaf),
    qboId: leaf,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(shaped, fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 50 }));
const segment = fc.oneof(fc.constantFrom('customer', 'invoice', 'item', '1', 'x'), fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent));

const writes = [
  (s: string) => ({ method: 'PUT' as const, url: `/v1/tenants/${T}/settings`, etag: true, s }),
  (s: string) => ({ method: 'PUT' as const, url: `/v1/tenants/${T}/mappings`, etag: true, s }),
  (s: string) => ({ method: 'PUT' as const, url: `/v1/tenants/${T}/links/${s}/p-1`, etag: false, s }),
  (s: string) => ({ method: 'DELETE' as const, url: `/v1/tenants/${T}/links/customer/${s}`, etag: false, s }),
  (s: string) => ({ method: 'POST' as const, url: `/v1/tenants/${T}/sync-log/${s}/retry`, etag: false, s }),
];

it('never answers 5xx to 5,000 random bodies on every write route', async () => {
  let calls = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: writes.length - 1 }), segment, body, fc.constantFrom('"1"', '"2"', '*', 'garbage', undefined), async (route, s, payload, ifMatch) => {
      const r = writes[route]!(s);
      const res = await h.service.http.inject({
        method: r.method,
        url: r.url,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...(r.etag && ifMatch !== undefined ? { 'if-match': ifMatch } : {}) },
        payload: JSON.stringify(payload),
      });
      calls += 1;
      if (res.statusCode >= 500) throw new Error(`${r.method} ${r.url} → ${res.statusCode} ${res.body} for ${JSON.stringify(payload)}`);
    }),
    { numRuns: 5000 },
  );
  expect(calls).toBeGreaterThanOrEqual(5000);
}, 60_000);
