/**
 * The QBO client: the one way a ledgerbus service talks to QuickBooks Online.
 *
 * Every call: waits for the realm's rate-limit budget (shared across processes by the
 * limiter), gets an access token from the provider, sends with `minorversion=75` and
 * `Accept: application/json` through the realm's circuit breaker, and maps failures to
 * typed errors. 429 → backoff (Retry-After when present) and retry; 5xx/network → retry
 * only idempotent calls (reads, and writes whose caller says they are safe to retry, as
 * they carry a `requestid`); 401 → one forced token refresh and retry. Writes take an
 * idempotency key sent as `requestid`. A read-only client refuses writes before sending.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import CircuitBreaker from 'opossum';
import { ValidationError } from '@ledgerbus/kit';
import type { RetryOptions } from './backoff';
import { DEFAULT_RETRY, backoffDelay, sleep, throttleDelay } from './backoff';
import type { CdcOptions, CdcResult } from './cdc';
import { checkLookBack, parseCdcResponse, readCdc } from './cdc';
import type { CompanyInfo, EntityOf, Preferences, QboEntity, Report } from './entities';
import { CompanyInfoSchema, PreferencesSchema, ReportSchema, schemaFor } from './entities';
import {
  NETWORK_ERROR_CODES,
  QboAuthError,
  QboError,
  QboReadOnlyError,
  QboStaleObjectError,
  QboThrottledError,
  QboUnavailableError,
  errorFromFault,
  errorFromResponse,
  parseFaultObject,
} from './errors';
import type { MeterClass, QboMeter } from './metering';
import { meterBatchResponse } from './metering';
import type { QueryBuilder } from './query-builder';
import { MAX_PAGE_SIZE } from './query-builder';
import type { RateLimiter, RequestKind } from './limiter/rate-limiter.port';
import type { ReportName, ReportParams } from './reports';

export type TokenProvider = (realmId: string, options: { forceRefresh: boolean }) => Promise<string>;

export interface QboLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface BreakerOptions {
  /** Share of failed calls (in the rolling window) that opens the circuit. Default 50. */
  errorThresholdPercentage: number;
  /** Calls in the rolling window before the circuit may open. Default 5. */
  volumeThreshold: number;
  /** How long the circuit stays open before a trial call. Default 30 s. */
  resetTimeoutMs: number;
  /** Rolling statistics window. Default 10 s. */
  rollingCountTimeoutMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = {
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  resetTimeoutMs: 30_000,
  rollingCountTimeoutMs: 10_000,
};

type Thunk = () => Promise<unknown>;

/** Circuit breakers keyed by base URL and realm; one per realm per process by default. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker<[Thunk], unknown>>();

  get(key: string, options: BreakerOptions): CircuitBreaker<[Thunk], unknown> {
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker<[Thunk], unknown>((thunk: Thunk) => thunk(), {
        timeout: false,
        errorThresholdPercentage: options.errorThresholdPercentage,
        volumeThreshold: options.volumeThreshold,
        resetTimeout: options.resetTimeoutMs,
        rollingCountTimeout: options.rollingCountTimeoutMs,
        // Only unavailability counts against the circuit; business faults, throttling and auth do not.
        errorFilter: (err: unknown) => !(err instanceof QboUnavailableError),
      });
      this.breakers.set(key, breaker);
    }
    return breaker;
  }

  /** Shuts every breaker down (clears their timers). */
  shutdown(): void {
    for (const b of this.breakers.values()) b.shutdown();
    this.breakers.clear();
  }
}

export const defaultBreakerRegistry = new BreakerRegistry();

const keepAliveHttp = new http.Agent({ keepAlive: true, maxSockets: 32 });
const keepAliveHttps = new https.Agent({ keepAlive: true, maxSockets: 32 });

export interface QboClientOptions {
  /** API host, e.g. "https://quickbooks.api.intuit.com" or the sandbox's URL ("/v3" optional). */
  baseUrl: string;
  realmId: string;
  tokenProvider: TokenProvider;
  limiter: RateLimiter;
  /** Refuse every write before it is sent (qbo_read_only). */
  readOnly?: boolean;
  logger?: QboLogger;
  retry?: Partial<RetryOptions>;
  breaker?: Partial<BreakerOptions>;
  breakers?: BreakerRegistry;
  /** Per-request timeout. Default 120 s (QBO's own long-request limit). */
  timeoutMs?: number;
  /** Default 75 (the minimum QBO serves). */
  minorVersion?: number;
  cdc?: Omit<CdcOptions, 'now'>;
  /** Clock for CDC look-back checks (epoch ms). */
  now?: () => number;
  /**
   * Where every successful call is counted, Core or CorePlus (see metering.ts). Default: the
   * limiter's meter (the PostgreSQL limiter carries one); none when neither has one.
   */
  meter?: QboMeter;
}

export interface WriteOptions {
  /** Idempotency key, sent as `requestid` (hashed to QBO's 50-char limit when longer). */
  requestId: string;
  /**
   * The caller vouches that repeating this write is harmless (it carries a requestid and the
   * caller reconciles after uncertain outcomes): 5xx and network errors are then retried.
   */
  retrySafe?: boolean;
}

export interface QueryResult<T> {
  entities: T[];
  startPosition: number | undefined;
  maxResults: number | undefined;
  totalCount: number | undefined;
}

export type BatchOperation =
  | { bId?: string; operation: 'create' | 'update' | 'delete' | 'void'; entity: string; body: Record<string, unknown>; options?: Record<string, string> }
  | { bId?: string; query: string | QueryBuilder };

export type BatchItemResult =
  | { bId: string; ok: true; entity: string | undefined; data: QboEntity | undefined; queryResponse: QueryResult<QboEntity> | undefined }
  | { bId: string; ok: false; error: QboError };

export interface SparseUpdateOptions extends WriteOptions {
  /** Attempts in all (first try plus re-reads after 5010). Default 3. */
  maxAttempts?: number;
}

export interface QboClient {
  readonly realmId: string;
  readonly readOnly: boolean;
  create<E extends string>(entity: E, body: Record<string, unknown>, options: WriteOptions): Promise<EntityOf<E>>;
  read<E extends string>(entity: E, id: string): Promise<EntityOf<E>>;
  /** Full update (or sparse when `body.sparse === true`); needs Id and SyncToken. */
  update<E extends string>(entity: E, body: Record<string, unknown>, options: WriteOptions): Promise<EntityOf<E>>;
  /** Read, apply `merge(current)` as a sparse patch, and on 5010 re-read and re-apply (bounded). */
  sparseUpdate<E extends string>(
    entity: E,
    id: string,
    merge: (current: EntityOf<E>) => Record<string, unknown> | Promise<Record<string, unknown>>,
    options: SparseUpdateOptions,
  ): Promise<EntityOf<E>>;
  delete<E extends string>(entity: E, ref: { Id: string; SyncToken: string }, options: WriteOptions): Promise<QboEntity>;
  void<E extends string>(entity: E, ref: { Id: string; SyncToken: string }, options: WriteOptions): Promise<EntityOf<E>>;
  query<T = QboEntity>(query: string | QueryBuilder): Promise<QueryResult<T>>;
  /** Every row, paging with STARTPOSITION/MAXRESULTS until a short page. */
  queryAll<T = QboEntity>(query: string | QueryBuilder, options?: { pageSize?: number }): AsyncGenerator<T, void, undefined>;
  count(query: QueryBuilder): Promise<number>;
  batch(operations: BatchOperation[], options?: Partial<WriteOptions>): Promise<BatchItemResult[]>;
  cdc(entities: string[], changedSince: Date): Promise<CdcResult>;
  report(name: ReportName, params?: ReportParams): Promise<Report>;
  companyInfo(): Promise<CompanyInfo>;
  preferences(): Promise<Preferences>;
}

interface CallSpec {
  method: 'GET' | 'POST';
  path: string;
  params?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  kind: RequestKind;
  idempotent: boolean;
  operation: string;
  /** Metering class of the call; a batch is metered item by item from its response. */
  metered: MeterClass | 'batch';
}

/** QBO caps requestid at 50 chars (36 on batch); longer keys are hashed deterministically. */
export function deriveRequestId(key: string, maxLength = 50): string {
  if (key.length === 0) throw new ValidationError('requestId must not be empty');
  if (key.length <= maxLength && /^[\w.:-]+$/.test(key)) return key;
  return createHash('sha256').update(key).digest('hex').slice(0, maxLength);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  const text = data.trim();
  if (text === '') return undefined;
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function networkError(err: unknown): QboError {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  return new QboUnavailableError(`QBO unreachable: ${typeof code === 'string' ? `${code} ` : ''}${message}`, { cause: err });
}

function toQboError(err: unknown): QboError | undefined {
  if (err instanceof QboError) return err;
  const code = (err as { code?: unknown } | undefined)?.code;
  if (code === 'EOPENBREAKER') return new QboUnavailableError('QBO circuit is open for this realm: failing fast', { cause: err, circuitOpen: true });
  if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return networkError(err);
  if (axios.isAxiosError(err)) return networkError(err);
  return undefined;
}

function parseQueryResponse<T>(body: unknown, entityHint: string | undefined): QueryResult<T> {
  const qr = asRecord(asRecord(body)?.QueryResponse) ?? {};
  let list: unknown[] = [];
  const hinted = entityHint ? qr[entityHint] : undefined;
  if (Array.isArray(hinted)) list = hinted;
  else {
    for (const [key, value] of Object.entries(qr)) {
      if (key !== 'startPosition' && key !== 'maxResults' && key !== 'totalCount' && Array.isArray(value)) {
        list = value;
        break;
      }
    }
  }
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : undefined);
  return { entities: list as T[], startPosition: num(qr.startPosition), maxResults: num(qr.maxResults), totalCount: num(qr.totalCount) };
}

function entityFromQuery(query: string): string | undefined {
  return /\bfrom\s+([A-Za-z][A-Za-z0-9_]*)/i.exec(query)?.[1];
}

/** Strips STARTPOSITION/MAXRESULTS from a raw statement so the pager can add its own. */
function stripPaging(query: string): string {
  return query.replace(/\s+STARTPOSITION\s+\d+/i, '').replace(/\s+MAXRESULTS\s+\d+/i, '');
}

export function createQboClient(options: QboClientOptions): QboClient {
  const { realmId, tokenProvider, limiter } = options;
  const readOnly = options.readOnly ?? false;
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  const minorVersion = String(options.minorVersion ?? 75);
  const logger = options.logger;
  const meter = options.meter ?? limiter.meter;
  const now = options.now ?? Date.now;
  const root = options.baseUrl.replace(/\/+$/, '');
  const apiBase = `${root.endsWith('/v3') ? root : `${root}/v3`}/company/${encodeURIComponent(realmId)}`;
  const breaker = (options.breakers ?? defaultBreakerRegistry).get(`${apiBase}`, { ...DEFAULT_BREAKER, ...options.breaker });
  const httpClient: AxiosInstance = axios.create({
    baseURL: apiBase,
    timeout: options.timeoutMs ?? 120_000,
    httpAgent: keepAliveHttp,
    httpsAgent: keepAliveHttps,
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    maxRedirects: 0,
  });

  async function sendOnce(spec: CallSpec, token: string): Promise<unknown> {
    let res;
    try {
      res = await httpClient.request<string>({
        method: spec.method,
        url: spec.path,
        params: { ...spec.params, minorversion: minorVersion },
        data: spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body),
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${token}`,
          ...(spec.body === undefined ? {} : { 'Content-Type': spec.contentType ?? 'application/json' }),
        },
      });
    } catch (err) {
      throw toQboError(err) ?? networkError(err);
    }
    const tidHeader = res.headers.intuit_tid as unknown;
    const intuitTid = typeof tidHeader === 'string' ? tidHeader : undefined;
    const body = parseBody(res.data);
    if (res.status >= 200 && res.status < 300) {
      const rec = asRecord(body);
      if (rec && (rec.Fault !== undefined || rec.fault !== undefined)) {
        throw errorFromFault(parseFaultObject(rec.Fault ?? rec.fault), res.status, intuitTid ? { intuitTid } : {});
      }
      if (!rec) throw new QboUnavailableError(`QBO answered HTTP ${res.status} without a JSON object`, { httpStatus: res.status, ...(intuitTid ? { intuitTid } : {}) });
      logger?.debug({ realmId, operation: spec.operation, status: res.status, intuitTid }, 'qbo call');
      return rec;
    }
    const input: Parameters<typeof errorFromResponse>[0] = { status: res.status, body, retryAfter: res.headers['retry-after'] as unknown };
    if (intuitTid) input.intuitTid = intuitTid;
    throw errorFromResponse(input);
  }

  async function execute(spec: CallSpec): Promise<Record<string, unknown>> {
    let attempt = 0;
    let refreshed = false;
    let forceRefresh = false;
    for (;;) {
      await limiter.acquire(realmId, { kind: spec.kind });
      const token = await tokenProvider(realmId, { forceRefresh });
      forceRefresh = false;
      try {
        const result = (await breaker.fire(() => sendOnce(spec, token))) as Record<string, unknown>;
        if (meter !== undefined) {
          meter.record(
            realmId,
            spec.metered === 'batch' ? meterBatchResponse(result) : spec.metered === 'core' ? { core: 1, corePlus: 0 } : { core: 0, corePlus: 1 },
          );
        }
        return result;
      } catch (raw) {
        const err = toQboError(raw);
        if (!err) throw raw;
        if (err instanceof QboAuthError && err.httpStatus === 401 && !refreshed) {
          refreshed = true;
          forceRefresh = true;
          logger?.info({ realmId, operation: spec.operation, intuitTid: err.intuitTid }, 'qbo 401: refreshing the access token once');
          continue;
        }
        const canRetry = attempt < retry.maxRetries;
        if (canRetry && err instanceof QboThrottledError) {
          const delay = throttleDelay(attempt, err.retryAfterMs, retry);
          logger?.warn({ realmId, operation: spec.operation, attempt, delay, intuitTid: err.intuitTid }, 'qbo throttled: backing off');
          attempt += 1;
          await sleep(delay);
          continue;
        }
        if (canRetry && err instanceof QboUnavailableError && !err.circuitOpen && spec.idempotent) {
          const delay = backoffDelay(attempt, retry.baseMs, retry.maxDelayMs, retry.random);
          logger?.warn({ realmId, operation: spec.operation, attempt, delay, code: err.code, intuitTid: err.intuitTid }, 'qbo unavailable: retrying');
          attempt += 1;
          await sleep(delay);
          continue;
        }
        throw err;
      }
    }
  }

  function refuseIfReadOnly(operation: string): void {
    if (readOnly) throw new QboReadOnlyError(operation);
  }

  function pathOf(entity: string): string {
    if (!/^[A-Za-z]+$/.test(entity)) throw new ValidationError(`invalid QBO entity name: ${JSON.stringify(entity)}`);
    return `/${entity.toLowerCase()}`;
  }

  function parseEntity<E extends string>(entity: E, body: Record<string, unknown>): EntityOf<E> {
    const raw = body[entity] ?? Object.values(body).find((v) => asRecord(v)?.Id !== undefined);
    const parsed = schemaFor(entity).safeParse(raw);
    if (!parsed.success) {
      throw new QboUnavailableError(`QBO returned a ${entity} that does not match its schema: ${parsed.error.message}`, { details: parsed.error.issues });
    }
    return parsed.data as EntityOf<E>;
  }

  async function write<E extends string>(
    entity: E,
    body: Record<string, unknown>,
    opts: WriteOptions,
    operation: string,
    params: Record<string, string> = {},
  ): Promise<Record<string, unknown>> {
    refuseIfReadOnly(`${operation} ${entity}`);
    return execute({
      method: 'POST',
      path: pathOf(entity),
      params: { ...params, requestid: deriveRequestId(opts.requestId) },
      body,
      kind: 'request',
      idempotent: opts.retrySafe === true,
      operation: `${operation} ${entity}`,
      metered: 'core',
    });
  }

  const client: QboClient = {
    realmId,
    readOnly,

    async create(entity, body, opts) {
      return parseEntity(entity, await write(entity, body, opts, 'create'));
    },

    async read(entity, id) {
      const res = await execute({ method: 'GET', path: `${pathOf(entity)}/${encodeURIComponent(id)}`, kind: 'request', idempotent: true, operation: `read ${entity}`, metered: 'corePlus' });
      return parseEntity(entity, res);
    },

    async update(entity, body, opts) {
      if (body.Id === undefined || body.SyncToken === undefined) throw new ValidationError(`update ${entity} needs Id and SyncToken`);
      return parseEntity(entity, await write(entity, body, opts, 'update'));
    },

    async sparseUpdate(entity, id, merge, opts) {
      refuseIfReadOnly(`sparseUpdate ${entity}`);
      const maxAttempts = opts.maxAttempts ?? 3;
      for (let attempt = 1; ; attempt++) {
        const current = await client.read(entity, id);
        const patch = await merge(current);
        const syncToken = current.SyncToken ?? '0';
        // A fresh requestid per version read: replaying the key after a 5010 would replay the 5010.
        const requestId = deriveRequestId(`${opts.requestId}:v${syncToken}`);
        try {
          return await client.update(entity, { ...patch, Id: id, SyncToken: syncToken, sparse: true }, { ...opts, requestId });
        } catch (err) {
          if (err instanceof QboStaleObjectError && attempt < maxAttempts) {
            logger?.info({ realmId, entity, id, attempt }, 'qbo 5010 stale object: re-reading and re-applying');
            continue;
          }
          throw err;
        }
      }
    },

    async delete(entity, ref, opts) {
      const res = await write(entity, { Id: ref.Id, SyncToken: ref.SyncToken }, opts, 'delete', { operation: 'delete' });
      return parseEntity(entity, res);
    },

    async void(entity, ref, opts) {
      // Payments (and BillPayments) void through a sparse update with include=void.
      const viaUpdate = entity === 'Payment' || entity === 'BillPayment';
      const res = viaUpdate
        ? await write(entity, { Id: ref.Id, SyncToken: ref.SyncToken, sparse: true }, opts, 'void', { operation: 'update', include: 'void' })
        : await write(entity, { Id: ref.Id, SyncToken: ref.SyncToken }, opts, 'void', { operation: 'void' });
      return parseEntity(entity, res);
    },

    async query<T = QboEntity>(query: string | QueryBuilder): Promise<QueryResult<T>> {
      const statement = typeof query === 'string' ? query : query.toString();
      const res = await execute({
        method: 'POST',
        path: '/query',
        body: statement,
        contentType: 'application/text',
        kind: 'request',
        idempotent: true,
        operation: 'query',
        metered: 'corePlus',
      });
      return parseQueryResponse<T>(res, typeof query === 'string' ? entityFromQuery(query) : query.entity);
    },

    async *queryAll<T = QboEntity>(query: string | QueryBuilder, pagerOptions: { pageSize?: number } = {}): AsyncGenerator<T, void, undefined> {
      const pageSize = pagerOptions.pageSize ?? MAX_PAGE_SIZE;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new ValidationError(`pageSize must be 1..${MAX_PAGE_SIZE}`);
      for (let start = 1; ; start += pageSize) {
        const statement =
          typeof query === 'string' ? `${stripPaging(query)} STARTPOSITION ${start} MAXRESULTS ${pageSize}` : query.page(start, pageSize);
        const page = await client.query<T>(statement);
        for (const entity of page.entities) yield entity;
        if (page.entities.length < pageSize) return;
      }
    },

    async count(query) {
      const res = await client.query(query.clone().count());
      return res.totalCount ?? 0;
    },

    async batch(operations, opts = {}) {
      const hasWrites = operations.some((op) => 'operation' in op);
      if (hasWrites) refuseIfReadOnly('batch with writes');
      if (hasWrites && !opts.requestId) throw new ValidationError('a batch with writes needs a requestId');
      const bIds = operations.map((op, i) => op.bId ?? `b${i}`);
      const seen = new Set<string>();
      for (const bId of bIds) {
        if (bId.length > 10) throw new ValidationError(`bId "${bId}" is longer than QBO's 10 characters`);
        if (seen.has(bId)) throw new ValidationError(`duplicate bId "${bId}"`);
        seen.add(bId);
      }
      const results: BatchItemResult[] = [];
      for (let chunkStart = 0, chunk = 0; chunkStart < operations.length; chunkStart += 30, chunk++) {
        const slice = operations.slice(chunkStart, chunkStart + 30);
        const ids = bIds.slice(chunkStart, chunkStart + 30);
        const items = slice.map((op, i) => {
          const bId = ids[i] as string;
          if ('query' in op) return { bId, Query: typeof op.query === 'string' ? op.query : op.query.toString() };
          return { bId, operation: op.operation, [op.entity]: op.body, ...(op.options ?? {}) };
        });
        const chunkWrites = slice.some((op) => 'operation' in op);
        const params: Record<string, string> = {};
        if (chunkWrites && opts.requestId) params.requestid = deriveRequestId(`${opts.requestId}#${chunk}`, 36);
        const res = await execute({
          method: 'POST',
          path: '/batch',
          params,
          body: { BatchItemRequest: items },
          kind: 'batch',
          idempotent: !chunkWrites || opts.retrySafe === true,
          operation: `batch(${slice.length})`,
          metered: 'batch',
        });
        const responses = Array.isArray(res.BatchItemResponse) ? (res.BatchItemResponse as unknown[]) : [];
        const byId = new Map<string, Record<string, unknown>>();
        for (const r of responses) {
          const rec = asRecord(r);
          if (rec && typeof rec.bId === 'string') byId.set(rec.bId, rec);
        }
        slice.forEach((op, i) => {
          const bId = ids[i] as string;
          const item = byId.get(bId);
          if (!item) {
            results.push({ bId, ok: false, error: new QboUnavailableError(`QBO batch response has no item for bId ${bId}`) });
            return;
          }
          if (item.Fault !== undefined || item.fault !== undefined) {
            results.push({ bId, ok: false, error: errorFromFault(parseFaultObject(item.Fault ?? item.fault), 200) });
            return;
          }
          if ('query' in op) {
            const q = typeof op.query === 'string' ? op.query : op.query.toString();
            results.push({ bId, ok: true, entity: entityFromQuery(q), data: undefined, queryResponse: parseQueryResponse(item, entityFromQuery(q)) });
            return;
          }
          const raw = item[op.entity];
          const parsed = schemaFor(op.entity).safeParse(raw);
          results.push({ bId, ok: true, entity: op.entity, data: parsed.success ? parsed.data : (raw as QboEntity), queryResponse: undefined });
        });
      }
      return results;
    },

    async cdc(entities, changedSince) {
      if (entities.length === 0) throw new ValidationError('cdc needs at least one entity');
      for (const e of entities) pathOf(e);
      const cdcOptions: CdcOptions = { ...options.cdc, now };
      checkLookBack(changedSince, cdcOptions);
      return readCdc(
        changedSince,
        async (sinceMs) =>
          parseCdcResponse(
            await execute({
              method: 'GET',
              path: '/cdc',
              params: { entities: entities.join(','), changedSince: new Date(sinceMs).toISOString() },
              kind: 'request',
              idempotent: true,
              operation: 'cdc',
              metered: 'corePlus',
            }),
          ),
        cdcOptions,
      );
    },

    async report(name, params = {}) {
      if (!/^[A-Za-z]+$/.test(name)) throw new ValidationError(`invalid report name: ${name}`);
      const res = await execute({ method: 'GET', path: `/reports/${name}`, params, kind: 'request', idempotent: true, operation: `report ${name}`, metered: 'corePlus' });
      const parsed = ReportSchema.safeParse(res);
      if (!parsed.success) throw new QboUnavailableError(`QBO returned a ${name} report that does not match its schema: ${parsed.error.message}`);
      return parsed.data;
    },

    async companyInfo() {
      const res = await execute({ method: 'GET', path: `/companyinfo/${encodeURIComponent(realmId)}`, kind: 'request', idempotent: true, operation: 'companyInfo', metered: 'corePlus' });
      return CompanyInfoSchema.parse(res.CompanyInfo);
    },

    async preferences() {
      const res = await execute({ method: 'GET', path: '/preferences', kind: 'request', idempotent: true, operation: 'preferences', metered: 'corePlus' });
      return PreferencesSchema.parse(res.Preferences);
    },
  };
  return client;
}
