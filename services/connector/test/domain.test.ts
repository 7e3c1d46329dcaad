import { createTokenKeyRing, generateTokenKey, parseTokenKeys } from '../src/domain/token-crypto';
import { hashBrowserNonce, newBrowserNonce, readCookie, signOAuthState, stateCookie, verifyOAuthState } from '../src/domain/oauth-state';
import { parseWebhookPayload, verifyWebhookSignature, webhookSignature } from '../src/domain/webhook';
import { needsRefresh, versionKey } from '../src/domain/versions';

const SECRET = 'state-secret-state-secret-state-secret!!';

describe('OAuth state', () => {
  it('round-trips tenant, division and user while it is fresh', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const { state, stateId } = signOAuthState(SECRET, { tenantId: 't1', divisionId: 'east', userId: 'u1' }, 60_000, now);
    expect(verifyOAuthState(SECRET, state, new Date(now.getTime() + 59_000))).toEqual({ tenantId: 't1', divisionId: 'east', userId: 'u1', stateId });
  });

  it('is refused once expired, when tampered with, or signed with another key', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const { state } = signOAuthState(SECRET, { tenantId: 't1', divisionId: undefined, userId: 'u1' }, 60_000, now);
    expect(() => verifyOAuthState(SECRET, state, new Date(now.getTime() + 60_001))).toThrow(expect.objectContaining({ code: 'invalid_oauth_state', details: { reason: 'expired' } }));
    const [payload, sig] = state.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), t: 'other' })).toString('base64url');
    expect(() => verifyOAuthState(SECRET, `${forged}.${sig}`, now)).toThrow(expect.objectContaining({ details: { reason: 'bad_signature' } }));
    expect(() => verifyOAuthState(`${SECRET}x`, state, now)).toThrow(expect.objectContaining({ details: { reason: 'bad_signature' } }));
    expect(() => verifyOAuthState(SECRET, 'garbage', now)).toThrow(expect.objectContaining({ details: { reason: 'malformed' } }));
  });
});

describe('OAuth state cookie', () => {
  it('is HttpOnly, SameSite=Lax, scoped to the callback path, Secure over https, and read back by its name only', () => {
    const cookie = stateCookie('abcdefghijklmnop', 'nonce-1', 600_000, { path: '/v1/oauth/callback', secure: true });
    expect(cookie).toBe('ledgerbus_oauth_abcdefghijklmnop=nonce-1; Path=/v1/oauth/callback; Max-Age=600; HttpOnly; SameSite=Lax; Secure');
    expect(stateCookie('abcdefghijklmnop', '', 0, { path: '/cb', secure: false })).toBe('ledgerbus_oauth_abcdefghijklmnop=; Path=/cb; Max-Age=0; HttpOnly; SameSite=Lax');
    expect(readCookie('a=1; ledgerbus_oauth_x=n2; b=3', 'ledgerbus_oauth_x')).toBe('n2');
    expect(readCookie('ledgerbus_oauth_y=n2', 'ledgerbus_oauth_x')).toBeUndefined();
    expect(readCookie(undefined, 'ledgerbus_oauth_x')).toBeUndefined();
    const { nonce, hash } = newBrowserNonce();
    expect(hash).toBe(hashBrowserNonce(nonce));
    expect(hash).not.toContain(nonce);
  });
});

describe('token encryption', () => {
  it('encrypts with the first key, decrypts with any key of the ring, and never stores the plaintext', () => {
    const oldKey = generateTokenKey('k1');
    const ring1 = createTokenKeyRing(oldKey);
    const sealed = ring1.encrypt('refresh-token-value', 'conn:1');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext).not.toContain('refresh-token-value');
    const rotated = createTokenKeyRing(`${generateTokenKey('k2')},${oldKey}`);
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.decrypt(sealed.keyId, sealed.ciphertext, 'conn:1')).toBe('refresh-token-value');
    expect(rotated.encrypt('x', 'conn:1').keyId).toBe('k2');
  });

  it('refuses a ciphertext moved to another connection or altered', () => {
    const ring = createTokenKeyRing(generateTokenKey('k1'));
    const sealed = ring.encrypt('secret', 'conn:1');
    expect(() => ring.decrypt('k1', sealed.ciphertext, 'conn:2')).toThrow(expect.objectContaining({ code: 'token_decrypt_failed' }));
    const [iv, ct, tag] = sealed.ciphertext.split('.') as [string, string, string];
    const flipped = Buffer.from(ct, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => ring.decrypt('k1', `${iv}.${flipped.toString('base64')}.${tag}`, 'conn:1')).toThrow(expect.objectContaining({ code: 'token_decrypt_failed' }));
    expect(() => ring.decrypt('unknown', sealed.ciphertext, 'conn:1')).toThrow(expect.objectContaining({ code: 'token_decrypt_failed' }));
  });

  it('rejects key specs that are not kid:32-byte-base64', () => {
    expect(() => parseTokenKeys('')).toThrow(expect.objectContaining({ code: 'token_key_config_invalid' }));
    expect(() => parseTokenKeys('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseTokenKeys('nocolon')).toThrow(/kid:base64key/);
    const k = generateTokenKey('k1');
    expect(() => parseTokenKeys(`${k},${k}`)).toThrow(/twice/);
  });
});

describe('webhook signature and payloads', () => {
  it('takes a single CloudEvent object posted as application/cloudevents+json as one event', () => {
    const event = { specversion: '1.0', id: 'e1', source: 'intuit', type: 'qbo.customer.updated.v1', time: '2026-01-01T00:00:00Z', intuitentityid: '58', intuitaccountid: '4620816365229178', data: {} };
    const parsed = parseWebhookPayload(event, new Date(), 'application/cloudevents+json; charset=utf-8');
    expect(parsed).toEqual({
      format: 'cloudevents',
      notifications: [{ realmId: '4620816365229178', entity: 'Customer', entityId: '58', operation: 'Update', lastUpdated: '2026-01-01T00:00:00.000Z' }],
    });
    // A bad single event names its field, not eventNotifications.
    expect(() => parseWebhookPayload({ ...event, intuitaccountid: 'x' }, new Date(), 'application/cloudevents+json')).toThrow(/0\.intuitaccountid/);
  });

  const body = Buffer.from(JSON.stringify({ eventNotifications: [{ realmId: '123', dataChangeEvent: { entities: [{ name: 'Customer', id: '1', operation: 'Create', lastUpdated: '2015-10-05T14:42:19-0700' }] } }] }));

  it('accepts the base64 HMAC-SHA256 of the raw body under any configured verifier token', () => {
    expect(() => verifyWebhookSignature(['old', 'verifier'], body, webhookSignature('verifier', body))).not.toThrow();
  });

  it('rejects a missing or forged signature, and a body changed by one byte', () => {
    expect(() => verifyWebhookSignature(['verifier'], body, undefined)).toThrow(expect.objectContaining({ code: 'invalid_signature', statusCode: 401 }));
    expect(() => verifyWebhookSignature(['verifier'], body, webhookSignature('other', body))).toThrow(expect.objectContaining({ code: 'invalid_signature' }));
    const changed = Buffer.concat([body, Buffer.from(' ')]);
    expect(() => verifyWebhookSignature(['verifier'], changed, webhookSignature('verifier', body))).toThrow(expect.objectContaining({ code: 'invalid_signature' }));
  });

  it('parses the legacy format with ISO times and merges', () => {
    const parsed = parseWebhookPayload({
      eventNotifications: [
        { realmId: '123', dataChangeEvent: { entities: [{ name: 'Customer', id: '1', operation: 'Create', lastUpdated: '2015-10-05T14:42:19-0700' }, { name: 'Customer', id: '5', operation: 'Merge', lastUpdated: '2015-10-05T14:42:19-0700', deletedId: '9' }] } },
        { realmId: '456', dataChangeEvent: { entities: [{ name: 'Invoice', id: '7', operation: 'Void', lastUpdated: '2015-10-05T14:42:19.000Z' }] } },
      ],
    });
    expect(parsed.format).toBe('legacy');
    expect(parsed.notifications).toEqual([
      { realmId: '123', entity: 'Customer', entityId: '1', operation: 'Create', lastUpdated: '2015-10-05T21:42:19.000Z' },
      { realmId: '123', entity: 'Customer', entityId: '5', operation: 'Merge', lastUpdated: '2015-10-05T21:42:19.000Z', deletedId: '9' },
      { realmId: '456', entity: 'Invoice', entityId: '7', operation: 'Void', lastUpdated: '2015-10-05T14:42:19.000Z' },
    ]);
  });

  it('parses the CloudEvents array, entity names and operations included', () => {
    const parsed = parseWebhookPayload([
      { specversion: '1.0', id: 'a', source: 'intuit.x', type: 'qbo.customer.merged.v1', time: '2026-03-01T18:22:10.123Z', intuitentityid: '58', intuitaccountid: '9341', data: { deletedid: '27' } },
      { specversion: '1.0', id: 'b', source: 'intuit.x', type: 'qbo.journalentry.deleted.v1', time: '2026-03-01T18:22:11Z', intuitentityid: '3', intuitaccountid: '9341', data: {} },
    ]);
    expect(parsed.format).toBe('cloudevents');
    expect(parsed.notifications).toEqual([
      { realmId: '9341', entity: 'Customer', entityId: '58', operation: 'Merge', lastUpdated: '2026-03-01T18:22:10.123Z', deletedId: '27' },
      { realmId: '9341', entity: 'JournalEntry', entityId: '3', operation: 'Delete', lastUpdated: '2026-03-01T18:22:11.000Z' },
    ]);
  });

  it('names the bad field of a malformed payload', () => {
    expect(() => parseWebhookPayload({ eventNotifications: [{ realmId: 'abc' }] })).toThrow(/eventNotifications\.0\.realmId/);
    expect(() => parseWebhookPayload([{ type: 'nope', intuitentityid: '1', intuitaccountid: '1' }])).toThrow(expect.objectContaining({ code: 'invalid_webhook_payload', statusCode: 400 }));
  });
});

describe('versions and refresh timing', () => {
  it('gives webhook, CDC and snapshot copies of one version the same key, and every delete one key', () => {
    expect(versionKey('1', 'Customer', '5', '3', false)).toEqual(versionKey('1', 'Customer', '5', '3', false));
    expect(versionKey('1', 'Customer', '5', undefined, true).version).toBe('deleted');
    expect(versionKey('1', 'Customer', '5', '4', false)).not.toEqual(versionKey('1', 'Customer', '5', '3', false));
  });

  it('refreshes before expiry within the skew', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(needsRefresh(new Date(now.getTime() + 10 * 60_000), now, 5 * 60_000)).toBe(false);
    expect(needsRefresh(new Date(now.getTime() + 4 * 60_000), now, 5 * 60_000)).toBe(true);
    expect(needsRefresh(null, now, 0)).toBe(true);
  });
});
