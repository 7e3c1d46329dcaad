/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): `webhook-id` is the event id (the
 * same on every attempt and replay, so receivers dedupe on it), `webhook-timestamp` the attempt's
 * time in seconds, `webhook-signature` one `v1,<base64 HMAC-SHA256>` per active secret, separated
 * by spaces (the new secret and, for a grace period after a rotation, the previous one).
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export const SECRET_PREFIX = 'whsec_';

/** A fresh signing secret in the Standard Webhooks form: `whsec_` + base64 of 32 random bytes. */
export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three headers of one attempt, signed with every secret given (at least one). */
export function signWebhook(secrets: readonly string[], messageId: string, at: Date, payload: string): SignedHeaders {
  if (secrets.length === 0) throw new RangeError('signWebhook needs at least one secret');
  const signatures = secrets.map((s) => new Webhook(s).sign(messageId, at, payload));
  return { 'webhook-id': messageId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signatures.join(' ') };
}
