/**
 * QBO report JSON (Section/Data rows, one Money column per month) → normalized lines:
 * one amount per (row, month). Row keys:
 * - `account:<id>`          a Data row carrying an Account Id (the account's own amount);
 * - `account_total:<id>`    the Summary of a parent account's section (with sub-accounts);
 * - `total:<group>`         a section's Summary with a `group` (Total Income, Net Income …),
 *                           or a Data row with a group and no id (the balance sheet's Net Income);
 * - `line:<label>`          any other row (e.g. a computed Retained Earnings without an id).
 * Columns without a StartDate (the trailing Total) are ignored.
 */
import type { Report, ReportColData, ReportRow } from '@ledgerbus/qbo';
import { reportColumns } from '@ledgerbus/qbo';
import { CATEGORY_LABELS, accountRowKey, categoryRowKey } from './datasets';
import { formatAmount, parseAmount } from './money';
import { monthOf } from './periods';

export type RowKind = 'account' | 'account_total' | 'total' | 'line';

export interface NormalizedRow {
  rowKey: string;
  kind: RowKind;
  label: string;
  /** The nearest report group (Income, Expenses, BankAccounts …), or null. */
  category: string | null;
  accountId: string | null;
}

export interface NormalizedLine extends NormalizedRow {
  /** "YYYY-MM". */
  month: string;
  /** Decimal string with two places. */
  amount: string;
}

export interface NormalizedReport {
  rows: NormalizedRow[];
  lines: NormalizedLine[];
  /** The months the report covers (one per month column), in order. */
  months: string[];
}

export class ReportShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportShapeError';
  }
}

export function normalizeReport(report: Report): NormalizedReport {
  const columns = reportColumns(report);
  // columns[0] is the label column; value index i ↔ columns[i + 1].
  const monthColumns: Array<{ valueIndex: number; month: string }> = [];
  columns.forEach((c, i) => {
    if (i === 0 || c.startDate === undefined) return;
    monthColumns.push({ valueIndex: i - 1, month: monthOf(c.startDate) });
  });
  if (monthColumns.length === 0) {
    throw new ReportShapeError(`${report.Header.ReportName ?? 'report'} has no month columns (summarize_column_by=Month expected)`);
  }
  const rows = new Map<string, NormalizedRow>();
  const lines: NormalizedLine[] = [];

  const emit = (row: NormalizedRow, cells: ReportColData[] | undefined): void => {
    if (rows.has(row.rowKey)) return; // a key appears once per report; keep the first
    rows.set(row.rowKey, row);
    const values = (cells ?? []).slice(1);
    for (const col of monthColumns) {
      lines.push({ ...row, month: col.month, amount: formatAmount(parseAmount(values[col.valueIndex]?.value)) });
    }
  };

  const walk = (list: ReportRow[] | undefined, inherited: string | null): void => {
    for (const row of list ?? []) {
      const isSection = row.type === 'Section' || row.Rows !== undefined || row.Summary !== undefined || row.Header !== undefined;
      if (!isSection || (row.ColData !== undefined && row.Rows === undefined)) {
        const first = row.ColData?.[0];
        const label = first?.value ?? '';
        const id = first?.id;
        if (id !== undefined && id !== '') {
          emit({ rowKey: accountRowKey(id), kind: 'account', label, category: row.group ?? inherited, accountId: id }, row.ColData);
        } else if (row.group !== undefined) {
          emit({ rowKey: categoryRowKey(row.group), kind: 'total', label: CATEGORY_LABELS[row.group] ?? label, category: row.group, accountId: null }, row.ColData);
        } else if (label !== '') {
          emit({ rowKey: `line:${label}`, kind: 'line', label, category: inherited, accountId: null }, row.ColData);
        }
        continue;
      }
      const category = row.group ?? inherited;
      const header = row.Header?.ColData?.[0];
      walk(row.Rows?.Row, category);
      const summary = row.Summary?.ColData;
      if (summary === undefined) continue;
      const summaryLabel = summary[0]?.value ?? '';
      if (row.group !== undefined) {
        emit({ rowKey: categoryRowKey(row.group), kind: 'total', label: CATEGORY_LABELS[row.group] ?? summaryLabel, category: row.group, accountId: null }, summary);
      } else if (header?.id !== undefined && header.id !== '') {
        emit({ rowKey: `account_total:${header.id}`, kind: 'account_total', label: summaryLabel, category, accountId: header.id }, summary);
      } else if (summaryLabel !== '') {
        emit({ rowKey: `line:${summaryLabel}`, kind: 'line', label: summaryLabel, category, accountId: null }, summary);
      }
    }
  };
  walk(report.Rows.Row, null);
  return { rows: [...rows.values()], lines, months: monthColumns.map((c) => c.month) };
}
