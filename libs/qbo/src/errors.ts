/**
 * Typed QBO errors. Every failure the client reports is a `QboError` (a LedgerbusError)
 * with a stable snake_case `code`, `retriable` set right, Intuit's `intuit_tid` and the
 * parsed Fault items. Faults are parsed from both shapes QBO uses: the v3 body
 * `{"Fault":{"Error":[{Message,Detail,code,element}],"type"}}` and the API gateway's
 * lowercase `{"fault":{"error":[{message,detail,code,element}],"type"}}` (and, as a last
 * resort, the XML form some 401s still come back in).
 */
import { LedgerbusError } from '@ledgerbus/kit';

export interface QboFaultItem {
  message: string;
  detail: string;
  code: string;
  element?: string;
}

export interface ParsedFault {
  type?: string;
  errors: QboFaultItem[];
}

export type QboErrorCode =
  | 'qbo_stale_object'
  | 'qbo_duplicate_name'
  | 'qbo_not_found'
  | 'qbo_invalid_reference'
  | 'qbo_validation'
  | 'qbo_throttled'
  | 'qbo_auth'
  | 'qbo_unavailable'
  | 'qbo_not_emulated'
  | 'qbo_read_only'
  | 'qbo_cdc_lookback_exceeded'
  | 'qbo_cdc_window_unsplittable';

export interface QboErrorOptions {
  retriable?: boolean;
  cause?: unknown;
  statusCode?: number;
  /** HTTP status QBO answered with (absent for network errors and client-side refusals). */
  httpStatus?: number;
  intuitTid?: string;
  fault?: ParsedFault;
  details?: unknown;
}

export class QboError extends LedgerbusError {
  declare readonly code: QboErrorCode;
  readonly httpStatus: number | undefined;
  readonly intuitTid: string | undefined;
  readonly faultType: string | undefined;
  readonly faults: QboFaultItem[];
  /** The first Fault item's numeric code, e.g. "5010". */
  readonly qboCode: string | undefined;

  constructor(code: QboErrorCode, message: string, options: QboErrorOptions = {}) {
    super(code, message, {
      retriable: options.retriable ?? false,
      cause: options.cause,
      statusCode: options.statusCode ?? 502,
      details: options.details ?? faultDetails(options),
    });
    this.httpStatus = options.httpStatus;
    this.intuitTid = options.intuitTid;
    this.faultType = options.fault?.type;
    this.faults = options.fault?.errors ?? [];
    this.qboCode = this.faults[0]?.code;
  }
}

function faultDetails(options: QboErrorOptions): unknown {
  if (!options.fault && options.httpStatus === undefined && options.intuitTid === undefined) return undefined;
  return {
    httpStatus: options.httpStatus,
    intuitTid: options.intuitTid,
    faults: options.fault?.errors.map((e) => ({ code: e.code, message: e.message, detail: e.detail, element: e.element })),
  };
}

/** 5010: the SyncToken sent is not the latest; re-read and retry (see `sparseUpdate`). */
export class QboStaleObjectError extends QboError {
  constructor(message: string, options: QboErrorOptions = {}) {
    super('qbo_stale_object', message, { ...options, retriable: false, statusCode: 409 });
  }
}

/** 6240: the name is taken. `existingId` is the holder's Id when QBO names it ("Id=123"). */
export class QboDuplicateNameError extends QboError {
  readonly existingId: string | undefined;
  constructor(message: string, options: QboErrorOptions & { existingId?: string } = {}) {
    super('qbo_duplicate_name', message, { ...options, retriable: false, statusCode: 409 });
    this.existingId = options.existingId;
  }
}

/** 610 (and HTTP 404): the object does not exist or is inactive. */
export class QboNotFoundError extends QboError {
  constructor(message: string, options: QboErrorOptions = {}) {
    super('qbo_not_found', message, { ...options, retriable: false, statusCode: 404 });
  }
}

/** 2500: a reference (CustomerRef, ItemRef …) points at a deleted or inactive object. */
export class QboInvalidReferenceError extends QboError {
  constructor(message: string, options: QboErrorOptions = {}) {
    super('qbo_invalid_reference', message, { ...options, retriable: false, statusCode: 422 });
  }
}

/** 2020, 6000, 4000/4001 and every other 4xx business or request fault. */
export class QboValidationError extends QboError {
  constructor(message: string, options: QboErrorOptions = {}) {
    super('qbo_validation', message, { ...options, retriable: false, statusCode: 422 });
  }
}

/** 429 / 3001: the realm's request budget is spent. Retriable after `retryAfterMs`. */
export class QboThrottledError extends QboError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: QboErrorOptions & { retryAfterMs?: number } = {}) {
    super('qbo_throttled', message, { ...options, retriable: true, statusCode: 429 });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** 401 / 403: the token is bad or expired, or the app is not authorized for the company. */
export class QboAuthError extends QboError {
  constructor(message: string, options: QboErrorOptions = {}) {
    super('qbo_auth', message, { ...options, retriable: false, statusCode: 502 });
  }
}

/**
 * The ledgerbus QBO sandbox answered that it does not emulate what was asked (HTTP 501, fault
 * type `SandboxNotEmulated`, header `X-Sandbox-Not-Emulated`). Never from QBO itself; never
 * retriable (retrying an emulator's limit would only open the circuit).
 */
export class QboNotEmulatedError extends QboError {
  constructor(message: string, options: QboErrorOptions = {}) {
    super('qbo_not_emulated', message, { ...options, retriable: false, statusCode: 501 });
  }
}

/** 5xx, network errors, timeouts and an open circuit: retry later. */
export class QboUnavailableError extends QboError {
  /** True when the realm's circuit breaker refused the call without sending it. */
  readonly circuitOpen: boolean;
  constructor(message: string, options: QboErrorOptions & { circuitOpen?: boolean } = {}) {
    super('qbo_unavailable', message, { ...options, retriable: true, statusCode: 503 });
    this.circuitOpen = options.circuitOpen ?? false;
  }
}

/** A write was attempted on a read-only client; nothing was sent. */
export class QboReadOnlyError extends QboError {
  constructor(operation: string) {
    super('qbo_read_only', `QBO client is read-only: refused ${operation} before sending it`, {
      retriable: false,
      statusCode: 403,
      details: { operation },
    });
  }
}

/** CDC `changedSince` is further back than QBO serves (30 days). */
export class QboCdcLookbackError extends QboError {
  constructor(changedSince: Date, maxLookBackDays: number) {
    super(
      'qbo_cdc_lookback_exceeded',
      `CDC changedSince ${changedSince.toISOString()} is more than ${maxLookBackDays} days back; QBO only serves ${maxLookBackDays} days of changes. Re-snapshot with queries instead.`,
      { retriable: false, statusCode: 400, details: { changedSince: changedSince.toISOString(), maxLookBackDays } },
    );
  }
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Reads one Fault item in either key case. */
function faultItem(raw: unknown): QboFaultItem | undefined {
  const rec = asRecord(raw);
  if (!rec) return undefined;
  const code = str(rec.code ?? rec.Code);
  const item: QboFaultItem = {
    message: str(rec.Message ?? rec.message),
    detail: str(rec.Detail ?? rec.detail),
    code,
  };
  const element = rec.element ?? rec.Element;
  if (typeof element === 'string' && element !== '') item.element = element;
  return item;
}

/** Reads a `Fault` object (`{Error:[…],type}` or `{error:[…],type}`) found anywhere. */
export function parseFaultObject(raw: unknown): ParsedFault | undefined {
  const rec = asRecord(raw);
  if (!rec) return undefined;
  const list = rec.Error ?? rec.error;
  const items = (Array.isArray(list) ? list : list === undefined ? [] : [list]).map(faultItem).filter((e): e is QboFaultItem => e !== undefined);
  const type = str(rec.type ?? rec.Type);
  if (items.length === 0 && type === '') return undefined;
  return type === '' ? { errors: items } : { type, errors: items };
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function parseXmlFault(text: string): ParsedFault | undefined {
  const fault = /<Fault\b([^>]*)>([\s\S]*?)<\/Fault>/i.exec(text);
  if (!fault) return undefined;
  const type = /\btype="([^"]*)"/i.exec(fault[1] ?? '')?.[1];
  const errors: QboFaultItem[] = [];
  const errorRe = /<Error\b([^>]*)>([\s\S]*?)<\/Error>/gi;
  for (let m = errorRe.exec(fault[2] ?? ''); m; m = errorRe.exec(fault[2] ?? '')) {
    const attrs = m[1] ?? '';
    const body = m[2] ?? '';
    const item: QboFaultItem = {
      code: /\bcode="([^"]*)"/i.exec(attrs)?.[1] ?? '',
      message: decodeXml(/<Message>([\s\S]*?)<\/Message>/i.exec(body)?.[1] ?? ''),
      detail: decodeXml(/<Detail>([\s\S]*?)<\/Detail>/i.exec(body)?.[1] ?? ''),
    };
    const element = /\belement="([^"]*)"/i.exec(attrs)?.[1];
    if (element) item.element = element;
    errors.push(item);
  }
  return type ? { type, errors } : { errors };
}

/**
 * Extracts the Fault from a response body: a parsed JSON object, a JSON string or an
 * XML string. Returns undefined when the body holds no Fault.
 */
export function parseFault(body: unknown): ParsedFault | undefined {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (trimmed.startsWith('{')) {
      try {
        return parseFault(JSON.parse(trimmed) as unknown);
      } catch {
        return undefined;
      }
    }
    return trimmed.startsWith('<') ? parseXmlFault(trimmed) : undefined;
  }
  const rec = asRecord(body);
  if (!rec) return undefined;
  return parseFaultObject(rec.Fault ?? rec.fault);
}

/** "…Id=123…" in a 6240 Detail names the entity already holding the name. */
export function existingIdFromDetail(detail: string): string | undefined {
  return /\bId\s*=\s*([0-9A-Za-z-]+)/.exec(detail)?.[1];
}

/** Parses a Retry-After header (delta seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface ResponseErrorInput {
  status: number;
  body: unknown;
  intuitTid?: string;
  retryAfter?: unknown;
}

function describe(fault: ParsedFault | undefined, status: number): string {
  const first = fault?.errors[0];
  if (!first) return `QBO answered HTTP ${status}`;
  const text = first.detail || first.message || 'fault';
  return `QBO ${first.code ? `fault ${first.code}` : 'fault'} (HTTP ${status}): ${text}`;
}

const AUTH_CODES = new Set(['100', '120', '3100', '3200']);
const AUTH_TYPES = new Set(['AuthenticationFault', 'AuthorizationFault', 'AUTHENTICATION', 'ApplicationAuthenticationFailed', 'ApplicationAuthorizationFailed']);

/**
 * Maps a Fault (from a whole response or from one batch item) to its typed error.
 * `status` is the HTTP status, 200 for a Fault inside a 200 body or a batch item.
 */
export function errorFromFault(fault: ParsedFault | undefined, status: number, extra: { intuitTid?: string; retryAfter?: unknown } = {}): QboError {
  const options: QboErrorOptions = { httpStatus: status, fault: fault ?? { errors: [] } };
  if (extra.intuitTid) options.intuitTid = extra.intuitTid;
  const message = describe(fault, status);
  const codes = (fault?.errors ?? []).map((e) => e.code);
  const has = (code: string): boolean => codes.includes(code);

  if (status === 429 || has('3001')) {
    const retryAfterMs = parseRetryAfter(extra.retryAfter);
    return new QboThrottledError(message, retryAfterMs === undefined ? options : { ...options, retryAfterMs });
  }
  if (status === 401 || status === 403 || codes.some((c) => AUTH_CODES.has(c)) || (fault?.type !== undefined && AUTH_TYPES.has(fault.type))) {
    return new QboAuthError(message, options);
  }
  if (fault?.type === 'SandboxNotEmulated') return new QboNotEmulatedError(message, options);
  if (status >= 500) return new QboUnavailableError(message, options);
  if (has('5010')) return new QboStaleObjectError(message, options);
  if (has('6240')) {
    const dup = fault?.errors.find((e) => e.code === '6240');
    const existingId = existingIdFromDetail(`${dup?.detail ?? ''} ${dup?.message ?? ''}`);
    return new QboDuplicateNameError(message, existingId === undefined ? options : { ...options, existingId });
  }
  if (has('610') || (status === 404 && codes.length === 0)) return new QboNotFoundError(message, options);
  if (has('2500')) return new QboInvalidReferenceError(message, options);
  if (codes.some((c) => Number(c) >= 10000)) return new QboUnavailableError(message, options);
  return new QboValidationError(message, options);
}

/** Maps a non-2xx response (or a 200 carrying a Fault) to its typed error. */
export function errorFromResponse(input: ResponseErrorInput): QboError {
  const extra: { intuitTid?: string; retryAfter?: unknown } = { retryAfter: input.retryAfter };
  if (input.intuitTid) extra.intuitTid = input.intuitTid;
  return errorFromFault(parseFault(input.body), input.status, extra);
}

/** Node/axios network failure codes that mean "the request may not have arrived or the answer was lost". */
export const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'ERR_NETWORK',
  'ERR_CANCELED',
]);
