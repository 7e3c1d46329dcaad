/**
 * Platform-wide endpoints (/v1/webhook-endpoints): the platform's service account (svc: true,
 * tenant "*") registers endpoints that take every tenant's events, against real Kafka,
 * PostgreSQL and a receiver on loopback that verifies each request with the standardwebhooks library.
 */
import { mintToken } from '@ledgerbus/kit';
import type { PrincipalClaims } from '@ledgerbus/kit';
import { waitFor } from '@ledgerbus/testing';
import type { Harness, Json } from './support/harness';
import { JWT_SECRET, connected, invoicePushed, startHarness } from './support/harness';
import { firstArrivalOrder } from './support/receiver';

jest.setTimeout(120_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const PLATFORM: PrincipalClaims = { sub: 'svc:platform', tenant: '*', role: 'admin', svc: true, scope: 'webhooks' };

async function as(claims: PrincipalClaims, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object): Promise<{ status: number; body: Json | undefined }> {
  const authorization = `Bearer ${await mintToken(JWT_SECRET, claims)}`;
  const res = await h.service.http.inject({ method, url, headers: { authorization }, ...(body === undefined ? {} : { payload: body }) });
  return { status: res.statusCode, body: res.body === '' ? undefined : res.json<Json>() };
}

async function platformEndpoint(name: string, body: Json = {}): Promise<Json> {
  const res = await as(PLATFORM, 'POST', '/v1/webhook-endpoints', { url: `${h.receiver.url}/hooks/${name}`, ...body });
  expect(res.status).toBe(201);
  h.receiver.setSecrets(`/hooks/${name}`, [res.body?.secret as string]);
  return res.body!;
}

let tenantCounter = 0;
const newTenant = (): string => `p${Date.now().toString(36)}${++tenantCounter}`;

describe('platform-wide webhook endpoints', () => {
  it('are managed only by a platform service account: tenant tokens get 403, viewers read, other scopes are refused', async () => {
    const created = await platformEndpoint('platform-access', { description: 'platform backend' });
    expect(created).toMatchObject({ enabled: true, eventTypes: [], description: 'platform backend', createdBy: 'svc:platform' });
    expect(created.secret).toMatch(/^whsec_/);
    const url = `/v1/webhook-endpoints/${created.id}`;

    // A tenant's admin, a tenant's service account, and a user's token that claims every tenant.
    for (const claims of [
      { sub: 'admin@acme', tenant: 'acme', role: 'admin' },
      { sub: 'svc:acme', tenant: 'acme', role: 'admin', svc: true, scope: 'webhooks' },
      { sub: 'root', tenant: '*', role: 'owner' },
    ] satisfies PrincipalClaims[]) {
      const res = await as(claims, 'GET', '/v1/webhook-endpoints');
      expect([claims.sub, res.status, res.body?.error.code]).toEqual([claims.sub, 403, 'forbidden']);
    }
    const viewer: PrincipalClaims = { ...PLATFORM, role: 'viewer' };
    expect((await as(viewer, 'GET', url)).status).toBe(200);
    expect((await as(viewer, 'PATCH', url, { description: 'x' })).status).toBe(403);
    const ingest = await as({ ...PLATFORM, scope: 'ingest' }, 'GET', '/v1/webhook-endpoints');
    expect([ingest.status, ingest.body?.error.code]).toEqual([403, 'insufficient_scope']);

    // The tenant path is no back door to them, and they never show among a tenant's endpoints.
    const star = await as(PLATFORM, 'GET', '/v1/tenants/*/webhook-endpoints');
    expect(star.status).toBe(400);
    expect(JSON.stringify(star.body)).toContain('tenant');
    const tenant = newTenant();
    await h.createEndpoint(tenant, `${tenant}-own`);
    expect((await h.api('GET', `/v1/tenants/${tenant}/webhook-endpoints/${created.id}`)).status).toBe(404);
    expect(((await h.api('GET', `/v1/tenants/${tenant}/webhook-endpoints`)).body?.items as Json[]).map((e) => e.id)).not.toContain(created.id);
    const listed = (await as(PLATFORM, 'GET', '/v1/webhook-endpoints')).body?.items as Json[];
    expect(listed.map((e) => e.id)).toContain(created.id);
    expect(listed.every((e) => e.secret === undefined)).toBe(true);

    // Changed, its secret rotated, deleted: by the platform only.
    expect((await as(PLATFORM, 'PATCH', url, { eventTypes: ['invoice.*'] })).body).toMatchObject({ eventTypes: ['invoice.*'], updatedBy: 'svc:platform' });
    expect((await as(PLATFORM, 'POST', `${url}/rotate-secret`)).body?.secret).toMatch(/^whsec_/);
    expect((await as(PLATFORM, 'DELETE', url)).status).toBe(204);
    expect((await as(PLATFORM, 'GET', url)).status).toBe(404);
  });

  it("receive every tenant's events, signed and in order per key, beside the tenants' own endpoints", async () => {
    const [a, b] = [newTenant(), newTenant()];
    const all = await platformEndpoint('platform-all');
    const invoices = await platformEndpoint('platform-invoices', { eventTypes: ['invoice.*'] });
    await h.createEndpoint(a, `${a}-own`);
    h.receiver.behave(({ n }) => (n % 4 === 1 ? { status: 503 } : { status: 204 }));

    const keys = [a, `${a}/east`, b];
    const published = new Map<string, string[]>();
    for (let round = 0; round < 4; round++) {
      for (const key of keys) {
        const batch = [invoicePushed(key), connected(key.split('/')[0]!)];
        await h.publish(key, batch);
        published.set(key, [...(published.get(key) ?? []), ...batch.map((e) => e.id)]);
      }
    }
    const ids = [...published.values()].flat();
    const ofA = [...(published.get(a) ?? []), ...(published.get(`${a}/east`) ?? [])];
    const invoiceIds = ids.filter((_, i) => i % 2 === 0);
    const delivered = (path: string) => new Set(h.receiver.delivered(path).map((r) => r.webhookId));

    await waitFor(() => ids.every((id) => delivered('/hooks/platform-all').has(id)), { timeoutMs: 60_000, description: 'every tenant\'s events at the platform endpoint' });
    await waitFor(() => invoiceIds.every((id) => delivered('/hooks/platform-invoices').has(id)), { timeoutMs: 60_000, description: 'the invoice events at the filtered platform endpoint' });
    await waitFor(() => ofA.every((id) => delivered(`/hooks/${a}-own`).has(id)), { timeoutMs: 60_000, description: "tenant a's events at its own endpoint" });

    const requests = h.receiver.requests.filter((r) => r.path === '/hooks/platform-all' && ids.includes(r.webhookId));
    expect(requests.every((r) => r.verified)).toBe(true);
    expect(requests.some((r) => r.status === 503)).toBe(true);
    for (const key of keys) {
      expect(firstArrivalOrder(requests.filter((r) => published.get(key)?.includes(r.webhookId)))).toEqual(published.get(key));
    }
    expect(new Set(h.receiver.delivered('/hooks/platform-invoices').map((r) => r.event.type))).toEqual(new Set(['invoice.pushed']));
    // Tenant a's endpoint got a's events only, never b's.
    expect(h.receiver.requests.filter((r) => r.path === `/hooks/${a}-own`).every((r) => r.event.data.tenantId === a)).toBe(true);

    // The platform endpoint's delivery log names each event's key (the tenant).
    const log = await as(PLATFORM, 'GET', `/v1/webhook-endpoints/${all.id}/deliveries?limit=200`);
    expect(log.status).toBe(200);
    const logged = (log.body?.items as Json[]).filter((d) => ids.includes(d.eventId));
    expect(logged).toHaveLength(ids.length);
    expect(new Set(logged.map((d) => d.key))).toEqual(new Set(keys));
    expect(logged.every((d) => d.status === 'delivered')).toBe(true);
    const one = logged.find((d) => d.attemptCount > 1) ?? logged[0]!;
    const detail = await as(PLATFORM, 'GET', `/v1/webhook-endpoints/${all.id}/deliveries/${one.id}`);
    expect(detail.body?.attempts).toHaveLength(one.attemptCount);
    // A tenant cannot read the platform endpoint's log.
    expect((await h.api('GET', `/v1/tenants/${a}/webhook-endpoints/${all.id}/deliveries`)).status).toBe(404);
    void invoices;
  });

  it("replays a time range of every tenant's events, and one message, with the original webhook-id", async () => {
    const [a, b] = [newTenant(), newTenant()];
    const before = new Date(Date.now() - 1_000);
    const events = [invoicePushed(a), invoicePushed(b), connected(b)];
    // Events are kept only while an endpoint could want them, so the endpoint comes first, with a
    // filter that takes none of them; the replay then goes by its new filter.
    const endpoint = await platformEndpoint('platform-replay', { eventTypes: ['metric.updated'] });
    await h.publish(a, [events[0]!]);
    await h.publish(b, [events[1]!, events[2]!]);
    // The intake stores them (a platform endpoint exists) without queueing any (the filter takes none).
    await waitFor(
      async () => {
        const res = await h.db.knex('webhook_events').whereIn('event_id', events.map((e) => e.id)).count<Array<{ count: string }>>('* as count').first();
        return Number(res?.count ?? 0) === events.length;
      },
      { timeoutMs: 30_000, description: 'the events stored' },
    );
    expect(h.receiver.requests.filter((r) => r.path === '/hooks/platform-replay')).toEqual([]);

    const url = `/v1/webhook-endpoints/${endpoint.id}`;
    expect((await as(PLATFORM, 'PATCH', url, { eventTypes: [] })).status).toBe(200);
    const replay = await as(PLATFORM, 'POST', `${url}/replay`, { from: before.toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
    expect(replay.status).toBe(202);
    expect(replay.body?.replayed).toBeGreaterThanOrEqual(events.length);
    const wanted = events.map((e) => e.id);
    await waitFor(() => wanted.every((id) => h.receiver.delivered('/hooks/platform-replay').some((r) => r.webhookId === id)), { timeoutMs: 30_000, description: 'the range replayed' });

    const log = (await as(PLATFORM, 'GET', `${url}/deliveries?limit=200`)).body?.items as Json[];
    const first = log.find((d) => d.eventId === events[1]!.id)!;
    const again = await as(PLATFORM, 'POST', `${url}/deliveries/${first.id}/replay`);
    expect(again.status).toBe(202);
    await waitFor(() => h.receiver.delivered('/hooks/platform-replay').filter((r) => r.webhookId === events[1]!.id).length === 2, { timeoutMs: 30_000, description: 'the one message sent again' });
    expect(h.receiver.requests.filter((r) => r.path === '/hooks/platform-replay').every((r) => r.verified)).toBe(true);
  });

  it("when one is disabled by its failures, says so to the platform's other endpoints, not to the tenants'", async () => {
    const other = await startHarness({ config: { disableAfterFailures: 2, disableAfterMs: 0 } });
    try {
      const asPlatform = async (method: 'GET' | 'POST', url: string, body?: object) => {
        const authorization = `Bearer ${await mintToken(JWT_SECRET, PLATFORM)}`;
        const res = await other.service.http.inject({ method, url, headers: { authorization }, ...(body === undefined ? {} : { payload: body }) });
        return res.json<Json>();
      };
      const create = async (name: string) => {
        const created = await asPlatform('POST', '/v1/webhook-endpoints', { url: `${other.receiver.url}/hooks/${name}` });
        other.receiver.setSecrets(`/hooks/${name}`, [created.secret as string]);
        return created;
      };
      const dead = await create('platform-dead');
      await create('platform-ok');
      const tenant = newTenant();
      await other.createEndpoint(tenant, `${tenant}-own`);
      other.receiver.behave(({ path }) => (path === '/hooks/platform-dead' ? { status: 500 } : { status: 204 }));

      await other.publish(tenant, [invoicePushed(tenant), invoicePushed(tenant)]);
      const disabled = await waitFor(
        async () => {
          const e = await asPlatform('GET', `/v1/webhook-endpoints/${dead.id}`);
          return e.enabled === false ? e : undefined;
        },
        { timeoutMs: 30_000, description: 'the failing platform endpoint disabled' },
      );
      expect(disabled.disabledReason).toBe('consecutive_failures');
      const notice = await waitFor(() => other.receiver.delivered('/hooks/platform-ok').find((r) => r.event.type === 'webhook.endpoint_disabled'), {
        timeoutMs: 30_000,
        description: 'webhook.endpoint_disabled at the platform\'s other endpoint',
      });
      expect(notice.event).toMatchObject({ tenantid: '*', data: { tenantId: '*', endpointId: dead.id, reason: 'consecutive_failures' } });
      // The tenant's endpoint got the tenant's events, and not the platform's notice: the intake queued the
      // notice's deliveries in one transaction, which had committed when platform-ok received it.
      await waitFor(() => other.receiver.delivered(`/hooks/${tenant}-own`).length >= 2, { timeoutMs: 30_000, description: "the tenant's events at its endpoint" });
      const own = (await other.api('GET', `/v1/tenants/${tenant}/webhook-endpoints`)).body?.items as Json[];
      const log = (await other.api('GET', `/v1/tenants/${tenant}/webhook-endpoints/${own[0]!.id}/deliveries`)).body?.items as Json[];
      expect(log.map((d) => d.eventType)).toEqual(['invoice.pushed', 'invoice.pushed']);
      expect(log.map((d) => d.eventId)).not.toContain(notice.webhookId);
    } finally {
      await other.close();
    }
  });
});
