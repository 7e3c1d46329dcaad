/**
 * `ledgerbus status`: every service's liveness and readiness, the backlogs their /metrics report
 * (push jobs pending and the oldest one's age, webhook deliveries pending), the deployment's QBO
 * usage, and — with a tenant — its connection, integration, held records and pending dead letters.
 * Kafka consumer lag is not measured: it would need a Kafka client (and an embedded stack has no
 * Kafka); the push backlog is the figure to watch (the intake's lag stays near zero by design).
 */
import type { Apis } from '../api';
import { describeError, ok } from '../api';
import type { CliConfig, ServiceName } from '../config';
import { SERVICES } from '../config';
import type { Out } from '../output';
import { ago, table } from '../output';

export interface ServiceStatus {
  service: ServiceName;
  url: string;
  state: 'ready' | 'not_ready' | 'down' | 'skipped';
  detail: string | null;
  latencyMs: number | null;
}

export interface Backlog {
  pushJobsPending: Record<string, number>;
  pushOldestPendingSeconds: Record<string, number>;
  webhookDeliveriesPending: number | null;
}

/** The value of each sample of `name` in a Prometheus text exposition, with its labels. */
export function samples(text: string, name: string): Array<{ labels: Record<string, string>; value: number }> {
  const out: Array<{ labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (m === null || m[1] !== name) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ labels, value: Number(m[3]) });
  }
  return out;
}

async function probe(service: ServiceName, url: string, timeoutMs: number): Promise<ServiceStatus> {
  const started = Date.now();
  try {
    const live = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!live.ok) return { service, url, state: 'down', detail: `/healthz answered ${live.status}`, latencyMs: Date.now() - started };
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(timeoutMs) });
    const latencyMs = Date.now() - started;
    if (ready.ok) return { service, url, state: 'ready', detail: null, latencyMs };
    const body = await ready.text();
    return { service, url, state: 'not_ready', detail: `/readyz ${ready.status}: ${body.slice(0, 200)}`, latencyMs };
  } catch (err) {
    return { service, url, state: 'down', detail: describeError(err).message, latencyMs: null };
  }
}

async function scrape(url: string, token: string | undefined, timeoutMs: number): Promise<string | undefined> {
  try {
    const res = await fetch(`${url}/metrics`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? await res.text() : undefined;
  } catch {
    return undefined;
  }
}

type Connection = { status: string; companyName: string; realmId: string; lastWebhookAt?: string | null };
type RunRef = { runId: string; status: string; endedAt: string | null };

export interface TenantStatus {
  tenantId: string;
  connection: Connection | null;
  integration: { enabled: boolean; activeRun: RunRef | null; lastRun: RunRef | null; blockers: unknown[] } | null;
  held: { total: number; byEntity: Record<string, { total: number; byReason: Record<string, number> }> } | null;
  deadLettersPending: number | null;
  deadLettersPendingMore: boolean;
}

export interface StatusOptions {
  skip?: string[];
}

export async function statusCommand(config: CliConfig, apis: Apis, out: Out, options: StatusOptions): Promise<number> {
  const skip = new Set((options.skip ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== ''));
  const unknown = [...skip].filter((s) => !(SERVICES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`--skip: unknown service ${unknown.join(', ')} (services: ${SERVICES.join(', ')})`);
  const probeTimeout = Math.min(config.timeoutMs, 3_000);
  const services = await Promise.all(
    SERVICES.map((s) => (skip.has(s) ? Promise.resolve<ServiceStatus>({ service: s, url: config.urls[s], state: 'skipped', detail: null, latencyMs: null }) : probe(s, config.urls[s], probeTimeout))),
  );
  const token = await config.token().catch(() => undefined);

  // Backlogs, from the /metrics of the services that answer.
  const backlog: Backlog = { pushJobsPending: {}, pushOldestPendingSeconds: {}, webhookDeliveriesPending: null };
  const up = (s: ServiceName) => services.find((x) => x.service === s)?.state === 'ready' || services.find((x) => x.service === s)?.state === 'not_ready';
  await Promise.all(
    (['invoice-push', 'payment-push'] as const).filter(up).map(async (s) => {
      const text = await scrape(config.urls[s], token, probeTimeout);
      if (text === undefined) return;
      for (const x of samples(text, 'ledgerbus_push_jobs')) if (x.labels.status === 'pending') backlog.pushJobsPending[x.labels.entity ?? s] = (backlog.pushJobsPending[x.labels.entity ?? s] ?? 0) + x.value;
      for (const x of samples(text, 'ledgerbus_push_oldest_pending_age_seconds')) backlog.pushOldestPendingSeconds[x.labels.entity ?? s] = x.value;
    }),
  );
  if (up('webhooks')) {
    const text = await scrape(config.urls.webhooks, token, probeTimeout);
    const pending = text === undefined ? undefined : samples(text, 'webhooks_backlog').find((x) => x.labels.state === 'pending');
    backlog.webhookDeliveriesPending = pending?.value ?? null;
  }

  // The deployment's QBO usage (platform service accounts only: omitted for a tenant's token).
  let usage: { thisMonth: { core: number; corePlus: number }; quotaPercent: number | null } | null = null;
  if (up('connector') && token !== undefined) {
    const res = await apis.connector.GET('/v1/qbo-usage').catch(() => undefined);
    if (res?.data !== undefined) usage = { thisMonth: res.data.thisMonth, quotaPercent: res.data.quota?.deploymentPercent ?? null };
  }

  // The tenant's side, when one is given.
  let tenant: TenantStatus | null = null;
  const tenantErrors: string[] = [];
  if (config.tenant !== undefined) {
    const params = { params: { path: { tenant: config.tenant } } };
    const attempt = async <T>(what: string, call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T | undefined> => {
      try {
        return await ok(call);
      } catch (err) {
        tenantErrors.push(`${what}: ${describeError(err).message}`);
        return undefined;
      }
    };
    const [connection, integration, summary, letters] = await Promise.all([
      attempt('connection', apis.connector.GET('/v1/tenants/{tenant}/connection', params)),
      attempt('integration', apis.mapping.GET('/v1/tenants/{tenant}/integration', params)),
      attempt('held records', apis.mapping.GET('/v1/tenants/{tenant}/sync-log/summary', params)),
      attempt('dead letters', apis.mapping.GET('/v1/tenants/{tenant}/dead-letters', { params: { path: { tenant: config.tenant }, query: { status: 'pending', limit: 500 } } })),
    ]);
    tenant = {
      tenantId: config.tenant,
      connection: connection?.connection ?? null,
      integration: integration === undefined ? null : { enabled: integration.enabled, activeRun: integration.activeRun, lastRun: integration.lastRun, blockers: integration.blockers },
      held: summary?.held ?? null,
      deadLettersPending: letters === undefined ? null : letters.deadLetters.length,
      deadLettersPendingMore: letters?.next !== null && letters?.next !== undefined,
    };
  }

  const failed = services.some((s) => s.state === 'down' || s.state === 'not_ready') || tenantErrors.length > 0;
  const lag = { measured: false, reason: 'it needs a Kafka client, and ledgerbus status reads the HTTP APIs only; the push backlog is the figure to scale on' };
  if (out.json) {
    out.data({ ok: !failed, services, backlog, qboUsage: usage, lag, tenant, errors: tenantErrors });
    return failed ? 1 : 0;
  }
  out.line('services');
  for (const l of table(
    services.map((s) => ({ service: s.service, state: s.state, url: s.url, latency: s.latencyMs === null ? null : `${s.latencyMs} ms`, detail: s.detail })),
    ['service', 'state', 'url', 'latency', 'detail'],
  ))
    out.line(`  ${l}`);
  out.line();
  out.line('backlog');
  const entities = Object.keys(backlog.pushJobsPending);
  if (entities.length === 0) out.line('  push jobs: not reported (no push worker /metrics answered)');
  for (const e of entities) out.line(`  ${e} push jobs pending: ${backlog.pushJobsPending[e]}, oldest ${backlog.pushOldestPendingSeconds[e] ?? 0} s`);
  out.line(`  webhook deliveries pending: ${backlog.webhookDeliveriesPending ?? 'not reported'}`);
  out.line(`  consumer lag: not measured (${lag.reason})`);
  if (usage !== null) {
    out.line();
    out.line(`QBO calls this month: ${usage.thisMonth.core} core (writes), ${usage.thisMonth.corePlus} CorePlus (reads)${usage.quotaPercent === null ? '' : `, ${usage.quotaPercent}% of the read quota`}`);
  }
  if (tenant !== null) {
    out.line();
    out.line(`tenant ${config.tenant}`);
    const c = tenant.connection;
    const connectionFailed = tenantErrors.some((e) => e.startsWith('connection:'));
    out.line(`  connection: ${c === null ? (connectionFailed ? 'unknown' : 'none') : `${c.status} — "${c.companyName}" (realm ${c.realmId}), last webhook ${ago(c.lastWebhookAt)}`}`);
    const i = tenant.integration;
    if (i !== null) {
      out.line(`  integration: ${i.enabled ? 'enabled' : 'not enabled'}; ${i.activeRun === null ? 'no run in progress' : `run ${i.activeRun.runId} ${i.activeRun.status}`}${i.lastRun === null ? '' : `; last run ${i.lastRun.runId} ${i.lastRun.status} ${ago(i.lastRun.endedAt)}`}`);
    }
    const held = tenant.held;
    if (held !== null) out.line(`  held records: ${held.total}${held.total === 0 ? '' : ` (${Object.entries(held.byEntity).map(([e, v]) => `${e} ${v.total}`).join(', ')})`}`);
    if (tenant.deadLettersPending !== null) out.line(`  dead letters pending: ${tenant.deadLettersPending}${tenant.deadLettersPendingMore ? '+' : ''}`);
    for (const e of tenantErrors) out.line(`  error: ${e}`);
  }
  return failed ? 1 : 0;
}
