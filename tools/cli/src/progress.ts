/**
 * A sync run's progress, one bar per phase: redrawn in place on a terminal, one line per change
 * otherwise (CI logs, pipes).
 */
import type { SyncRunDetail } from '@ledgerbus/client';

type Phase = SyncRunDetail['phases'][number];

const WIDTH = 24;

export function bar(done: number, total: number, width = WIDTH): string {
  const ratio = total <= 0 ? 0 : Math.min(1, done / total);
  const full = Math.round(ratio * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}]`;
}

export function phaseLine(p: Phase): string {
  const s = p.summary;
  const total = s.queued;
  const settled = p.status === 'completed' ? Math.max(s.settled, total) : s.settled;
  const figures = total > 0 || p.status !== 'pending' ? `${settled}/${total}` : '';
  const counts = `pushed ${s.pushed}, current ${s.alreadyCurrent}, failed ${s.failed.total}, held ${s.held.total}, skipped ${s.skipped.total}`;
  const bars = p.status === 'skipped' ? `[${' '.repeat(WIDTH)}]` : bar(p.status === 'completed' ? 1 : settled, p.status === 'completed' ? 1 : total);
  return `${p.phase.padEnd(9)} ${bars} ${figures.padStart(9)}  ${p.status.padEnd(9)} ${counts}${p.note === null ? '' : `  (${p.note})`}`;
}

export function runHeader(run: SyncRunDetail): string {
  return `run ${run.runId} (${run.kind}) ${run.status}${run.error === null ? '' : `: ${run.error}`}`;
}

export interface ProgressView {
  update(run: SyncRunDetail): void;
  done(run: SyncRunDetail): void;
}

export function createProgressView(write: (text: string) => void, tty: boolean): ProgressView {
  let drawn = 0;
  let last: string[] = [];
  const lines = (run: SyncRunDetail) => [runHeader(run), ...run.phases.map(phaseLine)];
  const draw = (run: SyncRunDetail) => {
    const next = lines(run);
    if (tty) {
      // Up to the first line of the previous drawing, clear each line, write the new one.
      if (drawn > 0) write(`\x1b[${drawn}A`);
      write(next.map((l) => `\x1b[2K${l}\n`).join(''));
      drawn = next.length;
    } else {
      for (let i = 0; i < next.length; i++) if (next[i] !== last[i]) write(`${next[i]}\n`);
    }
    last = next;
  };
  return {
    update: draw,
    // The ended run in full (a terminal has it on screen already; a log gets it as one closing block).
    done: (run) => {
      if (tty) draw(run);
      else write(lines(run).map((l) => `${l}\n`).join(''));
    },
  };
}
