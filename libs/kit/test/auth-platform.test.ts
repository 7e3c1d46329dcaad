import { z } from 'zod';
import { ALL_TENANTS, createHttpServer, createLogger, mintToken, requirePlatform } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';

const SECRET = 'kit-platform-secret-kit-platform-secret-0123';
const bearer = async (claims: Parameters<typeof mintToken>[1]) => ({ authorization: `Bearer ${await mintToken(SECRET, claims)}` });

describe('platform-wide routes (requirePlatform)', () => {
  let app: HttpServer;
  beforeAll(async () => {
    app = await createHttpServer({ logger: createLogger({ name: 'kit-platform-test', level: 'silent' }), name: 'kit-platform-test', version: '0', auth: { secret: SECRET } });
    const body = z.object({ url: z.string().min(1) });
    app.post('/v1/things', { preHandler: requirePlatform(app, { roles: ['owner', 'admin'], scopes: ['webhooks'] }), schema: { body } }, async (request) => ({ sub: request.principal?.sub }));
    app.get('/v1/things', { preHandler: requirePlatform(app, { scopes: ['webhooks'] }) }, async () => ({ items: [] }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('admits a service account of every tenant, scoped or not', async () => {
    for (const claims of [
      { sub: 'svc:platform', tenant: ALL_TENANTS, role: 'admin' as const, svc: true, scope: 'webhooks' },
      { sub: 'svc:workers', tenant: ALL_TENANTS, role: 'admin' as const, svc: true },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/v1/things', headers: await bearer(claims), payload: { url: 'x' } });
      expect([claims.sub, res.statusCode, res.json()]).toEqual([claims.sub, 200, { sub: claims.sub }]);
    }
  });

  it("refuses a tenant's admin, a tenant's service account and a user claiming every tenant with 403 before the body is read", async () => {
    for (const claims of [
      { sub: 'admin@a', tenant: 'tenant-a', role: 'admin' as const },
      { sub: 'svc:a', tenant: 'tenant-a', role: 'admin' as const, svc: true, scope: 'webhooks' },
      { sub: 'user', tenant: ALL_TENANTS, role: 'owner' as const },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/v1/things', headers: await bearer(claims), payload: {} });
      expect([claims.sub, res.statusCode, res.json().error.code]).toEqual([claims.sub, 403, 'forbidden']);
    }
    expect((await app.inject({ method: 'POST', url: '/v1/things', payload: {} })).statusCode).toBe(401);
  });

  it('applies the role and the scope: a viewer reads but does not write, another scope is refused', async () => {
    const viewer = await bearer({ sub: 'svc:v', tenant: ALL_TENANTS, role: 'viewer', svc: true, scope: 'webhooks' });
    expect((await app.inject({ method: 'GET', url: '/v1/things', headers: viewer })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/v1/things', headers: viewer, payload: { url: 'x' } })).statusCode).toBe(403);
    const ingest = await app.inject({ method: 'GET', url: '/v1/things', headers: await bearer({ sub: 'svc:i', tenant: ALL_TENANTS, role: 'admin', svc: true, scope: 'ingest' }) });
    expect([ingest.statusCode, ingest.json().error.code]).toEqual([403, 'insufficient_scope']);
  });
});
