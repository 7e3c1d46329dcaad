/**
 * Settings of the sandbox's Intuit OAuth 2.0 server. Every lifetime is in sandbox seconds
 * (the sandbox Clock), so tests can advance time instead of waiting.
 */

/** An app registered with the identity platform ("Keys & credentials" of an Intuit app). */
export interface OAuthClientRegistration {
  clientId: string;
  clientSecret: string;
  /** Redirect URIs registered for the app; the authorize request must match one exactly. */
  redirectUris: string[];
  /** Shown on the consent page. */
  appName?: string;
}

/**
 * When a refresh returns a new refresh-token value. Intuit staff describe the value changing
 * roughly every 24 h (refreshes within that window return the same value, with a smaller
 * `x_refresh_token_expires_in`); `every-refresh` is the stricter behaviour that many clients
 * must survive; `never` keeps one value for the grant's life.
 */
export type RefreshTokenRotation = 'every-refresh' | 'never' | { everySeconds: number };

export interface OAuthSettings {
  /** `expires_in` of access tokens. Intuit: 3600. */
  accessTokenTtlSeconds: number;
  /** Rolling window of a refresh-token value (`x_refresh_token_expires_in` when it is new). Intuit: 8726400 (~101 days). */
  refreshTokenRollingSeconds: number;
  /** Absolute cap on a grant's refresh tokens (`x_refresh_token_hard_expires_in`). Intuit: 5 years. */
  refreshTokenHardExpirySeconds: number;
  /** Refresh-token value rotation policy. Default `{ everySeconds: 86400 }`. */
  refreshTokenRotation: RefreshTokenRotation;
  /** How long a superseded refresh-token value still works after a newer one was issued. Intuit: 24 h. */
  supersededRefreshTokenGraceSeconds: number;
  /**
   * UNCONFIRMED at Intuit: whether a superseded value keeps working for the whole grace period
   * even after the newer value has itself been used (`grace`, the default) or dies as soon as
   * the newer value is used (`until-newer-used`).
   */
  supersededRefreshTokenPolicy: 'grace' | 'until-newer-used';
  /** Lifetime of an authorization code. UNCONFIRMED at Intuit; default 600 s. */
  authCodeTtlSeconds: number;
  /**
   * UNCONFIRMED at Intuit: revoking an access token also revokes its refresh token (the whole
   * grant). Default true.
   */
  revokeAccessTokenRevokesGrant: boolean;
  /** Apps known to the platform. The first is the default app printed by `npm run sandbox`. */
  clients: OAuthClientRegistration[];
  /**
   * Headless consent: `false` shows the consent page; `true` approves the signed-in user's
   * first company; a realm id approves that company. The query flag
   * `sandbox_auto_approve=<realmId|1>` on the authorize URL does the same per request.
   */
  autoApprove: boolean | string;
  /**
   * The sandbox user who is "signed in" on the consent page: only companies whose
   * `ownerEmail` matches are offered. Undefined = every company of the directory.
   * The query flag `sandbox_user=<email>` overrides it per request.
   */
  signedInUserEmail: string | undefined;
  /** `iss` of id_tokens; intuit-oauth's validateIdToken() insists on Intuit's value. */
  issuer: string;
  /**
   * Base URL written into the discovery document (e.g. `http://127.0.0.1:4010`). Undefined =
   * taken from the request's protocol and Host header.
   */
  publicBaseUrl: string | undefined;
  /** Scopes the authorize endpoint accepts (others → `error=invalid_scope`). */
  supportedScopes: string[];
}

export const DEFAULT_CLIENT: OAuthClientRegistration = {
  clientId: 'ABsandboxClientId0000000000000000000000000000000000',
  clientSecret: 'sandboxClientSecret000000000000000000000',
  redirectUris: [
    'http://localhost:3000/callback',
    'http://127.0.0.1:3000/callback',
    'https://developer.intuit.com/v2/OAuth2Playground/RedirectUrl',
  ],
  appName: 'ledgerbus sandbox app',
};

export const INTUIT_ISSUER = 'https://oauth.platform.intuit.com/op/v1';

export const KNOWN_SCOPES = [
  'com.intuit.quickbooks.accounting',
  'com.intuit.quickbooks.payment',
  'openid',
  'profile',
  'email',
  'phone',
  'address',
  'com.intuit.quickbooks.payroll.compensation.read',
  'project-management.project',
  'app-foundations.custom-dimensions.read',
  'app-foundations.custom-field-definitions',
  'time-tracking.time-entry',
  'indirect-tax.tax-calculation.quickbooks',
];

export const DEFAULT_OAUTH_SETTINGS: OAuthSettings = {
  accessTokenTtlSeconds: 3600,
  refreshTokenRollingSeconds: 8726400,
  refreshTokenHardExpirySeconds: 5 * 365 * 86400,
  refreshTokenRotation: { everySeconds: 86400 },
  supersededRefreshTokenGraceSeconds: 86400,
  supersededRefreshTokenPolicy: 'grace',
  authCodeTtlSeconds: 600,
  revokeAccessTokenRevokesGrant: true,
  clients: [DEFAULT_CLIENT],
  autoApprove: false,
  signedInUserEmail: undefined,
  issuer: INTUIT_ISSUER,
  publicBaseUrl: undefined,
  supportedScopes: KNOWN_SCOPES,
};

export function resolveOAuthSettings(partial: Partial<OAuthSettings> = {}): OAuthSettings {
  const settings = { ...DEFAULT_OAUTH_SETTINGS, ...partial };
  for (const key of [
    'accessTokenTtlSeconds',
    'refreshTokenRollingSeconds',
    'refreshTokenHardExpirySeconds',
    'supersededRefreshTokenGraceSeconds',
    'authCodeTtlSeconds',
  ] as const) {
    if (!Number.isFinite(settings[key]) || settings[key] <= 0) {
      throw new RangeError(`OAuthSettings.${key} must be a positive number of seconds`);
    }
  }
  const rotation = settings.refreshTokenRotation;
  if (typeof rotation === 'object' && !(rotation.everySeconds >= 0)) {
    throw new RangeError('OAuthSettings.refreshTokenRotation.everySeconds must be >= 0');
  }
  return settings;
}
