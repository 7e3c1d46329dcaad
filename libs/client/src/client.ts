/**
 * The HTTP client: one object per tenant over the ingest API (records in, their sync state out),
 * the mapping service's sync runs and the webhooks service's endpoints. Every call is typed by the
 * services' committed OpenAPI documents through openapi-fetch; answers other than 2xx become a
 * `LedgerbusApiError` with the service's error code.
 */
import createFetchClient from 'openapi-fetch';
import type { Client, Middleware } from 'openapi-fetch';
import { LedgerbusApiError } from './errors';
import type { paths as IngestPaths } from './generated/ingest';
import type { paths as MappingPaths } from './generated/mapping';
import type { paths as WebhooksPaths } from './generated/webhooks';
import type {
  CreatedWebhookEndpoint,
  CustomerInput,
  IngestResult,
  InvoiceInput,
  PaymentInput,
  RecordEntity,
  RecordState,
  RecordStatus,
  RotatedSecret,
  SyncRun,
  SyncRunDetail,
  SyncRunList,
  VoidInput,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpointList,
  WebhookEndpointUpdate,
  WebhookReplayInput,
  WebhookReplayResult,
} from './types';

/** Most records one request carries (the ingest API's limit); larger arrays are sent in chunks of this size. */
export const MAX_BATCH = 500;

export interface LedgerbusClientOptions {
  /** The tenant every call is for (a service-account token is scoped to one tenant). */
  tenant: string;
  /** A bearer JWT, or a function that returns a fresh one (called before every request). */
  token: string | (() => string | Promise<string>);
  /** One base URL for every API (a gateway in front of the services)… */
  baseUrl?: string;
  /** …or one per service (e.g. `make demo`: ingest :8088, mapping :8082, webhooks :8089). Each falls back to `baseUrl`. */
  urls?: { ingest?: string; mapping?: string; webhooks?: string };
  /** Sends the same request again (same Idempotency-Key) on 429, 409 request_in_progress and 5xx. Default 3 attempts in all. */
  retry?: { attempts?: number; maxDelayMs?: number };
  /** A fetch implementation (default: the global fetch). */
  fetch?: (input: Request) => Promise<Response>;
}

export interface RequestOptions {
  /**
   * A key of your choosing, unique per operation (e.g. `invoice-<id>-v<version>`): sending the same
   * request again with it returns the first answer and publishes nothing (kept 24 h). The same key
   * with another body is 422 `idempotency_key_reused`.
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface RemoveInput {
  divisionId?: string;
  version?: number;
}

/** One entity of the ingest API. */
export interface RecordsApi<Input> {
  /**
   * Sends one record or many. An array goes as `{ records }` (more than 500: in chunks of 500, each
   * with `<idempotencyKey>.<chunk>` as its key); the answer lists every record as accepted (with its
   * version) or rejected (index into your array, field, code). When none is valid, 422 `records_rejected`.
   */
  upsert(records: Input | readonly Input[], options?: RequestOptions): Promise<IngestResult>;
  delete(platformId: string, input?: RemoveInput, options?: RequestOptions): Promise<IngestResult>;
}

export interface VoidableRecordsApi<Input> extends RecordsApi<Input> {
  void(platformId: string, input?: VoidInput, options?: RequestOptions): Promise<IngestResult>;
}

export interface WaitOptions {
  /** States that end the wait (default: every state but `waiting`). */
  until?: readonly RecordState[];
  /** The version whose outcome to wait for (default: any). */
  version?: number;
  timeoutMs?: number;
  intervalMs?: number;
}

export interface LedgerbusClient {
  readonly tenant: string;
  readonly customers: RecordsApi<CustomerInput>;
  readonly invoices: VoidableRecordsApi<InvoiceInput>;
  readonly payments: VoidableRecordsApi<PaymentInput>;
  readonly records: {
    /** A record's latest accepted version and sync state, or `null` when ledgerbus never saw it. */
    status(entity: RecordEntity, platformId: string, options?: RequestOptions): Promise<RecordStatus | null>;
    /** Polls `status` until the record reaches one of `until` (default: anything but `waiting`). */
    waitFor(entity: RecordEntity, platformId: string, options?: WaitOptions): Promise<RecordStatus>;
  };
  readonly syncRuns: {
    /** "Synchronize now"; 409 `run_in_progress` names the running run. */
    start(input?: { division?: string }, options?: RequestOptions): Promise<SyncRun>;
    get(runId: string, options?: RequestOptions): Promise<SyncRunDetail>;
    list(query?: { division?: string; before?: string; limit?: number }, options?: RequestOptions): Promise<SyncRunList>;
    cancel(runId: string, options?: RequestOptions): Promise<void>;
  };
  readonly webhookEndpoints: {
    /** Registers an endpoint; the answer carries its signing `secret` (`whsec_…`), shown only here. */
    create(input: WebhookEndpointInput, options?: RequestOptions): Promise<CreatedWebhookEndpoint>;
    list(options?: RequestOptions): Promise<WebhookEndpointList>;
    get(id: string, options?: RequestOptions): Promise<WebhookEndpoint>;
    update(id: string, input: WebhookEndpointUpdate, options?: RequestOptions): Promise<WebhookEndpoint>;
    delete(id: string, options?: RequestOptions): Promise<void>;
    rotateSecret(id: string, options?: RequestOptions): Promise<RotatedSecret>;
    deliveries(id: string, query?: { status?: string; eventType?: string; limit?: number; cursor?: string }, options?: RequestOptions): Promise<WebhookDeliveryList>;
    delivery(id: string, deliveryId: string, options?: RequestOptions): Promise<WebhookDelivery>;
    replayDelivery(id: string, deliveryId: string, options?: RequestOptions): Promise<void>;
    /** Sends every stored event of `[from, to)` that the endpoint takes again. */
    replay(id: string, input: WebhookReplayInput, options?: RequestOptions): Promise<WebhookReplayResult>;
  };
}

export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    });
  });

/** The service's `{ error: { code, message, details } }` (or whatever came) → a typed error. */
export function toApiError(response: Response, body: unknown): LedgerbusApiError {
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  const e = typeof error === 'object' && error !== null ? (error as { code?: unknown; message?: unknown; details?: unknown }) : {};
  const code = typeof e.code === 'string' ? e.code : `http_${response.status}`;
  const message = typeof e.message === 'string' ? e.message : `${response.status} ${response.statusText}`.trim();
  const retryAfter = Number(response.headers.get('retry-after'));
  return new LedgerbusApiError(response.status, code, message, e.details, Number.isFinite(retryAfter) && retryAfter >= 0 && response.headers.has('retry-after') ? retryAfter : undefined);
}

/** openapi-fetch middleware that sets the bearer token (a string, or a function called per request). */
export function bearerAuth(token: string | (() => string | Promise<string>)): Middleware {
  return {
    async onRequest({ request }) {
      const value = typeof token === 'function' ? await token() : token;
      request.headers.set('authorization', `Bearer ${value}`);
      return request;
    },
  };
}

/** Sends, and sends again while the answer is retriable; a non-2xx answer is thrown as `LedgerbusApiError`. */
export function createSender(retry: LedgerbusClientOptions['retry']): <T>(request: () => Promise<FetchResult>, signal: AbortSignal | undefined) => Promise<T> {
  const attempts = Math.max(1, retry?.attempts ?? 3);
  const maxDelayMs = retry?.maxDelayMs ?? 10_000;
  return async <T>(request: () => Promise<FetchResult>, signal: AbortSignal | undefined): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      const res = await request();
      if (res.response.ok) return res.data as T;
      const error = toApiError(res.response, res.error);
      if (!error.retriable || attempt >= attempts) throw error;
      const backoff = Math.min(maxDelayMs, error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 250 * 2 ** (attempt - 1));
      await sleep(backoff, signal);
    }
  };
}

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Joins the answers of consecutive chunks, shifting indexes back into the caller's array. */
export function mergeResults(results: ReadonlyArray<{ offset: number; result: IngestResult }>): IngestResult {
  const merged: IngestResult = { accepted: [], rejected: [] };
  for (const { offset, result } of results) {
    for (const a of result.accepted) merged.accepted.push({ ...a, index: a.index + offset });
    for (const r of result.rejected) merged.rejected.push({ ...r, index: r.index + offset });
  }
  return merged;
}

export function createLedgerbusClient(options: LedgerbusClientOptions): LedgerbusClient {
  const { tenant } = options;
  if (tenant === '') throw new RangeError('createLedgerbusClient: tenant must not be empty');
  const urlOf = (name: 'ingest' | 'mapping' | 'webhooks'): string => {
    const url = options.urls?.[name] ?? options.baseUrl;
    if (url === undefined) throw new RangeError(`createLedgerbusClient: give baseUrl or urls.${name}`);
    return url.replace(/\/+$/, '');
  };
  const auth = bearerAuth(options.token);
  const make = <P extends object>(name: 'ingest' | 'mapping' | 'webhooks'): (() => Client<P>) => {
    let client: Client<P> | undefined;
    return () => {
      if (client === undefined) {
        client = createFetchClient<P>({ baseUrl: urlOf(name), ...(options.fetch === undefined ? {} : { fetch: options.fetch }) });
        client.use(auth);
      }
      return client;
    };
  };
  const ingest = make<IngestPaths>('ingest');
  const mapping = make<MappingPaths>('mapping');
  const webhooks = make<WebhooksPaths>('webhooks');

  const send = createSender(options.retry);

  const idem = (o: RequestOptions | undefined): { 'idempotency-key'?: string } => (o?.idempotencyKey === undefined ? {} : { 'idempotency-key': o.idempotencyKey });
  const init = (o: RequestOptions | undefined) => (o?.signal === undefined ? {} : { signal: o.signal });

  type Collection = 'customers' | 'invoices' | 'payments';
  const path = { customers: '/v1/tenants/{tenant}/customers', invoices: '/v1/tenants/{tenant}/invoices', payments: '/v1/tenants/{tenant}/payments' } as const;
  const deletePath = {
    customers: '/v1/tenants/{tenant}/customers/{id}',
    invoices: '/v1/tenants/{tenant}/invoices/{id}',
    payments: '/v1/tenants/{tenant}/payments/{id}',
  } as const;

  function recordsApi<Input>(collection: Collection): RecordsApi<Input> {
    const post = (body: unknown, o: RequestOptions | undefined, key: { 'idempotency-key'?: string }) =>
      send<IngestResult>(
        () =>
          ingest().POST(path[collection], {
            params: { path: { tenant }, header: key },
            // The body is one of the collection's shapes; openapi-fetch's union over three paths cannot name it.
            body: body as never,
            ...init(o),
          }),
        o?.signal,
      );
    return {
      async upsert(records, o) {
        if (!Array.isArray(records)) return post(records, o, idem(o));
        const list = records as readonly Input[];
        if (list.length <= MAX_BATCH) return post({ records: list }, o, idem(o));
        const results: Array<{ offset: number; result: IngestResult }> = [];
        for (const [n, part] of chunk(list, MAX_BATCH).entries()) {
          const key = o?.idempotencyKey === undefined ? {} : { 'idempotency-key': `${o.idempotencyKey}.${n}` };
          results.push({ offset: n * MAX_BATCH, result: await post({ records: part }, o, key) });
        }
        return mergeResults(results);
      },
      delete(platformId, input = {}, o) {
        const query: { division?: string; version?: string } = {};
        if (input.divisionId !== undefined) query.division = input.divisionId;
        if (input.version !== undefined) query.version = String(input.version);
        return send<IngestResult>(
          () => ingest().DELETE(deletePath[collection], { params: { path: { tenant, id: platformId }, query, header: idem(o) }, ...init(o) }),
          o?.signal,
        );
      },
    };
  }

  function voidable<Input>(collection: 'invoices' | 'payments'): VoidableRecordsApi<Input> {
    const voidPath = collection === 'invoices' ? '/v1/tenants/{tenant}/invoices/{id}/void' : '/v1/tenants/{tenant}/payments/{id}/void';
    return {
      ...recordsApi<Input>(collection),
      void(platformId, input = {}, o) {
        return send<IngestResult>(
          () => ingest().POST(voidPath, { params: { path: { tenant, id: platformId }, header: idem(o) }, body: input, ...init(o) }),
          o?.signal,
        );
      },
    };
  }

  async function status(entity: RecordEntity, platformId: string, o?: RequestOptions): Promise<RecordStatus | null> {
    try {
      return await send<RecordStatus>(
        () => ingest().GET('/v1/tenants/{tenant}/records/{entity}/{platformId}', { params: { path: { tenant, entity, platformId } }, ...init(o) }),
        o?.signal,
      );
    } catch (err) {
      if (err instanceof LedgerbusApiError && err.status === 404) return null;
      throw err;
    }
  }

  return {
    tenant,
    customers: recordsApi<CustomerInput>('customers'),
    invoices: voidable<InvoiceInput>('invoices'),
    payments: voidable<PaymentInput>('payments'),
    records: {
      status,
      async waitFor(entity, platformId, w = {}) {
        const until = w.until ?? ['pushed', 'held', 'failed', 'skipped', 'voided', 'deleted'];
        const deadline = Date.now() + (w.timeoutMs ?? 60_000);
        let last: RecordStatus | null = null;
        for (;;) {
          last = await status(entity, platformId);
          const versionOk = w.version === undefined || (last?.outcome?.version ?? -1) >= w.version;
          if (last !== null && versionOk && until.includes(last.state)) return last;
          if (Date.now() >= deadline) {
            throw new Error(`${entity}/${platformId} did not reach ${until.join(' | ')} in time (last state: ${last?.state ?? 'unknown to ledgerbus'})`);
          }
          await sleep(w.intervalMs ?? 500);
        }
      },
    },
    syncRuns: {
      start(input = {}, o) {
        const query = input.division === undefined ? {} : { division: input.division };
        return send<SyncRun>(() => mapping().POST('/v1/tenants/{tenant}/sync-runs', { params: { path: { tenant }, query, header: idem(o) }, ...init(o) }), o?.signal);
      },
      get(runId, o) {
        return send<SyncRunDetail>(() => mapping().GET('/v1/tenants/{tenant}/sync-runs/{runId}', { params: { path: { tenant, runId } }, ...init(o) }), o?.signal);
      },
      list(query = {}, o) {
        return send<SyncRunList>(() => mapping().GET('/v1/tenants/{tenant}/sync-runs', { params: { path: { tenant }, query }, ...init(o) }), o?.signal);
      },
      async cancel(runId, o) {
        await send<unknown>(() => mapping().DELETE('/v1/tenants/{tenant}/sync-runs/{runId}', { params: { path: { tenant, runId } }, ...init(o) }), o?.signal);
      },
    },
    webhookEndpoints: {
      create(input, o) {
        return send<CreatedWebhookEndpoint>(
          () => webhooks().POST('/v1/tenants/{tenant}/webhook-endpoints', { params: { path: { tenant } }, body: input, ...init(o) }),
          o?.signal,
        );
      },
      list(o) {
        return send<WebhookEndpointList>(() => webhooks().GET('/v1/tenants/{tenant}/webhook-endpoints', { params: { path: { tenant } }, ...init(o) }), o?.signal);
      },
      get(id, o) {
        return send<WebhookEndpoint>(() => webhooks().GET('/v1/tenants/{tenant}/webhook-endpoints/{id}', { params: { path: { tenant, id } }, ...init(o) }), o?.signal);
      },
      update(id, input, o) {
        return send<WebhookEndpoint>(
          () => webhooks().PATCH('/v1/tenants/{tenant}/webhook-endpoints/{id}', { params: { path: { tenant, id } }, body: input, ...init(o) }),
          o?.signal,
        );
      },
      async delete(id, o) {
        await send<unknown>(() => webhooks().DELETE('/v1/tenants/{tenant}/webhook-endpoints/{id}', { params: { path: { tenant, id } }, ...init(o) }), o?.signal);
      },
      rotateSecret(id, o) {
        return send<RotatedSecret>(
          () => webhooks().POST('/v1/tenants/{tenant}/webhook-endpoints/{id}/rotate-secret', { params: { path: { tenant, id } }, ...init(o) }),
          o?.signal,
        );
      },
      deliveries(id, query = {}, o) {
        return send<WebhookDeliveryList>(
          () => webhooks().GET('/v1/tenants/{tenant}/webhook-endpoints/{id}/deliveries', { params: { path: { tenant, id }, query: query as never }, ...init(o) }),
          o?.signal,
        );
      },
      delivery(id, deliveryId, o) {
        return send<WebhookDelivery>(
          () => webhooks().GET('/v1/tenants/{tenant}/webhook-endpoints/{id}/deliveries/{deliveryId}', { params: { path: { tenant, id, deliveryId } }, ...init(o) }),
          o?.signal,
        );
      },
      async replayDelivery(id, deliveryId, o) {
        await send<unknown>(
          () => webhooks().POST('/v1/tenants/{tenant}/webhook-endpoints/{id}/deliveries/{deliveryId}/replay', { params: { path: { tenant, id, deliveryId } }, ...init(o) }),
          o?.signal,
        );
      },
      replay(id, input, o) {
        return send<WebhookReplayResult>(
          () => webhooks().POST('/v1/tenants/{tenant}/webhook-endpoints/{id}/replay', { params: { path: { tenant, id } }, body: input, ...init(o) }),
          o?.signal,
        );
      },
    },
  };
}
