/** `ledgerbus sync start|watch|list`: "Synchronize now", and a run followed phase by phase until it ends. */
import type { SyncRunDetail } from '@ledgerbus/client';
import type { Apis } from '../api';
import { ok } from '../api';
import { CliError, EXIT } from '../errors';
import type { Out } from '../output';
import { table } from '../output';
import { createProgressView, runHeader } from '../progress';

const ENDED = new Set(['succeeded', 'partially_failed', 'failed', 'cancelled']);

/** The exit code of an ended run: 0 succeeded, 3 partially_failed, 1 failed or cancelled. */
export function runExitCode(status: string): number {
  if (status === 'succeeded') return EXIT.ok;
  if (status === 'partially_failed') return EXIT.partial;
  return EXIT.failed;
}

export interface WatchOptions {
  intervalMs: number;
  timeoutMs: number;
  tty: boolean;
  write: (text: string) => void;
}

/** Polls the run until it ends; draws its phases unless --json (which prints the ended run). */
export async function watchRun(apis: Apis, tenant: string, runId: string, out: Out, options: WatchOptions): Promise<number> {
  const client = apis.client(tenant);
  const view = out.json ? undefined : createProgressView(options.write, options.tty);
  const deadline = Date.now() + options.timeoutMs;
  let run: SyncRunDetail;
  for (;;) {
    run = await client.syncRuns.get(runId);
    if (ENDED.has(run.status)) break;
    view?.update(run);
    if (Date.now() > deadline) throw new CliError(`run ${runId} still ${run.status} after ${Math.round(options.timeoutMs / 1000)} s (--watch-timeout)`, EXIT.failed, 'watch_timeout');
    await new Promise((r) => setTimeout(r, options.intervalMs));
  }
  if (out.json) out.data(run);
  else view?.done(run);
  return runExitCode(run.status);
}

/** The run to watch when none is named: the one in progress, else the latest. */
export async function currentRunId(apis: Apis, tenant: string): Promise<string> {
  const integration = await ok(apis.mapping.GET('/v1/tenants/{tenant}/integration', { params: { path: { tenant } } }));
  if (integration.activeRun !== null) return integration.activeRun.runId;
  const { runs } = await apis.client(tenant).syncRuns.list({ limit: 1 });
  const latest = runs[0];
  if (latest === undefined) throw new CliError(`tenant ${tenant} has no sync run yet (ledgerbus sync start)`, EXIT.failed, 'no_run');
  return latest.runId;
}

export async function syncStart(apis: Apis, tenant: string, out: Out, options: { division?: string; watch?: boolean } & WatchOptions): Promise<number> {
  const run = await apis.client(tenant).syncRuns.start(options.division === undefined ? {} : { division: options.division });
  if (options.watch === true) {
    if (!out.json) out.line(`started run ${run.runId} (${run.kind})`);
    return watchRun(apis, tenant, run.runId, out, options);
  }
  if (out.json) out.data(run);
  else out.line(`started run ${run.runId} (${run.kind}, ${run.status}); follow it with: ledgerbus sync watch ${run.runId} --tenant ${tenant}`);
  return EXIT.ok;
}

export async function syncList(apis: Apis, tenant: string, out: Out, limit: number): Promise<number> {
  const list = await apis.client(tenant).syncRuns.list({ limit });
  if (out.json) out.data(list);
  else {
    for (const l of table(
      list.runs.map((r) => ({ run: r.runId, kind: r.kind, status: r.status, by: `${r.startedBy.type}:${r.startedBy.id}`, started: r.startedAt, ended: r.endedAt })),
      ['run', 'kind', 'status', 'by', 'started', 'ended'],
    ))
      out.line(l);
  }
  return EXIT.ok;
}

export { runHeader };
