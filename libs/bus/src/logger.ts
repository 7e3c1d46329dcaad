/**
 * The logger the bus needs: a pino logger fits (`createLogger` from @ledgerbus/kit),
 * and so does anything with the same four methods.
 */
export interface BusLogFn {
  (obj: object, msg?: string): void;
  (msg: string): void;
}

export interface BusLogger {
  debug: BusLogFn;
  info: BusLogFn;
  warn: BusLogFn;
  error: BusLogFn;
}

const noop = (): void => undefined;

/** A logger that drops everything (the default when none is given). */
export const silentLogger: BusLogger = { debug: noop, info: noop, warn: noop, error: noop };
