/**
 * Sync runs (no I/O): which phases a run goes through, what each record's outcome event
 * means for the run, and how a finished run is judged.
 *
 * A run makes a company current in the order of the data's dependencies: inbound (CDC
 * catch-up, reference data) → customers → invoices → payments. mapping asks the service that
 * owns a phase's records (`sync.phase_requested`); the service answers with what it found
 * (`sync.phase_scanned`: considered, already current, queued) and each queued record then
 * gets one final outcome event carrying the run id. A phase has settled when every queued
 * record has a final outcome; only then does the next phase start.
 */
import type { SyncSettings } from '@ledgerbus/contracts';

export const RUN_PHASES = ['inbound', 'customers', 'invoices', 'payments'] as const;
export type RunPhase = (typeof RUN_PHASES)[number];
export type RunKind = 'enable' | 'manual' | 'retry';
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'partially_failed' | 'failed' | 'cancelled';
export type PhaseStatus = 'pending' | 'running' | 'completed' | 'skipped' | 'failed' | 'cancelled';
export type RecordOutcome = 'pushed' | 'skipped' | 'held' | 'failed' | 'waiting';

/** The entity whose records a phase pushes (inbound has none). */
export const PHASE_ENTITY: Record<RunPhase, string | null> = { inbound: null, customers: 'customer', invoices: 'invoice', payments: 'payment' };
export const ENTITY_PHASE: Record<string, RunPhase> = { customer: 'customers', invoice: 'invoices', payment: 'payments' };
/** The service that answers a phase's request. */
export const PHASE_SERVICE: Record<RunPhase, string> = { inbound: 'connector', customers: 'customer-sync', invoices: 'invoice-push', payments: 'payment-push' };

/** Records of a retry run, by phase. */
export type RunTargets = Partial<Record<Exclude<RunPhase, 'inbound'>, string[]>>;

/** The phases of a run, in order: a retry run only those of the entities it retries. */
export function phasesOf(kind: RunKind, targets?: RunTargets): RunPhase[] {
  if (kind !== 'retry') return [...RUN_PHASES];
  return RUN_PHASES.filter((p) => p !== 'inbound' && (targets?.[p]?.length ?? 0) > 0);
}

/**
 * Why a phase is not run at all with these settings (the entity is off), or undefined.
 * Records of an entity that is off stay held (`sync_disabled`) until it is turned on.
 */
export function phaseSkipNote(phase: RunPhase, settings: SyncSettings): string | undefined {
  switch (phase) {
    case 'inbound':
      return undefined;
    case 'customers':
      return settings.entities.customers === 'to_qbo' || settings.entities.customers === 'both'
        ? undefined
        : `customers are not synchronized to QuickBooks (entities.customers is "${settings.entities.customers}"); QuickBooks changes came in with the inbound phase`;
    case 'invoices':
      return settings.invoices.enabled ? undefined : 'invoices are off in the settings (invoices.enabled)';
    case 'payments':
      return settings.payments.enabled ? undefined : 'payments are off in the settings (payments.enabled)';
  }
}

/** Dependency waits: the record is still on its way (its customer or invoice is being linked). */
const WAIT_REASONS: ReadonlySet<string> = new Set(['customer_not_synced', 'invoice_not_synced']);

/**
 * What an outcome event of a record means for a run, or undefined when the event is not a
 * record outcome. `waiting` is not final: the phase has not settled for that record yet.
 */
export function recordOutcomeOf(type: string, data: Record<string, unknown>): { outcome: RecordOutcome; reason: string | null } | undefined {
  const [entity, suffix] = type.split('.') as [string, string | undefined];
  if (ENTITY_PHASE[entity] === undefined || suffix === undefined) return undefined;
  const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
  switch (suffix) {
    case 'pushed':
    case 'voided':
    case 'deleted':
      return { outcome: 'pushed', reason: suffix === 'pushed' ? str(data.action) : suffix };
    case 'synced':
      // A customer applied from QBO is not a push of the run.
      return data.direction === 'from_qbo' ? undefined : { outcome: 'pushed', reason: str(data.action) };
    case 'skipped':
      return { outcome: 'skipped', reason: str(data.filter) ?? 'skipped' };
    case 'held': {
      const reason = str(data.reason) ?? 'held';
      return { outcome: WAIT_REASONS.has(reason) ? 'waiting' : 'held', reason };
    }
    case 'push_failed':
      return { outcome: 'failed', reason: str(data.code) ?? 'failed' };
    case 'sync_failed':
      return data.direction === 'from_qbo' ? undefined : { outcome: 'failed', reason: str(data.code) ?? 'failed' };
    default:
      return undefined;
  }
}

/** A phase's owner answer (`sync.phase_scanned`). */
export interface PhaseScan {
  considered: number;
  alreadyCurrent: number;
  queued: number;
  skipped?: Record<string, number>;
  error?: { code: string; message: string };
}

export interface ReasonCounts {
  total: number;
  reasons: Record<string, number>;
}

/** The figures of a phase (the `runPhaseSummary` of the contract). */
export interface PhaseSummary {
  considered: number;
  alreadyCurrent: number;
  pushed: number;
  skipped: ReasonCounts;
  held: ReasonCounts;
  failed: ReasonCounts;
  queued: number;
  settled: number;
}

/** Counts of the run's records of one phase, by outcome and reason. */
export interface OutcomeCount {
  outcome: RecordOutcome;
  reason: string | null;
  count: number;
}

function add(target: ReasonCounts, reason: string, n: number): void {
  target.total += n;
  target.reasons[reason] = (target.reasons[reason] ?? 0) + n;
}

export function summarize(scan: PhaseScan | null, counts: readonly OutcomeCount[]): PhaseSummary {
  const summary: PhaseSummary = {
    considered: scan?.considered ?? 0,
    alreadyCurrent: scan?.alreadyCurrent ?? 0,
    pushed: 0,
    skipped: { total: 0, reasons: {} },
    held: { total: 0, reasons: {} },
    failed: { total: 0, reasons: {} },
    queued: scan?.queued ?? 0,
    settled: 0,
  };
  for (const [reason, n] of Object.entries(scan?.skipped ?? {})) add(summary.skipped, reason, n);
  for (const c of counts) {
    if (c.outcome === 'waiting') continue;
    summary.settled += c.count;
    if (c.outcome === 'pushed') summary.pushed += c.count;
    else add(summary[c.outcome], c.reason ?? c.outcome, c.count);
  }
  return summary;
}

/** A phase has settled when its owner answered and every queued record has a final outcome. */
export function phaseSettled(scan: PhaseScan | null, summary: PhaseSummary): boolean {
  if (scan === null) return false;
  return scan.error !== undefined || summary.settled >= scan.queued;
}

/** How a finished run is judged from its phases. */
export function runStatusOf(phases: ReadonlyArray<{ status: PhaseStatus; summary: PhaseSummary }>, cancelled: boolean): Exclude<RunStatus, 'queued' | 'running'> {
  if (cancelled) return 'cancelled';
  const ran = phases.filter((p) => p.status !== 'skipped');
  if (ran.length > 0 && ran.every((p) => p.status === 'failed')) return 'failed';
  const trouble = phases.some((p) => p.status === 'failed' || p.summary.failed.total > 0 || p.summary.held.total > 0);
  return trouble ? 'partially_failed' : 'succeeded';
}
