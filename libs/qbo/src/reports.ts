/**
 * Report parameters and a flattener that turns QBO's nested Section/Data rows into a flat
 * list: one entry per data row and per section header/summary, with its section path.
 * Values stay strings exactly as QBO sends them (money as decimal strings).
 */
import type { Report, ReportColData, ReportRow } from './entities';

export type ReportName = 'ProfitAndLoss' | 'BalanceSheet' | (string & {});

export interface ReportParams {
  start_date?: string;
  end_date?: string;
  date_macro?: string;
  accounting_method?: 'Cash' | 'Accrual';
  summarize_column_by?: 'Total' | 'Month' | 'Week' | 'Days' | 'Quarter' | 'Year' | 'Customers' | 'Vendors' | 'Classes' | 'Departments' | 'Employees' | 'ProductsAndServices';
  customer?: string;
  vendor?: string;
  item?: string;
  class?: string;
  department?: string;
  sort_order?: 'ascend' | 'descend';
  [key: string]: string | undefined;
}

export interface ReportColumnInfo {
  title: string;
  type: string | undefined;
  key: string | undefined;
  startDate: string | undefined;
  endDate: string | undefined;
}

export interface FlatReportRow {
  /** "Data" rows carry account values; "Header"/"Summary" come from Sections. */
  kind: 'Data' | 'Header' | 'Summary';
  /** Labels of the enclosing sections, outermost first. */
  path: string[];
  /** The `group` of this row or, for data rows without one, of the nearest section. */
  group: string | undefined;
  /** The first column's label (account name, "Total Income" …). */
  label: string;
  /** The first column's id (the Account Id on data rows), when present. */
  id: string | undefined;
  /** The remaining columns' values, as strings ("" for empty cells). */
  values: string[];
  depth: number;
}

export function reportColumns(report: Report): ReportColumnInfo[] {
  return report.Columns.Column.map((c) => {
    const meta = (name: string): string | undefined => c.MetaData?.find((m) => m.Name === name)?.Value;
    return { title: c.ColTitle, type: c.ColType, key: meta('ColKey'), startDate: meta('StartDate'), endDate: meta('EndDate') };
  });
}

function split(cols: ReportColData[] | undefined): { label: string; id: string | undefined; values: string[] } {
  const [first, ...rest] = cols ?? [];
  return { label: first?.value ?? '', id: first?.id, values: rest.map((c) => c.value ?? '') };
}

/** Depth-first flattening in report order. */
export function flattenReport(report: Report): FlatReportRow[] {
  const out: FlatReportRow[] = [];
  const walk = (rows: ReportRow[] | undefined, path: string[], inheritedGroup: string | undefined): void => {
    for (const row of rows ?? []) {
      const group = row.group ?? inheritedGroup;
      const isSection = row.type === 'Section' || row.Rows !== undefined || row.Summary !== undefined || row.Header !== undefined;
      if (!isSection || (row.ColData && !row.Rows)) {
        out.push({ kind: 'Data', path, group, ...split(row.ColData), depth: path.length });
        continue;
      }
      const header = row.Header?.ColData ? split(row.Header.ColData) : undefined;
      if (header) out.push({ kind: 'Header', path, group: row.group ?? inheritedGroup, ...header, depth: path.length });
      const childPath = header ? [...path, header.label] : path;
      walk(row.Rows?.Row, childPath, group);
      if (row.Summary?.ColData) out.push({ kind: 'Summary', path, group: row.group ?? inheritedGroup, ...split(row.Summary.ColData), depth: path.length });
    }
  };
  walk(report.Rows.Row, [], undefined);
  return out;
}

/** True when QBO flagged the report as empty (`Option NoReportData = "true"`). */
export function isEmptyReport(report: Report): boolean {
  return report.Header.Option?.some((o) => o.Name === 'NoReportData' && o.Value === 'true') ?? false;
}
