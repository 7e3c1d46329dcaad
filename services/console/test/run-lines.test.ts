import type { Run, RunPhase } from '../web/src/runs';
import { clockTime, phaseFigures, phaseProgress, runLines } from '../web/src/runs';

/** A phase with figures; times are local wall-clock strings so clockTime prints them back unchanged. */
function phase(p: RunPhase['phase'], status: RunPhase['status'], at: { start?: string; end?: string } = {}, figures: Partial<RunPhase['summary']> = {}, note: string | null = null): RunPhase {
  return {
    phase: p,
    status,
    note,
    startedAt: at.start === undefined ? null : new Date(at.start).toISOString(),
    endedAt: at.end === undefined ? null : new Date(at.end).toISOString(),
    summary: { considered: 0, alreadyCurrent: 0, pushed: 0, skipped: { total: 0, reasons: {} }, held: { total: 0, reasons: {} }, failed: { total: 0, reasons: {} }, queued: 0, settled: 0, ...figures },
  };
}

function run(status: Run['status'], phases: RunPhase[]): Run {
  return { runId: 'r1', tenantId: 't', kind: 'enable', status, startedBy: { type: 'user', id: 'adam' }, createdAt: new Date().toISOString(), startedAt: null, endedAt: null, error: null, cancelRequestedAt: null, cancelRequestedBy: null, phases };
}

describe('a run in words (seed 003\'s Synchronization Details)', () => {
  test('one line per phase start and end, with the time to the second and the figures of the phase', () => {
    const customers = phase('customers', 'completed', { start: '2026-12-02T10:15:03', end: '2026-12-02T10:16:40' }, { pushed: 300, failed: { total: 2, reasons: { qbo_validation: 2 } } });
    const invoices = phase('invoices', 'running', { start: '2026-12-02T10:16:41' }, { queued: 600, settled: 120 });
    const lines = runLines(run('running', [customers, invoices, phase('payments', 'pending')]));
    expect(lines.map((l) => `${clockTime(l.at)} - ${l.text}`)).toEqual([
      '2026-12-02 10:15:03 - Starting Customer Synchronization',
      '2026-12-02 10:16:40 - Ending Customer Synchronization: 300 pushed, 0 already current, 2 failed (qbo_validation 2)',
      '2026-12-02 10:16:41 - Starting Invoice Synchronization',
      '— - Payment Synchronization waits for the phase before it',
    ]);
    expect(phaseProgress(invoices)).toEqual({ settled: 120, queued: 600 });
    expect(phaseProgress(phase('inbound', 'running', { start: '2026-12-02T10:15:00' }))).toBeUndefined();
  });

  test('held and skipped records and a failed phase are named with their reasons', () => {
    const p = phase('payments', 'failed', { start: '2026-12-02T10:00:00', end: '2026-12-02T10:20:00' }, { pushed: 5, alreadyCurrent: 3, held: { total: 1, reasons: { invoice_not_synced: 1 } }, skipped: { total: 2, reasons: { sync_data_after: 2 } } }, 'no outcome for 1 record');
    expect(phaseFigures(p)).toBe('5 pushed, 3 already current, 0 failed, 1 held (invoice_not_synced 1), 2 skipped (sync_data_after 2), phase failed — no outcome for 1 record');
    expect(phaseFigures(phase('inbound', 'completed', {}, { considered: 6 }))).toBe('6 changes read from QuickBooks');
  });

  test('phases a cancel or the settings left out are said to have not run, never to have ended', () => {
    const lines = runLines(
      run('cancelled', [
        phase('inbound', 'cancelled', { start: '2026-12-02T10:00:00', end: '2026-12-02T10:00:04' }, { considered: 0 }),
        phase('customers', 'skipped', { end: '2026-12-02T10:00:04' }, {}, 'customers are not synchronized to QuickBooks'),
        phase('invoices', 'cancelled', { end: '2026-12-02T10:00:04' }, {}, 'the run was cancelled'),
      ]),
    );
    expect(lines.map((l) => [l.kind, l.text])).toEqual([
      ['start', 'Starting QuickBooks Changes Synchronization'],
      ['end', 'Ending QuickBooks Changes Synchronization: 0 changes read from QuickBooks, cancelled'],
      ['skipped', 'Skipped Customer Synchronization: customers are not synchronized to QuickBooks'],
      ['skipped', 'Invoice Synchronization did not start: the run was cancelled'],
    ]);
  });
});
