/**
 * The QuickBooks API calls of this tenant (connector's GET qbo-usage): reads (CorePlus, metered against the
 * deployment's monthly quota) and writes (Core, free) this month, and each realm's per-minute budget now.
 */
import { unwrap } from '../api/client';
import type { ConnectorPaths } from '../api/client';
import { Card, ErrorBox, Loading, formatTime, useConsole, useLoad } from '../ui';

type Usage = ConnectorPaths['/v1/tenants/{tenant}/qbo-usage']['get']['responses'][200]['content']['application/json'];

const WINDOW: Record<string, string> = { per_second: 'this second', per_minute: 'this minute', batch_per_minute: 'batch calls this minute' };
const n = (x: number): string => x.toLocaleString();
const pct = (x: number): string => `${x < 1 && x > 0 ? x.toFixed(2) : x.toFixed(1)} %`;

export function UsageCard() {
  const { api, session } = useConsole();
  const tenant = session.tenant;
  const usage = useLoad<Usage>(async () => unwrap(await api.connector.GET('/v1/tenants/{tenant}/qbo-usage', { params: { path: { tenant } } })), tenant);
  return (
    <Card
      title="QuickBooks API calls"
      actions={
        <button type="button" className="btn btn-secondary btn-small" onClick={usage.reload}>
          Refresh
        </button>
      }
    >
      {usage.state === 'loading' && <Loading label="Loading the call counts…" />}
      {usage.state === 'error' && <ErrorBox error={usage.error} onRetry={usage.reload} title="Could not load the call counts." />}
      {usage.state === 'ready' && (
        <div className="usage">
          <dl className="facts">
            <div>
              <dt>Reads this month (metered)</dt>
              <dd data-usage="reads">{n(usage.data.thisMonth.corePlus)}</dd>
            </div>
            <div>
              <dt>Writes this month (free)</dt>
              <dd data-usage="writes">{n(usage.data.thisMonth.core)}</dd>
            </div>
            <div>
              <dt>Share of the monthly read quota</dt>
              <dd>
                {pct(usage.data.quota.tenantPercent)} of {n(usage.data.quota.monthlyReadQuota)}
                <div className="hint">
                  all tenants: {pct(usage.data.quota.deploymentPercent)}, {pct(usage.data.quota.deploymentForecastPercent)} forecast by {formatTime(usage.data.quota.monthEndsAt)}
                </div>
              </dd>
            </div>
          </dl>
          {usage.data.realms.map((r) => (
            <div key={`${r.realmId}|${r.divisionId ?? ''}`} className="usage-realm" data-realm-id={r.realmId}>
              <h3>
                Company {r.realmId}
                {r.divisionId !== undefined && <> · division {r.divisionId}</>}: budget used now
              </h3>
              <ul className="budget-list">
                {r.budget.map((b) => (
                  <li key={b.name}>
                    <span className="budget-label">
                      {n(b.used)} of {n(b.limit)} {WINDOW[b.name] ?? b.name}
                    </span>
                    <progress max={b.limit} value={Math.min(b.used, b.limit)} aria-label={`${b.used} of ${b.limit} requests ${WINDOW[b.name] ?? b.name}`} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <p className="hint">Reads are counted against the month's quota shared by every tenant; Intuit also limits each company to 500 requests a minute and 10 a second.</p>
        </div>
      )}
    </Card>
  );
}
