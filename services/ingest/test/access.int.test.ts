/**
 * Who may send records, and how fast: admins and owners of the tenant, or a service account
 * scoped to `ingest`; viewers 403; another tenant 404; a scoped token nowhere else. Each
 * tenant's write requests are limited (429 with Retry-After), apart from every other tenant's.
 */
import { waitFor } from '@ledgerbus/testing';
import type { IngestHarness } from './harness';
import { invoice, startIngestHarness } from './harness';

describe('access to the ingest API', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const send = async (claims: Parameters<IngestHarness['token']>[0], tenant = h.tenant) =>
    h.api('POST', `/v1/tenants/${tenant}/invoices`, { body: invoice('a-1'), token: await h.token(claims) });

  it('accepts owners, admins and service accounts scoped to ingest', async () => {
    expect((await send({ role: 'owner' })).status).toBe(202);
    expect((await send({ role: 'admin', svc: true })).status).toBe(202);
    expect((await send({ role: 'viewer', svc: true, scope: 'ingest' })).status).toBe(202);
    expect((await send({ role: 'admin', svc: true, scope: 'ingest webhooks' })).status).toBe(202);
  });

  it('answers 403 to viewers, to a viewer user claiming the scope, and to tokens scoped to something else', async () => {
    const viewer = await send({ role: 'viewer' });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error).toMatchObject({ code: 'forbidden', details: { role: 'viewer' } });
    expect((await send({ role: 'viewer', svc: false, scope: 'ingest' })).status).toBe(403);
    const otherScope = await send({ role: 'admin', svc: true, scope: 'reports' });
    expect(otherScope.status).toBe(403);
    expect(otherScope.body.error.code).toBe('insufficient_scope');
  });

  it("answers 404 for another tenant's path, scoped or not, and 401 without a token", async () => {
    const scoped = await h.token({ tenant: 'someone-else', sub: 'svc', role: 'viewer', svc: true, scope: 'ingest' });
    expect((await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: invoice('a-2'), token: scoped })).status).toBe(404);
    expect((await h.api('GET', `/v1/tenants/${h.tenant}/records/invoices/a-1`, { token: scoped })).status).toBe(404);
    const anonymous = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${h.tenant}/invoices`, payload: invoice('a-3') });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets viewers and scoped service accounts read a record status', async () => {
    expect((await h.api('GET', `/v1/tenants/${h.tenant}/records/invoices/a-1`, { token: await h.token({ role: 'viewer' }) })).status).toBe(200);
    expect((await h.api('GET', `/v1/tenants/${h.tenant}/records/invoices/a-1`, { token: await h.token({ role: 'viewer', svc: true, scope: 'ingest' }) })).status).toBe(200);
  });
});

describe('the per-tenant rate limit', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness({ config: { rateLimit: 5, rateWindowMs: 10_000 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 429 with Retry-After past the limit, counts only authenticated requests, and spares other tenants', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${h.tenant}/invoices`, payload: invoice(`anon-${i}`) })).statusCode).toBe(401);
    }
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: invoice(`rl-${i}`) }));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 429]);
    const limited = answers[5]!;
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', details: { limit: 5, windowMs: 10_000 } });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    // Void and delete share the tenant's budget.
    expect((await h.api('DELETE', `/v1/tenants/${h.tenant}/invoices/rl-0`)).status).toBe(429);

    const otherTenant = `${h.tenant}-b`;
    const other = await h.api('POST', `/v1/tenants/${otherTenant}/invoices`, { body: invoice('o-1'), token: await h.token({ tenant: otherTenant, sub: 'a' }) });
    expect(other.status).toBe(202);
    // Reads are not limited.
    expect((await h.api('GET', `/v1/tenants/${h.tenant}/records/invoices/rl-0`)).status).toBe(200);

    await waitFor(async () => (await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: invoice('rl-later') })).status === 202, { timeoutMs: 30_000, intervalMs: 1_000, description: 'the window to pass' });
  });
});
