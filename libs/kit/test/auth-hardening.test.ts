import { SignJWT } from 'jose';
import { z } from 'zod';
import { createHttpServer, createLogger, jwtEnv, jwtOptionsFromEnv, loadConfig, mintToken, requireTenant } from '@ledgerbus/kit';
import type { HttpServer, JwtVerifierOptions } from '@ledgerbus/kit';

const SECRET = 'kit-hardening-secret-kit-hardening-secret-0123';
const key = new TextEncoder().encode(SECRET);

async function build(auth: JwtVerifierOptions): Promise<HttpServer> {
  const app = await createHttpServer({ logger: createLogger({ name: 'kit-hardening', level: 'silent' }), name: 'kit-hardening', version: '0.0.1', auth });
  const body = z.object({ name: z.string().min(1), amount: z.number().int() });
  app.post('/v1/tenants/:tenant/things', { preHandler: requireTenant(app, { roles: ['owner', 'admin'] }), schema: { params: z.object({ tenant: z.string() }), body } }, async () => ({ ok: true }));
  app.post('/internal/things', { preHandler: [app.requireRole()], schema: { body, querystring: z.object({ n: z.coerce.number().int() }) } }, async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('authentication hardening', () => {
  it('refuses a token without exp with 401', async () => {
    const app = await build({ secret: SECRET });
    const noExp = await new SignJWT({ tenant: 't1', role: 'admin', svc: false }).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuedAt().sign(key);
    const res = await app.inject({ method: 'POST', url: '/internal/things?n=1', headers: { authorization: `Bearer ${noExp}` }, payload: { name: 'a', amount: 1 } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'unauthorized', details: { reason: 'missing_exp' } });
    const withExp = await mintToken(SECRET, { sub: 'u1', tenant: 't1', role: 'admin' });
    expect((await app.inject({ method: 'POST', url: '/internal/things?n=1', headers: { authorization: `Bearer ${withExp}` }, payload: { name: 'a', amount: 1 } })).statusCode).toBe(200);
    await app.close();
  });

  it('authenticates before validating: an anonymous caller with a bad body gets 401, not the schema', async () => {
    const app = await build({ secret: SECRET });
    for (const url of ['/v1/tenants/t1/things', '/internal/things?n=nope']) {
      const res = await app.inject({ method: 'POST', url, payload: { wrong: true } });
      expect([url, res.statusCode]).toEqual([url, 401]);
      expect(res.body).not.toContain('amount');
    }
    // Another tenant's caller learns nothing about the schema either (404), a viewer gets 403.
    const other = await mintToken(SECRET, { sub: 'u2', tenant: 't2', role: 'admin' });
    expect((await app.inject({ method: 'POST', url: '/v1/tenants/t1/things', headers: { authorization: `Bearer ${other}` }, payload: {} })).statusCode).toBe(404);
    const viewer = await mintToken(SECRET, { sub: 'u3', tenant: 't1', role: 'viewer' });
    expect((await app.inject({ method: 'POST', url: '/v1/tenants/t1/things', headers: { authorization: `Bearer ${viewer}` }, payload: {} })).statusCode).toBe(403);
    // An authenticated admin with a bad body gets the 400 that names the field.
    const adminToken = await mintToken(SECRET, { sub: 'u1', tenant: 't1', role: 'admin' });
    const bad = await app.inject({ method: 'POST', url: '/v1/tenants/t1/things', headers: { authorization: `Bearer ${adminToken}` }, payload: { name: 'a' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('amount');
    await app.close();
  });

  it('serves /metrics and /docs/json to anyone by default', async () => {
    const app = await build({ secret: SECRET });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    await app.close();
  });

  it('puts /metrics and /docs/json behind a service-account token with OPS_ENDPOINTS_AUTH=service', async () => {
    const config = loadConfig(z.object(jwtEnv), { JWT_SECRET: SECRET, OPS_ENDPOINTS_AUTH: 'service' });
    const app = await build(jwtOptionsFromEnv(config));
    const user = await mintToken(SECRET, { sub: 'u1', tenant: 't1', role: 'owner' });
    const svc = await mintToken(SECRET, { sub: 'prometheus', tenant: 'ops', role: 'viewer', svc: true });
    for (const url of ['/metrics', '/docs/json']) {
      expect([url, (await app.inject({ method: 'GET', url })).statusCode]).toEqual([url, 401]);
      expect([url, (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${user}` } })).statusCode]).toEqual([url, 403]);
      expect([url, (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${svc}` } })).statusCode]).toEqual([url, 200]);
    }
    // Probes stay open.
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });
});
