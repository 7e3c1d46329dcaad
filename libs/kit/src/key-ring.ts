/**
 * Secrets at rest: AES-256-GCM with a key ring from the environment
 * (`kid:base64key[,kid2:base64key2]`). The first key encrypts, every key decrypts; each row
 * stores the key id it was written with, so keys can rotate. Stored form:
 * `base64(iv).base64(ciphertext).base64(tag)`. The additional authenticated data binds a
 * ciphertext to its row (an id), so a secret copied to another row fails to decrypt.
 *
 * The same scheme as the connector's token encryption (services/connector/src/domain/token-crypto.ts),
 * here for every other service that keeps a secret (webhook signing secrets); the error
 * factories let a service keep its own error codes.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { LedgerbusError } from './errors';

export interface KeyRing {
  /** The key id new ciphertexts are written with. */
  readonly currentKeyId: string;
  encrypt(plaintext: string, aad: string): { keyId: string; ciphertext: string };
  decrypt(keyId: string, ciphertext: string, aad: string): string;
}

export class KeyRingConfigError extends LedgerbusError {
  constructor(message: string) {
    super('key_config_invalid', message, { retriable: false });
  }
}

export class DecryptError extends LedgerbusError {
  constructor(keyId: string, cause?: unknown) {
    super('decrypt_failed', `a stored secret cannot be decrypted with key "${keyId}"`, { retriable: false, cause, details: { keyId } });
  }
}

export interface KeyRingErrors {
  config(message: string): Error;
  decrypt(keyId: string, cause?: unknown): Error;
}

const DEFAULT_ERRORS: KeyRingErrors = {
  config: (message) => new KeyRingConfigError(message),
  decrypt: (keyId, cause) => new DecryptError(keyId, cause),
};

const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;

/** Parses `kid:base64key[,kid2:base64key2]` (each key 32 bytes); throws a config error naming the problem, never the key. */
export function parseKeyRing(value: string, errors: KeyRingErrors = DEFAULT_ERRORS): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of value.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const colon = part.indexOf(':');
    if (colon <= 0) throw errors.config('each key must be "kid:base64key"');
    const kid = part.slice(0, colon);
    if (!KEY_ID.test(kid)) throw errors.config(`key id "${kid}" must be 1-32 of A-Z a-z 0-9 _ . -`);
    const key = Buffer.from(part.slice(colon + 1), 'base64');
    if (key.length !== 32) throw errors.config(`key "${kid}" must be 32 bytes (base64), got ${key.length}`);
    if (keys.has(kid)) throw errors.config(`key id "${kid}" appears twice`);
    keys.set(kid, key);
  }
  if (keys.size === 0) throw errors.config('at least one key is required');
  return keys;
}

export function createKeyRing(spec: string | Map<string, Buffer>, errors: KeyRingErrors = DEFAULT_ERRORS): KeyRing {
  const keys = typeof spec === 'string' ? parseKeyRing(spec, errors) : spec;
  const first = [...keys.keys()][0];
  if (first === undefined) throw errors.config('at least one key is required');
  const current = keys.get(first) as Buffer;
  return {
    currentKeyId: first,
    encrypt(plaintext, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return { keyId: first, ciphertext: `${iv.toString('base64')}.${ct.toString('base64')}.${tag.toString('base64')}` };
    },
    decrypt(keyId, ciphertext, aad) {
      const key = keys.get(keyId);
      if (key === undefined) throw errors.decrypt(keyId);
      const [iv, ct, tag] = ciphertext.split('.');
      if (iv === undefined || ct === undefined || tag === undefined) throw errors.decrypt(keyId);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
      } catch (err) {
        // Only the message travels on: the cause of a failed decryption never carries key material, but keep it plain.
        throw errors.decrypt(keyId, err instanceof Error ? new Error(err.message) : undefined);
      }
    },
  };
}

/** A fresh random key in the `kid:base64key` form (for docs, tests and `.env` files). */
export function generateKeyRingKey(kid: string): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}
