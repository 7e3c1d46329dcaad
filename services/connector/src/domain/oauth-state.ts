/**
 * The OAuth `state`: a signed, expiring value bound to the tenant, the division and the
 * user who asked for the connect URL. `base64url(json) + "." + base64url(HMAC-SHA256)`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { InvalidOAuthStateError } from './errors';

export interface OAuthStateClaims {
  tenantId: string;
  divisionId: string | undefined;
  /** The user (JWT `sub`) who started the flow. */
  userId: string;
}

const payloadSchema = z.object({
  t: z.string().min(1),
  d: z.string().min(1).optional(),
  u: z.string().min(1),
  n: z.string().min(1),
  exp: z.number().int(),
});

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function signOAuthState(secret: string, claims: OAuthStateClaims, ttlMs: number, now: Date = new Date()): string {
  const body = {
    t: claims.tenantId,
    ...(claims.divisionId === undefined ? {} : { d: claims.divisionId }),
    u: claims.userId,
    n: randomBytes(12).toString('base64url'),
    exp: now.getTime() + ttlMs,
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

export function verifyOAuthState(secret: string, state: string, now: Date = new Date()): OAuthStateClaims {
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
  return { tenantId: parsed.t, divisionId: parsed.d, userId: parsed.u };
}
