/**
 * "Enable Integration" as an admin does it, and the run's "Synchronization Details" as seed
 * 003 prints them ("2015-05-20 17:06:51 - Starting Customer Synchronization …"), with the
 * figures of each phase.
 */
import { expectJson, poll } from './http-client';

export interface RunPhaseView {
  phase: 'inbound' | 'customers' | 'invoices' | 'payments';
  status: string;
  note: string | null;
  startedAt: string | null;
  endedAt: string | null;
  summary: {
    considered: number;
    alreadyCurrent: number;
    pushed: number;
    skipped: { total: number; reasons: Record<string, number> };
    held: { total: number; reasons: Record<string, number> };
    failed: { total: number; reasons: Record<string, number> };
    queued: number;
    settled: number;
  };
}

export interface RunView {
  runId: string;
  kind: string;
  status: string;
  startedBy: { type: string; id: string };
  startedAt: string | null;
  endedAt: string | null;
  error: string | null;
  phases: RunPhaseView[];
}

const TITLES: Record<RunPhaseView['phase'], string> = { inbound: 'QuickBooks Changes', customers: 'Customer', invoices: 'Invoice', payments: 'Payment' };

function when(iso: string): string {
  return iso.replace('T', ' ').slice(0, 19);
}

function reasons(r: Record<string, number>): string {
  return Object.entries(r)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

/** A phase's figures in words. */
export function phaseFigures(p: RunPhaseView): string {
  const s = p.summary;
  if (p.phase === 'inbound') return p.status === 'failed' ? `failed: ${p.note ?? ''}` : `${s.considered} change(s) read from QuickBooks`;
  if (p.status === 'skipped') return `skipped: ${p.note ?? ''}`;
  const parts = [`${s.considered} considered`, `${s.pushed} pushed`, `${s.alreadyCurrent} already current`];
  if (s.skipped.total > 0) parts.push(`${s.skipped.total} skipped (${reasons(s.skipped.reasons)})`);
  if (s.held.total > 0) parts.push(`${s.held.total} held (${reasons(s.held.reasons)})`);
  if (s.failed.total > 0) parts.push(`${s.failed.total} failed (${reasons(s.failed.reasons)})`);
  if (p.status === 'failed' && p.note) parts.push(`phase failed: ${p.note}`);
  return parts.join(', ');
}

/** Seed 003's "Last Synchronization Details", one line per phase start and end. */
export function formatRunDetails(run: RunView): string[] {
  const lines = [`Synchronization Details — run ${run.runId} (${run.kind}, started by ${run.startedBy.type} ${run.startedBy.id}): ${run.status}`];
  for (const p of run.phases) {
    const title = TITLES[p.phase];
    if (p.startedAt !== null) lines.push(`  ${when(p.startedAt)} - Starting ${title} Synchronization`);
    if (p.endedAt !== null) lines.push(`  ${when(p.endedAt)} - Ending ${title} Synchronization: ${phaseFigures(p)}`);
  }
  return lines;
}

/** POST …/integration/enable, then follows the run until it ends (or the deadline). */
export async function enableIntegration(options: { mappingUrl: string; tenantId: string; adminToken: string; timeoutMs: number; onProgress?: (run: RunView) => void }): Promise<RunView> {
  const base = `${options.mappingUrl}/v1/tenants/${encodeURIComponent(options.tenantId)}`;
  const started = await expectJson<RunView>(202, `${base}/integration/enable`, { method: 'POST', bearer: options.adminToken, headers: { 'idempotency-key': `demo-enable-${options.tenantId}` } });
  return poll(
    `sync run ${started.body.runId} to end`,
    async () => {
      const run = (await expectJson<RunView>(200, `${base}/sync-runs/${started.body.runId}`, { bearer: options.adminToken })).body;
      options.onProgress?.(run);
      return run.status === 'queued' || run.status === 'running' ? undefined : run;
    },
    options.timeoutMs,
  );
}

/** POST …/integration/disable: records published from now on are held until "Enable Integration". */
export async function disableIntegration(options: { mappingUrl: string; tenantId: string; adminToken: string }): Promise<void> {
  await expectJson(200, `${options.mappingUrl}/v1/tenants/${encodeURIComponent(options.tenantId)}/integration/disable`, { method: 'POST', bearer: options.adminToken });
}
