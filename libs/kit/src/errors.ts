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

/** The code of every error that means "the database does not answer right now". */
export const DATABASE_UNAVAILABLE = 'database_unavailable';

/** Seconds an HTTP client is told to wait (`Retry-After`) when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Socket errors of a connection that could not be made or was cut. Only the pg driver
 * throws them bare in a service (the QBO client wraps them in its typed errors, kafkajs in
 * KafkaJS* errors, which are never the database even when they copy the socket's code),
 * so a bare one is taken as the database's.
 */
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs of a server that is going away, starting or refusing sessions:
 * class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown,
 * 57P03 cannot_connect_now ("the database system is starting up / shutting down"),
 * 53300 too_many_connections.
 */
function isUnavailableSqlState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/** The pg driver's messages for a connection it lost or cannot use (these errors carry no code). */
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /connection (?:was )?(?:closed|ended) unexpectedly/i,
  /client has encountered a connection error and is not queryable/i,
  /the database system is (?:shutting down|starting up|in recovery mode|not yet accepting connections)/i,
  /terminating connection due to administrator command/i,
  /server closed the connection unexpectedly/i,
];

function ownCode(err: object): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True when `err` says the database cannot be reached right now — refused or cut
 * connections, a server shutting down or starting up, a pool that could not hand out a
 * connection in time (knex's `KnexTimeoutError`) — or is a `LedgerbusError` with code
 * `database_unavailable`. Such errors are retriable, map to HTTP 503
 * `database_unavailable`, and the bus retries them on their own, longer budget. Looks
 * through `cause` and `AggregateError.errors` of errors that are not `LedgerbusError`s (a
 * `LedgerbusError` with another code made its own decision).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  if (err instanceof LedgerbusError) return err.code === DATABASE_UNAVAILABLE;
  if (isProgrammerError(err)) return false;
  // kafkajs copies the socket's code (ECONNREFUSED …) onto its own errors: a broker outage, not the database.
  if (err instanceof Error && err.name.startsWith('KafkaJS')) return false;
  const code = ownCode(err);
  if (code !== undefined && (CONNECTION_ERRNOS.has(code) || isUnavailableSqlState(code))) return true;
  if (err instanceof Error) {
    if (err.name === 'KnexTimeoutError') return true;
    if (code === undefined && CONNECTION_MESSAGES.some((re) => re.test(err.message))) return true;
  }
  if (err instanceof AggregateError && err.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isDatabaseUnavailable(cause, depth + 1);
}

/** True when retrying the operation that threw `err` may succeed. */
export function isRetriable(err: unknown): boolean {
  if (isProgrammerError(err)) return false;
  if (err instanceof LedgerbusError) return err.retriable || err.code === DATABASE_UNAVAILABLE;
  if (isDatabaseUnavailable(err)) return true;
  if (typeof err === 'object' && err !== null && 'retriable' in err) {
    return (err).retriable === true;
  }
  return false;
}

export function errorCode(err: unknown): string {
  if (err instanceof LedgerbusError) return err.code;
  if (isDatabaseUnavailable(err)) return DATABASE_UNAVAILABLE;
  if (typeof err === 'object' && err !== null && 'code' in err && typeof (err).code === 'string') {
    return (err as { code: string }).code;
  }
  return 'internal_error';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
