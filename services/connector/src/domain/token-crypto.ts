/**
 * Tokens at rest: AES-256-GCM with a key ring from the environment
 * (`CONNECTOR_TOKEN_KEYS=kid:base64key[,kid2:base64key2]`). The first key encrypts, every
 * key decrypts; each row stores the key id it was written with, so keys can rotate.
 * Stored form: `base64(iv).base64(ciphertext).base64(tag)`. The additional authenticated
 * data binds a ciphertext to its connection, so a token copied to another row fails.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TokenDecryptError, TokenKeyConfigError } from './errors';

export interface TokenKeyRing {
  /** The key id new ciphertexts are written with. */
  readonly currentKeyId: string;
  encrypt(plaintext: string, aad: string): { keyId: string; ciphertext: string };
  decrypt(keyId: string, ciphertext: string, aad: string): string;
}

const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;

export function parseTokenKeys(value: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of value.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const colon = part.indexOf(':');
    if (colon <= 0) throw new TokenKeyConfigError('each token key must be "kid:base64key"');
    const kid = part.slice(0, colon);
    if (!KEY_ID.test(kid)) throw new TokenKeyConfigError(`token key id "${kid}" must be 1-32 of A-Z a-z 0-9 _ . -`);
    const key = Buffer.from(part.slice(colon + 1), 'base64');
    if (key.length !== 32) throw new TokenKeyConfigError(`token key "${kid}" must be 32 bytes (base64), got ${key.length}`);
    if (keys.has(kid)) throw new TokenKeyConfigError(`token key id "${kid}" appears twice`);
    keys.set(kid, key);
  }
  if (keys.size === 0) throw new TokenKeyConfigError('at least one token key is required');
  return keys;
}

export function createTokenKeyRing(spec: string | Map<string, Buffer>): TokenKeyRing {
  const keys = typeof spec === 'string' ? parseTokenKeys(spec) : spec;
  const first = [...keys.keys()][0];
  if (first === undefined) throw new TokenKeyConfigError('at least one token key is required');
  return {
    currentKeyId: first,
    encrypt(plaintext, aad) {
      const key = keys.get(first)!;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return { keyId: first, ciphertext: `${iv.toString('base64')}.${ct.toString('base64')}.${tag.toString('base64')}` };
    },
    decrypt(keyId, ciphertext, aad) {
      const key = keys.get(keyId);
      if (key === undefined) throw new TokenDecryptError(keyId);
      const [iv, ct, tag] = ciphertext.split('.');
      if (iv === undefined || ct === undefined || tag === undefined) throw new TokenDecryptError(keyId);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
      } catch (err) {
        throw new TokenDecryptError(keyId, err instanceof Error ? new Error(err.message) : undefined);
      }
    },
  };
}

/** A fresh random key in the `kid:base64key` form (for docs, tests and `.env` files). */
export function generateTokenKey(kid: string): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}
