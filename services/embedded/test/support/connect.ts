/**
 * Connecting a tenant of a `services.sh` stack to the sandbox's demo company the way an admin
 * does (the recipe `services.sh start` prints): connect-url with its state cookie, the sandbox's
 * headless consent (`sandbox_auto_approve=1`), the callback; then waiting until mapping holds
 * the company's reference data (the initial snapshot travels connector → qbo.changes.v1 → mapping).
 */
import { waitFor } from '@ledgerbus/testing';
import { expectJson } from '../../src/http-client';

export interface ConnectedCompany {
  realmId: string;
  companyName: string;
}

export async function connectTenant(urls: { connector: string; mapping: string }, tenantId: string, adminJwt: string, timeoutMs: number): Promise<ConnectedCompany> {
  const tenant = encodeURIComponent(tenantId);
  const start = await fetch(`${urls.connector}/v1/tenants/${tenant}/connection/connect-url`, { headers: { authorization: `Bearer ${adminJwt}` }, signal: AbortSignal.timeout(30_000) });
  if (start.status !== 200) throw new Error(`connect-url answered ${start.status}: ${await start.text()}`);
  const { url } = (await start.json()) as { url: string };
  const jar = start.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  // Follow the redirects one by one: the state cookie goes to the callback only (its path).
  let next = `${url}&sandbox_auto_approve=1`;
  for (let hop = 0; hop < 5; hop++) {
    const res = await fetch(next, { redirect: 'manual', headers: new URL(next).pathname === '/v1/oauth/callback' ? { cookie: jar.join('; ') } : {}, signal: AbortSignal.timeout(30_000) });
    const location = res.headers.get('location');
    if (res.status !== 302 || location === null) break;
    next = new URL(location, next).toString();
  }
  const connection = (await expectJson<{ connection: { status: string; realmId: string; companyName: string } }>(200, `${urls.connector}/v1/tenants/${tenant}/connection`, { bearer: adminJwt })).body.connection;
  if (connection.status !== 'connected') throw new Error(`the connection of ${tenantId} is ${connection.status}, not connected`);

  let previous = '';
  await waitFor(
    async () => {
      const counts = await Promise.all(
        ['accounts', 'payment-methods', 'items'].map(async (kind) => (await expectJson<{ items: unknown[] }>(200, `${urls.mapping}/v1/tenants/${tenant}/reference/${kind}`, { bearer: adminJwt })).body.items.length),
      );
      const stable = counts.every((n) => n > 0) && counts.join() === previous;
      previous = counts.join();
      return stable;
    },
    { timeoutMs, intervalMs: 500, description: "the company's accounts, payment methods and items in mapping" },
  );
  return { realmId: String(connection.realmId), companyName: connection.companyName };
}
