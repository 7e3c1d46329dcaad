/**
 * Intuit's own OAuth client (npm intuit-oauth), unchanged, against the sandbox: only its
 * documented, writable endpoint properties are pointed at the sandbox.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import OAuthClient from 'intuit-oauth';
import { SandboxClock } from '../src/clock';
import { createOAuthServer, DEFAULT_CLIENT } from '../src/oauth';
import type { OAuthServer } from '../src/oauth';
import type { CompanyDirectory, CompanySummary } from '../src/types';

const COMPANY: CompanySummary = { realmId: '9341452913645722', companyName: 'Sandbox Company_US_1', ownerEmail: 'grace.hopper@example.com' };
const directory: CompanyDirectory = {
  listCompanies: () => [COMPANY],
  getCompany: (realmId) => (realmId === COMPANY.realmId ? COMPANY : undefined),
  onChange: () => () => undefined,
};

const ORIGINAL = {
  authorizeEndpoint: OAuthClient.authorizeEndpoint,
  tokenEndpoint: OAuthClient.tokenEndpoint,
  revokeEndpoint: OAuthClient.revokeEndpoint,
  userinfo_endpoint_sandbox: OAuthClient.userinfo_endpoint_sandbox,
  jwks_uri: OAuthClient.jwks_uri,
  environment: { ...OAuthClient.environment },
  retryConfig: { ...OAuthClient.retryConfig },
};

describe('intuit-oauth, unchanged, against the sandbox', () => {
  let app: FastifyInstance;
  let oauth: OAuthServer;
  let clock: SandboxClock;
  let base: string;

  beforeAll(async () => {
    clock = new SandboxClock();
    oauth = createOAuthServer({ directory, clock, settings: { autoApprove: true } });
    app = Fastify();
    await app.register(oauth.plugin);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    Object.assign(OAuthClient, {
      authorizeEndpoint: ORIGINAL.authorizeEndpoint,
      tokenEndpoint: ORIGINAL.tokenEndpoint,
      revokeEndpoint: ORIGINAL.revokeEndpoint,
      userinfo_endpoint_sandbox: ORIGINAL.userinfo_endpoint_sandbox,
      jwks_uri: ORIGINAL.jwks_uri,
      environment: ORIGINAL.environment,
      retryConfig: ORIGINAL.retryConfig,
    });
    await app.close();
  });

  it('runs authorizeUri → headless consent → createToken → validateIdToken → getUserInfo → refresh (rotation) → revoke', async () => {
    const client = new OAuthClient({
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
      environment: 'sandbox',
      redirectUri: DEFAULT_CLIENT.redirectUris[0]!,
    });
    client.setAuthorizeURLs({
      authorizeEndpoint: `${base}/connect/oauth2`,
      tokenEndpoint: `${base}/oauth2/v1/tokens/bearer`,
      revokeEndpoint: `${base}/v2/oauth2/tokens/revoke`,
      userInfoEndpoint: `${base}/v1/openid_connect/userinfo`,
    });
    OAuthClient.jwks_uri = `${base}/op/v1/jwks`;
    OAuthClient.environment = { sandbox: `${base}/`, production: `${base}/` };
    OAuthClient.retryConfig = { ...OAuthClient.retryConfig, maxRetries: 0 };

    // 1. authorize URL → consent (approved headlessly by the sandbox setting) → redirect
    const authUri = client.authorizeUri({
      scope: [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId, OAuthClient.scopes.Email, OAuthClient.scopes.Profile],
      state: 'csrf-intuit-oauth',
    });
    expect(authUri.startsWith(`${base}/connect/oauth2?`)).toBe(true);
    const consent = await fetch(authUri, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callbackUrl = consent.headers.get('location')!;
    expect(new URL(callbackUrl).searchParams.get('state')).toBe('csrf-intuit-oauth');

    // 2. code → tokens
    const created = await client.createToken(callbackUrl);
    const first = created.getJson();
    expect(first).toMatchObject({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8726400 });
    expect(client.getToken().realmId).toBe(COMPANY.realmId);
    expect(client.isAccessTokenValid()).toBe(true);
    expect(created.headers().intuit_tid).toMatch(/^1-/);
    expect(oauth.verifyAccessToken(first.access_token)?.realmId).toBe(COMPANY.realmId);

    // 3. the id_token passes the library's own validation (issuer, audience, expiry, JWKS signature)
    await expect(client.validateIdToken()).resolves.toBe(true);
    const userInfo = await client.getUserInfo();
    expect(userInfo.getJson()).toMatchObject({ email: COMPANY.ownerEmail, givenName: 'Grace' });

    // 4. a day later the refresh rotates the refresh-token value
    clock.advance(25 * 3600_000);
    const refreshed = (await client.refresh()).getJson();
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.access_token).not.toBe(first.access_token);
    expect(client.getToken().refresh_token).toBe(refreshed.refresh_token);
    expect(oauth.tokenCalls({ grantType: 'refresh_token', outcome: 'success' })).toHaveLength(1);
    expect(oauth.verifyAccessToken(refreshed.access_token)?.realmId).toBe(COMPANY.realmId);

    // 5. revoke disconnects: every token of the grant is dead
    const revoked = await client.revoke();
    expect(revoked.status()).toBe(200);
    expect(oauth.verifyAccessToken(refreshed.access_token)).toBeUndefined();
    const afterRevoke = await client.refreshUsingToken(refreshed.refresh_token).then(
      () => undefined,
      (e: unknown) => e as { error?: string },
    );
    expect(afterRevoke?.error).toBe('invalid_grant');
  });
});
