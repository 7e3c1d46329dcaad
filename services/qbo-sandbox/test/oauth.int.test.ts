import { createPublicKey, verify } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { SandboxClock } from '../src/clock';
import { createOAuthServer, DEFAULT_CLIENT, INTUIT_ISSUER } from '../src/oauth';
import type { OAuthServer, OAuthSettings } from '../src/oauth';
import type { CompanyDirectory, CompanySummary } from '../src/types';

const COMPANIES: CompanySummary[] = [
  { realmId: '9341452913645722', companyName: 'Craig’s Design and Landscaping', ownerEmail: 'ada@example.com' },
  { realmId: '9341452913645799', companyName: 'Ada <Consulting>', ownerEmail: 'ada@example.com' },
  { realmId: '4620816365229178', companyName: 'Other User Co', ownerEmail: 'bob@example.com' },
];

function directory(companies: CompanySummary[] = COMPANIES): CompanyDirectory {
  return {
    listCompanies: () => companies,
    getCompany: (realmId) => companies.find((c) => c.realmId === realmId),
    onChange: () => () => undefined,
  };
}

const REDIRECT = DEFAULT_CLIENT.redirectUris[0]!;
const ACCOUNTING = 'com.intuit.quickbooks.accounting';
const basic = (id = DEFAULT_CLIENT.clientId, secret = DEFAULT_CLIENT.clientSecret) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const HOUR = 3600_000;

interface InjectRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  payload?: string | Record<string, unknown>;
}

interface InjectResponse {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are asserted field by field
  json<T = any>(): T;
}

/** A real HTTP server on an ephemeral loopback port, driven with fetch (redirects not followed). */
interface HttpApp {
  base: string;
  inject(req: InjectRequest): Promise<InjectResponse>;
  close(): Promise<void>;
}

async function listen(app: FastifyInstance): Promise<HttpApp> {
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    base,
    async inject(req) {
      const headers: Record<string, string> = { ...req.headers };
      let body: string | undefined;
      if (typeof req.payload === 'string') body = req.payload;
      else if (req.payload !== undefined) {
        body = JSON.stringify(req.payload);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(base + req.url, { method: req.method, headers, body, redirect: 'manual' });
      const text = await res.text();
      const out: Record<string, string | undefined> = {};
      res.headers.forEach((v, k) => {
        out[k] = v;
      });
      return { statusCode: res.status, headers: out, body: text, json: () => JSON.parse(text) };
    },
    close: () => app.close(),
  };
}

interface Harness {
  app: HttpApp;
  oauth: OAuthServer;
  clock: SandboxClock;
}

async function harness(settings: Partial<OAuthSettings> = {}): Promise<Harness> {
  const clock = new SandboxClock({ start: new Date('2026-03-01T12:00:00Z') });
  const oauth = createOAuthServer({ directory: directory(), clock, settings });
  const app = Fastify();
  await app.register(oauth.plugin);
  return { app: await listen(app), oauth, clock };
}

function authorizeQuery(extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    client_id: DEFAULT_CLIENT.clientId,
    response_type: 'code',
    scope: ACCOUNTING,
    redirect_uri: REDIRECT,
    state: 'csrf-123',
    ...extra,
  }).toString();
}

async function getCode(h: Harness, extra: Record<string, string> = {}): Promise<URL> {
  const res = await h.app.inject({ method: 'GET', url: `/connect/oauth2?${authorizeQuery({ sandbox_auto_approve: '1', ...extra })}` });
  expect(res.statusCode).toBe(302);
  return new URL(String(res.headers.location));
}

async function token(h: Harness, form: Record<string, string>, headers: Record<string, string> = { authorization: basic() }) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/oauth2/v1/tokens/bearer',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>(), headers: res.headers };
}

async function exchange(h: Harness, extra: Record<string, string> = {}) {
  const cb = await getCode(h, extra);
  const res = await token(h, { grant_type: 'authorization_code', code: cb.searchParams.get('code')!, redirect_uri: REDIRECT });
  expect(res.status).toBe(200);
  return { ...res, realmId: cb.searchParams.get('realmId')! };
}

async function refresh(h: Harness, refreshToken: string) {
  return token(h, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

describe('sandbox OAuth authorize endpoint', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.app.close();
  });

  it('shows the signed-in user only their own companies, with Authorize and Cancel', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/connect/oauth2?${authorizeQuery({ sandbox_user: 'ada@example.com' })}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('Which company would you like to connect to?');
    expect(res.body).toContain('9341452913645722');
    expect(res.body).toContain('Ada &lt;Consulting&gt;');
    expect(res.body).not.toContain('Other User Co');
    expect(res.body).toMatch(/<form method="post" action="\/connect\/oauth2">/);
    expect(res.body).toContain('value="authorize"');
    expect(res.body).toContain('value="cancel"');
  });

  it('redirects with code, state and realmId when the user authorizes a company on the form', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/connect/oauth2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `${authorizeQuery({ sandbox_user: 'ada@example.com' })}&realmId=9341452913645799&decision=authorize`,
    });
    expect(res.statusCode).toBe(302);
    const location = new URL(String(res.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('code')).toMatch(/^AB11\d{10}\w+$/);
    expect(location.searchParams.get('state')).toBe('csrf-123');
    expect(location.searchParams.get('realmId')).toBe('9341452913645799');
  });

  it('refuses on the form a company that the signed-in user does not own', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/connect/oauth2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `${authorizeQuery({ sandbox_user: 'ada@example.com' })}&realmId=4620816365229178&decision=authorize`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers.location).toBeUndefined();
  });

  it('redirects with error=access_denied and the state when the user cancels', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/connect/oauth2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `${authorizeQuery()}&decision=cancel`,
    });
    expect(res.statusCode).toBe(302);
    const location = new URL(String(res.headers.location));
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('csrf-123');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('approves headlessly with sandbox_auto_approve=<realmId>', async () => {
    const cb = await getCode(h, { sandbox_auto_approve: '4620816365229178' });
    expect(cb.searchParams.get('realmId')).toBe('4620816365229178');
  });

  it('approves headlessly when the autoApprove setting names a realm', async () => {
    const auto = await harness({ autoApprove: '9341452913645799' });
    const res = await auto.app.inject({ method: 'GET', url: `/connect/oauth2?${authorizeQuery()}` });
    expect(res.statusCode).toBe(302);
    expect(new URL(String(res.headers.location)).searchParams.get('realmId')).toBe('9341452913645799');
    await auto.app.close();
  });

  it('shows an error page and does not redirect for an unknown client_id or an unregistered redirect_uri', async () => {
    const badClient = await h.app.inject({ method: 'GET', url: `/connect/oauth2?${authorizeQuery({ client_id: 'nope', sandbox_auto_approve: '1' })}` });
    expect(badClient.statusCode).toBe(400);
    expect(badClient.headers.location).toBeUndefined();
    const badRedirect = await h.app.inject({
      method: 'GET',
      url: `/connect/oauth2?${authorizeQuery({ redirect_uri: 'https://evil.example/cb', sandbox_auto_approve: '1' })}`,
    });
    expect(badRedirect.statusCode).toBe(400);
    expect(badRedirect.headers.location).toBeUndefined();
    expect(badRedirect.body).toContain('redirect_uri');
  });

  it('redirects with invalid_scope for an unknown scope and unsupported_response_type for response_type=token', async () => {
    const scope = await h.app.inject({ method: 'GET', url: `/connect/oauth2?${authorizeQuery({ scope: 'com.intuit.nope', sandbox_auto_approve: '1' })}` });
    expect(new URL(String(scope.headers.location)).searchParams.get('error')).toBe('invalid_scope');
    const type = await h.app.inject({ method: 'GET', url: `/connect/oauth2?${authorizeQuery({ response_type: 'token', sandbox_auto_approve: '1' })}` });
    expect(new URL(String(type.headers.location)).searchParams.get('error')).toBe('unsupported_response_type');
  });
});

describe('sandbox OAuth token endpoint', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.app.close();
  });

  it('exchanges a code with Basic client auth for the fields Intuit returns, bound to the realm', async () => {
    const res = await exchange(h);
    expect(res.body).toEqual({
      token_type: 'bearer',
      access_token: expect.stringMatching(/^eyJ/),
      refresh_token: expect.stringMatching(/^AB11/),
      expires_in: 3600,
      x_refresh_token_expires_in: 8726400,
    });
    expect(res.headers.intuit_tid).toMatch(/^1-/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(h.oauth.verifyAccessToken(res.body.access_token as string)).toEqual({
      realmId: '9341452913645722',
      clientId: DEFAULT_CLIENT.clientId,
      scopes: [ACCOUNTING],
    });
    expect(h.oauth.verifyAccessToken('eyJunknown')).toBeUndefined();
  });

  it('accepts client_secret_post and rejects a wrong secret or missing client auth with invalid_client 401', async () => {
    const cb = await getCode(h);
    const code = cb.searchParams.get('code')!;
    const wrong = await token(h, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, { authorization: basic(DEFAULT_CLIENT.clientId, 'wrong') });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_client');
    const none = await token(h, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, {});
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('invalid_client');
    const post = await token(
      h,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret },
      {},
    );
    expect(post.status).toBe(200);
    expect(post.body.token_type).toBe('bearer');
  });

  it('adds an RS256 id_token with Intuit’s issuer only when openid is requested, verifiable with the JWKS', async () => {
    const plain = await exchange(h);
    expect(plain.body.id_token).toBeUndefined();
    const withOpenId = await exchange(h, { scope: `${ACCOUNTING} openid email` });
    const idToken = withOpenId.body.id_token as string;
    const [header, payload, signature] = idToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claims).toMatchObject({ iss: INTUIT_ISSUER, aud: [DEFAULT_CLIENT.clientId], realmid: withOpenId.realmId });
    const jwks = (await h.app.inject({ method: 'GET', url: '/op/v1/jwks' })).json<{ keys: Array<Record<string, string>> }>();
    const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid;
    const jwk = jwks.keys.find((k) => k.kid === kid)!;
    const key = createPublicKey({ key: { kty: jwk.kty!, n: jwk.n!, e: jwk.e! }, format: 'jwk' });
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('returns x_refresh_token_hard_expires_in only when the request carries the opt-in header', async () => {
    const { body } = await exchange(h);
    const without = await refresh(h, body.refresh_token as string);
    expect(without.body.x_refresh_token_hard_expires_in).toBeUndefined();
    const withHeader = await token(
      h,
      { grant_type: 'refresh_token', refresh_token: body.refresh_token as string },
      { authorization: basic(), 'x-include-refresh-token-hard-expires-in': 'true' },
    );
    expect(withHeader.body.x_refresh_token_hard_expires_in).toBeGreaterThan(157_000_000);
    expect(withHeader.body.x_refresh_token_hard_expires_in).toBeLessThanOrEqual(5 * 365 * 86400);
  });

  it('refuses a reused code with invalid_grant and revokes the tokens issued from it', async () => {
    const cb = await getCode(h);
    const form = { grant_type: 'authorization_code', code: cb.searchParams.get('code')!, redirect_uri: REDIRECT };
    const first = await token(h, form);
    expect(first.status).toBe(200);
    const second = await token(h, form);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('invalid_grant');
    expect(h.oauth.verifyAccessToken(first.body.access_token as string)).toBeUndefined();
    const afterReuse = await refresh(h, first.body.refresh_token as string);
    expect(afterReuse.status).toBe(400);
    expect(afterReuse.body.error).toBe('invalid_grant');
  });

  it('refuses an expired code, a code with another redirect_uri and an unknown code with invalid_grant', async () => {
    const expired = await getCode(h);
    h.clock.advance(601_000);
    const r1 = await token(h, { grant_type: 'authorization_code', code: expired.searchParams.get('code')!, redirect_uri: REDIRECT });
    expect([r1.status, r1.body.error]).toEqual([400, 'invalid_grant']);
    const other = await getCode(h);
    const r2 = await token(h, { grant_type: 'authorization_code', code: other.searchParams.get('code')!, redirect_uri: DEFAULT_CLIENT.redirectUris[1]! });
    expect([r2.status, r2.body.error]).toEqual([400, 'invalid_grant']);
    const r3 = await token(h, { grant_type: 'authorization_code', code: 'AB11nope', redirect_uri: REDIRECT });
    expect([r3.status, r3.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('answers unsupported_grant_type, and invalid_request for a missing grant_type, code or a JSON body', async () => {
    const r1 = await token(h, { grant_type: 'client_credentials' });
    expect([r1.status, r1.body.error]).toEqual([400, 'unsupported_grant_type']);
    const r2 = await token(h, {});
    expect([r2.status, r2.body.error]).toEqual([400, 'invalid_request']);
    const r3 = await token(h, { grant_type: 'authorization_code', redirect_uri: REDIRECT });
    expect([r3.status, r3.body.error]).toEqual([400, 'invalid_request']);
    const json = await h.app.inject({
      method: 'POST',
      url: '/oauth2/v1/tokens/bearer',
      headers: { authorization: basic(), 'content-type': 'application/json' },
      payload: { grant_type: 'refresh_token', refresh_token: 'x' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error).toBe('invalid_request');
  });

  it('expires access tokens after expires_in on the sandbox clock', async () => {
    const { body } = await exchange(h);
    const access = body.access_token as string;
    h.clock.advance(HOUR - 5_000);
    expect(h.oauth.verifyAccessToken(access)).toBeDefined();
    h.clock.advance(10_000);
    expect(h.oauth.verifyAccessToken(access)).toBeUndefined();
    const fresh = await refresh(h, body.refresh_token as string);
    expect(fresh.status).toBe(200);
    expect(h.oauth.verifyAccessToken(fresh.body.access_token as string)?.realmId).toBe('9341452913645722');
  });

  it('keeps the refresh-token value within 24 h, rotates it after, and honours the old value for a 24 h grace only', async () => {
    const { body } = await exchange(h);
    const first = body.refresh_token as string;
    h.clock.advance(2 * HOUR);
    const sameDay = await refresh(h, first);
    expect(sameDay.body.refresh_token).toBe(first);
    expect(sameDay.body.x_refresh_token_expires_in).toBeLessThan(8726400);
    h.clock.advance(23 * HOUR);
    const rotated = await refresh(h, first);
    const second = rotated.body.refresh_token as string;
    expect(second).not.toBe(first);
    expect(rotated.body.x_refresh_token_expires_in).toBe(8726400);
    h.clock.advance(23 * HOUR);
    const inGrace = await refresh(h, first);
    expect(inGrace.status).toBe(200);
    expect(inGrace.body.refresh_token).toBe(second);
    h.clock.advance(2 * HOUR);
    const afterGrace = await refresh(h, first);
    expect([afterGrace.status, afterGrace.body.error]).toEqual([400, 'invalid_grant']);
    expect((await refresh(h, second)).status).toBe(200);
  });

  it('rotates the value on every refresh when so configured', async () => {
    const every = await harness({ refreshTokenRotation: 'every-refresh' });
    const { body } = await exchange(every);
    const seen = new Set([body.refresh_token]);
    let current = body.refresh_token as string;
    for (let i = 0; i < 3; i += 1) {
      const r = await refresh(every, current);
      expect(r.status).toBe(200);
      current = r.body.refresh_token as string;
      seen.add(current);
    }
    expect(seen.size).toBe(4);
    await every.app.close();
  });

  it('kills a superseded value once the newer one is used under the until-newer-used policy', async () => {
    const strict = await harness({ refreshTokenRotation: 'every-refresh', supersededRefreshTokenPolicy: 'until-newer-used' });
    const { body } = await exchange(strict);
    const old = body.refresh_token as string;
    const newer = (await refresh(strict, old)).body.refresh_token as string;
    expect((await refresh(strict, old)).status).toBe(200);
    const r = await refresh(strict, newer);
    expect(r.status).toBe(200);
    const dead = await refresh(strict, old);
    expect([dead.status, dead.body.error]).toEqual([400, 'invalid_grant']);
    await strict.app.close();
  });

  it('expires a refresh token at the end of its rolling window', async () => {
    const short = await harness({ refreshTokenRollingSeconds: 7200, refreshTokenRotation: 'never' });
    const { body } = await exchange(short);
    short.clock.advance(7201_000);
    const r = await refresh(short, body.refresh_token as string);
    expect([r.status, r.body.error]).toEqual([400, 'invalid_grant']);
    await short.app.close();
  });

  it('refuses a refresh token presented by another app', async () => {
    const other = h.oauth.registerClient({ redirectUris: ['http://localhost:4000/cb'] });
    const { body } = await exchange(h);
    const r = await token(h, { grant_type: 'refresh_token', refresh_token: body.refresh_token as string }, { authorization: basic(other.clientId, other.clientSecret) });
    expect([r.status, r.body.error]).toEqual([400, 'invalid_grant']);
  });
});

describe('sandbox OAuth revoke, userinfo and discovery', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.app.close();
  });

  it('revokes the whole grant from a JSON body with the refresh token (intuit-oauth style)', async () => {
    const { body } = await exchange(h);
    const res = await h.app.inject({
      method: 'POST',
      url: '/v2/oauth2/tokens/revoke',
      headers: { authorization: basic(), 'content-type': 'application/json', accept: 'application/json' },
      payload: { token: body.refresh_token },
    });
    expect(res.statusCode).toBe(200);
    expect(h.oauth.verifyAccessToken(body.access_token as string)).toBeUndefined();
    const r = await refresh(h, body.refresh_token as string);
    expect([r.status, r.body.error]).toEqual([400, 'invalid_grant']);
    expect(h.oauth.listGrants({ realmId: '9341452913645722' })[0]?.revokedAt).toBeDefined();
  });

  it('revokes from a form body with the access token (node-quickbooks style)', async () => {
    const { body } = await exchange(h);
    const res = await h.app.inject({
      method: 'POST',
      url: '/v2/oauth2/tokens/revoke',
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: body.access_token as string }).toString(),
    });
    expect(res.statusCode).toBe(200);
    expect(h.oauth.verifyAccessToken(body.access_token as string)).toBeUndefined();
    expect((await refresh(h, body.refresh_token as string)).status).toBe(400);
  });

  it('refuses to revoke without valid client credentials', async () => {
    const { body } = await exchange(h);
    const res = await h.app.inject({
      method: 'POST',
      url: '/v2/oauth2/tokens/revoke',
      headers: { authorization: basic(DEFAULT_CLIENT.clientId, 'bad'), 'content-type': 'application/json' },
      payload: { token: body.refresh_token },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('invalid_client');
    expect(h.oauth.verifyAccessToken(body.access_token as string)).toBeDefined();
  });

  it('serves userinfo for a bearer token with openid, and 401 / 403 otherwise', async () => {
    const { body } = await exchange(h, { scope: `${ACCOUNTING} openid email profile` });
    const ok = await h.app.inject({ method: 'GET', url: '/v1/openid_connect/userinfo', headers: { authorization: `Bearer ${body.access_token as string}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ sub: expect.stringMatching(/^[0-9a-f-]{36}$/), email: 'ada@example.com', emailVerified: true, givenName: 'Ada' });
    const none = await h.app.inject({ method: 'GET', url: '/v1/openid_connect/userinfo' });
    expect(none.statusCode).toBe(401);
    const plain = await exchange(h);
    const noOpenId = await h.app.inject({ method: 'GET', url: '/v1/openid_connect/userinfo', headers: { authorization: `Bearer ${plain.body.access_token as string}` } });
    expect(noOpenId.statusCode).toBe(403);
  });

  it('publishes discovery documents that point at the sandbox’s own URLs', async () => {
    for (const path of ['/.well-known/openid_configuration/', '/.well-known/openid_sandbox_configuration/']) {
      const res = await h.app.inject({ method: 'GET', url: path });
      const base = h.app.base;
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        issuer: INTUIT_ISSUER,
        authorization_endpoint: base + '/connect/oauth2',
        token_endpoint: base + '/oauth2/v1/tokens/bearer',
        revocation_endpoint: base + '/v2/oauth2/tokens/revoke',
        userinfo_endpoint: base + '/v1/openid_connect/userinfo',
        jwks_uri: base + '/op/v1/jwks',
        token_endpoint_auth_methods_supported: expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
      });
    }
  });
});

describe('sandbox OAuth admin operations', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.app.close();
  });

  it('counts token-endpoint calls by grant type and outcome', async () => {
    const { body } = await exchange(h);
    await refresh(h, body.refresh_token as string);
    await refresh(h, 'AB11bogus');
    const res = await h.app.inject({ method: 'GET', url: '/_sandbox/oauth/token-calls?grantType=refresh_token&outcome=success' });
    expect(res.json()).toMatchObject({ count: 1, calls: [{ grantType: 'refresh_token', realmId: '9341452913645722', status: 200 }] });
    expect(h.oauth.tokenCalls({ grantType: 'refresh_token', outcome: 'error' })).toHaveLength(1);
    expect(h.oauth.tokenCalls({ grantType: 'authorization_code' })).toHaveLength(1);
  });

  it('revokes every grant of a realm, as a user disconnecting in QuickBooks does', async () => {
    const a = await exchange(h);
    const b = await exchange(h);
    const res = await h.app.inject({ method: 'POST', url: '/_sandbox/oauth/realms/9341452913645722/revoke' });
    expect(res.json()).toEqual({ revoked: 2 });
    for (const t of [a, b]) {
      expect(h.oauth.verifyAccessToken(t.body.access_token as string)).toBeUndefined();
      expect((await refresh(h, t.body.refresh_token as string)).body.error).toBe('invalid_grant');
    }
    const grants = (await h.app.inject({ method: 'GET', url: '/_sandbox/oauth/grants?realmId=9341452913645722' })).json().grants;
    expect(grants).toHaveLength(2);
    expect(grants.every((g: { revokedAt?: string }) => typeof g.revokedAt === 'string')).toBe(true);
  });

  it('registers an app over HTTP whose credentials then work on the token endpoint', async () => {
    const reg = await h.app.inject({ method: 'POST', url: '/_sandbox/oauth/clients', payload: { redirectUris: ['http://localhost:5000/cb'], appName: 'Second app' } });
    expect(reg.statusCode).toBe(201);
    const app2 = reg.json();
    const res = await h.app.inject({
      method: 'GET',
      url: `/connect/oauth2?${authorizeQuery({ client_id: app2.clientId, redirect_uri: 'http://localhost:5000/cb', sandbox_auto_approve: '1' })}`,
    });
    const code = new URL(String(res.headers.location)).searchParams.get('code')!;
    const t = await token(h, { grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:5000/cb' }, { authorization: basic(app2.clientId, app2.clientSecret) });
    expect(t.status).toBe(200);
    const bad = await h.app.inject({ method: 'POST', url: '/_sandbox/oauth/clients', payload: { redirectUris: [] } });
    expect(bad.statusCode).toBe(400);
  });

  it('issues tokens directly for a company and forgets everything on reset', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/_sandbox/oauth/tokens', payload: { realmId: '4620816365229178' } });
    expect(res.statusCode).toBe(201);
    const issued = res.json();
    expect(h.oauth.verifyAccessToken(issued.access_token)?.realmId).toBe('4620816365229178');
    expect((await h.app.inject({ method: 'POST', url: '/_sandbox/oauth/tokens', payload: { realmId: 'nope' } })).statusCode).toBe(404);
    h.oauth.reset();
    expect(h.oauth.verifyAccessToken(issued.access_token)).toBeUndefined();
    expect(h.oauth.listGrants()).toHaveLength(0);
  });

  it('expires access tokens of a realm on demand while the refresh token keeps working', async () => {
    const { body } = await exchange(h);
    expect(h.oauth.expireAccessTokens('9341452913645722')).toBe(1);
    expect(h.oauth.verifyAccessToken(body.access_token as string)).toBeUndefined();
    expect((await refresh(h, body.refresh_token as string)).status).toBe(200);
  });
});
