import { syncLogRepository } from '../src/db/sync-log.repository';
import { syncLogLine } from '../src/domain/sync-log';
import type { Role } from '@ledgerbus/kit';
import type { Harness } from './harness';
import { seedReference, startHarness } from './harness';

/** Every route with a body that passes validation (writes must get past auth to show the denial). */
const T = 'tenant-a';
const OTHER = 'tenant-b';
const REALM = '4620816365000001';

interface Route {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  url: (tenant: string) => string;
  write: boolean;
  body?: unknown;
}

const routes: Route[] = [
  { method: 'GET', url: (t) => `/v1/tenants/${t}/settings`, write: false },
  { method: 'PUT', url: (t) => `/v1/tenants/${t}/settings`, write: true, body: { conflictRule: 'qbo_wins' } },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/mappings`, write: false },
  { method: 'PUT', url: (t) => `/v1/tenants/${t}/mappings`, write: true, body: { glCodes: { '4000': '4' } } },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/reference/accounts?type=Income`, write: false },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/links`, write: false },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/links/customer/c-1`, write: false },
  { method: 'PUT', url: (t) => `/v1/tenants/${t}/links/customer/c-1`, write: true, body: { qboId: '58' } },
  { method: 'DELETE', url: (t) => `/v1/tenants/${t}/links/customer/c-1`, write: true },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/sync-log`, write: false },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/sync-log/summary`, write: false },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/sync-log/1`, write: false },
  { method: 'POST', url: (t) => `/v1/tenants/${t}/sync-log/1/retry`, write: true },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/sync-log/runs`, write: false },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/sync-runs`, write: false },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/integration`, write: false },
  { method: 'POST', url: (t) => `/v1/tenants/${t}/integration/disable`, write: true },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/dead-letters`, write: false },
  { method: 'GET', url: (t) => `/v1/tenants/${t}/audit`, write: false },
];

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.connect(T, REALM);
  await h.connect(OTHER, '4620816365000002');
  await seedReference(h, REALM);
  const data = { tenantId: T, invoiceId: 'inv-1', reason: 'boom' };
  await syncLogRepository.insert(h.db.knex, 'roles-failed-1', new Date(), syncLogLine('invoice.push_failed', T, data), data);
});
afterAll(async () => {
  await h.close();
});

async function call(route: Route, tenant: string, token: string | undefined) {
  const etag = route.method === 'PUT' && (route.url(tenant).endsWith('settings') || route.url(tenant).endsWith('mappings'))
    ? String((await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${T}/settings`, headers: { authorization: `Bearer ${await h.token(T, 'viewer')}` } })).headers.etag)
    : undefined;
  return h.service.http.inject({
    method: route.method,
    url: route.url(tenant),
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(etag === undefined ? {} : { 'if-match': etag }) },
    ...(route.body === undefined ? {} : { payload: route.body as object }),
  });
}

const label = (r: Route) => `${r.method} ${r.url('{tenant}')}`;

describe.each(routes.map((r) => [label(r), r] as const))('%s', (_name, route) => {
  it('answers 401 without a token', async () => {
    const res = await call(route, T, undefined);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it.each(['viewer', 'admin', 'owner'] as Role[])("answers 404 (not 403) to a %s of another tenant", async (role) => {
    const res = await call(route, T, await h.token(OTHER, role));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  if (route.write) {
    it('answers 403 to a viewer of the tenant and to a viewer service account', async () => {
      for (const svc of [false, true]) {
        const res = await call(route, T, await h.token(T, 'viewer', { svc }));
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
    });
  } else {
    it('lets viewers and service accounts read', async () => {
      for (const svc of [false, true]) {
        const res = await call(route, T, await h.token(T, 'viewer', { svc }));
        expect(res.statusCode).toBe(200);
      }
    });
  }

  it.each(['admin', 'owner'] as Role[])('lets an %s of the tenant through', async (role) => {
    const res = await call(route, T, await h.token(T, role));
    // Past auth: success, or a domain answer (the link was already removed, the retry already requested …), never 401/403/5xx.
    expect([200, 202, 204, 404, 409]).toContain(res.statusCode);
    if (res.statusCode === 404) expect(route.method).toBe('DELETE');
  });
});
