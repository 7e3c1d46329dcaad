/**
 * Calendar arithmetic on ISO dates ("YYYY-MM-DD") and months ("YYYY-MM"), in UTC, with no
 * I/O: the history window, report chunks, and the month → quarter/year roll-up keys.
 */

export type PeriodUnit = 'month' | 'quarter' | 'year';

export interface DateRange {
  /** First day, "YYYY-MM-DD". */
  start: string;
  /** Last day (inclusive), "YYYY-MM-DD". */
  end: string;
}

export interface PeriodInfo {
  /** "2026-03" (month), "2026-Q1" (quarter), "2026" (year). */
  key: string;
  start: string;
  end: string;
  /** Months in the whole period (1, 3 or 12). */
  months: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function ymOf(month: string): { y: number; m: number } {
  const match = /^([0-9]{4})-([0-9]{2})/.exec(month);
  if (!match) throw new RangeError(`not a month or date: ${month}`);
  return { y: Number(match[1]), m: Number(match[2]) };
}

/** "2026-03-15" or "2026-03" → "2026-03". */
export function monthOf(date: string): string {
  const { y, m } = ymOf(date);
  return `${y}-${pad(m)}`;
}

export function addMonths(month: string, n: number): string {
  const { y, m } = ymOf(month);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export function firstDay(month: string): string {
  return `${monthOf(month)}-01`;
}

export function lastDay(month: string): string {
  const { y, m } = ymOf(month);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${pad(m)}-${pad(days)}`;
}

/** The calendar date of an instant in a zone given as a UTC offset in minutes. */
export function dateOf(instant: Date, offsetMinutes = 0): string {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Months from `from` to `to` inclusive, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The last `months` months ending with the month of `today` (to date). */
export function historyRange(today: string, months: number): DateRange {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`history must be at least one month, got ${months}`);
  return { start: firstDay(addMonths(today, -(months - 1))), end: today };
}

/**
 * Split a range into consecutive chunks of at most `chunkMonths` whole months (the last
 * one ends at the range's end), so that no single report call covers a long range.
 */
export function chunkRange(range: DateRange, chunkMonths: number): DateRange[] {
  if (!Number.isInteger(chunkMonths) || chunkMonths < 1) throw new RangeError(`chunkMonths must be a positive integer, got ${chunkMonths}`);
  const out: DateRange[] = [];
  let month = monthOf(range.start);
  const lastMonth = monthOf(range.end);
  let start = range.start;
  while (month <= lastMonth) {
    const chunkLast = addMonths(month, chunkMonths - 1);
    const end = chunkLast >= lastMonth ? range.end : lastDay(chunkLast);
    out.push({ start, end });
    month = addMonths(chunkLast, 1);
    start = firstDay(month);
  }
  return out;
}

/** The period of a unit that contains a month. */
export function periodOf(month: string, unit: PeriodUnit): PeriodInfo {
  const { y, m } = ymOf(month);
  if (unit === 'month') return { key: `${y}-${pad(m)}`, start: firstDay(month), end: lastDay(month), months: 1 };
  if (unit === 'quarter') {
    const q = Math.floor((m - 1) / 3) + 1;
    const firstMonth = `${y}-${pad((q - 1) * 3 + 1)}`;
    return { key: `${y}-Q${q}`, start: firstDay(firstMonth), end: lastDay(addMonths(firstMonth, 2)), months: 3 };
  }
  return { key: String(y), start: `${y}-01-01`, end: `${y}-12-31`, months: 12 };
}
