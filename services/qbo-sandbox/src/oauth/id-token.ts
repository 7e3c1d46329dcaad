/**
 * RS256 id_tokens and the JWKS that verifies them. The key pair is made once per OAuth server;
 * the JWKS publishes `n`/`e` as intuit-oauth's validateIdToken() expects.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
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
  /** The signing key as PKCS#8 PEM (snapshot files keep it so id_tokens stay verifiable). */
  exportPrivateKey: () => string;
  /** Sign with this key (PKCS#8 PEM) from now on; the JWKS follows. */
  importPrivateKey: (pem: string) => void;
}

interface KeyState {
  privateKey: KeyObject;
  jwk: { n: string; e: string; kty: string };
  kid: string;
}

function keyState(privateKey: KeyObject): KeyState {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as { n: string; e: string; kty: string };
  const kid = createHash('sha256').update(jwk.n).digest('base64url').slice(0, 16);
  return { privateKey, jwk, kid };
}

export function createIdTokenKeys(issuer: string): IdTokenKeys {
  let state = keyState(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  return {
    sign: (claims) => signJwt(state.privateKey, state.kid, { iss: issuer, ...claims }),
    jwks: () => ({ keys: [{ kty: state.jwk.kty, n: state.jwk.n, e: state.jwk.e, kid: state.kid, alg: 'RS256', use: 'sig' }] }),
    exportPrivateKey: () => state.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    importPrivateKey: (pem) => {
      state = keyState(createPrivateKey(pem));
    },
  };
}

function signJwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const header = Buffer.from(JSON.stringify({ kid, alg: 'RS256' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}
