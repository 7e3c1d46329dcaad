/** QBO renders times in the company's time zone with an offset, e.g. 2015-07-24T09:34:35-07:00. */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function shifted(ms: number, offsetMinutes: number): Date {
  return new Date(ms + offsetMinutes * 60_000);
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2015-07-24T09:34:35-07:00` (entity MetaData times). */
export function formatDateTime(ms: number, offsetMinutes: number): string {
  const d = shifted(ms, offsetMinutes);
  return `${formatDate(ms, offsetMinutes)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${formatOffset(offsetMinutes)}`;
}

/** `2015-07-24T10:48:27.082-07:00` (the response `time`). */
export function formatTimestamp(ms: number, offsetMinutes: number): string {
  const d = shifted(ms, offsetMinutes);
  return `${formatDate(ms, offsetMinutes)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${formatOffset(offsetMinutes)}`;
}

/** `2015-07-24` in the company's time zone. */
export function formatDate(ms: number, offsetMinutes: number): string {
  const d = shifted(ms, offsetMinutes);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function isDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Milliseconds for a date (`2015-03-01`, midnight in the company's zone) or a date-time
 * (`2015-03-01T00:00:00-07:00`; without an offset it is read in the company's zone).
 * Undefined when the text is neither.
 */
export function parseDateOrDateTime(value: string, offsetMinutes: number): number | undefined {
  if (isDate(value)) return Date.parse(`${value}T00:00:00Z`) - offsetMinutes * 60_000;
  if (!DATE_TIME_RE.test(value)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const ms = Date.parse(hasZone ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : `${value}Z`);
  if (Number.isNaN(ms)) return undefined;
  return hasZone ? ms : ms - offsetMinutes * 60_000;
}

/** Whole days between two `YYYY-MM-DD` dates (b − a). */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Last day of the month of `YYYY-MM-DD`. */
export function endOfMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function startOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const day = Number(date.slice(8, 10));
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(day, last))).toISOString().slice(0, 10);
}
