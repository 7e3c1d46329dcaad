/**
 * Errors of the client. Every error the services answer becomes a `LedgerbusApiError` with the
 * HTTP status and the stable snake_case `code` of the answer (`{ "error": { code, message, details } }`);
 * `retriable` says whether sending the same request again (with the same Idempotency-Key) may succeed.
 */
export class LedgerbusApiError extends Error {
  override readonly name = 'LedgerbusApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    /** Seconds to wait before sending again, when the service said (429, 409 request_in_progress, 503). */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message);
  }

  /** 429, 409 `request_in_progress`, 503 and other 5xx: the same request may succeed later. */
  get retriable(): boolean {
    return this.status === 429 || this.status >= 500 || (this.status === 409 && this.code === 'request_in_progress');
  }
}

/** A webhook whose signature, timestamp or body does not check out: answer 400 (or 401) and drop it. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  constructor(
    /** `missing_headers`, `invalid_signature`, `timestamp_out_of_tolerance`, `invalid_body` or `invalid_event`. */
    readonly code: 'missing_headers' | 'invalid_signature' | 'timestamp_out_of_tolerance' | 'invalid_body' | 'invalid_event',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
