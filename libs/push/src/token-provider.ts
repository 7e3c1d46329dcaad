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
      if (!res.ok) {
        throw new LedgerbusError('access_token_unavailable', `connector answered ${res.status} for realm ${realmId}`, {
          retriable: res.status >= 500 || res.status === 409,
          details: { status: res.status },
        });
      }
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
