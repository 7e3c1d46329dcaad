import { LedgerbusError, UnavailableError } from '@ledgerbus/kit';

/** The database does not answer (readiness, connection errors). */
export class DatabaseUnavailableError extends UnavailableError {
  constructor(message: string, cause?: unknown) {
    super('database_unavailable', message, cause);
  }
}

/** A misuse of this library (bad schema name, enqueue outside a transaction, …): never retried. */
export class DatabaseUsageError extends LedgerbusError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, { retriable: false, details });
  }
}
