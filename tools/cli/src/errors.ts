/** Exit codes (stable: scripts test them) and the error the commands throw to end with one. */
export const EXIT = {
  ok: 0,
  /** The operation failed: an API error, a service that does not answer, a run that failed or was cancelled. */
  failed: 1,
  /** Bad flags or arguments (commander's own errors too). */
  usage: 2,
  /** A sync run ended partially_failed: it finished, but some records failed (they are in the sync log). */
  partial: 3,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
