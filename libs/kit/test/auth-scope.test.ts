import { SignJWT } from 'jose';
import { createHttpServer, createJwtVerifier, createLogger, hasScope, mintToken, requireTenant } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';

const SECRET = 'kit-scope-secret-kit-scope-secret-0123456789';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A token limited to `ingest`, as a platform's backend gets it. */
const ingestAccount = { sub: 'svc-platform', tenant: 'tenant-a', role: 'admin' as const, svc: true, scope: 'ingest' };

describe('the scope claim', () => {
  it('is read as a space-separated string or a list, and signed as a string', async () => {
    const verifier = createJwtVerifier({ secret: SECRET });
    const minted = await verifier.verify(await mintToken(SECRET, { ...ingestAccount, scope: 'ingest status:read' }));
    expect(minted.scope).toEqual(['ingest', 'status:read']);
    expect(hasScope(minted, 'ingest')).toBe(true);
    expect(hasScope(minted, 'settings')).toBe(false);

    const [, payload] = (await mintToken(SECRET, { ...ingestAccount, scope: ['ingest', 'status:read'] })).split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')).scope).toBe('ingest status:read');

    const listed = await new SignJWT({ tenant: 'tenant-a', role: 'viewer', svc: true, scope: ['ingest'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('svc-b')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    expect((await verifier.verify(listed)).scope).toEqual(['ingest']);
  });

  it('is absent from the principal of a token without one', async () => {
    const principal = await createJwtVerifier({ secret: SECRET }).verify(await mintToken(SECRET, { sub: 'u', tenant: 'tenant-a', role: 'admin' }));
    expect(principal).toEqual({ sub: 'u', tenant: 'tenant-a', role: 'admin', svc: false });
    expect(hasScope(principal, 'ingest')).toBe(false);
  });
});

describe('routes and scoped tokens', () => {
  let app: HttpServer;
  beforeAll(async () => {
    app = await createHttpServer({ logger: createLogger({ name: 'kit-scope-test', level: 'silent' }), name: 'kit-scope-test', version: '0', auth: { secret: SECRET } });
    app.post('/v1/tenants/:tenant/records', { preHandler: requireTenant(app, { scopes: ['ingest'] }) }, async (request) => ({ scope: request.principal?.scope ?? null }));
    app.put('/v1/tenants/:tenant/settings', { preHandler: requireTenant(app, { roles: ['owner', 'admin'] }) }, async () => ({ changed: true }));
    app.get('/internal/tokens', { preHandler: app.requireRole() }, async () => ({ token: 'x' }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('admits a token scoped to ingest on a route that accepts the scope', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/tenants/tenant-a/records', headers: bearer(await mintToken(SECRET, ingestAccount)) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ scope: ['ingest'] });
  });

  it('refuses it with 403 insufficient_scope everywhere else, whatever its role', async () => {
    const token = await mintToken(SECRET, ingestAccount);
    for (const [method, url] of [
      ['PUT', '/v1/tenants/tenant-a/settings'],
      ['GET', '/internal/tokens'],
    ] as const) {
      const res = await app.inject({ method, url, headers: bearer(token) });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toEqual({ code: 'insufficient_scope', message: 'a token scoped to ingest may not do this', details: { scope: ['ingest'], accepted: [] } });
    }
  });

  it('refuses a token scoped to something else on the ingest route', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/tenants/tenant-a/records', headers: bearer(await mintToken(SECRET, { ...ingestAccount, scope: 'reports' })) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('insufficient_scope');
  });

  it('still answers 404 for another tenant once the scope is accepted', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/tenants/tenant-b/records', headers: bearer(await mintToken(SECRET, ingestAccount)) });
    expect(res.statusCode).toBe(404);
  });

  it('leaves tokens without a scope to their role, on every route', async () => {
    const admin = await mintToken(SECRET, { sub: 'u', tenant: 'tenant-a', role: 'admin' });
    expect((await app.inject({ method: 'PUT', url: '/v1/tenants/tenant-a/settings', headers: bearer(admin) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/v1/tenants/tenant-a/records', headers: bearer(admin) })).json()).toEqual({ scope: null });
    expect((await app.inject({ method: 'GET', url: '/internal/tokens', headers: bearer(admin) })).statusCode).toBe(200);
  });
});
