/**
 * RS256 id_tokens and the JWKS that verifies them. The key pair is made once per OAuth server;
 * the JWKS publishes `n`/`e` as intuit-oauth's validateIdToken() expects.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export interface JsonWebKey {
  kty: string;
  n: string;
  e: string;
  kid: string;
  alg: string;
  use: string;
}

export interface IdTokenKeys {
  sign: (claims: Record<string, unknown>) => string;
  jwks: () => { keys: JsonWebKey[] };
}

export function createIdTokenKeys(issuer: string): IdTokenKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string; kty: string };
  const kid = createHash('sha256').update(jwk.n).digest('base64url').slice(0, 16);
  return {
    sign: (claims) => signJwt(privateKey, kid, { iss: issuer, ...claims }),
    jwks: () => ({ keys: [{ kty: jwk.kty, n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' }] }),
  };
}

function signJwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const header = Buffer.from(JSON.stringify({ kid, alg: 'RS256' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}
