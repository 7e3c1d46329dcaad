/** Typed errors of the connector (codes are stable; details never carry secrets). */
import { LedgerbusError } from '@ledgerbus/kit';

export type InvalidOAuthStateReason = 'malformed' | 'bad_signature' | 'expired' | 'unknown' | 'used' | 'browser_mismatch';

const STATE_MESSAGES: Record<InvalidOAuthStateReason, string> = {
  malformed: 'the OAuth state is not valid',
  bad_signature: 'the OAuth state is not valid',
  unknown: 'the OAuth state is not valid',
  expired: 'the OAuth state is expired: start the connection again',
  used: 'the OAuth state was already used: this connection attempt is over (a reload of the callback changes nothing); start the connection again if needed',
  browser_mismatch: 'the OAuth state belongs to another browser session: start the connection again from the browser that completes it',
};

export class InvalidOAuthStateError extends LedgerbusError {
  constructor(reason: InvalidOAuthStateReason) {
    super('invalid_oauth_state', STATE_MESSAGES[reason], { statusCode: 400, details: { reason } });
  }
}

/** Intuit returned another company than the one the admin picked when starting the flow. */
export class RealmMismatchError extends LedgerbusError {
  constructor(expectedRealmId: string, realmId: string) {
    super('realm_mismatch', `the admin picked QBO company ${expectedRealmId} but Intuit authorized company ${realmId}; nothing was connected`, {
      statusCode: 400,
      details: { expectedRealmId, realmId },
    });
  }
}

export class TokenKeyConfigError extends LedgerbusError {
  constructor(message: string) {
    super('token_key_config_invalid', message, { retriable: false });
  }
}

export class TokenDecryptError extends LedgerbusError {
  constructor(keyId: string, cause?: unknown) {
    super('token_decrypt_failed', `a stored token cannot be decrypted with key "${keyId}"`, { retriable: false, cause, details: { keyId } });
  }
}

export class WebhookSignatureError extends LedgerbusError {
  constructor(reason: 'missing' | 'mismatch') {
    super('invalid_signature', reason === 'missing' ? 'intuit-signature header is missing' : 'intuit-signature does not match the body', {
      statusCode: 401,
      details: { reason },
    });
  }
}

export class WebhookPayloadError extends LedgerbusError {
  constructor(message: string) {
    super('invalid_webhook_payload', message, { statusCode: 400 });
  }
}

/** Intuit refused the refresh token (revoked, expired, disconnected): an admin must reconnect. */
export class ReauthorizationRequiredError extends LedgerbusError {
  constructor(realmId: string) {
    super('reauthorization_required', `the QBO connection of realm ${realmId} needs an admin to reconnect`, {
      statusCode: 409,
      details: { realmId },
      retriable: false,
    });
  }
}

/** Intuit's token endpoint failed in a way worth retrying (5xx, network). */
export class IntuitUnavailableError extends LedgerbusError {
  constructor(message: string, details?: unknown) {
    super('intuit_unavailable', message, { statusCode: 503, retriable: true, details });
  }
}
