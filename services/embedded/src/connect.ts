/**
 * Step 1: connect the sandbox's demo company through the real OAuth 2.0 flow, over HTTP,
 * as a browser would: the connector's connect URL (as the tenant's owner) → 302 to the
 * sandbox's Intuit authorize page (headless approval of the demo company) → 302 back to the
 * connector's callback with the state cookie the connect URL set (the connector binds the OAuth
 * state to that browser), which exchanges the code and stores the tokens. Then wait for the
 * initial snapshot to reach the mapping service (its reference data).
 */
import { LedgerbusError } from '@ledgerbus/kit';
import { expectJson, poll, requestJson } from './http-client';

export interface ConnectOptions {
  connectorUrl: string;
  mappingUrl: string;
  tenantId: string;
  realmId: string;
  /** An owner's (or admin's) JWT for the tenant. */
  ownerToken: string;
  timeoutMs?: number;
}

export interface ConnectResult {
  companyName: string;
  realmId: string;
  /** The URLs the flow went through (for the log). */
  hops: string[];
  referenceCounts: { accounts: number; paymentMethods: number; items: number };
}

interface ConnectionBody {
  connection?: { status: string; companyName: string; realmId: string; lastSyncByEntity?: Record<string, string> };
}

function location(res: Response, step: string): string {
  const to = res.headers.get('location');
  if (res.status !== 302 || to === null) throw new LedgerbusError('demo_connect_failed', `${step} answered ${res.status} without a redirect`, { details: { status: res.status } });
  return to;
}

export async function connectDemoCompany(options: ConnectOptions): Promise<ConnectResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const hops: string[] = [];
  const start = `${options.connectorUrl}/v1/tenants/${encodeURIComponent(options.tenantId)}/connection/connect-url?redirect=true`;
  hops.push(start);
  const first = await fetch(start, { headers: { authorization: `Bearer ${options.ownerToken}` }, redirect: 'manual' });
  const authorize = new URL(location(first, 'the connector\'s connect-url'));
  // Headless consent: the sandbox approves the demo company without showing its page.
  authorize.searchParams.set('sandbox_auto_approve', options.realmId);
  hops.push(`${authorize.origin}${authorize.pathname}`);
  const consent = await fetch(authorize, { redirect: 'manual' });
  const callback = location(consent, "the sandbox's authorize page");
  hops.push(callback.split('?')[0] ?? callback);
  // The cookie jar of a browser: the connect URL's state cookie goes back to the callback.
  const cookie = first.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .join('; ');
  const done = await fetch(callback, { redirect: 'manual', headers: { cookie } });
  // The callback answers 200 with the connection, or redirects the browser to a configured page.
  if (done.status !== 200 && done.status !== 302) {
    throw new LedgerbusError('demo_connect_failed', `the connector's OAuth callback answered ${done.status}: ${(await done.text()).slice(0, 500)}`);
  }

  const connection = await poll(
    'the connection to be connected',
    async () => {
      const res = await requestJson<ConnectionBody>(`${options.connectorUrl}/v1/tenants/${encodeURIComponent(options.tenantId)}/connection`, { bearer: options.ownerToken });
      return res.status === 200 && res.body.connection?.status === 'connected' ? res.body.connection : undefined;
    },
    timeoutMs,
  );

  // The snapshot (accounts, payment methods, items …) travels connector → qbo.changes → mapping.
  const count = async (kind: string): Promise<number> =>
    (await expectJson<{ connected: boolean; items: unknown[] }>(200, `${options.mappingUrl}/v1/tenants/${encodeURIComponent(options.tenantId)}/reference/${kind}`, { bearer: options.ownerToken })).body.items.length;
  let previous: ConnectResult['referenceCounts'] | undefined;
  const referenceCounts = await poll(
    'the initial snapshot in the mapping service',
    async () => {
      const res = await requestJson<ConnectionBody>(`${options.connectorUrl}/v1/tenants/${encodeURIComponent(options.tenantId)}/connection`, { bearer: options.ownerToken });
      const synced = res.body.connection?.lastSyncByEntity ?? {};
      if (synced.Account === undefined || synced.Item === undefined || synced.PaymentMethod === undefined) return undefined;
      const counts = { accounts: await count('accounts'), paymentMethods: await count('payment-methods'), items: await count('items') };
      // Done when every kind arrived and the counts stopped moving between two polls.
      const stable = previous !== undefined && JSON.stringify(previous) === JSON.stringify(counts);
      previous = counts;
      return stable && counts.accounts > 0 && counts.paymentMethods > 0 && counts.items > 0 ? counts : undefined;
    },
    timeoutMs,
    300,
  );
  return { companyName: connection.companyName, realmId: connection.realmId, hops, referenceCounts };
}
