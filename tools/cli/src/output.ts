/** Human output (aligned tables, plain lines) and the `--json` form of the same data. */
export interface Out {
  json: boolean;
  line(text?: string): void;
  data(value: unknown): void;
}

export function createOut(json: boolean, write: (text: string) => void = (t) => process.stdout.write(t)): Out {
  return {
    json,
    line: (text = '') => write(`${text}\n`),
    data: (value) => write(`${JSON.stringify(value, null, 2)}\n`),
  };
}

/** A table: one row per item, the columns padded to their widest cell. */
export function table(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]): string[] {
  if (rows.length === 0) return ['(none)'];
  const cell = (v: unknown): string => (v === null || v === undefined ? '-' : typeof v === 'string' ? v : JSON.stringify(v));
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const fmt = (row: readonly string[]) =>
    row
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [fmt(columns.map((c) => c.toUpperCase())), ...cells.map(fmt)];
}

/** "12 s ago", "3 min ago" … for times in human output. */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (iso === null || iso === undefined) return '-';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(s)) return iso;
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}
