import type { AddressInfo } from 'node:net';
import { createLogger, createServiceHttpServer, getOpenApiDocument, mintToken, requireTenant } from '@ledgerbus/kit';
import type { HttpServer, PrincipalClaims } from '@ledgerbus/kit';

const SECRET = 'kit-service-http-secret-0123456789abcdef';

/** A client whose ping fails while `down` is set. */
function client(name: string) {
  const state = { down: false };
  return {
    state,
    ping: async () => {
      if (state.down) throw new Error(`${name} unreachable`);
    },
  };
}

async function listen(app: HttpServer): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function call(url: string, options: { method?: string; claims?: PrincipalClaims } = {}) {
  const headers: Record<string, string> = options.claims === undefined ? {} : { authorization: `Bearer ${await mintToken(SECRET, options.claims)}` };
  const res = await fetch(url, { method: options.method ?? 'GET', headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('createServiceHttpServer', () => {
  const db = client('db');
  const bus = client('bus');
  let app: HttpServer;
  let base: string;

  beforeAll(async () => {
    app = await createServiceHttpServer(
      { logger: createLogger({ name: 'service-http-test', level: 'silent' }), jwt: { secret: SECRET }, db, bus },
      { name: 'service-http-test', version: '1.0.0', openapi: { title: 'service http test' } },
    );
    app.get('/me', { preHandler: app.requireRole() }, async (request) => ({ sub: request.principal?.sub }));
    base = await listen(app);
  });
  afterAll(async () => {
    await app.close();
  });
  afterEach(() => {
    db.state.down = false;
    bus.state.down = false;
  });

  it('is ready while the database and the bus answer their pings', async () => {
    expect(await call(`${base}/readyz`)).toEqual({ status: 200, body: { status: 'ready', checks: { db: 'ok', bus: 'ok' } } });
  });

  it('answers 503 naming the bus when the bus does not answer', async () => {
    bus.state.down = true;
    expect(await call(`${base}/readyz`)).toEqual({
      status: 503,
      body: { status: 'not_ready', checks: { db: 'ok', bus: 'failed' }, failed: [{ name: 'bus', error: 'bus unreachable' }] },
    });
  });

  it('verifies bearer tokens with the service JWT options', async () => {
    expect((await call(`${base}/me`)).status).toBe(401);
    expect(await call(`${base}/me`, { claims: { sub: 'user-1', tenant: 't-1', role: 'viewer' } })).toEqual({ status: 200, body: { sub: 'user-1' } });
  });

  it('documents its API with the given OpenAPI title and version', async () => {
    const doc = (await getOpenApiDocument(app)) as { info: { title: string; version: string } };
    expect(doc.info).toEqual({ title: 'service http test', version: '1.0.0', license: { name: 'Apache-2.0', identifier: 'Apache-2.0' } });
  });
});

describe('requireTenant', () => {
  let app: HttpServer;
  let base: string;

  beforeAll(async () => {
    app = await createServiceHttpServer(
      { logger: createLogger({ name: 'tenant-access-test', level: 'silent' }), jwt: { secret: SECRET }, db: client('db'), bus: client('bus') },
      { name: 'tenant-access-test', version: '1.0.0' },
    );
    app.get('/v1/tenants/:tenant/things', { preHandler: requireTenant(app) }, async (request) => ({ tenant: request.principal?.tenant }));
    app.put('/v1/tenants/:tenant/things', { preHandler: requireTenant(app, { roles: ['owner', 'admin'], forbiddenMessage: 'viewers may only look; ask an admin' }) }, async () => ({ changed: true }));
    app.delete('/v1/tenants/:tenant/things', { preHandler: requireTenant(app, { roles: ['owner'] }) }, async () => ({ deleted: true }));
    base = await listen(app);
  });
  afterAll(async () => {
    await app.close();
  });

  const viewer = { sub: 'user-v', tenant: 'tenant-a', role: 'viewer' } as const;
  const admin = { sub: 'user-a', tenant: 'tenant-a', role: 'admin' } as const;

  it('lets anyone of the tenant read', async () => {
    expect(await call(`${base}/v1/tenants/tenant-a/things`, { claims: viewer })).toEqual({ status: 200, body: { tenant: 'tenant-a' } });
  });

  it('answers 401 without a bearer token', async () => {
    const res = await call(`${base}/v1/tenants/tenant-a/things`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: 'bearer token required', details: { reason: 'missing' } } });
  });

  it("answers 404 for another tenant's data, even to an admin writing", async () => {
    for (const method of ['GET', 'PUT']) {
      const res = await call(`${base}/v1/tenants/tenant-b/things`, { method, claims: admin });
      expect(res).toEqual({ status: 404, body: { error: { code: 'not_found', message: 'tenant tenant-b not found' } } });
    }
  });

  it('answers 403 with its message and the allowed roles to a role not listed', async () => {
    const res = await call(`${base}/v1/tenants/tenant-a/things`, { method: 'PUT', claims: viewer });
    expect(res).toEqual({
      status: 403,
      body: { error: { code: 'forbidden', message: 'viewers may only look; ask an admin', details: { role: 'viewer', allowed: ['owner', 'admin'] } } },
    });
    const denied = await call(`${base}/v1/tenants/tenant-a/things`, { method: 'DELETE', claims: admin });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ error: { code: 'forbidden', message: 'role admin may not do this', details: { role: 'admin', allowed: ['owner'] } } });
  });

  it('lets a listed role write', async () => {
    expect(await call(`${base}/v1/tenants/tenant-a/things`, { method: 'PUT', claims: admin })).toEqual({ status: 200, body: { changed: true } });
  });

  it('marks its routes as needing a bearer token in the OpenAPI document', async () => {
    const doc = (await getOpenApiDocument(app)) as { paths: Record<string, Record<string, { security?: unknown }>> };
    const things = doc.paths['/v1/tenants/{tenant}/things'];
    expect(things?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(things?.put?.security).toEqual([{ bearerAuth: [] }]);
  });
});
