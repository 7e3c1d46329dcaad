/**
 * JWT bearer authentication: tokens verified with jose (an HS256 secret for
 * development and tests, or a JWKS URL in production). A verified token becomes
 * `request.principal`; `requireRole(...)` guards a route.
 */
import { SignJWT, createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { z } from 'zod';
import { ForbiddenError, LedgerbusError, UnauthorizedError, UnavailableError } from './errors';
import { parseDuration } from './config';

export const ROLES = ['owner', 'admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const principalClaimsSchema = z.object({
  sub: z.string().min(1),
  tenant: z.string().min(1),
  role: z.enum(ROLES),
  /** True for a service account (another ledgerbus service or an integrator's backend). */
  svc: z.boolean().default(false),
  /**
   * What the token is limited to (RFC 8693 `scope`: space-separated, or a list as some issuers
   * write it), e.g. `ingest`. A token with a scope is admitted only by routes that accept one of
   * its scopes; a token without one is limited by its role alone.
   */
  scope: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (typeof value === 'string' ? value.split(' ') : value).filter((s) => s.length > 0))
    .optional(),
});

export type Principal = z.output<typeof principalClaimsSchema>;
export type PrincipalClaims = z.input<typeof principalClaimsSchema>;

export type JwtVerifierOptions = (
  | { /** HS256 shared secret, at least 32 characters. */ secret: string; jwksUrl?: undefined }
  | { /** A JWKS endpoint (RS256/ES256 …). */ jwksUrl: string; secret?: undefined }
) & {
  issuer?: string;
  audience?: string;
  /** Allowed clock skew in seconds (default 5). */
  clockToleranceSec?: number;
  /**
   * Who may read the server's `/metrics` and `/docs/json` (not a verifier setting: the HTTP server
   * reads it). `public` (default): anyone; `service`: a valid token with `svc: true` (401 without a
   * token, 403 for a user's token). From `OPS_ENDPOINTS_AUTH` (`none` | `service`) via `jwtOptionsFromEnv`.
   */
  opsEndpoints?: 'public' | 'service';
};

export interface JwtVerifier {
  /** Returns the principal or throws `UnauthorizedError`. */
  verify(token: string): Promise<Principal>;
}

const MIN_SECRET_LENGTH = 32;

function hmacKey(secret: string): Uint8Array {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new RangeError(`JWT secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return new TextEncoder().encode(secret);
}

function verifyWithSecret(key: Uint8Array, verifyOptions: JWTVerifyOptions) {
  return (token: string) => jwtVerify(token, key, { ...verifyOptions, algorithms: ['HS256'] });
}

function verifyWithJwks(jwksUrl: string, verifyOptions: JWTVerifyOptions) {
  const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(jwksUrl));
  return (token: string) => jwtVerify(token, jwks, verifyOptions);
}

export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const verifyOptions: JWTVerifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockToleranceSec ?? 5,
    // A token that never expires is refused: every token names its end.
    requiredClaims: ['exp'],
  };
  // One JWKS fetcher per verifier: jose caches the keys and refetches on an unknown kid.
  const verifyToken =
    options.secret !== undefined
      ? verifyWithSecret(hmacKey(options.secret), verifyOptions)
      : verifyWithJwks(options.jwksUrl, verifyOptions);

  return {
    async verify(token) {
      let payload: unknown;
      try {
        ({ payload } = await verifyToken(token));
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) {
          throw new UnauthorizedError('token expired', { reason: 'expired' });
        }
        if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'exp') {
          throw new UnauthorizedError('token has no expiry (exp)', { reason: 'missing_exp' });
        }
        if (err instanceof joseErrors.JWKSTimeout || (options.jwksUrl !== undefined && !(err instanceof joseErrors.JOSEError))) {
          // The key set could not be fetched: our dependency failed, not the caller.
          throw new UnavailableError('auth_unavailable', 'cannot fetch the token signing keys', err);
        }
        if (err instanceof joseErrors.JOSEError) {
          throw new UnauthorizedError('invalid token', { reason: 'invalid' });
        }
        throw err;
      }
      const claims = principalClaimsSchema.safeParse(payload);
      if (!claims.success) {
        const fields = claims.error.issues.map((i) => i.path.join('.'));
        throw new UnauthorizedError('token claims are invalid', { reason: 'invalid_claims', fields });
      }
      return claims.data;
    },
  };
}

/** Reads `Authorization: Bearer <token>`; undefined when absent or another scheme. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}

/** True when the principal's token carries `scope` among its scopes. */
export function hasScope(principal: Principal, scope: string): boolean {
  return principal.scope?.includes(scope) ?? false;
}

/**
 * Authenticates and checks the role; an empty `roles` list admits any valid principal. A token
 * limited to scopes is refused (403 `insufficient_scope`) unless one of them is in `scopes`:
 * a token scoped to ingestion must not change settings or fetch access tokens elsewhere.
 */
export async function authorize(
  verifier: JwtVerifier,
  authorization: string | undefined,
  roles: readonly Role[],
  scopes: readonly string[] = [],
): Promise<Principal> {
  const token = bearerToken(authorization);
  if (token === undefined) throw new UnauthorizedError('bearer token required', { reason: 'missing' });
  const principal = await verifier.verify(token);
  if (principal.scope !== undefined && !principal.scope.some((s) => scopes.includes(s))) {
    throw new LedgerbusError('insufficient_scope', `a token scoped to ${principal.scope.join(' ') || 'nothing'} may not do this`, {
      statusCode: 403,
      details: { scope: principal.scope, accepted: scopes },
    });
  }
  if (roles.length > 0 && !roles.includes(principal.role)) {
    throw new ForbiddenError(`role ${principal.role} may not do this`, { role: principal.role, allowed: roles });
  }
  return principal;
}

export interface MintTokenOptions {
  issuer?: string;
  audience?: string;
}

/**
 * Signs an HS256 token for tests and the development-token command.
 * `ttl` is a duration ("15m", "1h", "30s") or a number of seconds; negative
 * numbers mint an already expired token.
 */
export async function mintToken(
  secret: string,
  claims: PrincipalClaims,
  ttl: string | number = '1h',
  options: MintTokenOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const ttlSec = typeof ttl === 'number' ? ttl : (parseDuration(ttl) ?? Number.NaN) / 1000;
  if (!Number.isFinite(ttlSec)) throw new RangeError(`invalid token ttl: ${String(ttl)}`);
  const { sub, scope, ...rest } = principalClaimsSchema.parse(claims);
  // `scope` is signed as RFC 8693 writes it: one space-separated string.
  let jwt = new SignJWT(scope === undefined ? rest : { ...rest, scope: scope.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(now)
    .setExpirationTime(now + Math.floor(ttlSec));
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(hmacKey(secret));
}
