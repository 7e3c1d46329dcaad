import { SignJWT } from 'jose';
import { createHttpServer, createLogger, mintToken } from '@ledgerbus/kit';
import { buildAuthApp } from './support/auth-app';

const SECRET = 'kit-test-secret-kit-test-secret-0123456789';
const admin = { sub: 'user-1', tenant: 'tenant-a', role: 'admin' as const };

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

describe('JWT auth', () => {
  let app: Awaited<ReturnType<typeof buildAuthApp>>;
  beforeAll(async () => {
    app = await buildAuthApp({ secret: SECRET });
  });
  afterAll(async () => {
    await app.close();
  });

  it('accepts a valid token with an allowed role and sets request.principal', async () => {
    const token = await mintToken(SECRET, admin, '15m');
    const res = await app.inject({ method: 'PUT', url: '/settings', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ principal: { sub: 'user-1', tenant: 'tenant-a', role: 'admin', svc: false } });
  });

  it('carries the service-account flag', async () => {
    const token = await mintToken(SECRET, { sub: 'svc-invoice-push', tenant: 'tenant-a', role: 'viewer', svc: true });
    const res = await app.inject({ method: 'GET', url: '/me', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json().principal).toEqual({ sub: 'svc-invoice-push', tenant: 'tenant-a', role: 'viewer', svc: true });
  });

  it('answers 401 unauthorized when the bearer token is missing', async () => {
    const res = await app.inject({ method: 'PUT', url: '/settings' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthorized', message: 'bearer token required', details: { reason: 'missing' } } });
  });

  it('answers 401 unauthorized for a malformed token, another scheme, or a token signed with another secret', async () => {
    const forged = await mintToken('another-secret-another-secret-0123456789', admin);
    for (const authorization of ['Bearer not.a.jwt', `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${forged}`]) {
      const res = await app.inject({ method: 'PUT', url: '/settings', headers: { authorization } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
  });

  it('answers 401 unauthorized with reason "expired" for an expired token', async () => {
    const token = await mintToken(SECRET, admin, -60);
    const res = await app.inject({ method: 'PUT', url: '/settings', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'unauthorized', message: 'token expired', details: { reason: 'expired' } });
  });

  it('answers 401 unauthorized for a validly signed token without the tenant and role claims', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-2')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    const res = await app.inject({ method: 'GET', url: '/me', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.details).toEqual({ reason: 'invalid_claims', fields: ['tenant', 'role'] });
  });

  it('answers 403 forbidden when the role is not allowed on the route', async () => {
    const token = await mintToken(SECRET, { ...admin, role: 'viewer' });
    const res = await app.inject({ method: 'PUT', url: '/settings', headers: bearer(token) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toEqual({
      code: 'forbidden',
      message: 'role viewer may not do this',
      details: { role: 'viewer', allowed: ['owner', 'admin'] },
    });
  });

  it('leaves routes without requireRole public with a null principal', async () => {
    const res = await app.inject({ method: 'GET', url: '/public' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ principal: null });
  });

  it('documents the bearer scheme on guarded routes only', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.paths['/settings'].put.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/public'].get.security).toBeUndefined();
  });
});

describe('auth configuration', () => {
  it('refuses requireRole on a server built without auth', async () => {
    const app = await createHttpServer({ logger: createLogger({ name: 't', level: 'silent' }), name: 't', version: '0' });
    expect(() => app.requireRole('admin')).toThrow(/needs createHttpServer\(\{ auth \}\)/);
    await app.close();
  });

  it('refuses an HS256 secret shorter than 32 characters and an unparseable ttl', async () => {
    await expect(mintToken('short', admin)).rejects.toThrow(RangeError);
    await expect(mintToken(SECRET, admin, 'forever')).rejects.toThrow(/invalid token ttl/);
    await expect(buildAuthApp({ secret: 'short' })).rejects.toThrow(/at least 32 characters/);
  });
});
