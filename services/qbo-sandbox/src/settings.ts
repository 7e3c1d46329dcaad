import type { OAuthSettings } from './oauth/settings';
import type { WebhookSettings } from './webhooks/settings';

/**
 * Every knob of the sandbox, with defaults. Items the reference marks UNCONFIRMED are
 * settings here, defaulting to the most likely behaviour. Settings are mutable at run
 * time through the admin API (`updateSettings` merges a deep partial).
 */

export interface LimitSettings {
  /** Turn all throttling off (benchmarks). */
  enabled: boolean;
  /** Requests per realm per sandbox minute (Intuit: 500, batch calls included). */
  requestsPerMinute: number;
  /** Requests per realm per sandbox second (Intuit: 10). */
  requestsPerSecond: number;
  /** Batch calls per realm per sandbox minute (Intuit: 120 since 2025; 40 before). */
  batchPerMinute: number;
  /** Items per batch request (Intuit: 30). */
  batchMaxItems: number;
  /** Shape of the 429 body: "standard" `Fault` JSON (likely) or the gateway's lowercase `fault`. UNCONFIRMED. */
  throttleBodyShape: 'standard' | 'gateway';
  /** Send a `Retry-After` header (seconds) with 429; 0 = none (Intuit sends none as far as known). */
  retryAfterSeconds: number;
}

export interface IdempotencySettings {
  enabled: boolean;
  /** How long a (realm, requestid) is remembered, in sandbox ms (UNCONFIRMED; default 24 h). */
  windowMs: number;
  /** Share (0..1) of duplicates that are NOT deduplicated and run again (field reports). */
  noDedupeShare: number;
}

export interface FaultSettings {
  /** Share (0..1) of API requests answered 500 SystemFault before doing anything. */
  errorRate500: number;
  /** Share (0..1) of API requests answered 503 before doing anything. */
  errorRate503: number;
  /** Added latency in real ms, uniform in [min, max]. */
  latencyMinMs: number;
  latencyMaxMs: number;
  /** Share (0..1) of requests that get `latencySpikeMs` extra (a long tail). */
  latencySpikeRate: number;
  latencySpikeMs: number;
  /** Share (0..1) of successful writes whose response is dropped after commit (socket destroyed). */
  dropAfterCommitRate: number;
  /**
   * Share (0..1) of write operations (a create, update, delete or void: one POST, or one item of a
   * batch) refused with a 500 SystemFault before anything is written. Which ones is a function of
   * `writeFailureSeed`, the realm and the operation's content, so the same write is refused every
   * time while the knob is on (a record QBO keeps refusing: retries do not get it through) and a
   * run is reproducible whatever the order of its requests.
   */
  writeFailureRate: number;
  writeFailureSeed: number;
}

export interface ApiSettings {
  /** Served minor version when a request asks for less or none (Intuit: 75). */
  minMinorVersion: number;
  /** Company time-zone offset in minutes for rendered times and dates (default −420, US Pacific daylight). */
  timeZoneOffsetMinutes: number;
  /** Raise 6140 on a duplicate invoice DocNumber (QBO: only when the company preference warns). */
  rejectDuplicateDocNumber: boolean;
  /**
   * Refuse a write body with a property QBO's schema does not have (400 ValidationFault 2010
   * naming it), as QBO does; false accepts and drops it (the sandbox's behaviour before).
   */
  rejectUnknownProperties: boolean;
  /**
   * "xml" (default, QBO's behaviour): JSON only when `Accept` names application/json; otherwise
   * faults and entity reads/writes are answered in QBO's XML and every other endpoint with the
   * not-emulated fault (in XML). "json": always JSON (the sandbox's behaviour before).
   */
  accept: 'xml' | 'json';
  /**
   * Headers added to every accounting API response, besides `intuit_tid` (which Intuit documents).
   * `Server` and `QBO-Version` are UNCONFIRMED: Intuit does not document them and no public source
   * was found for their values; the values here are stand-ins (the sandbox is not a QBO release).
   * A header set to "" is not sent.
   */
  responseHeaders: Record<string, string>;
  query: {
    defaultMaxResults: number;
    maxMaxResults: number;
    /** MAXRESULTS above the max: "clamp" silently (default) or "error" 4001. UNCONFIRMED. */
    overMaxResults: 'clamp' | 'error';
    /** Add totalCount to every SELECT * response (QBO does so only sometimes). */
    alwaysTotalCount: boolean;
  };
  cdc: {
    lookBackDays: number;
    maxObjects: number;
    /** changedSince older than the look-back: "error" 400 (default) or "clamp" to the limit. UNCONFIRMED. */
    tooOld: 'error' | 'clamp';
  };
}

export interface SandboxSettings {
  limits: LimitSettings;
  idempotency: IdempotencySettings;
  faults: { global: FaultSettings; perRealm: Record<string, Partial<FaultSettings>> };
  api: ApiSettings;
  /** Seed of the sandbox's own randomness (fault rolls, no-dedupe rolls, token values…). */
  randomSeed: number;
  /** The OAuth server's slice (owned by src/oauth; read when the sandbox is created). */
  oauth: Partial<OAuthSettings>;
  /** The webhook dispatcher's slice (owned by src/webhooks; read when the sandbox is created). */
  webhooks: Partial<WebhookSettings>;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

export function noFaults(): FaultSettings {
  return { errorRate500: 0, errorRate503: 0, latencyMinMs: 0, latencyMaxMs: 0, latencySpikeRate: 0, latencySpikeMs: 0, dropAfterCommitRate: 0, writeFailureRate: 0, writeFailureSeed: 1 };
}

export function defaultSettings(): SandboxSettings {
  return {
    limits: {
      enabled: true,
      requestsPerMinute: 500,
      requestsPerSecond: 10,
      batchPerMinute: 120,
      batchMaxItems: 30,
      throttleBodyShape: 'standard',
      retryAfterSeconds: 0,
    },
    idempotency: { enabled: true, windowMs: 24 * 3600_000, noDedupeShare: 0 },
    faults: { global: noFaults(), perRealm: {} },
    api: {
      minMinorVersion: 75,
      timeZoneOffsetMinutes: -420,
      rejectDuplicateDocNumber: false,
      rejectUnknownProperties: true,
      accept: 'xml',
      responseHeaders: { Server: 'nginx', 'QBO-Version': 'sandbox' },
      query: { defaultMaxResults: 100, maxMaxResults: 1000, overMaxResults: 'clamp', alwaysTotalCount: false },
      cdc: { lookBackDays: 30, maxObjects: 1000, tooOld: 'error' },
    },
    randomSeed: 1,
    oauth: {},
    webhooks: {},
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merge `patch` into `target` in place (objects deeply, everything else replaced). */
export function mergeDeep<T extends object>(target: T, patch: unknown): T {
  if (!isPlainObject(patch)) return target;
  const t = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = t[key];
    if (isPlainObject(value) && isPlainObject(current)) mergeDeep(current, value);
    else t[key] = value;
  }
  return target;
}

/** The fault settings in force for a realm (global, overridden per realm). */
export function faultsFor(settings: SandboxSettings, realmId: string | undefined): FaultSettings {
  const own = realmId === undefined ? undefined : settings.faults.perRealm[realmId];
  return own ? { ...settings.faults.global, ...own } : settings.faults.global;
}
