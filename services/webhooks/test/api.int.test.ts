/**
 * The endpoints API: who may do what, the URL and event-type rules (400 naming the field), the
 * secret shown once and encrypted at rest, rotation with a grace period, deletion.
 */
import { createKeyRing, createLogger } from '@ledgerbus/kit';
import { waitFor } from '@ledgerbus/testing';
import { Webhook } from 'standardwebhooks';
import type { WebhooksService } from '../src/app';
import { createWebhooksService } from '../src/app';
import type { Harness, Json } from './support/harness';
import { JWT_SECRET, invoicePushed, startHarness } from './support/harness';
import { mintToken } from '@ledgerbus/kit';

jest.setTimeout(120_000);

let h: Harness;
/** A second service on the same schema as a production deployment would be configured: loopback refused, 2 endpoints per tenant. */
let strict: WebhooksService;
beforeAll(async () => {
  h = await startHarness();
  strict = await createWebhooksService({
    db: h.db,
    bus: h.bus,
    logger: createLogger({ name: 'webhooks-strict', level: 'silent' }),
    jwt: { secret: JWT_SECRET },
    keys: createKeyRing(h.keyRingSpec),
    config: { allowLoopback: false, maxEndpointsPerTenant: 2 },
    topics: { events: h.events },
  });
});
afterAll(async () => {
  await strict.http.close();
  await h.close();
});

async function strictApi(method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const tenant = /\/v1\/tenants\/([^/]+)/.exec(url)![1]!;
  const token = await mintToken(JWT_SECRET, { sub: `admin@${tenant}`, tenant, role: 'admin' });
  const res = await strict.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: res.statusCode, body: res.json<Json>() };
}

const fieldsOf = (body: Json | undefined): Array<{ path: string; reason: string }> => body?.error?.details?.fields ?? [];

describe('webhook endpoints API', () => {
  it('creates an endpoint whose secret is shown once and kept only encrypted', async () => {
    const res = await h.api('POST', '/v1/tenants/acme/webhook-endpoints', { url: 'https://hooks.example.com/ledgerbus?token=abc', eventTypes: ['invoice.*', 'payment.pushed', 'invoice.*'], description: 'ERP' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      url: 'https://hooks.example.com/ledgerbus?token=abc',
      eventTypes: ['invoice.*', 'payment.pushed'],
      description: 'ERP',
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
      createdBy: 'admin@acme',
    });
    const secret = res.body!.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(() => new Webhook(secret)).not.toThrow();

    const got = await h.api('GET', `/v1/tenants/acme/webhook-endpoints/${res.body!.id}`, undefined, 'viewer');
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.body)).not.toContain(secret.slice(6));
    const list = await h.api('GET', '/v1/tenants/acme/webhook-endpoints', undefined, 'viewer');
    expect(list.body!.items.map((e: Json) => e.id)).toContain(res.body!.id);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    const row = await h.db.knex('webhook_endpoints').where({ id: res.body!.id }).first();
    expect(JSON.stringify(row)).not.toContain(secret.slice(6));
    expect(createKeyRing(h.keyRingSpec).decrypt(row.secret_key_id, row.secret_ciphertext, row.id)).toBe(secret);
  });

  it('refuses URLs that are not http(s), carry credentials or point at link-local / metadata addresses, naming the field', async () => {
    const cases: Array<[string, RegExp]> = [
      ['ftp://example.com/x', /only http and https/],
      ['javascript:alert(1)', /only http and https/],
      ['not a url', /not a URL/],
      ['http://169.254.169.254/latest/meta-data', /link-local/],
      ['http://[fe80::1]/hook', /link-local/],
      ['http://[::ffff:169.254.169.254]/hook', /link-local/],
      ['http://metadata.google.internal/computeMetadata', /metadata host/],
      ['https://user:pw@example.com/hook', /user:password/],
      ['http://0.0.0.0:80/', /unspecified/],
    ];
    for (const [url, reason] of cases) {
      const res = await h.api('POST', '/v1/tenants/acme/webhook-endpoints', { url });
      expect([url, res.status, res.body?.error.code]).toEqual([url, 400, 'validation_failed']);
      expect(fieldsOf(res.body)).toEqual([{ in: 'body', path: 'url', reason: expect.stringMatching(reason) }]);
    }
  });

  it('refuses loopback URLs unless the deployment allows them', async () => {
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost:8080/hook', 'http://[::1]/hook', 'http://127.8.9.10/x']) {
      const res = await strictApi('POST', '/v1/tenants/strict/webhook-endpoints', { url });
      expect([url, res.status]).toEqual([url, 400]);
      expect(fieldsOf(res.body)[0]).toMatchObject({ path: 'url', reason: expect.stringMatching(/WEBHOOKS_ALLOW_LOOPBACK/) });
    }
    // The test deployment allows them.
    expect((await h.api('POST', '/v1/tenants/acme/webhook-endpoints', { url: 'http://127.0.0.1:9/hook' })).status).toBe(201);
  });

  it('refuses unknown event types and prefixes, naming the item', async () => {
    const res = await h.api('POST', '/v1/tenants/acme/webhook-endpoints', { url: 'https://example.com/h', eventTypes: ['invoice.pushed', 'invoice.pushd'] });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual([{ in: 'body', path: 'eventTypes.1', reason: expect.stringContaining('unknown event type "invoice.pushd"') }]);
    const prefix = await h.api('POST', '/v1/tenants/acme/webhook-endpoints', { url: 'https://example.com/h', eventTypes: ['nothing.*'] });
    expect(fieldsOf(prefix.body)).toEqual([{ in: 'body', path: 'eventTypes.0', reason: expect.stringContaining('no event type starts with "nothing."') }]);
    const missing = await h.api('POST', '/v1/tenants/acme/webhook-endpoints', { eventTypes: [] });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual([expect.objectContaining({ path: 'url' })]);
  });

  it('lets admins and owners write, viewers only read, and hides other tenants (404)', async () => {
    const created = (await h.api('POST', '/v1/tenants/acme/webhook-endpoints', { url: 'https://example.com/h' }, 'owner')).body!;
    const path = `/v1/tenants/acme/webhook-endpoints/${created.id}`;
    const denied = await h.api('POST', '/v1/tenants/acme/webhook-endpoints', { url: 'https://example.com/h' }, 'viewer');
    expect([denied.status, denied.body?.error.code]).toEqual([403, 'forbidden']);
    expect((await h.api('PATCH', path, { description: 'x' }, 'viewer')).status).toBe(403);
    expect((await h.api('POST', `${path}/rotate-secret`, undefined, 'viewer')).status).toBe(403);
    expect((await h.api('DELETE', path, undefined, 'viewer')).status).toBe(403);
    expect((await h.api('GET', `${path}/deliveries`, undefined, 'viewer')).status).toBe(200);
    // Another tenant's principal: the tenant does not exist for it, nor does the endpoint under its own tenant.
    expect((await h.api('GET', path, undefined, 'admin', 'globex')).status).toBe(404);
    expect((await h.api('GET', `/v1/tenants/globex/webhook-endpoints/${created.id}`, undefined, 'admin', 'globex')).status).toBe(404);
    expect((await h.api('PATCH', `/v1/tenants/globex/webhook-endpoints/${created.id}`, { enabled: false }, 'admin', 'globex')).status).toBe(404);
    expect((await h.api('GET', `/v1/tenants/globex/webhook-endpoints/${created.id}/deliveries`, undefined, 'admin', 'globex')).status).toBe(404);
    // No token at all.
    expect((await h.service.http.inject({ method: 'GET', url: '/v1/tenants/acme/webhook-endpoints' })).statusCode).toBe(401);
    expect((await h.api('GET', '/v1/tenants/acme/webhook-endpoints/not-a-uuid')).status).toBe(400);
  });

  it('updates the URL, filter, description and state; an empty update is 400', async () => {
    const created = (await h.api('POST', '/v1/tenants/acme/webhook-endpoints', { url: 'https://example.com/h' })).body!;
    const path = `/v1/tenants/acme/webhook-endpoints/${created.id}`;
    const updated = await h.api('PATCH', path, { url: 'https://example.org/new', eventTypes: ['customer.*'], description: 'CRM' });
    expect(updated.body).toMatchObject({ url: 'https://example.org/new', eventTypes: ['customer.*'], description: 'CRM', enabled: true });
    expect((await h.api('PATCH', path, { description: null })).body).toMatchObject({ description: null });
    expect((await h.api('PATCH', path, { enabled: false })).body).toMatchObject({ enabled: false, disabledReason: 'manual' });
    expect((await h.api('PATCH', path, { enabled: true })).body).toMatchObject({ enabled: true, disabledReason: null });
    expect((await h.api('PATCH', path, {})).status).toBe(400);
    expect(fieldsOf((await h.api('PATCH', path, { url: 'gopher://x' })).body)).toEqual([expect.objectContaining({ path: 'url' })]);
  });

  it('limits the endpoints of a tenant', async () => {
    for (let i = 0; i < 2; i++) expect((await strictApi('POST', '/v1/tenants/limited/webhook-endpoints', { url: `https://example.com/${i}` })).status).toBe(201);
    const third = await strictApi('POST', '/v1/tenants/limited/webhook-endpoints', { url: 'https://example.com/2' });
    expect([third.status, third.body.error.code]).toEqual([409, 'too_many_endpoints']);
  });

  it('rotates the secret: deliveries are signed with the new one, and with the previous one during the grace period', async () => {
    const tenant = `rot${Date.now().toString(36)}`;
    const endpoint = await h.createEndpoint(tenant, `${tenant}-rot`);
    h.receiver.behave(() => ({ status: 204 }));
    const rotated = await h.api('POST', `/v1/tenants/${tenant}/webhook-endpoints/${endpoint.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ endpointId: endpoint.id, secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(String) });
    expect(rotated.body!.secret).not.toBe(endpoint.secret);
    // The receiver knows only the new secret now.
    h.receiver.setSecrets(`/hooks/${tenant}-rot`, [rotated.body!.secret]);
    await h.publish(tenant, [invoicePushed(tenant)]);
    const got = await waitFor(() => h.receiver.delivered(`/hooks/${tenant}-rot`)[0], { description: 'delivered after the rotation' });
    expect(got.signature.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': got.webhookId, 'webhook-timestamp': got.timestamp, 'webhook-signature': got.signature };
    expect(() => new Webhook(endpoint.secret).verify(got.body, headers)).not.toThrow();
    expect(() => new Webhook(rotated.body!.secret).verify(got.body, headers)).not.toThrow();
    expect((await h.api('GET', `/v1/tenants/${tenant}/webhook-endpoints/${endpoint.id}`)).body).toMatchObject({ secretRotatedAt: expect.any(String), previousSecretExpiresAt: rotated.body!.previousSecretExpiresAt });
  });

  it('deletes an endpoint with its delivery log', async () => {
    const created = (await h.api('POST', '/v1/tenants/acme/webhook-endpoints', { url: 'https://example.com/h' })).body!;
    const path = `/v1/tenants/acme/webhook-endpoints/${created.id}`;
    expect((await h.api('DELETE', path)).status).toBe(204);
    expect((await h.api('GET', path)).status).toBe(404);
    expect((await h.api('GET', `${path}/deliveries`)).status).toBe(404);
    expect((await h.api('DELETE', path)).status).toBe(404);
  });
});
