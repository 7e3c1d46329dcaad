import { createKeyRing, generateKeyRingKey, parseKeyRing } from '../src/key-ring';

describe('key ring (AES-256-GCM secrets at rest)', () => {
  it('decrypts what it encrypted, with the same additional data only', () => {
    const ring = createKeyRing(generateKeyRingKey('k1'));
    const { keyId, ciphertext } = ring.encrypt('whsec_secret', 'row-1');
    expect(keyId).toBe('k1');
    expect(ciphertext).not.toContain('whsec_secret');
    expect(ring.decrypt(keyId, ciphertext, 'row-1')).toBe('whsec_secret');
    expect(() => ring.decrypt(keyId, ciphertext, 'row-2')).toThrow(expect.objectContaining({ code: 'decrypt_failed' }));
  });

  it('encrypts with the first key and still decrypts with an older one after a rotation', () => {
    const old = generateKeyRingKey('k1');
    const before = createKeyRing(old).encrypt('s', 'a');
    const rotated = createKeyRing(`${generateKeyRingKey('k2')},${old}`);
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.decrypt(before.keyId, before.ciphertext, 'a')).toBe('s');
    expect(() => createKeyRing(generateKeyRingKey('k3')).decrypt('k1', before.ciphertext, 'a')).toThrow(/key "k1"/);
  });

  it('refuses a malformed ring without echoing key material', () => {
    expect(() => parseKeyRing('')).toThrow(expect.objectContaining({ code: 'key_config_invalid' }));
    expect(() => parseKeyRing('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyRing('nocolon')).toThrow(/kid:base64key/);
    const k = generateKeyRingKey('k1');
    expect(() => parseKeyRing(`${k},${k}`)).toThrow(/twice/);
  });

  it('raises the errors a service chooses', () => {
    const errors = { config: (m: string) => new Error(`cfg: ${m}`), decrypt: (kid: string) => new Error(`dec: ${kid}`) };
    expect(() => parseKeyRing('', errors)).toThrow('cfg: at least one key is required');
    expect(() => createKeyRing(generateKeyRingKey('k9'), errors).decrypt('kx', 'a.b.c', 'x')).toThrow('dec: kx');
  });
});
