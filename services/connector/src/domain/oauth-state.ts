/**
 * The OAuth `state`: a signed, expiring value bound to the tenant, the division and the
 * user who asked for the connect URL, with a random id. `base64url(json) + "." + base64url(HMAC-SHA256)`.
 *
 * The signature only says that this connector issued it. What makes it safe is the row stored
 * under its id (see `oauth-states.repository.ts`): single use, an expiry, and the hash of a
 * random nonce that only the admin's browser holds (an HttpOnly cookie set with the connect URL).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { InvalidOAuthStateError } from './errors';

export interface OAuthStateClaims {
  tenantId: string;
  divisionId: string | undefined;
  /** The user (JWT `sub`) who started the flow. */
  userId: string;
}

export interface VerifiedOAuthState extends OAuthStateClaims {
  /** The random id of this state (its row and its cookie's name). */
  stateId: string;
}

const payloadSchema = z.object({
  t: z.string().min(1),
  d: z.string().min(1).optional(),
  u: z.string().min(1),
  n: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  exp: z.number().int(),
});

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function signOAuthState(secret: string, claims: OAuthStateClaims, ttlMs: number, now: Date = new Date()): { state: string; stateId: string } {
  const stateId = randomBytes(16).toString('base64url');
  const body = {
    t: claims.tenantId,
    ...(claims.divisionId === undefined ? {} : { d: claims.divisionId }),
    u: claims.userId,
    n: stateId,
    exp: now.getTime() + ttlMs,
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return { state: `${payload}.${sign(secret, payload).toString('base64url')}`, stateId };
}

export function verifyOAuthState(secret: string, state: string, now: Date = new Date()): VerifiedOAuthState {
  const parts = state.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new InvalidOAuthStateError('malformed');
  const [payload, signature] = parts as [string, string];
  const expected = sign(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidOAuthStateError('bad_signature');
  let parsed: z.infer<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidOAuthStateError('malformed');
  }
  if (parsed.exp <= now.getTime()) throw new InvalidOAuthStateError('expired');
  return { tenantId: parsed.t, divisionId: parsed.d, userId: parsed.u, stateId: parsed.n };
}

/** The browser binding: a random nonce for the cookie, and the hash stored with the state (never the nonce itself). */
export function newBrowserNonce(): { nonce: string; hash: string } {
  const nonce = randomBytes(32).toString('base64url');
  return { nonce, hash: hashBrowserNonce(nonce) };
}

export function hashBrowserNonce(nonce: string): string {
  return createHash('sha256').update(nonce).digest('hex');
}

/** The cookie holding a flow's nonce: one per flow, so two flows started in two tabs do not overwrite each other. */
export function stateCookieName(stateId: string): string {
  return `ledgerbus_oauth_${stateId}`;
}

export interface StateCookieOptions {
  /** The callback's path (the cookie is sent there only). */
  path: string;
  /** `Secure` (the callback is served over https). */
  secure: boolean;
}

/** `Set-Cookie` value of a flow's nonce: HttpOnly, SameSite=Lax (sent on Intuit's top-level redirect back), path-scoped. */
export function stateCookie(stateId: string, nonce: string, maxAgeMs: number, options: StateCookieOptions): string {
  const attributes = [`${stateCookieName(stateId)}=${nonce}`, `Path=${options.path}`, `Max-Age=${Math.max(0, Math.ceil(maxAgeMs / 1000))}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** The value of one cookie in a `Cookie` header; undefined when absent. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
