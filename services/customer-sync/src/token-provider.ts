import { LedgerbusError } from '@ledgerbus/kit';
import type { TokenProvider } from '@ledgerbus/qbo';

/**
 * Access tokens from the connector (`POST /internal/v1/realms/{realmId}/access-token`),
 * the only holder of refresh tokens. `serviceToken` is this service's JWT (a service account).
 */
export function connectorTokenProvider(options: { connectorUrl: string; serviceToken: () => Promise<string> | string }): TokenProvider {
  const base = options.connectorUrl.replace(/\/+$/, '');
  return async (realmId, { forceRefresh }) => {
    const res = await fetch(`${base}/internal/v1/realms/${encodeURIComponent(realmId)}/access-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await options.serviceToken()}` },
      body: JSON.stringify({ forceRefresh }),
    });
    if (!res.ok) {
      const body = await res.text();
      throw new LedgerbusError('access_token_unavailable', `connector answered ${res.status} for realm ${realmId}: ${body.slice(0, 300)}`, {
        // 404: the connector has no live connection for the realm yet (a connect still settling); 409: reauthorization.
        retriable: res.status >= 500 || res.status === 409 || res.status === 404,
      });
    }
    const json = (await res.json()) as { accessToken?: string };
    if (typeof json.accessToken !== 'string') throw new LedgerbusError('access_token_unavailable', `connector gave no access token for realm ${realmId}`, { retriable: true });
    return json.accessToken;
  };
}
