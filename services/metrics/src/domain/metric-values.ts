/**
 * Metric values from normalized lines: per month the sum of the selected rows, then rolled
 * up to the metric's period — a sum over the period's months, or the balance at the end of
 * the period (its last month with data in the history). No I/O.
 */
import type Decimal from 'decimal.js';
import type { Aggregation, MetricDefinition } from './metric-definition';
import { rowKeysOf } from './metric-definition';
import { formatAmount, parseAmount, sameAmount, sumAmounts } from './money';
import type { PeriodUnit } from './periods';
import { periodOf } from './periods';

export interface LineAmount {
  rowKey: string;
  /** "YYYY-MM". */
  month: string;
  amount: string;
}

export interface MetricValue {
  /** "2026-03", "2026-Q1" or "2026". */
  period: string;
  start: string;
  end: string;
  value: string;
  /** False when the history covers only part of the period (the first, or the current one). */
  complete: boolean;
}

/** One value per month of `months`: the sum of the selected rows' amounts (absent = 0). */
export function monthlyValues(rowKeys: readonly string[], lines: readonly LineAmount[], months: readonly string[]): Map<string, Decimal> {
  const wanted = new Set(rowKeys);
  const byMonth = new Map<string, Decimal[]>(months.map((m) => [m, []]));
  for (const line of lines) {
    if (!wanted.has(line.rowKey)) continue;
    byMonth.get(line.month)?.push(parseAmount(line.amount));
  }
  return new Map([...byMonth].map(([m, values]) => [m, sumAmounts(values)]));
}

/** Roll monthly values (in month order) up to periods. `lastCompleteMonth`: months after it are "to date". */
export function rollUp(monthly: ReadonlyMap<string, Decimal>, unit: PeriodUnit, aggregation: Aggregation, lastCompleteMonth?: string): MetricValue[] {
  const groups = new Map<string, { info: ReturnType<typeof periodOf>; months: string[]; values: Decimal[] }>();
  for (const [month, value] of [...monthly].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const info = periodOf(month, unit);
    let g = groups.get(info.key);
    if (!g) groups.set(info.key, (g = { info, months: [], values: [] }));
    g.months.push(month);
    g.values.push(value);
  }
  return [...groups.values()].map(({ info, months, values }) => {
    const value = aggregation === 'sum' ? sumAmounts(values) : (values[values.length - 1] as Decimal);
    const lastMonth = months[months.length - 1] ?? '';
    const complete = months.length === info.months && (lastCompleteMonth === undefined || lastMonth <= lastCompleteMonth);
    return { period: info.key, start: info.start, end: info.end, value: formatAmount(value), complete };
  });
}

export function computeSeries(def: Pick<MetricDefinition, 'selector' | 'aggregation' | 'period'>, lines: readonly LineAmount[], months: readonly string[], lastCompleteMonth?: string): MetricValue[] {
  return rollUp(monthlyValues(rowKeysOf(def.selector), lines, months), def.period, def.aggregation, lastCompleteMonth);
}

export interface SeriesChange {
  period: string;
  previous: string | null;
  value: string;
}

/** What changed between the stored series and a new one (new periods, changed values). */
export function diffSeries(previous: ReadonlyMap<string, string>, next: readonly MetricValue[]): SeriesChange[] {
  const out: SeriesChange[] = [];
  for (const v of next) {
    const before = previous.get(v.period);
    if (before === undefined || !sameAmount(before, v.value)) out.push({ period: v.period, previous: before ?? null, value: v.value });
  }
  return out;
}
