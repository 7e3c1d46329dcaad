import Decimal from 'decimal.js';
import { faults } from '../faults/qbo-fault';
import type { Company, Json } from '../store/company';
import type { Posting, ReportBasis } from '../store/ledger';
import { addDays, addMonths, endOfMonth, formatDate, isDate, startOfMonth } from '../time';

export interface Period {
  title: string;
  start: string;
  end: string;
  key: string;
}

export interface ReportParams {
  start: string;
  end: string;
  basis: ReportBasis;
  summarizeBy: 'Total' | 'Month';
  dateMacro?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Dates for the named ranges QBO accepts in `date_macro` (the common ones). */
function macroRange(macro: string, today: string): { start: string; end: string } {
  const year = today.slice(0, 4);
  const m = macro.trim().toLowerCase();
  switch (m) {
    case 'today':
      return { start: today, end: today };
    case 'yesterday':
      return { start: addDays(today, -1), end: addDays(today, -1) };
    case 'this month':
      return { start: startOfMonth(today), end: endOfMonth(today) };
    case 'this month-to-date':
      return { start: startOfMonth(today), end: today };
    case 'last month': {
      const s = startOfMonth(addMonths(startOfMonth(today), -1));
      return { start: s, end: endOfMonth(s) };
    }
    case 'this fiscal year':
    case 'this calendar year':
      return { start: `${year}-01-01`, end: `${year}-12-31` };
    case 'this fiscal year-to-date':
    case 'this calendar year-to-date':
      return { start: `${year}-01-01`, end: today };
    case 'last fiscal year':
    case 'last calendar year':
      return { start: `${Number(year) - 1}-01-01`, end: `${Number(year) - 1}-12-31` };
    default:
      throw faults.invalidValue('date_macro', `Unsupported date_macro: ${macro}`);
  }
}

export function parseReportParams(query: Record<string, string | undefined>, company: Company, nowMs: number, offset: number): ReportParams {
  const today = formatDate(nowMs, offset);
  const macro = query.date_macro;
  let { start, end } = macroRange(macro ?? 'This Fiscal Year-to-date', today);
  if (query.start_date !== undefined) {
    if (!isDate(query.start_date)) throw faults.invalidValue('start_date', `Invalid start_date: ${query.start_date}`);
    start = query.start_date;
  }
  if (query.end_date !== undefined) {
    if (!isDate(query.end_date)) throw faults.invalidValue('end_date', `Invalid end_date: ${query.end_date}`);
    end = query.end_date;
  }
  if (start > end) throw faults.invalidValue('start_date', 'start_date must be less than end_date');
  const prefs = company.get('Preferences', '1');
  const defaultBasis = ((prefs?.ReportPrefs as Json | undefined)?.ReportBasis as string | undefined) ?? 'Accrual';
  const method = query.accounting_method ?? defaultBasis;
  if (method !== 'Accrual' && method !== 'Cash') throw faults.invalidValue('accounting_method', `accounting_method must be Accrual or Cash, got ${method}`);
  const by = query.summarize_column_by ?? 'Total';
  if (by !== 'Total' && by !== 'Month') throw faults.invalidValue('summarize_column_by', `The sandbox supports summarize_column_by Total and Month, got ${by}`);
  const params: ReportParams = { start, end, basis: method, summarizeBy: by };
  if (macro !== undefined && query.start_date === undefined && query.end_date === undefined) params.dateMacro = macro.toLowerCase();
  return params;
}

/** Month periods covering [start, end], the first and last clipped. */
export function monthPeriods(start: string, end: string): Period[] {
  const out: Period[] = [];
  let cursor = startOfMonth(start);
  while (cursor <= end) {
    const title = `${MONTHS[Number(cursor.slice(5, 7)) - 1]} ${cursor.slice(0, 4)}`;
    const from = cursor < start ? start : cursor;
    const monthEnd = endOfMonth(cursor);
    out.push({ title, start: from, end: monthEnd > end ? end : monthEnd, key: title });
    cursor = addMonths(cursor, 1);
  }
  return out;
}

export function fmt(d: Decimal): string {
  return d.toFixed(2);
}

/** Sum of postings per account in [start, end] (debit positive). */
export function sumByAccount(postings: Posting[], start: string | undefined, end: string): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const p of postings) {
    if (p.date > end || (start !== undefined && p.date < start)) continue;
    out.set(p.accountId, (out.get(p.accountId) ?? new Decimal(0)).plus(p.amount));
  }
  return out;
}

export function header(reportName: string, params: ReportParams, nowIso: string, noData: boolean): Json {
  const h: Json = {
    Time: nowIso,
    ReportName: reportName,
    ReportBasis: params.basis,
    StartPeriod: params.start,
    EndPeriod: params.end,
    SummarizeColumnsBy: params.summarizeBy,
    Currency: 'USD',
    Option: [
      { Name: 'AccountingStandard', Value: 'GAAP' },
      { Name: 'NoReportData', Value: noData ? 'true' : 'false' },
    ],
  };
  if (params.dateMacro) h.DateMacro = params.dateMacro;
  return h;
}

export function columns(periods: Period[], withTotal: boolean): Json {
  const cols: Json[] = [{ ColTitle: '', ColType: 'Account', MetaData: [{ Name: 'ColKey', Value: 'account' }] }];
  if (periods.length > 0) {
    for (const p of periods) cols.push({ ColTitle: p.title, ColType: 'Money', MetaData: [{ Name: 'StartDate', Value: p.start }, { Name: 'EndDate', Value: p.end }, { Name: 'ColKey', Value: p.key }] });
  }
  if (withTotal) cols.push({ ColTitle: 'Total', ColType: 'Money', MetaData: [{ Name: 'ColKey', Value: 'total' }] });
  return { Column: cols };
}

/** A Data row: the account, then one cell per value column ("" for zero). */
export function dataRow(label: { value: string; id?: string }, values: Decimal[], group?: string): Json {
  const row: Json = { ColData: [label, ...values.map((v) => ({ value: v.isZero() ? '' : fmt(v) }))], type: 'Data' };
  if (group) row.group = group;
  return row;
}

export function sectionRow(title: string | undefined, group: string | undefined, rows: Json[], summaryTitle: string, totals: Decimal[], width: number): Json {
  const row: Json = {};
  if (title !== undefined) row.Header = { ColData: [{ value: title }, ...Array.from({ length: width }, () => ({ value: '' }))] };
  if (title !== undefined) row.Rows = { Row: rows };
  row.Summary = { ColData: [{ value: summaryTitle }, ...totals.map((t) => ({ value: rows.length === 0 && title !== undefined && t.isZero() ? '' : fmt(t) }))] };
  row.type = 'Section';
  if (group) row.group = group;
  return row;
}

export function zeros(n: number): Decimal[] {
  return Array.from({ length: n }, () => new Decimal(0));
}

export function addInto(target: Decimal[], values: Decimal[], sign = 1): void {
  values.forEach((v, i) => (target[i] = (target[i] ?? new Decimal(0)).plus(sign === 1 ? v : v.neg())));
}
