/**
 * Sync runs in words: seed 003's "Last Synchronization Details" ("2015-05-20 17:06:51 - Starting
 * Customer Synchronization"), one line per phase start and end, with each phase's figures. Pure
 * functions (no React, no I/O) so the wording is tested without a browser.
 */
import type { paths as MappingPaths } from './api/mapping';

export type Run = MappingPaths['/v1/tenants/{tenant}/sync-runs/{runId}']['get']['responses'][200]['content']['application/json'];
export type RunPhase = Run['phases'][number];
export type RunStatus = Run['status'];

export const RUN_ACTIVE: ReadonlySet<RunStatus> = new Set(['queued', 'running']);

export const isActive = (run: Pick<Run, 'status'>): boolean => RUN_ACTIVE.has(run.status);

/** What started the run, as the admin knows the buttons. */
export const RUN_KINDS: Record<Run['kind'], string> = {
  enable: 'Enable Integration',
  manual: 'Synchronize now',
  retry: 'Retry of sync-log records',
};

/** The phase names of seed 003's lines ("Starting Customer Synchronization"). */
export const PHASE_TITLES: Record<RunPhase['phase'], string> = {
  inbound: 'QuickBooks Changes',
  customers: 'Customer',
  invoices: 'Invoice',
  payments: 'Payment',
};

/** The phase as a short label (progress bars, failed records). */
export const PHASE_LABELS: Record<RunPhase['phase'], string> = {
  inbound: 'Changes from QuickBooks',
  customers: 'Customers',
  invoices: 'Invoices',
  payments: 'Payments',
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-12-02 10:15:03` in the browser's time zone (the seed's format: sortable, to the second). */
export function clockTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `qbo_validation 2, duplicate_name 1` */
export function reasonCounts(reasons: Record<string, number>): string {
  return Object.entries(reasons)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
}

/** A finished phase's figures: "300 pushed, 0 already current, 2 failed (qbo_validation 2)". */
export function phaseFigures(phase: RunPhase): string {
  const s = phase.summary;
  if (phase.status === 'skipped') return `skipped${phase.note !== null ? ` — ${phase.note}` : ''}`;
  if (phase.phase === 'inbound') {
    const read = `${s.considered} ${s.considered === 1 ? 'change' : 'changes'} read from QuickBooks`;
    return phase.status === 'failed' ? `failed${phase.note !== null ? ` — ${phase.note}` : ''}` : phase.status === 'cancelled' ? `${read}, cancelled` : read;
  }
  const parts = [`${s.pushed} pushed`, `${s.alreadyCurrent} already current`, `${s.failed.total} failed${s.failed.total > 0 ? ` (${reasonCounts(s.failed.reasons)})` : ''}`];
  if (s.held.total > 0) parts.push(`${s.held.total} held (${reasonCounts(s.held.reasons)})`);
  if (s.skipped.total > 0) parts.push(`${s.skipped.total} skipped (${reasonCounts(s.skipped.reasons)})`);
  if (phase.status === 'failed' && phase.note !== null) parts.push(`phase failed — ${phase.note}`);
  if (phase.status === 'cancelled') parts.push('cancelled');
  return parts.join(', ');
}

export interface RunLine {
  /** ISO time of the event (for `<time dateTime>`), null for a phase that has not started. */
  at: string | null;
  text: string;
  kind: 'start' | 'end' | 'skipped' | 'waiting';
  phase: RunPhase['phase'];
}

/** One line per phase start and end, in the run's order; a phase not reached says so (waits, was cancelled, did not run). */
export function runLines(run: Run): RunLine[] {
  const lines: RunLine[] = [];
  const active = isActive(run);
  for (const p of run.phases) {
    const title = PHASE_TITLES[p.phase];
    if (p.status === 'skipped') {
      lines.push({ at: p.endedAt ?? p.startedAt, text: `Skipped ${title} Synchronization${p.note !== null ? `: ${p.note}` : ''}`, kind: 'skipped', phase: p.phase });
    } else if (p.startedAt === null) {
      // Never started: still to come while the run goes on, else cut short by a cancel or an earlier failure.
      const why = p.status === 'cancelled' ? 'the run was cancelled' : p.note ?? 'the run ended before it';
      lines.push(
        active && p.status === 'pending'
          ? { at: null, text: `${title} Synchronization waits for the phase before it`, kind: 'waiting', phase: p.phase }
          : { at: p.endedAt, text: `${title} Synchronization did not start: ${why}`, kind: 'skipped', phase: p.phase },
      );
    } else {
      lines.push({ at: p.startedAt, text: `Starting ${title} Synchronization`, kind: 'start', phase: p.phase });
      if (p.endedAt !== null) lines.push({ at: p.endedAt, text: `Ending ${title} Synchronization: ${phaseFigures(p)}`, kind: 'end', phase: p.phase });
    }
  }
  return lines;
}

/** Settled out of queued for a running phase; undefined while the phase is still finding its records. */
export function phaseProgress(phase: RunPhase): { settled: number; queued: number } | undefined {
  const { queued, settled } = phase.summary;
  return queued > 0 ? { settled: Math.min(settled, queued), queued } : undefined;
}

/** Failures across the run's phases (what the failed-records list shows). */
export function failedTotal(run: Run): number {
  return run.phases.reduce((n, p) => n + p.summary.failed.total, 0);
}

export function startedByText(run: Pick<Run, 'startedBy'>): string {
  return run.startedBy.type === 'service' ? `service account ${run.startedBy.id}` : run.startedBy.id;
}

/** The console's address of a run's details. */
export function runHref(runId: string): string {
  return `#/sync?run=${encodeURIComponent(runId)}`;
}

/** The running run a 409 `run_in_progress` names (`details.runId`). */
export function runIdOf(details: unknown): string | undefined {
  const runId = typeof details === 'object' && details !== null ? (details as { runId?: unknown }).runId : undefined;
  return typeof runId === 'string' ? runId : undefined;
}
