/**
 * The HTTP APIs the CLI talks to: @ledgerbus/client for sync runs and webhook endpoints, and
 * openapi-fetch typed by the connector's and mapping service's committed OpenAPI documents
 * (the client's ConnectorPaths and MappingPaths) for what the client does not cover (connection, sync log, dead letters, integration).
 */
import { createLedgerbusClient, LedgerbusApiError, toApiError } from '@ledgerbus/client';
import type { ConnectorPaths, LedgerbusClient, MappingPaths } from '@ledgerbus/client';
import createFetchClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import type { CliConfig } from './config';
import { CliError } from './errors';

export interface Apis {
  connector: Client<ConnectorPaths>;
  mapping: Client<MappingPaths>;
  /** The client for one tenant (sync runs, webhook endpoints and deliveries). */
  client(tenant: string): LedgerbusClient;
}

export function createApis(config: CliConfig): Apis {
  const fetchWithTimeout = (input: Request): Promise<Response> => fetch(input, { signal: AbortSignal.timeout(config.timeoutMs) });
  const auth = {
    onRequest: async ({ request }: { request: Request }) => {
      request.headers.set('authorization', `Bearer ${await config.token()}`);
      return request;
    },
  };
  const connector = createFetchClient<ConnectorPaths>({ baseUrl: config.urls.connector, fetch: fetchWithTimeout });
  const mapping = createFetchClient<MappingPaths>({ baseUrl: config.urls.mapping, fetch: fetchWithTimeout });
  connector.use(auth);
  mapping.use(auth);
  return {
    connector,
    mapping,
    client: (tenant) =>
      createLedgerbusClient({
        tenant,
        token: () => config.token(),
        urls: { mapping: config.urls.mapping, webhooks: config.urls.webhooks, ingest: config.urls.ingest },
        retry: { attempts: 1 },
        fetch: fetchWithTimeout,
      }),
  };
}

/** The data of a 2xx answer; anything else becomes an error with the service's code and message. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const res = await call;
  if (!res.response.ok) throw toApiError(res.response, res.error);
  return res.data as T;
}

/** Network failures and API errors in words an operator can act on. */
export function describeError(err: unknown): { message: string; code: string } {
  if (err instanceof LedgerbusApiError) {
    const hint = err.status === 401 ? ' (check --token / LEDGERBUS_TOKEN)' : '';
    return { message: `${err.message} [HTTP ${err.status} ${err.code}]${hint}`, code: err.code };
  }
  if (err instanceof CliError) return { message: err.message, code: err.code ?? 'cli_error' };
  if (err instanceof Error) {
    const cause = (err as { cause?: { code?: string; address?: string; port?: number } }).cause;
    if (err.name === 'TimeoutError') return { message: 'the service did not answer in time (--timeout)', code: 'timeout' };
    if (cause?.code === 'ECONNREFUSED') return { message: `nothing answers at ${cause.address ?? '?'}:${cause.port ?? '?'} (is the stack running? see --url)`, code: 'unreachable' };
    return { message: err.message, code: 'error' };
  }
  return { message: String(err), code: 'error' };
}
