/**
 * `ledgerbus tenants`: each tenant's connection, integration and backlog in one row. No HTTP API
 * lists every tenant (the connections live on the compacted connector.connections.v1 topic), so
 * the tenants are the ones given: --tenant a,b (comma-separated) or LEDGERBUS_TENANTS.
 */
import type { Apis } from '../api';
import { describeError, ok } from '../api';
import type { CliConfig } from '../config';
import { CliError, EXIT } from '../errors';
import type { Out } from '../output';
import { table } from '../output';

export function tenantList(config: CliConfig, given: string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = given !== undefined && given.length > 0 ? given : [env.LEDGERBUS_TENANTS ?? '', config.tenant ?? ''];
  const list = [...new Set(raw.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== ''))];
  if (list.length === 0) {
    throw new CliError('name the tenants: --tenant a,b (or LEDGERBUS_TENANTS); no HTTP API lists every tenant of a deployment', EXIT.usage, 'no_tenant');
  }
  return list;
}

export async function tenantsCommand(apisFor: (tenant: string) => Apis, out: Out, tenants: string[]): Promise<number> {
  const rows = await Promise.all(
    tenants.map(async (tenant) => {
      const apis = apisFor(tenant);
      const params = { params: { path: { tenant } } };
      try {
        const [connection, integration, summary] = await Promise.all([
          ok(apis.connector.GET('/v1/tenants/{tenant}/connection', params)),
          ok(apis.mapping.GET('/v1/tenants/{tenant}/integration', params)),
          ok(apis.mapping.GET('/v1/tenants/{tenant}/sync-log/summary', params)),
        ]);
        const c = connection.connection;
        return {
          tenant,
          connection: c?.status ?? 'not_connected',
          company: c?.companyName ?? null,
          realm: c?.realmId ?? null,
          integration: integration.enabled ? 'enabled' : 'disabled',
          activeRun: integration.activeRun?.runId ?? null,
          lastRun: integration.lastRun === null ? null : `${integration.lastRun.status}`,
          held: summary.held.total,
          error: null as string | null,
        };
      } catch (err) {
        return { tenant, connection: null, company: null, realm: null, integration: null, activeRun: null, lastRun: null, held: null, error: describeError(err).message };
      }
    }),
  );
  if (out.json) out.data({ tenants: rows });
  else for (const l of table(rows, ['tenant', 'connection', 'company', 'realm', 'integration', 'activeRun', 'lastRun', 'held', 'error'])) out.line(l);
  return rows.some((r) => r.error !== null) ? EXIT.failed : EXIT.ok;
}
