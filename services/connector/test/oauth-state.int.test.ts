import { waitFor } from '@ledgerbus/testing';
import { callback, createHarness, startConnect, uniqueRealmId } from './harness';
import type { ConnectFlow, Harness } from './harness';

/** The OAuth `state`: single-use, short-lived, bound to the browser that started the flow, and checked against a picked realm. */
describe('connector: the OAuth state belongs to the admin who started the flow', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const flowOf = (value: ConnectFlow | Response): ConnectFlow => {
    if (value instanceof Response) throw new Error(`the connect flow stopped with HTTP ${value.status}`);
    return value;
  };
  const connectionOf = async (tenant: string): Promise<unknown> => h.instances[0]!.db.knex('connections').where({ tenant_id: tenant }).first();
  const codeExchanges = (realmId: string): number => h.sandbox.oauth.tokenCalls({ grantType: 'authorization_code', realmId }).length;
  const errorOf = async (res: Response): Promise<{ code: string; details?: { reason?: string } }> => ((await res.json()) as { error: { code: string; details?: { reason?: string } } }).error;

  it("refuses tenant B's authorization code presented with victim tenant A's state, and A's own flow still completes", async () => {
    h = await createHarness();
    const victimRealm = uniqueRealmId();
    const attackerRealm = uniqueRealmId();
    h.sandbox.admin.createCompany({ realmId: victimRealm, companyName: 'Victim Co' });
    h.sandbox.admin.createCompany({ realmId: attackerRealm, companyName: 'Attacker Co' });
    const tenantA = `a-${victimRealm}`;
    const tenantB = `b-${attackerRealm}`;
    const instance = h.instances[0]!;
    const alice = await h.token({ sub: 'alice', tenant: tenantA, role: 'admin' });
    const mallory = await h.token({ sub: 'mallory', tenant: tenantB, role: 'admin' });

    // Alice starts connecting A; the attacker learns her state (a leaked URL, a referrer …) but not her browser's cookie.
    const victim = flowOf(await startConnect(instance, alice, tenantA, victimRealm));
    // The attacker runs the flow for B and keeps the code for the attacker's company.
    const attacker = flowOf(await startConnect(instance, mallory, tenantB, attackerRealm));
    const forged = new URL(attacker.callbackUrl);
    forged.searchParams.set('state', victim.state);

    for (const cookie of [undefined, attacker.cookie]) {
      const res = await callback(forged.toString(), cookie);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'invalid_oauth_state', details: { reason: 'browser_mismatch' } });
    }
    expect(await connectionOf(tenantA)).toBeUndefined();
    // The attacker's code was never sent to Intuit.
    expect(codeExchanges(attackerRealm)).toBe(0);

    // Alice's own callback, from her browser, still connects A to her company.
    const own = await callback(victim.callbackUrl, victim.cookie);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { connection: unknown }).connection).toMatchObject({ tenantId: tenantA, realmId: victimRealm, companyName: 'Victim Co', connectedBy: 'alice' });
  });

  it('refuses a state the second time, even with a new authorization code, before exchanging that code', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    h.sandbox.admin.createCompany({ realmId, companyName: 'Once Co' });
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });
    const flow = flowOf(await startConnect(h.instances[0]!, admin, tenant, realmId));
    expect((await callback(flow.callbackUrl, flow.cookie)).status).toBe(200);
    expect(codeExchanges(realmId)).toBe(1);

    // The same state with a fresh code (the authorize URL approved again).
    const consent = await fetch(flow.authorizeUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const again = await callback(consent.headers.get('location')!, flow.cookie);
    expect(again.status).toBe(400);
    expect(await errorOf(again)).toMatchObject({ code: 'invalid_oauth_state', details: { reason: 'used' } });
    expect(codeExchanges(realmId)).toBe(1);
  });

  it('refuses a state once its lifetime is over', async () => {
    h = await createHarness({ stateTtlMs: 300 });
    const realmId = uniqueRealmId();
    h.sandbox.admin.createCompany({ realmId, companyName: 'Late Co' });
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });
    const flow = flowOf(await startConnect(h.instances[0]!, admin, tenant, realmId));
    // The state was issued before startConnect returned: wait until its 300 ms are over.
    const issuedBy = Date.now();
    await waitFor(() => Date.now() > issuedBy + 300, { timeoutMs: 5_000, intervalMs: 20 });
    const late = await callback(flow.callbackUrl, flow.cookie);
    expect(late.status).toBe(400);
    expect(await errorOf(late)).toMatchObject({ code: 'invalid_oauth_state', details: { reason: 'expired' } });
    expect(await connectionOf(tenant)).toBeUndefined();
    expect(codeExchanges(realmId)).toBe(0);
  });

  it('refuses a callback for another company than the one the admin picked, without exchanging its code', async () => {
    h = await createHarness();
    const picked = uniqueRealmId();
    const other = uniqueRealmId();
    h.sandbox.admin.createCompany({ realmId: picked, companyName: 'Picked Co' });
    h.sandbox.admin.createCompany({ realmId: other, companyName: 'Other Co' });
    const tenant = `t-${picked}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });

    const wrong = flowOf(await startConnect(h.instances[0]!, admin, tenant, other, { pickRealm: picked }));
    const res = await callback(wrong.callbackUrl, wrong.cookie);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'realm_mismatch' });
    expect(await connectionOf(tenant)).toBeUndefined();
    expect(codeExchanges(other)).toBe(0);

    const right = flowOf(await startConnect(h.instances[0]!, admin, tenant, picked, { pickRealm: picked }));
    expect((await callback(right.callbackUrl, right.cookie)).status).toBe(200);
  });

  it('keeps the connection healthy when the callback URL is replayed (a browser refresh)', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    h.sandbox.admin.createCompany({ realmId, companyName: 'Refresh Co' });
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });
    const instance = h.instances[0]!;
    const flow = flowOf(await startConnect(instance, admin, tenant, realmId));
    const first = await callback(flow.callbackUrl, flow.cookie);
    expect(first.status).toBe(200);

    // The browser reloads the exact callback URL, with the cookie it had.
    const replay = await callback(flow.callbackUrl, flow.cookie);
    expect(replay.status).toBe(400);
    expect(codeExchanges(realmId)).toBe(1);
    expect(h.sandbox.oauth.listGrants({ realmId }).map((g) => g.revokedAt)).toEqual([undefined]);

    // The grant still works: a forced refresh goes through and the tenant is still connected.
    h.sandbox.oauth.expireAccessTokens(realmId);
    await instance.db.knex('connections').where({ tenant_id: tenant }).update({ access_expires_at: new Date(Date.now() - 1000) });
    const svc = await h.token({ sub: 'invoice-push', tenant, role: 'admin', svc: true });
    const token = await fetch(`${instance.url}/internal/v1/realms/${realmId}/access-token`, { method: 'POST', headers: { authorization: `Bearer ${svc}` } });
    expect(token.status).toBe(200);
    expect(h.sandbox.oauth.verifyAccessToken(((await token.json()) as { accessToken: string }).accessToken)?.realmId).toBe(realmId);
    const status = await fetch(`${instance.url}/v1/tenants/${tenant}/connection`, { headers: { authorization: `Bearer ${admin}` } });
    expect(((await status.json()) as { connection: { status: string } }).connection.status).toBe('connected');
  });
});
