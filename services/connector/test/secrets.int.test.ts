import { dlqTopicName } from '@ledgerbus/contracts';
import { readTopic, waitFor } from '@ledgerbus/testing';
import { webhookSignature } from '../src/domain/webhook';
import { CLIENT_SECRET, cookieHeader, createHarness, uniqueRealmId, VERIFIER } from './harness';
import type { Harness } from './harness';

interface Secret {
  name: string;
  value: string;
}

/** Every place a secret could leak to, as text: the value and, for bytes, its hex form too. */
function leaks(secrets: readonly Secret[], haystacks: ReadonlyArray<{ where: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { name, value } of secrets) {
    const hex = Buffer.from(value, 'utf8').toString('hex');
    const b64 = Buffer.from(value, 'utf8').toString('base64');
    for (const { where, text } of haystacks) {
      if (text.includes(value) || text.toLowerCase().includes(hex) || text.includes(b64)) found.push(`${name} in ${where}`);
    }
  }
  return found;
}

describe('connector: tokens are secrets', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('leaves no token, auth code, client secret or verifier token in logs, on topics or in any column after connect, refresh, webhook and snapshot', async () => {
    h = await createHarness();
    const instance = h.instances[0]!;
    const realmId = uniqueRealmId();
    h.sandbox.admin.createCompany({ realmId, companyName: 'Secretive Co', seed: 3, size: 'small' });
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });

    // Connect through the real redirects, keeping the auth code the browser carried.
    const first = await fetch(`${instance.url}/v1/tenants/${tenant}/connection/connect-url?redirect=true`, { headers: { authorization: `Bearer ${admin}` }, redirect: 'manual' });
    expect(first.status).toBe(302);
    const authorize = new URL(first.headers.get('location')!);
    authorize.searchParams.set('sandbox_auto_approve', realmId);
    const consent = await fetch(authorize, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callback = new URL(consent.headers.get('location')!);
    const code = callback.searchParams.get('code');
    const state = callback.searchParams.get('state');
    expect(code).toBeTruthy();
    // The browser sends back the state cookie connect-url set.
    const browserCookie = cookieHeader(first);
    const stateNonce = browserCookie.slice(browserCookie.indexOf('=') + 1);
    expect(stateNonce.length).toBeGreaterThan(20);
    expect((await fetch(callback, { redirect: 'manual', headers: { cookie: browserCookie } })).status).toBe(200);
    await waitFor(async () => (await instance.db.knex('connections').where({ realm_id: realmId }).first<{ snapshot_completed_at: Date | null }>())?.snapshot_completed_at, { timeoutMs: 30_000 });

    // The first access token (as a worker gets it) and the first refresh token.
    const svc = await h.token({ sub: 'invoice-push', tenant, role: 'admin', svc: true });
    const tokenOf = async (): Promise<string> => {
      const res = await fetch(`${instance.url}/internal/v1/realms/${realmId}/access-token`, { method: 'POST', headers: { authorization: `Bearer ${svc}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const firstAccess = await tokenOf();
    const firstRefresh = h.sandbox.oauth.listGrants({ realmId }).find((g) => g.revokedAt === undefined)!.refreshToken;

    // A refresh (rotating the refresh token).
    h.sandbox.oauth.expireAccessTokens(realmId);
    await instance.db.knex('connections').where({ realm_id: realmId }).update({ access_expires_at: new Date(Date.now() - 1000) });
    const secondAccess = await tokenOf();
    expect(secondAccess).not.toBe(firstAccess);
    const secondRefresh = h.sandbox.oauth.listGrants({ realmId }).find((g) => g.revokedAt === undefined)!.refreshToken;
    expect(secondRefresh).not.toBe(firstRefresh);

    // A webhook, fetched with the new access token.
    const customer = h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'Webhook Customer' }) as { Id: string };
    const body = JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name: 'Customer', id: customer.Id, operation: 'Create', lastUpdated: new Date().toISOString() }] } }] });
    const hook = await fetch(`${instance.url}/v1/webhooks/intuit`, { method: 'POST', headers: { 'content-type': 'application/json', 'intuit-signature': webhookSignature(VERIFIER, body) }, body });
    expect(hook.status).toBe(200);

    const changes = await h.tail(h.topics.changes);
    await waitFor(() => changes.messages.some((m) => (m.event.data as { entityId?: string; source?: string }).entityId === customer.Id), {
      timeoutMs: 30_000,
      description: 'the webhook customer on qbo.changes',
    });
    await instance.service.drainOutbox();

    const secrets: Secret[] = [
      { name: 'first access token', value: firstAccess },
      { name: 'second access token', value: secondAccess },
      { name: 'first refresh token', value: firstRefresh },
      { name: 'second refresh token', value: secondRefresh },
      { name: 'auth code', value: code! },
      { name: 'client secret', value: CLIENT_SECRET },
      { name: 'verifier token', value: VERIFIER },
      { name: 'OAuth state cookie nonce', value: stateNonce },
    ];

    // 1. Logs: every captured line.
    const logText = h.logs.lines.join('');
    expect(logText).toContain('/v1/oauth/callback');
    expect(logText).toContain('access token refreshed');
    // The OAuth state is not a credential by itself, but it must not show up in URLs either.
    expect(logText).not.toContain(state!);

    // 2. Topics: values and headers of every message on every topic (and DLQ) the connector wrote.
    const haystacks: Array<{ where: string; text: string }> = [{ where: 'logs', text: logText }];
    let messages = 0;
    for (const topic of Object.values(h.topics)) {
      const tail = await h.tail(topic);
      for (const m of await tail.settled(1000)) {
        messages += 1;
        haystacks.push({ where: `${topic.name} value`, text: m.rawValue?.toString('utf8') ?? '' }, { where: `${topic.name} headers`, text: JSON.stringify(m.headers) }, { where: `${topic.name} key`, text: m.key });
      }
      // Its dead letters (none expected; read raw, since they need not parse).
      for (const m of await readTopic(h.brokers, dlqTopicName(topic.name), { untilIdleMs: 1000, timeoutMs: 20_000 })) {
        messages += 1;
        haystacks.push({ where: `${topic.name}.dlq`, text: `${m.key ?? ''} ${m.value?.toString('utf8') ?? ''} ${JSON.stringify(m.headers)}` });
      }
    }
    expect(messages).toBeGreaterThan(10);

    // 3. Every column of every table in the connector's schema, the encrypted token columns included (as text/hex).
    const tables: Array<{ table_name: string }> = await instance.db.knex('information_schema.tables').where({ table_schema: h.schema, table_type: 'BASE TABLE' }).select('table_name');
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['connections', 'audit_log']));
    let rows = 0;
    for (const { table_name: table } of tables) {
      const result = await instance.db.knex.raw<{ rows: Array<{ row: string }> }>('select row_to_json(t)::text as row from ??.?? t', [h.schema, table]);
      for (const r of result.rows) {
        rows += 1;
        haystacks.push({ where: `${table} row`, text: r.row });
      }
    }
    const connection = (await instance.db.knex('connections').where({ realm_id: realmId }).first()) as Record<string, unknown>;
    const encrypted = Object.keys(connection).filter((k) => k.includes('token') && k.endsWith('_enc'));
    expect(encrypted.length).toBeGreaterThanOrEqual(2);
    for (const column of encrypted) expect(connection[column]).toBeTruthy();
    expect(rows).toBeGreaterThan(3);

    expect(leaks(secrets, haystacks)).toEqual([]);
  });
});
