import { LedgerbusError } from '@ledgerbus/kit';
import type { TokenProvider } from '@ledgerbus/qbo';

export interface ConnectorTokenProviderOptions {
  /** The connector's base URL, e.g. http://connector:8081. */
  connectorUrl: string;
  /** A service-account bearer token (JWT with `svc: true`) for the connector's internal API. */
  serviceToken: string | (() => Promise<string>);
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Access tokens from the connector (`POST /internal/v1/realms/{realmId}/access-token`): the
 * connector alone holds refresh tokens; this service never sees one.
 */
export function connectorTokenProvider(options: ConnectorTokenProviderOptions): TokenProvider {
  const doFetch = options.fetch ?? fetch;
  const base = options.connectorUrl.replace(/\/+$/, '');
  return async (realmId, { forceRefresh }) => {
    const res = await doFetch(`${base}/internal/v1/realms/${encodeURIComponent(realmId)}/access-token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${typeof options.serviceToken === 'string' ? options.serviceToken : await options.serviceToken()}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ forceRefresh }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const body = (await res.json().catch(() => ({}))) as { accessToken?: unknown; error?: { code?: string; message?: string } };
    if (!res.ok || typeof body.accessToken !== 'string') {
      const code = body.error?.code ?? `http_${res.status}`;
      throw new LedgerbusError('connector_token_unavailable', `the connector gave no access token for realm ${realmId}: ${code}`, {
        retriable: res.status >= 500 || res.status === 429,
        statusCode: 503,
        details: { realmId, status: res.status, code },
      });
    }
    return body.accessToken;
  };
}
