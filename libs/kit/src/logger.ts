/**
 * pino logger with secret redaction. Secrets are censored (the key stays, the value
 * becomes "[REDACTED]") at the top level, one and two levels down, and in
 * `headers` / `req.headers` / `request.headers`. Request URLs in logs (`req.url`) have the
 * values of sensitive query parameters (OAuth `code` and `state`, tokens …) censored.
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

/** Query parameters whose values never reach a log line (compared case-insensitively). */
export const SECRET_QUERY_PARAMS = [
  'code',
  'state',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'password',
] as const;

/** `/cb?code=abc&realmId=1` → `/cb?code=[REDACTED]&realmId=1`; the rest of the URL stays byte for byte. */
export function censorUrl(url: string, params: readonly string[] = SECRET_QUERY_PARAMS): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const secret = new Set(params.map((p) => p.toLowerCase()));
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawKey = eq < 0 ? pair : pair.slice(0, eq);
      let key: string;
      try {
        key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      } catch {
        key = rawKey;
      }
      return secret.has(key.toLowerCase()) && eq >= 0 ? `${rawKey}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

interface LoggedRequest {
  method?: unknown;
  url?: unknown;
  headers?: Record<string, unknown>;
  host?: unknown;
  ip?: unknown;
  socket?: { remotePort?: unknown } | null;
}

/**
 * fastify's request serializer with the URL censored; a plain object logged as `req`
 * keeps its fields (only its `url` is censored).
 */
function requestSerializer(req: unknown): unknown {
  if (typeof req !== 'object' || req === null) return req;
  const r = req as LoggedRequest;
  const url = typeof r.url === 'string' ? censorUrl(r.url) : r.url;
  if (!('raw' in r) && !('socket' in r)) return 'url' in r ? { ...r, url } : r;
  return {
    method: r.method,
    url,
    version: r.headers?.['accept-version'],
    host: r.host,
    remoteAddress: r.ip,
    remotePort: r.socket?.remotePort,
  };
}

export interface CreateLoggerOptions {
  name: string;
  level?: Level | 'silent';
  /** Where log lines go; stdout when omitted. Tests pass an in-memory stream. */
  destination?: DestinationStream;
  /** Extra keys to censor besides `SECRET_KEYS` (at depth 0, 1 and 2 and in headers). */
  redactKeys?: string[];
  /** Extra exact pino paths to censor (`query.code`, `*.query.code`): a key that is secret only in one place. */
  redactPaths?: string[];
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const config = {
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: [...new Set([...redactPaths([...SECRET_KEYS, ...(options.redactKeys ?? [])]), ...(options.redactPaths ?? [])])], censor: REDACTED },
    serializers: { err: pino.stdSerializers.err, req: requestSerializer },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** Flushes buffered log lines (the last shutdown step). */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    logger.flush(() => resolve());
  });
}
