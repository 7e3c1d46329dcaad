/**
 * `ledgerbus retry`: a bulk retry of the records whose latest outcome matches the filters (one
 * run, POST /sync-log/retry), or of one sync-log entry (--entry, POST /sync-log/{id}/retry).
 */
import type { Apis } from '../api';
import { ok } from '../api';
import { CliError, EXIT } from '../errors';
import type { Out } from '../output';
import type { WatchOptions } from './sync';
import { watchRun } from './sync';

export interface RetryOptions {
  outcome?: 'failed' | 'held' | 'skipped';
  entity?: 'customer' | 'invoice' | 'payment';
  code?: string;
  from?: string;
  to?: string;
  ids?: string[];
  division?: string;
  entry?: string;
  watch?: boolean;
}

export async function retryCommand(apis: Apis, tenant: string, out: Out, options: RetryOptions & WatchOptions): Promise<number> {
  if (options.entry !== undefined) {
    const entry = await ok(apis.mapping.POST('/v1/tenants/{tenant}/sync-log/{id}/retry', { params: { path: { tenant, id: options.entry } } }));
    if (out.json) out.data(entry);
    else out.line(`retry requested for ${entry.entity ?? 'record'} ${entry.platformId ?? '?'} (sync-log ${entry.id}, was ${entry.outcome}${entry.reason === null ? '' : `: ${entry.reason}`})`);
    return EXIT.ok;
  }
  for (const [flag, value] of [['--from', options.from], ['--to', options.to]] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value))) throw new CliError(`${flag} must be an ISO date-time with an offset, e.g. 2026-12-01T00:00:00Z`, EXIT.usage, 'bad_date');
  }
  const body = {
    outcome: options.outcome ?? 'failed',
    ...(options.entity === undefined ? {} : { entity: options.entity }),
    ...(options.code === undefined ? {} : { code: options.code }),
    ...(options.from === undefined ? {} : { from: new Date(options.from).toISOString() }),
    ...(options.to === undefined ? {} : { to: new Date(options.to).toISOString() }),
    ...(options.ids === undefined || options.ids.length === 0 ? {} : { ids: options.ids }),
  };
  const run = await ok(apis.mapping.POST('/v1/tenants/{tenant}/sync-log/retry', { params: { path: { tenant }, query: options.division === undefined ? {} : { division: options.division } }, body }));
  if (options.watch === true) {
    if (!out.json) out.line(`retry run ${run.runId} started`);
    return watchRun(apis, tenant, run.runId, out, options);
  }
  if (out.json) out.data(run);
  else {
    const queued = run.phases.reduce((n, p) => n + p.summary.queued, 0);
    out.line(`retry run ${run.runId} ${run.status}${queued > 0 ? ` (${queued} records queued)` : ''}; follow it with: ledgerbus sync watch ${run.runId} --tenant ${tenant}`);
  }
  return EXIT.ok;
}
