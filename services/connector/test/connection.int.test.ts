import { readTopic, waitFor } from '@ledgerbus/testing';
import type { ConnectionRow } from '../src/db/connections.repository';
import { createTokenKeyRing } from '../src/domain/token-crypto';
import { decryptRefresh } from '../src/use-cases/tokens';
import { connectThroughRedirects, createHarness, uniqueRealmId } from './harness';
import type { Harness } from './harness';

describe('connector: connect, tokens, reauthorization, disconnect', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const row = async (tenant: string): Promise<ConnectionRow> =>
    (await h.instances[0]!.db.knex('connections').where({ tenant_id: tenant }).first()) as ConnectionRow;

  it('connects through the HTTP redirects, publishes the state, and refuses a second company with 409', async () => {
    const realmId = uniqueRealmId();
    const other = uniqueRealmId();
    h.sandbox.admin.createCompany({ realmId, companyName: 'Acme Plumbing', seed: 1, size: 'small' });
    h.sandbox.admin.createCompany({ realmId: other, companyName: 'Other Co' });
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });
    const instance = h.instances[0]!;

    const done = await connectThroughRedirects(instance, admin, tenant, realmId);
    expect(done.status).toBe(200);
    const body = (await done.json()) as { connection: { status: string; companyName: string; realmId: string; connectedBy: string } };
    expect(body.connection).toMatchObject({ status: 'connected', companyName: 'Acme Plumbing', realmId, connectedBy: 'alice' });

    const status = await fetch(`${instance.url}/v1/tenants/${tenant}/connection`, { headers: { authorization: `Bearer ${admin}` } });
    expect(status.status).toBe(200);
    expect(((await status.json()) as { connection: unknown }).connection).toMatchObject({ status: 'connected', companyName: 'Acme Plumbing' });

    const records = await readTopic(h.brokers, h.topics.connections.name, { untilIdleMs: 1500, timeoutMs: 20_000 });
    const mine = records.filter((r) => r.key === tenant);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[mine.length - 1]!.event?.data).toMatchObject({ tenantId: tenant, realmId, companyName: 'Acme Plumbing', status: 'connected' });

    // A viewer may not connect; a second company while connected is a 409 that says to disconnect first.
    const viewer = await h.token({ sub: 'vic', tenant, role: 'viewer' });
    expect((await fetch(`${instance.url}/v1/tenants/${tenant}/connection/connect-url`, { headers: { authorization: `Bearer ${viewer}` } })).status).toBe(403);
    const second = await connectThroughRedirects(instance, admin, tenant, other);
    expect(second.status).toBe(409);
    const error = (await second.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('different_company_connected');
    expect(error.error.message).toMatch(/disconnect/);
    expect((await row(tenant)).realm_id).toBe(realmId);

    // The same company again is a reconnect.
    const again = await connectThroughRedirects(instance, admin, tenant, realmId);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { reconnected: boolean }).reconnected).toBe(true);
  });

  it('refreshes once for 50 concurrent token requests over 3 instances at expiry, and stores the rotated refresh token', async () => {
    const realmId = uniqueRealmId();
    h.sandbox.admin.createCompany({ realmId, companyName: 'Race Co' });
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'owner' });
    expect((await connectThroughRedirects(h.instances[0]!, admin, tenant, realmId)).status).toBe(200);
    await h.addInstance({ start: false });
    await h.addInstance({ start: false });
    const svc = await h.token({ sub: 'invoice-push', tenant, role: 'admin', svc: true });

    // The access token expires now (at Intuit and in our row).
    h.sandbox.oauth.expireAccessTokens(realmId);
    await h.instances[0]!.db.knex('connections').where({ tenant_id: tenant }).update({ access_expires_at: new Date(Date.now() - 1000) });
    const refreshesBefore = h.sandbox.oauth.tokenCalls({ grantType: 'refresh_token', realmId }).length;

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${h.instances[i % 3]!.url}/internal/v1/realms/${realmId}/access-token`, { method: 'POST', headers: { authorization: `Bearer ${svc}`, 'content-type': 'application/json' }, body: '{}' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const tokens = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { accessToken: string }).accessToken)));
    expect(tokens.size).toBe(1);
    expect(h.sandbox.oauth.tokenCalls({ grantType: 'refresh_token', realmId }).length - refreshesBefore).toBe(1);
    const [token] = [...tokens];
    expect(h.sandbox.oauth.verifyAccessToken(token!)?.realmId).toBe(realmId);

    // The stored refresh token is the grant's newest value.
    const grant = h.sandbox.oauth.listGrants({ realmId }).find((g) => g.revokedAt === undefined)!;
    expect(grant.refreshTokenValues).toBe(2);
    const stored = await row(tenant);
    expect(decryptRefresh(createTokenKeyRing(h.keys), stored)).toBe(grant.refreshToken);

    // Only service accounts get tokens.
    const user = await h.token({ sub: 'alice', tenant, role: 'owner' });
    expect((await fetch(`${h.instances[0]!.url}/internal/v1/realms/${realmId}/access-token`, { method: 'POST', headers: { authorization: `Bearer ${user}` } })).status).toBe(403);
  });

  it('turns a revoked grant into reauthorization_required with an event, and a reconnect resumes', async () => {
    const realmId = uniqueRealmId();
    h.sandbox.admin.createCompany({ realmId, companyName: 'Revoked Co' });
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });
    const instance = h.instances[0]!;
    expect((await connectThroughRedirects(instance, admin, tenant, realmId)).status).toBe(200);
    const svc = await h.token({ sub: 'worker', tenant, role: 'admin', svc: true });

    h.sandbox.oauth.revokeRealm(realmId);
    await instance.db.knex('connections').where({ tenant_id: tenant }).update({ access_expires_at: new Date(Date.now() - 1000) });
    const denied = await fetch(`${instance.url}/internal/v1/realms/${realmId}/access-token`, { method: 'POST', headers: { authorization: `Bearer ${svc}` } });
    expect(denied.status).toBe(409);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('reauthorization_required');
    expect((await row(tenant)).status).toBe('reauthorization_required');

    const events = await readTopic(h.brokers, h.topics.events.name, { untilIdleMs: 1500, timeoutMs: 20_000 });
    const reauth = events.filter((e) => e.event?.type === 'connection.reauthorization_required' && (e.event.data as { realmId?: string }).realmId === realmId);
    expect(reauth).toHaveLength(1);
    expect(reauth[0]!.event?.data).toMatchObject({ tenantId: tenant, realmId });

    const again = await connectThroughRedirects(instance, admin, tenant, realmId);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { connection: { status: string } }).connection.status).toBe('connected');
    const ok = await fetch(`${instance.url}/internal/v1/realms/${realmId}/access-token`, { method: 'POST', headers: { authorization: `Bearer ${svc}` } });
    expect(ok.status).toBe(200);
  });

  it('disconnects for the owner only: revokes at Intuit, destroys the tokens, publishes, audits, and stops token service', async () => {
    const realmId = uniqueRealmId();
    h.sandbox.admin.createCompany({ realmId, companyName: 'Bye Co' });
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });
    const instance = h.instances[0]!;
    expect((await connectThroughRedirects(instance, admin, tenant, realmId)).status).toBe(200);

    // Seed 001: only the account owner disconnects; an admin is refused and nothing changes.
    const refused = await fetch(`${instance.url}/v1/tenants/${tenant}/connection`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    expect(refused.status).toBe(403);
    expect(await row(tenant)).toMatchObject({ status: 'connected' });
    const owner = await h.token({ sub: 'alice', tenant, role: 'owner' });
    const res = await fetch(`${instance.url}/v1/tenants/${tenant}/connection`, { method: 'DELETE', headers: { authorization: `Bearer ${owner}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ connection: { status: 'disconnected' }, revoke: 'revoked' });
    const stored = await row(tenant);
    expect(stored).toMatchObject({ status: 'disconnected', access_token_enc: null, refresh_token_enc: null, disconnected_by: 'alice' });
    expect(h.sandbox.oauth.listGrants({ realmId }).every((g) => g.revokedAt !== undefined)).toBe(true);

    const audit = await fetch(`${instance.url}/v1/tenants/${tenant}/connection/audit`, { headers: { authorization: `Bearer ${admin}` } });
    const actions = ((await audit.json()) as { entries: Array<{ action: string; actor: string }> }).entries.map((e) => `${e.action}:${e.actor}`);
    expect(actions).toEqual(['connection.disconnected:alice', 'connection.connected:alice']);

    const svc = await h.token({ sub: 'worker', tenant, role: 'admin', svc: true });
    expect((await fetch(`${instance.url}/internal/v1/realms/${realmId}/access-token`, { method: 'POST', headers: { authorization: `Bearer ${svc}` } })).status).toBe(404);
    await waitFor(async () => {
      const events = await readTopic(h.brokers, h.topics.events.name, { untilIdleMs: 500, timeoutMs: 10_000 });
      return events.some((e) => e.event?.type === 'connection.disconnected' && (e.event.data as { realmId?: string }).realmId === realmId);
    }, { timeoutMs: 20_000 });
  });
});
