import { LedgerbusError } from '@ledgerbus/kit';
import type { TokenProvider } from '@ledgerbus/qbo';

export interface HttpTokenProviderOptions {
  /** The connector's base URL, e.g. http://connector:8081. */
  connectorUrl: string;
  /** A service-account bearer token the connector accepts. */
  serviceToken: string;
  /** Reuse a token this long (ms) before asking again. Default 5 min. */
  cacheMs?: number;
  fetch?: typeof fetch;
}

/**
 * The connector's refusal as an error the push engine can act on: `reauthorization_required`
 * (409: the grant was revoked or expired — records are held until the admin reconnects) and
 * `not_connected` (404: no live connection for the realm) keep their meaning; anything else is
 * `access_token_unavailable`, retriable when the connector or Intuit is down (5xx).
 */
async function tokenError(res: Response, realmId: string): Promise<LedgerbusError> {
  const code = await res
    .json()
    .then((body: unknown) => (body as { error?: { code?: unknown } } | null)?.error?.code)
    .catch(() => undefined);
  if (res.status === 409 && code === 'reauthorization_required') {
    return new LedgerbusError('reauthorization_required', `the QBO connection of realm ${realmId} needs an admin to reconnect`, { details: { status: res.status } });
  }
  if (res.status === 404) return new LedgerbusError('not_connected', `no live QBO connection for realm ${realmId}`, { details: { status: res.status } });
  return new LedgerbusError('access_token_unavailable', `connector answered ${res.status} for realm ${realmId}`, { retriable: res.status >= 500 || res.status === 409, details: { status: res.status } });
}

/**
 * Access tokens from the connector (`POST /internal/v1/realms/{realmId}/access-token`):
 * only the connector holds refresh tokens. Cached per realm; single-flight per realm.
 */
export function createHttpTokenProvider(options: HttpTokenProviderOptions): TokenProvider {
  const cacheMs = options.cacheMs ?? 5 * 60_000;
  const doFetch = options.fetch ?? fetch;
  const cache = new Map<string, { token: string; until: number }>();
  const inFlight = new Map<string, Promise<string>>();
  const base = options.connectorUrl.replace(/\/+$/, '');
  return async (realmId, { forceRefresh }) => {
    const cached = cache.get(realmId);
    if (!forceRefresh && cached && cached.until > Date.now()) return cached.token;
    const pending = inFlight.get(realmId);
    if (pending && !forceRefresh) return pending;
    const request = (async () => {
      const res = await doFetch(`${base}/internal/v1/realms/${encodeURIComponent(realmId)}/access-token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.serviceToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ forceRefresh }),
      });
      if (!res.ok) throw await tokenError(res, realmId);
      const body = (await res.json()) as { accessToken: string; expiresAt: string };
      const until = Math.min(Date.now() + cacheMs, Date.parse(body.expiresAt) - 60_000);
      cache.set(realmId, { token: body.accessToken, until });
      return body.accessToken;
    })();
    inFlight.set(realmId, request);
    try {
      return await request;
    } finally {
      inFlight.delete(realmId);
    }
  };
}
