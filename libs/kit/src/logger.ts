/**
 * pino logger with secret redaction. Secrets are censored (the key stays, the value
 * becomes "[REDACTED]") at the top level, one and two levels down, and in
 * `headers` / `req.headers` / `request.headers`.
 */
import pino from 'pino';
import type { DestinationStream, Level, Logger } from 'pino';

export type { Logger } from 'pino';

export const REDACTED = '[REDACTED]';

/** Keys whose values are secrets wherever they appear. */
export const SECRET_KEYS = [
  'authorization',
  'cookie',
  'password',
  'token',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'client_secret',
  'clientSecret',
  'verifier',
  'verifierToken',
  'id_token',
] as const;

/** pino redact paths for `SECRET_KEYS` at depth 0, 1 and 2 and in (req.)headers. */
export function redactPaths(keys: readonly string[] = SECRET_KEYS): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    paths.push(key, `*.${key}`, `*.*.${key}`, `headers.${key}`, `req.headers.${key}`, `request.headers.${key}`);
  }
  return [...new Set(paths)];
}

export interface CreateLoggerOptions {
  name: string;
  level?: Level | 'silent';
  /** Where log lines go; stdout when omitted. Tests pass an in-memory stream. */
  destination?: DestinationStream;
  /** Extra keys to censor besides `SECRET_KEYS`. */
  redactKeys?: string[];
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const config = {
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: redactPaths([...SECRET_KEYS, ...(options.redactKeys ?? [])]), censor: REDACTED },
    serializers: { err: pino.stdSerializers.err },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** Flushes buffered log lines (the last shutdown step). */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    logger.flush(() => resolve());
  });
}
