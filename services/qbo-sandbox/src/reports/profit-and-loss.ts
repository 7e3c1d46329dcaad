import Decimal from 'decimal.js';
import type { Company, Json } from '../store/company';
import { postings } from '../store/ledger';
import type { Period, ReportParams } from './common';
import { addInto, columns, dataRow, header, monthPeriods, sectionRow, sumByAccount, zeros } from './common';

interface Group {
  types: string[];
  group: string;
  title: string;
  /** +1: debit-normal (costs), −1: credit-normal (income). */
  sign: 1 | -1;
}

const INCOME: Group = { types: ['Income'], group: 'Income', title: 'Income', sign: -1 };
const COGS: Group = { types: ['Cost of Goods Sold'], group: 'COGS', title: 'Cost of Goods Sold', sign: 1 };
const EXPENSES: Group = { types: ['Expense'], group: 'Expenses', title: 'Expenses', sign: 1 };
const OTHER_INCOME: Group = { types: ['Other Income'], group: 'OtherIncome', title: 'Other Income', sign: -1 };
const OTHER_EXPENSES: Group = { types: ['Other Expense'], group: 'OtherExpenses', title: 'Other Expenses', sign: 1 };

export interface ProfitAndLossTotals {
  income: Decimal[];
  cogs: Decimal[];
  expenses: Decimal[];
  otherIncome: Decimal[];
  otherExpenses: Decimal[];
  netIncome: Decimal[];
}

/** Net income (credit-normal) of every P&L account in [start, end]. */
export function netIncome(company: Company, params: Pick<ReportParams, 'basis'>, start: string | undefined, end: string): Decimal {
  const sums = sumByAccount(postings(company, params.basis), start, end);
  let total = new Decimal(0);
  for (const a of company.all('Account')) {
    if (a.Classification === 'Revenue' || a.Classification === 'Expense') total = total.minus(sums.get(String(a.Id)) ?? 0);
  }
  return total;
}

/** The ProfitAndLoss report: sections per account group, values from the company's postings. */
export function profitAndLoss(company: Company, params: ReportParams, nowIso: string): Json {
  const months: Period[] = params.summarizeBy === 'Month' ? monthPeriods(params.start, params.end) : [];
  const ranges = [...months.map((m) => ({ start: m.start, end: m.end })), { start: params.start, end: params.end }];
  const all = postings(company, params.basis);
  const sums = ranges.map((r) => sumByAccount(all, r.start, r.end));
  const width = ranges.length;
  const accounts = company.all('Account');
  let anyData = false;

  const section = (g: Group): { row: Json | undefined; totals: Decimal[] } => {
    const rows: Json[] = [];
    const totals = zeros(width);
    for (const a of accounts) {
      if (!g.types.includes(String(a.AccountType))) continue;
      const values = sums.map((s) => (s.get(String(a.Id)) ?? new Decimal(0)).times(g.sign));
      if (values.every((v) => v.isZero())) continue;
      rows.push(dataRow({ value: String(a.Name), id: String(a.Id) }, values));
      addInto(totals, values);
    }
    if (rows.length > 0) anyData = true;
    return { row: sectionRow(g.title, g.group, rows, `Total ${g.title}`, totals, width), totals };
  };

  const income = section(INCOME);
  const cogs = section(COGS);
  const expenses = section(EXPENSES);
  const otherIncome = section(OTHER_INCOME);
  const otherExpenses = section(OTHER_EXPENSES);
  const gross = income.totals.map((v, i) => v.minus(cogs.totals[i] ?? 0));
  const netOperating = gross.map((v, i) => v.minus(expenses.totals[i] ?? 0));
  const netOther = otherIncome.totals.map((v, i) => v.minus(otherExpenses.totals[i] ?? 0));
  const net = netOperating.map((v, i) => v.plus(netOther[i] ?? 0));

  const rows: Json[] = [income.row as Json];
  if (((cogs.row?.Rows as Json | undefined)?.Row as Json[] | undefined)?.length) rows.push(cogs.row as Json);
  rows.push(sectionRow(undefined, 'GrossProfit', [], 'Gross Profit', gross, width));
  rows.push(expenses.row as Json);
  rows.push(sectionRow(undefined, 'NetOperatingIncome', [], 'Net Operating Income', netOperating, width));
  if (((otherIncome.row?.Rows as Json | undefined)?.Row as Json[] | undefined)?.length) rows.push(otherIncome.row as Json);
  if (((otherExpenses.row?.Rows as Json | undefined)?.Row as Json[] | undefined)?.length) rows.push(otherExpenses.row as Json);
  if (rows.length > 5) rows.push(sectionRow(undefined, 'NetOtherIncome', [], 'Net Other Income', netOther, width));
  rows.push(sectionRow(undefined, 'NetIncome', [], 'Net Income', net, width));

  return {
    Header: header('ProfitAndLoss', params, nowIso, !anyData),
    Columns: columns(months, true),
    Rows: { Row: rows },
  };
}
