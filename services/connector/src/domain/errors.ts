/** Typed errors of the connector (codes are stable; details never carry secrets). */
import { LedgerbusError } from '@ledgerbus/kit';

export class InvalidOAuthStateError extends LedgerbusError {
  constructor(reason: 'malformed' | 'bad_signature' | 'expired') {
    super('invalid_oauth_state', `the OAuth state is ${reason === 'expired' ? 'expired: start the connection again' : 'not valid'}`, {
      statusCode: 400,
      details: { reason },
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
