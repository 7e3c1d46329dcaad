/**
 * The sandbox's Intuit OAuth 2.0 / OpenID Connect server: a SandboxPart (routes at Intuit's
 * paths plus admin routes under /_sandbox/oauth/) and the AccessTokenVerifier the accounting
 * API uses. See README.md next to this file for what is emulated.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AccessTokenVerifier, Clock, CompanyDirectory, SandboxPart, VerifiedAccessToken } from '../types';
import { createIdTokenKeys } from './id-token';
import { OAUTH_PATHS, registerOAuthRoutes } from './routes';
import { resolveOAuthSettings } from './settings';
import type { OAuthClientRegistration, OAuthSettings } from './settings';
import { TokenAuthority } from './tokens';
import type { GrantSummary, IssuedTokens, TokenAuthorityState, TokenCall } from './tokens';

export { DEFAULT_CLIENT, DEFAULT_OAUTH_SETTINGS, INTUIT_ISSUER, KNOWN_SCOPES, resolveOAuthSettings } from './settings';
export type { OAuthClientRegistration, OAuthSettings, RefreshTokenRotation } from './settings';
export type { GrantSummary, TokenCall, TokenResponse, IssuedTokens, TokenAuthorityState } from './tokens';

/** The OAuth part of a snapshot: apps, codes, grants, tokens and the id_token signing key. */
export interface OAuthState extends TokenAuthorityState {
  idTokenPrivateKeyPem: string;
}
export { OAuthProtocolError } from './tokens';
export { OAUTH_PATHS } from './routes';

export interface OAuthServer extends AccessTokenVerifier, SandboxPart {
  readonly settings: OAuthSettings;
  readonly paths: typeof OAUTH_PATHS;
  /** Register another app (client id / secret / redirect URIs); ids and secrets are generated when missing. */
  registerClient(input: Partial<OAuthClientRegistration> & { redirectUris: string[] }): OAuthClientRegistration;
  listClients(): OAuthClientRegistration[];
  /** Issue a token set for a company without the browser flow (default app, accounting scope). */
  issueTokens(input: { realmId: string; clientId?: string; scopes?: string[] }): IssuedTokens;
  /** Revoke every grant of a company (the user disconnected the app in QuickBooks). Returns how many. */
  revokeRealm(realmId: string): number;
  /** Make live access tokens expire now (all, or of one company). Returns how many. */
  expireAccessTokens(realmId?: string): number;
  listGrants(filter?: { realmId?: string; clientId?: string }): GrantSummary[];
  /** Token-endpoint calls, e.g. `tokenCalls({ grantType: 'refresh_token', outcome: 'success' }).length`. */
  tokenCalls(filter?: { grantType?: string; realmId?: string; clientId?: string; outcome?: 'success' | 'error' }): TokenCall[];
  /** Apps, codes, grants, tokens and the id_token key, for a snapshot file. */
  exportState(): OAuthState;
  /** Replace codes, grants and tokens by a snapshot's (its apps join the configured ones). */
  importState(state: OAuthState): void;
}

export interface CreateOAuthServerOptions {
  directory: CompanyDirectory;
  clock: Clock;
  settings?: Partial<OAuthSettings>;
}

export function createOAuthServer(options: CreateOAuthServerOptions): OAuthServer {
  const settings = resolveOAuthSettings(options.settings);
  const keys = createIdTokenKeys(settings.issuer);
  const authority = new TokenAuthority(settings, options.clock, keys.sign);
  const { directory } = options;

  const plugin: FastifyPluginAsync = async (app) => {
    registerOAuthRoutes(app, { authority, directory, settings, keys });
  };

  return {
    settings,
    paths: OAUTH_PATHS,
    plugin,
    reset: () => authority.reset(),
    close: async () => undefined,
    verifyAccessToken(token: string): VerifiedAccessToken | undefined {
      const v = authority.verifyAccessToken(token);
      return v ? { realmId: v.realmId, clientId: v.clientId, scopes: v.scopes } : undefined;
    },
    registerClient: (input) => authority.registerClient(input),
    listClients: () => authority.listClients(),
    issueTokens(input) {
      const company = directory.getCompany(input.realmId);
      if (!company) throw new RangeError(`no company ${input.realmId} in the directory`);
      return authority.issueTokensDirectly({
        clientId: input.clientId ?? settings.clients[0]?.clientId ?? '',
        realmId: company.realmId,
        scopes: input.scopes ?? ['com.intuit.quickbooks.accounting'],
        userEmail: company.ownerEmail,
      });
    },
    revokeRealm: (realmId) => authority.revokeRealm(realmId),
    expireAccessTokens: (realmId) => authority.expireAccessTokens(realmId),
    listGrants: (filter) => authority.listGrants(filter),
    tokenCalls: (filter) => authority.tokenCalls(filter),
    exportState: () => ({ ...authority.exportState(), idTokenPrivateKeyPem: keys.exportPrivateKey() }),
    importState(state) {
      authority.importState(state);
      keys.importPrivateKey(state.idTokenPrivateKeyPem);
    },
  };
}
