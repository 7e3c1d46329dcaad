/**
 * Typed errors, after KafkaJS's model: a stable snake_case `code`, a `retriable`
 * flag and a `cause`. They are mapped to the outside in exactly two places: the
 * fastify error handler (HTTP) and the consumer middleware (retry or DLQ).
 */
export interface LedgerbusErrorOptions {
  retriable?: boolean;
  cause?: unknown;
  /** Structured, safe-to-show detail (field names, ids). Never secrets. */
  details?: unknown;
  /** HTTP status when this error reaches the HTTP error handler. */
  statusCode?: number;
}

export class LedgerbusError extends Error {
  readonly code: string;
  readonly retriable: boolean;
  readonly details: unknown;
  readonly statusCode: number;

  constructor(code: string, message: string, options: LedgerbusErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.details = options.details;
    this.statusCode = options.statusCode ?? 500;
  }
}

/** Input that does not satisfy its schema: HTTP 400, never retried, poison on a topic. */
export class ValidationError extends LedgerbusError {
  constructor(message: string, details?: unknown, cause?: unknown) {
    super('validation_failed', message, { details, cause, statusCode: 400, retriable: false });
  }
}

export class NotFoundError extends LedgerbusError {
  constructor(message: string, details?: unknown) {
    super('not_found', message, { details, statusCode: 404 });
  }
}

export class ConflictError extends LedgerbusError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, { details, statusCode: 409 });
  }
}

export class UnauthorizedError extends LedgerbusError {
  constructor(message = 'authentication required', details?: unknown) {
    super('unauthorized', message, { details, statusCode: 401 });
  }
}

export class ForbiddenError extends LedgerbusError {
  constructor(message = 'not allowed', details?: unknown) {
    super('forbidden', message, { details, statusCode: 403 });
  }
}

/** A dependency (broker, database, remote API) is unavailable for now: retry later. */
export class UnavailableError extends LedgerbusError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, message, { cause, retriable: true, statusCode: 503 });
  }
}

/** Programmer errors (TypeError, RangeError, …) are never retried. */
export function isProgrammerError(err: unknown): boolean {
  return (
    err instanceof TypeError ||
    err instanceof RangeError ||
    err instanceof SyntaxError ||
    err instanceof ReferenceError
  );
}

/** True when retrying the operation that threw `err` may succeed. */
export function isRetriable(err: unknown): boolean {
  if (isProgrammerError(err)) return false;
  if (err instanceof LedgerbusError) return err.retriable;
  if (typeof err === 'object' && err !== null && 'retriable' in err) {
    return (err).retriable === true;
  }
  return false;
}

export function errorCode(err: unknown): string {
  if (err instanceof LedgerbusError) return err.code;
  if (typeof err === 'object' && err !== null && 'code' in err && typeof (err).code === 'string') {
    return (err as { code: string }).code;
  }
  return 'internal_error';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
