/**
 * Environment configuration: one zod object schema per service, parsed once in its
 * `main.ts`. Every bad or missing variable is reported in one `ConfigError`, never
 * one at a time, and never with the offending value (it may be a secret).
 */
import { z } from 'zod';
import type { JwtVerifierOptions } from './auth';
import { LedgerbusError } from './errors';

export interface ConfigIssue {
  /** The environment variable's name. */
  name: string;
  /** Why it was rejected ("missing", "must be a port (1-65535)", …). */
  reason: string;
}

export class ConfigError extends LedgerbusError {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    const lines = issues.map((i) => `  ${i.name}: ${i.reason}`).join('\n');
    super('config_invalid', `invalid configuration (${issues.length} variable(s)):\n${lines}`, {
      details: { issues },
      retriable: false,
    });
    this.issues = issues;
  }
}

export type Env = Record<string, string | undefined>;

/**
 * Parses `env` with `schema`. Empty strings count as unset, so defaults apply and
 * required variables are reported as missing.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env = process.env): z.output<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const reasons = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const [head, ...rest] = issue.path.map(String);
    const name = head ?? '(root)';
    const reason =
      input[name] === undefined ? 'missing' : rest.length > 0 ? `item ${rest.join('.')}: ${issue.message}` : issue.message;
    const list = reasons.get(name) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(name, list);
  }
  const issues = [...reasons].map(([name, list]) => ({ name, reason: list.join('; ') }));
  throw new ConfigError(issues);
}

// ---- helpers for common shapes (each takes a string from the environment) ----

export function port(defaultValue?: number) {
  const schema = z
    .string()
    .regex(/^\d+$/, 'must be a port (1-65535)')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be a port (1-65535)').max(65535, 'must be a port (1-65535)'));
  return defaultValue === undefined ? schema : schema.default(defaultValue);
}

export function url(options: { protocols?: string[]; default?: string } = {}) {
  const protocols = options.protocols;
  const schema = z.string().refine(
    (value) => {
      try {
        const parsed = new URL(value);
        return protocols === undefined || protocols.includes(parsed.protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: protocols ? `must be a URL (${protocols.join(', ')})` : 'must be a URL' },
  );
  return options.default === undefined ? schema : schema.default(options.default);
}

/** "a, b,c" → ["a", "b", "c"]; at least one item unless a default is given. */
export function commaList(options: { default?: string[]; item?: z.ZodType<string, string> } = {}) {
  const item = options.item ?? z.string();
  const schema = z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item).min(1, 'must be a comma-separated list with at least one item'));
  return options.default === undefined ? schema : schema.default(options.default);
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** "true"/"false" (also 1/0, yes/no, on/off, any case) → boolean. */
export function booleanString(defaultValue?: boolean) {
  const schema = z
    .string()
    .refine((value) => TRUE.has(value.toLowerCase()) || FALSE.has(value.toLowerCase()), {
      message: 'must be true or false',
    })
    .transform((value) => TRUE.has(value.toLowerCase()));
  return defaultValue === undefined ? schema : schema.default(defaultValue);
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses "250ms", "30s", "5m", "1h", "1d" or a bare number of milliseconds; returns ms. */
export function parseDuration(value: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  return amount * (UNIT_MS[match[2] ?? 'ms'] ?? 1);
}

/** A duration in milliseconds; the default may be a number of ms or a string like "30s". */
export function duration(defaultValue?: number | string) {
  const schema = z.string().transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a duration like 500ms, 30s, 5m, 1h' });
      return z.NEVER;
    }
    return ms;
  });
  if (defaultValue === undefined) return schema;
  const ms = typeof defaultValue === 'number' ? defaultValue : parseDuration(defaultValue);
  if (ms === undefined) throw new TypeError(`invalid default duration: ${String(defaultValue)}`);
  return schema.default(ms);
}

const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'each broker must be host:port');

/** Shared variables, plain names (service variables are prefixed: `CONNECTOR_PORT`). */
export const sharedEnv = {
  KAFKA_BROKERS: commaList({ item: hostPort }),
  DATABASE_URL: url({ protocols: ['postgres', 'postgresql'] }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Put in front of every consumer group id, so two stacks can share one Kafka cluster. Default ''. */
  KAFKA_GROUP_PREFIX: z.string().regex(/^[A-Za-z0-9._-]{0,100}$/, 'letters, digits, ".", "_" and "-" only').default(''),
};

/** The shared variables every long-running service reads: database, Kafka, consumer group prefix, log level. */
export const serviceEnv = {
  DATABASE_URL: sharedEnv.DATABASE_URL,
  KAFKA_BROKERS: sharedEnv.KAFKA_BROKERS,
  KAFKA_GROUP_PREFIX: sharedEnv.KAFKA_GROUP_PREFIX,
  LOG_LEVEL: sharedEnv.LOG_LEVEL,
};

/**
 * The variables of a service's JWT auth: an HS256 secret or a JWKS URL, and the optional
 * issuer and audience. One key is required: refine the schema with
 * `.refine(hasJwtKey, JWT_KEY_REQUIRED)`, then pass the config to `jwtOptionsFromEnv`.
 */
export const jwtEnv = {
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.url().optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  /** Who may read /metrics and /docs/json: `none` (no auth, the default) or `service` (a service-account JWT). */
  OPS_ENDPOINTS_AUTH: z.enum(['none', 'service']).default('none'),
};

export interface JwtEnv {
  JWT_SECRET?: string | undefined;
  JWT_JWKS_URL?: string | undefined;
  JWT_ISSUER?: string | undefined;
  JWT_AUDIENCE?: string | undefined;
  OPS_ENDPOINTS_AUTH?: 'none' | 'service' | undefined;
}

export function hasJwtKey(config: JwtEnv): boolean {
  return config.JWT_SECRET !== undefined || config.JWT_JWKS_URL !== undefined;
}

/** The issue `hasJwtKey` raises: reported against JWT_SECRET. */
export const JWT_KEY_REQUIRED = { message: 'set JWT_SECRET or JWT_JWKS_URL', path: ['JWT_SECRET'] };

/** The verifier options from parsed JWT variables: the secret when set, else the JWKS URL. */
export function jwtOptionsFromEnv(config: JwtEnv): JwtVerifierOptions {
  const claims = {
    ...(config.JWT_ISSUER === undefined ? {} : { issuer: config.JWT_ISSUER }),
    ...(config.JWT_AUDIENCE === undefined ? {} : { audience: config.JWT_AUDIENCE }),
    ...(config.OPS_ENDPOINTS_AUTH === 'service' ? { opsEndpoints: 'service' as const } : {}),
  };
  return config.JWT_SECRET !== undefined ? { ...claims, secret: config.JWT_SECRET } : { ...claims, jwksUrl: config.JWT_JWKS_URL ?? '' };
}
