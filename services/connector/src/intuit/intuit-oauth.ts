/**
 * Intuit OAuth 2.0 through Intuit's own client (intuit-oauth). Its endpoints are
 * process-global static properties; `configureIntuitEndpoints` points them at the
 * configured Intuit (or sandbox) URLs. Errors are mapped to typed errors that carry only
 * the OAuth error code and Intuit's transaction id: intuit-oauth's own errors hold the
 * HTTP request (with the refresh token in its body) and must never reach a log.
 */
import OAuthClient from 'intuit-oauth';
import { LedgerbusError } from '@ledgerbus/kit';
import { IntuitUnavailableError } from '../domain/errors';

export interface IntuitEndpoints {
  authorize: string;
  token: string;
  revoke: string;
  userinfo: string;
}

export interface IntuitOAuthConfig {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  environment: 'sandbox' | 'production';
  endpoints: IntuitEndpoints;
  scopes?: string[];
  /** Retries of intuit-oauth itself on 408/429/5xx/network errors. Default 0 (callers decide). */
  maxRetries?: number;
}

export interface IntuitTokens {
  realmId: string | undefined;
  accessToken: string;
  refreshToken: string;
  /** Seconds. */
  expiresIn: number;
  refreshExpiresIn: number | undefined;
}

/** Intuit answered `invalid_grant` (revoked, expired, disconnected, code reused). */
export class InvalidGrantError extends LedgerbusError {
  constructor(description: string | undefined, intuitTid: string | undefined) {
    super('invalid_grant', `Intuit rejected the grant${description ? `: ${description}` : ''}`, { retriable: false, statusCode: 400, details: { intuitTid } });
  }
}

export class IntuitOAuthError extends LedgerbusError {
  constructor(error: string, status: number | undefined, intuitTid: string | undefined) {
    super('intuit_oauth_error', `Intuit OAuth error: ${error}`, { retriable: false, statusCode: 502, details: { error, status, intuitTid } });
  }
}

export interface IntuitOAuth {
  authorizeUrl(state: string): string;
  exchangeCode(callbackUrl: string): Promise<IntuitTokens>;
  refresh(refreshToken: string): Promise<IntuitTokens>;
  /** Revoke a token (refresh token: the whole grant). */
  revoke(token: string): Promise<void>;
}

export function configureIntuitEndpoints(endpoints: IntuitEndpoints, maxRetries: number): void {
  OAuthClient.authorizeEndpoint = endpoints.authorize;
  OAuthClient.tokenEndpoint = endpoints.token;
  OAuthClient.revokeEndpoint = endpoints.revoke;
  OAuthClient.userinfo_endpoint_sandbox = endpoints.userinfo;
  OAuthClient.userinfo_endpoint_production = endpoints.userinfo;
  OAuthClient.retryConfig = { ...OAuthClient.retryConfig, maxRetries };
}

interface IntuitErrorShape {
  error?: unknown;
  error_description?: unknown;
  intuit_tid?: unknown;
  authResponse?: { response?: { status?: number } } | string;
  originalMessage?: unknown;
}

/** Keeps only safe fields of an intuit-oauth error. */
export function mapIntuitError(err: unknown): LedgerbusError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as IntuitErrorShape;
  const code = typeof e.error === 'string' ? e.error : 'unknown';
  const tid = typeof e.intuit_tid === 'string' && e.intuit_tid !== '' ? e.intuit_tid : undefined;
  const status = typeof e.authResponse === 'object' ? e.authResponse.response?.status : undefined;
  if (code === 'invalid_grant') return new InvalidGrantError(typeof e.error_description === 'string' ? e.error_description : undefined, tid);
  if (status === undefined || status >= 500 || status === 429 || status === 408) {
    const message = typeof e.originalMessage === 'string' && e.originalMessage !== '' ? e.originalMessage : code;
    return new IntuitUnavailableError(`Intuit's token service is unavailable: ${message}`.slice(0, 300), { status, intuitTid: tid });
  }
  return new IntuitOAuthError(code, status, tid);
}

interface TokenJson {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  x_refresh_token_expires_in?: unknown;
}

function tokensFrom(json: TokenJson | null | undefined, realmId: string | undefined): IntuitTokens {
  if (!json || typeof json.access_token !== 'string' || typeof json.refresh_token !== 'string') {
    throw new IntuitOAuthError('token response without tokens', undefined, undefined);
  }
  return {
    realmId,
    accessToken: json.access_token,
    refreshToken: json.refresh_token,
    expiresIn: typeof json.expires_in === 'number' ? json.expires_in : 3600,
    refreshExpiresIn: typeof json.x_refresh_token_expires_in === 'number' ? json.x_refresh_token_expires_in : undefined,
  };
}

export function createIntuitOAuth(config: IntuitOAuthConfig): IntuitOAuth {
  configureIntuitEndpoints(config.endpoints, config.maxRetries ?? 0);
  const scopes = config.scopes ?? [OAuthClient.scopes.Accounting];
  // One client per call: an OAuthClient keeps the last token on itself, so sharing one between concurrent calls would race.
  const client = (): OAuthClient =>
    new OAuthClient({ clientId: config.clientId, clientSecret: config.clientSecret, environment: config.environment, redirectUri: config.redirectUri, logging: false });

  return {
    authorizeUrl(state) {
      return client().authorizeUri({ scope: scopes, state });
    },
    async exchangeCode(callbackUrl) {
      const c = client();
      try {
        const response = await c.createToken(callbackUrl);
        return tokensFrom(response.getJson() as TokenJson, c.getToken().realmId || undefined);
      } catch (err) {
        if (err instanceof LedgerbusError) throw err;
        throw mapIntuitError(err);
      }
    },
    async refresh(refreshToken) {
      try {
        const response = await client().refreshUsingToken(refreshToken);
        return tokensFrom(response.getJson() as TokenJson, undefined);
      } catch (err) {
        if (err instanceof LedgerbusError) throw err;
        throw mapIntuitError(err);
      }
    },
    async revoke(token) {
      try {
        await client().revoke({ refresh_token: token });
      } catch (err) {
        throw mapIntuitError(err);
      }
    },
  };
}
