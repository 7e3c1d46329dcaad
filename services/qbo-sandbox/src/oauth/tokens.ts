/**
 * The identity platform's state: registered apps, authorization codes, grants (one per
 * consent of one user to one app for one company), refresh-token values and access tokens.
 * Pure logic on the sandbox clock; the HTTP surface lives in routes.ts.
 */
import { randomBytes } from 'node:crypto';
import { LedgerbusError } from '@ledgerbus/kit';
import type { Clock, VerifiedAccessToken } from '../types';
import type { OAuthClientRegistration, OAuthSettings } from './settings';

/** An OAuth protocol error as the token / revoke endpoints return it (`{ error, error_description }`). */
export class OAuthProtocolError extends LedgerbusError {
  readonly oauthError: string;
  constructor(oauthError: string, description: string, statusCode = 400) {
    super(`oauth_${oauthError}`, description, { statusCode, details: { error: oauthError } });
    this.oauthError = oauthError;
  }
}

export type GrantType = 'authorization_code' | 'refresh_token';

export interface TokenResponse {
  token_type: 'bearer';
  access_token: string;
  refresh_token: string;
  expires_in: number;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in?: number;
  id_token?: string;
}

export interface GrantSummary {
  grantId: string;
  clientId: string;
  realmId: string;
  scopes: string[];
  userEmail: string;
  createdAt: string;
  revokedAt: string | undefined;
  revokedReason: string | undefined;
  /** The newest refresh-token value and when it expires (rolling window). */
  refreshToken: string;
  refreshTokenExpiresAt: string;
  hardExpiresAt: string;
  /** How many refresh-token values the grant has had (1 = never rotated). */
  refreshTokenValues: number;
}

export interface TokenCall {
  at: string;
  grantType: string;
  clientId: string | undefined;
  realmId: string | undefined;
  status: number;
  /** OAuth error code when the call failed. */
  error: string | undefined;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  realmId: string;
  scopes: string[];
  userEmail: string;
  expiresAt: number;
  /** Grant issued from the code (set on first exchange). */
  grantId: string | undefined;
  usedAt: number | undefined;
}

export interface Grant {
  grantId: string;
  clientId: string;
  realmId: string;
  scopes: string[];
  userEmail: string;
  createdAt: number;
  hardExpiresAt: number;
  revokedAt: number | undefined;
  revokedReason: string | undefined;
  /** Newest refresh-token value. */
  currentRefreshToken: string;
  refreshTokenValues: number;
  /** Highest `seq` of a refresh-token value that has been presented (for `until-newer-used`). */
  maxUsedSeq: number;
  accessTokens: Set<string>;
}

export interface RefreshTokenRecord {
  value: string;
  grantId: string;
  issuedAt: number;
  expiresAt: number;
  /** When a newer value was issued. */
  supersededAt: number | undefined;
  /** Order of issue within the grant (1, 2, …). */
  seq: number;
}

export interface AccessTokenRecord {
  value: string;
  grantId: string;
  expiresAt: number;
}

export interface IssuedTokens {
  response: TokenResponse;
  grantId: string;
  realmId: string;
}

/** The identity platform's state as a snapshot file holds it (plain JSON). */
export interface TokenAuthorityState {
  clients: OAuthClientRegistration[];
  codes: AuthCode[];
  grants: Array<Omit<Grant, 'accessTokens'> & { accessTokens: string[] }>;
  refreshTokens: RefreshTokenRecord[];
  accessTokens: AccessTokenRecord[];
  grantSeq: number;
}

/** Signs id_tokens; see id-token.ts. */
export type IdTokenSigner = (claims: Record<string, unknown>) => string;

const ACCESS_TOKEN_HEADER = 'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

export class TokenAuthority {
  private readonly clients = new Map<string, OAuthClientRegistration>();
  private codes = new Map<string, AuthCode>();
  private grants = new Map<string, Grant>();
  private refreshTokens = new Map<string, RefreshTokenRecord>();
  private accessTokens = new Map<string, AccessTokenRecord>();
  private calls: TokenCall[] = [];
  private grantSeq = 0;

  constructor(
    private readonly settings: OAuthSettings,
    private readonly clock: Clock,
    private readonly signIdToken: IdTokenSigner,
  ) {
    this.resetClients();
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  /** Forget every code, grant and token, and go back to the configured apps. */
  reset(): void {
    this.codes = new Map();
    this.grants = new Map();
    this.refreshTokens = new Map();
    this.accessTokens = new Map();
    this.calls = [];
    this.resetClients();
  }

  /** Apps, codes, grants and tokens (not the token-call log), for a snapshot file. */
  exportState(): TokenAuthorityState {
    return {
      clients: this.listClients(),
      codes: [...this.codes.values()].map((c) => ({ ...c, scopes: [...c.scopes] })),
      grants: [...this.grants.values()].map((g) => ({ ...g, scopes: [...g.scopes], accessTokens: [...g.accessTokens] })),
      refreshTokens: [...this.refreshTokens.values()].map((r) => ({ ...r })),
      accessTokens: [...this.accessTokens.values()].map((a) => ({ ...a })),
      grantSeq: this.grantSeq,
    };
  }

  /** Replace codes, grants and tokens by the snapshot's; its apps are added to the configured ones. */
  importState(state: TokenAuthorityState): void {
    this.reset();
    for (const c of state.clients) this.clients.set(c.clientId, { ...c, redirectUris: [...c.redirectUris] });
    for (const c of state.codes) this.codes.set(c.code, { ...c, scopes: [...c.scopes] });
    for (const g of state.grants) this.grants.set(g.grantId, { ...g, scopes: [...g.scopes], accessTokens: new Set(g.accessTokens) });
    for (const r of state.refreshTokens) this.refreshTokens.set(r.value, { ...r });
    for (const a of state.accessTokens) this.accessTokens.set(a.value, { ...a });
    this.grantSeq = Math.max(this.grantSeq, state.grantSeq);
  }

  private resetClients(): void {
    this.clients.clear();
    for (const c of this.settings.clients) this.clients.set(c.clientId, { ...c, redirectUris: [...c.redirectUris] });
  }

  // ---- apps -------------------------------------------------------------------------------

  registerClient(input: Partial<OAuthClientRegistration> & { redirectUris: string[] }): OAuthClientRegistration {
    const client: OAuthClientRegistration = {
      clientId: input.clientId ?? `AB${alnum(48)}`,
      clientSecret: input.clientSecret ?? alnum(40),
      redirectUris: [...input.redirectUris],
      appName: input.appName ?? 'Sandbox app',
    };
    this.clients.set(client.clientId, client);
    return { ...client };
  }

  getClient(clientId: string): OAuthClientRegistration | undefined {
    return this.clients.get(clientId);
  }

  listClients(): OAuthClientRegistration[] {
    return [...this.clients.values()].map((c) => ({ ...c, redirectUris: [...c.redirectUris] }));
  }

  /** Client authentication for the token and revoke endpoints: invalid_client (401) on failure. */
  authenticateClient(clientId: string | undefined, clientSecret: string | undefined): OAuthClientRegistration {
    if (!clientId) throw new OAuthProtocolError('invalid_client', 'Client authentication is missing', 401);
    const client = this.clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret) {
      throw new OAuthProtocolError('invalid_client', 'Invalid client credentials', 401);
    }
    return client;
  }

  // ---- authorization codes -----------------------------------------------------------------

  issueCode(input: { clientId: string; redirectUri: string; realmId: string; scopes: string[]; userEmail: string }): string {
    const now = this.now();
    const code = `AB11${Math.floor(now / 1000)}${alnum(36)}`;
    this.codes.set(code, {
      ...input,
      code,
      expiresAt: now + this.settings.authCodeTtlSeconds * 1000,
      grantId: undefined,
      usedAt: undefined,
    });
    return code;
  }

  exchangeCode(client: OAuthClientRegistration, code: string | undefined, redirectUri: string | undefined, includeHardExpiry: boolean): IssuedTokens {
    if (!code) throw new OAuthProtocolError('invalid_request', 'Missing parameter: code');
    if (!redirectUri) throw new OAuthProtocolError('invalid_request', 'Missing parameter: redirect_uri');
    const record = this.codes.get(code);
    if (!record || record.clientId !== client.clientId) throw new OAuthProtocolError('invalid_grant', 'Invalid authorization code');
    const now = this.now();
    if (record.usedAt !== undefined) {
      // Intuit staff (oauth-jsclient#173): reusing a code invalidates the tokens issued from it.
      if (record.grantId) this.revokeGrant(record.grantId, 'authorization code reused');
      throw new OAuthProtocolError('invalid_grant', 'Authorization code has already been used');
    }
    if (now >= record.expiresAt) throw new OAuthProtocolError('invalid_grant', 'Authorization code has expired');
    if (record.redirectUri !== redirectUri) throw new OAuthProtocolError('invalid_grant', 'redirect_uri does not match the authorize request');
    record.usedAt = now;
    const grant = this.createGrant(client.clientId, record.realmId, record.scopes, record.userEmail, now);
    record.grantId = grant.grantId;
    return this.respond(grant, grant.currentRefreshToken, includeHardExpiry, true, now);
  }

  // ---- grants and tokens -------------------------------------------------------------------

  private createGrant(clientId: string, realmId: string, scopes: string[], userEmail: string, now: number): Grant {
    this.grantSeq += 1;
    const grant: Grant = {
      grantId: `grant-${this.grantSeq}`,
      clientId,
      realmId,
      scopes: [...scopes],
      userEmail,
      createdAt: now,
      hardExpiresAt: now + this.settings.refreshTokenHardExpirySeconds * 1000,
      revokedAt: undefined,
      revokedReason: undefined,
      currentRefreshToken: '',
      refreshTokenValues: 0,
      maxUsedSeq: 0,
      accessTokens: new Set(),
    };
    this.grants.set(grant.grantId, grant);
    this.newRefreshValue(grant, now);
    return grant;
  }

  /** Issue tokens without the browser flow (admin API and tests of other services). */
  issueTokensDirectly(input: { clientId: string; realmId: string; scopes: string[]; userEmail: string }): IssuedTokens {
    if (!this.clients.has(input.clientId)) throw new OAuthProtocolError('invalid_client', `Unknown client ${input.clientId}`, 401);
    const now = this.now();
    const grant = this.createGrant(input.clientId, input.realmId, input.scopes, input.userEmail, now);
    return this.respond(grant, grant.currentRefreshToken, false, true, now);
  }

  private newRefreshValue(grant: Grant, now: number): RefreshTokenRecord {
    const expiresAt = Math.min(now + this.settings.refreshTokenRollingSeconds * 1000, grant.hardExpiresAt);
    const previous = this.refreshTokens.get(grant.currentRefreshToken);
    if (previous) {
      previous.supersededAt = now;
      previous.expiresAt = Math.min(previous.expiresAt, now + this.settings.supersededRefreshTokenGraceSeconds * 1000);
    }
    const value = `AB11${Math.floor(expiresAt / 1000)}${alnum(36)}`;
    grant.refreshTokenValues += 1;
    const record: RefreshTokenRecord = { value, grantId: grant.grantId, issuedAt: now, expiresAt, supersededAt: undefined, seq: grant.refreshTokenValues };
    this.refreshTokens.set(value, record);
    grant.currentRefreshToken = value;
    return record;
  }

  private grantIsLive(grant: Grant, now: number): boolean {
    return grant.revokedAt === undefined && now < grant.hardExpiresAt;
  }

  refresh(client: OAuthClientRegistration, refreshToken: string | undefined, includeHardExpiry: boolean): IssuedTokens {
    if (!refreshToken) throw new OAuthProtocolError('invalid_request', 'Missing parameter: refresh_token');
    const now = this.now();
    const record = this.refreshTokens.get(refreshToken);
    const grant = record ? this.grants.get(record.grantId) : undefined;
    if (!record || !grant || grant.clientId !== client.clientId) {
      throw new OAuthProtocolError('invalid_grant', 'Incorrect or invalid refresh token');
    }
    if (!this.grantIsLive(grant, now) || now >= record.expiresAt) throw new OAuthProtocolError('invalid_grant', 'Token invalid');
    if (
      record.supersededAt !== undefined &&
      this.settings.supersededRefreshTokenPolicy === 'until-newer-used' &&
      grant.maxUsedSeq > record.seq
    ) {
      throw new OAuthProtocolError('invalid_grant', 'Token invalid');
    }
    grant.maxUsedSeq = Math.max(grant.maxUsedSeq, record.seq);
    let current = this.refreshTokens.get(grant.currentRefreshToken);
    if (!current || this.rotationDue(current, now)) current = this.newRefreshValue(grant, now);
    return this.respond(grant, current.value, includeHardExpiry, false, now);
  }

  private rotationDue(current: RefreshTokenRecord, now: number): boolean {
    const rotation = this.settings.refreshTokenRotation;
    if (rotation === 'every-refresh') return true;
    if (rotation === 'never') return false;
    return now - current.issuedAt >= rotation.everySeconds * 1000;
  }

  private respond(grant: Grant, refreshValue: string, includeHardExpiry: boolean, withIdToken: boolean, now: number): IssuedTokens {
    const access = `${ACCESS_TOKEN_HEADER}..${randomBytes(16).toString('base64url')}.${randomBytes(420).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
    this.accessTokens.set(access, { value: access, grantId: grant.grantId, expiresAt: now + this.settings.accessTokenTtlSeconds * 1000 });
    grant.accessTokens.add(access);
    const refresh = this.refreshTokens.get(refreshValue);
    const refreshExpiresAt = refresh ? refresh.expiresAt : now;
    const response: TokenResponse = {
      token_type: 'bearer',
      access_token: access,
      refresh_token: refreshValue,
      expires_in: this.settings.accessTokenTtlSeconds,
      x_refresh_token_expires_in: Math.max(0, Math.floor((refreshExpiresAt - now) / 1000)),
    };
    if (includeHardExpiry) response.x_refresh_token_hard_expires_in = Math.max(0, Math.floor((grant.hardExpiresAt - now) / 1000));
    if (grant.scopes.includes('openid') && withIdToken) {
      response.id_token = this.signIdToken({
        sub: userSub(grant.userEmail),
        aud: [grant.clientId],
        realmid: grant.realmId,
        auth_time: Math.floor(grant.createdAt / 1000),
        iat: Math.floor(now / 1000),
        exp: Math.floor(now / 1000) + this.settings.accessTokenTtlSeconds,
      });
    }
    return { response, grantId: grant.grantId, realmId: grant.realmId };
  }

  verifyAccessToken(token: string): (VerifiedAccessToken & { userEmail: string; grantId: string }) | undefined {
    const record = this.accessTokens.get(token);
    if (!record) return undefined;
    const now = this.now();
    if (now >= record.expiresAt) return undefined;
    const grant = this.grants.get(record.grantId);
    if (!grant || !this.grantIsLive(grant, now)) return undefined;
    return { realmId: grant.realmId, clientId: grant.clientId, scopes: [...grant.scopes], userEmail: grant.userEmail, grantId: grant.grantId };
  }

  /**
   * Revoke endpoint semantics: a refresh token revokes its grant (disconnect); an access token
   * revokes its grant too unless `revokeAccessTokenRevokesGrant` is off. Unknown tokens are
   * ignored (RFC 7009). A token of another app is refused.
   */
  revokeToken(client: OAuthClientRegistration, token: string | undefined): void {
    if (!token) throw new OAuthProtocolError('invalid_request', 'Missing parameter: token');
    const refresh = this.refreshTokens.get(token);
    const access = this.accessTokens.get(token);
    const grantId = refresh?.grantId ?? access?.grantId;
    if (!grantId) return;
    const grant = this.grants.get(grantId);
    if (!grant) return;
    if (grant.clientId !== client.clientId) throw new OAuthProtocolError('invalid_request', 'Token was not issued to this client');
    if (refresh || this.settings.revokeAccessTokenRevokesGrant) {
      this.revokeGrant(grantId, 'revoked by the app');
    } else if (access) {
      this.accessTokens.delete(token);
      grant.accessTokens.delete(token);
    }
  }

  revokeGrant(grantId: string, reason: string): void {
    const grant = this.grants.get(grantId);
    if (!grant || grant.revokedAt !== undefined) return;
    grant.revokedAt = this.now();
    grant.revokedReason = reason;
  }

  /** The user disconnected every app from the company (or the company was deleted). Returns the grants revoked. */
  revokeRealm(realmId: string, reason = 'disconnected from QuickBooks'): number {
    let n = 0;
    for (const grant of this.grants.values()) {
      if (grant.realmId === realmId && grant.revokedAt === undefined) {
        this.revokeGrant(grant.grantId, reason);
        n += 1;
      }
    }
    return n;
  }

  /** Expire every live access token of a realm now (forces a refresh), leaving refresh tokens alone. */
  expireAccessTokens(realmId?: string): number {
    const now = this.now();
    let n = 0;
    for (const record of this.accessTokens.values()) {
      const grant = this.grants.get(record.grantId);
      if (grant && (realmId === undefined || grant.realmId === realmId) && record.expiresAt > now) {
        record.expiresAt = now;
        n += 1;
      }
    }
    return n;
  }

  listGrants(filter: { realmId?: string; clientId?: string } = {}): GrantSummary[] {
    const out: GrantSummary[] = [];
    for (const g of this.grants.values()) {
      if (filter.realmId !== undefined && g.realmId !== filter.realmId) continue;
      if (filter.clientId !== undefined && g.clientId !== filter.clientId) continue;
      const current = this.refreshTokens.get(g.currentRefreshToken);
      out.push({
        grantId: g.grantId,
        clientId: g.clientId,
        realmId: g.realmId,
        scopes: [...g.scopes],
        userEmail: g.userEmail,
        createdAt: this.iso(g.createdAt),
        revokedAt: g.revokedAt === undefined ? undefined : this.iso(g.revokedAt),
        revokedReason: g.revokedReason,
        refreshToken: g.currentRefreshToken,
        refreshTokenExpiresAt: this.iso(current ? current.expiresAt : g.createdAt),
        hardExpiresAt: this.iso(g.hardExpiresAt),
        refreshTokenValues: g.refreshTokenValues,
      });
    }
    return out;
  }

  recordCall(call: Omit<TokenCall, 'at'>): void {
    this.calls.push({ at: this.iso(this.now()), ...call });
  }

  tokenCalls(filter: { grantType?: string; realmId?: string; clientId?: string; outcome?: 'success' | 'error' } = {}): TokenCall[] {
    return this.calls.filter(
      (c) =>
        (filter.grantType === undefined || c.grantType === filter.grantType) &&
        (filter.realmId === undefined || c.realmId === filter.realmId) &&
        (filter.clientId === undefined || c.clientId === filter.clientId) &&
        (filter.outcome === undefined || (filter.outcome === 'success') === (c.status === 200)),
    );
  }

  realmOfRefreshToken(token: string): string | undefined {
    const r = this.refreshTokens.get(token);
    return r ? this.grants.get(r.grantId)?.realmId : undefined;
  }

  realmOfCode(code: string): string | undefined {
    return this.codes.get(code)?.realmId;
  }
}

/** Stable subject id of a sandbox user (Intuit's `sub` is a UUID). */
export function userSub(email: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < email.length; i += 1) {
    h1 = Math.imul(h1 ^ email.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ email.charCodeAt(i), 2246822519) >>> 0;
  }
  const hex = (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).repeat(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
