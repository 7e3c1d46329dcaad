/**
 * The typed clients of the services the console calls, generated from their committed OpenAPI
 * documents (web/src/api/<service>.ts, `npm run generate:api -w @ledgerbus/console`). Requests go to
 * the console's own origin (/api/<service>/...), which passes them to the service.
 */
import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import type { paths as ConnectorPaths } from './connector';
import type { paths as CustomerSyncPaths } from './customer-sync';
import type { paths as MappingPaths } from './mapping';
import type { paths as MetricsPaths } from './metrics';

export type { ConnectorPaths, CustomerSyncPaths, MappingPaths, MetricsPaths };

/** An answer other than 2xx, with the service's error code and, for validation errors, the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** field path (as the API names it, e.g. settings.accounts.income) → reason */
    readonly fields: ReadonlyMap<string, string>,
    /** the error's `details` as the API sent them (e.g. `{ runId }` of a 409 run_in_progress) */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

function fieldsOf(details: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof details !== 'object' || details === null) return out;
  const d = details as { fields?: Array<{ path?: string; reason?: string }>; violations?: Array<{ field?: string; message?: string }> };
  for (const f of d.fields ?? []) if (typeof f.path === 'string') out.set(f.path, f.reason ?? 'invalid');
  for (const v of d.violations ?? []) if (typeof v.field === 'string') out.set(v.field, v.message ?? 'invalid');
  return out;
}

/** Throws ApiError for an error answer, else returns the typed data. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  const body = (result.error ?? {}) as ErrorBody;
  const status = result.response.status;
  const code = body.error?.code ?? `http_${status}`;
  const fallback = status === 502 || status === 503 ? 'The service is not answering right now. Try again in a moment.' : `The request failed (${status}).`;
  throw new ApiError(status, code, body.error?.message ?? fallback, fieldsOf(body.error?.details), body.error?.details);
}

/** The message for an error next to a field named by `key` (e.g. "accounts.income"), matched on the API's field path. */
export function fieldError(fields: ReadonlyMap<string, string> | undefined, key: string): string | undefined {
  if (fields === undefined) return undefined;
  for (const [path, reason] of fields) if (path === key || path.endsWith(`.${key}`)) return reason;
  return undefined;
}

export function createClients(token: () => string) {
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${token()}`);
      return request;
    },
  };
  const connector = createClient<ConnectorPaths>({ baseUrl: '/api/connector' });
  const mapping = createClient<MappingPaths>({ baseUrl: '/api/mapping' });
  const customerSync = createClient<CustomerSyncPaths>({ baseUrl: '/api/customer-sync' });
  const metrics = createClient<MetricsPaths>({ baseUrl: '/api/metrics' });
  for (const client of [connector, mapping, customerSync, metrics]) client.use(auth);
  return { connector, mapping, customerSync, metrics };
}

export type Clients = ReturnType<typeof createClients>;
