import Decimal from 'decimal.js';
import type { Company, Json } from '../store/company';
import { postings } from '../store/ledger';
import type { Period, ReportParams } from './common';
import { addInto, columns, dataRow, header, monthPeriods, sectionRow, sumByAccount, zeros } from './common';
import { netIncome } from './profit-and-loss';

interface Leaf {
  group: string;
  title: string;
  types: string[];
}

/**
 * The BalanceSheet as of `end_date` (or as of each month end): assets, liabilities and
 * equity from the postings; Retained Earnings carries the net income of earlier fiscal
 * years and the Net Income row this year's, so assets equal liabilities plus equity.
 */
export function balanceSheet(company: Company, params: ReportParams, nowIso: string): Json {
  const months: Period[] = params.summarizeBy === 'Month' ? monthPeriods(params.start, params.end) : [];
  const asOf = months.length > 0 ? months.map((m) => m.end) : [params.end];
  const width = asOf.length;
  const all = postings(company, params.basis);
  const sums = asOf.map((d) => sumByAccount(all, undefined, d));
  const accounts = company.all('Account');
  let anyData = false;

  const leaf = (l: Leaf, sign: 1 | -1): { row: Json; totals: Decimal[] } => {
    const rows: Json[] = [];
    const totals = zeros(width);
    for (const a of accounts) {
      if (!l.types.includes(String(a.AccountType))) continue;
      const values = sums.map((s) => (s.get(String(a.Id)) ?? new Decimal(0)).times(sign));
      if (values.every((v) => v.isZero())) continue;
      rows.push(dataRow({ value: String(a.Name), id: String(a.Id) }, values));
      addInto(totals, values);
    }
    if (rows.length > 0) anyData = true;
    return { row: sectionRow(l.title, l.group, rows, `Total ${l.title}`, totals, width), totals };
  };

  const parent = (title: string, group: string, children: { row: Json; totals: Decimal[] }[], summary = `Total ${title}`): { row: Json; totals: Decimal[] } => {
    const totals = zeros(width);
    for (const c of children) addInto(totals, c.totals);
    return { row: sectionRow(title, group, children.map((c) => c.row), summary, totals, width), totals };
  };

  const bank = leaf({ group: 'BankAccounts', title: 'Bank Accounts', types: ['Bank'] }, 1);
  const ar = leaf({ group: 'AR', title: 'Accounts Receivable', types: ['Accounts Receivable'] }, 1);
  const otherCurrent = leaf({ group: 'OtherCurrentAssets', title: 'Other Current Assets', types: ['Other Current Asset'] }, 1);
  const currentAssets = parent('Current Assets', 'CurrentAssets', [bank, ar, otherCurrent]);
  const fixed = leaf({ group: 'FixedAssets', title: 'Fixed Assets', types: ['Fixed Asset'] }, 1);
  const otherAssets = leaf({ group: 'OtherAssets', title: 'Other Assets', types: ['Other Asset'] }, 1);
  const assets = parent('ASSETS', 'TotalAssets', [currentAssets, fixed, otherAssets], 'TOTAL ASSETS');

  const ap = leaf({ group: 'AP', title: 'Accounts Payable', types: ['Accounts Payable'] }, -1);
  const cards = leaf({ group: 'CreditCards', title: 'Credit Cards', types: ['Credit Card'] }, -1);
  const otherCurrentLiab = leaf({ group: 'OtherCurrentLiabilities', title: 'Other Current Liabilities', types: ['Other Current Liability'] }, -1);
  const currentLiab = parent('Current Liabilities', 'CurrentLiabilities', [ap, cards, otherCurrentLiab]);
  const longTerm = leaf({ group: 'LongTermLiabilities', title: 'Long-Term Liabilities', types: ['Long Term Liability'] }, -1);
  const liabilities = parent('Liabilities', 'Liabilities', [currentLiab, longTerm]);

  // Equity: equity accounts, Retained Earnings (+ prior years' net income), then Net Income.
  const equityRows: Json[] = [];
  const equityTotals = zeros(width);
  const retained = accounts.find((a) => a.AccountSubType === 'RetainedEarnings');
  const priorIncome = asOf.map((d) => netIncome(company, params, undefined, `${Number(d.slice(0, 4)) - 1}-12-31`));
  const currentIncome = asOf.map((d) => netIncome(company, params, `${d.slice(0, 4)}-01-01`, d));
  for (const a of accounts) {
    if (a.AccountType !== 'Equity') continue;
    const values = sums.map((s, i) => {
      const own = (s.get(String(a.Id)) ?? new Decimal(0)).neg();
      return a === retained ? own.plus(priorIncome[i] ?? 0) : own;
    });
    if (values.every((v) => v.isZero())) continue;
    equityRows.push(dataRow({ value: String(a.Name), id: String(a.Id) }, values));
    addInto(equityTotals, values);
  }
  if (!retained && priorIncome.some((v) => !v.isZero())) {
    equityRows.push(dataRow({ value: 'Retained Earnings' }, priorIncome));
    addInto(equityTotals, priorIncome);
  }
  equityRows.push(dataRow({ value: 'Net Income' }, currentIncome, 'NetIncome'));
  addInto(equityTotals, currentIncome);
  const equity = { row: sectionRow('Equity', 'Equity', equityRows, 'Total Equity', equityTotals, width), totals: equityTotals };
  const liabilitiesAndEquity = parent('LIABILITIES AND EQUITY', 'TotalLiabilitiesAndEquity', [liabilities, equity], 'TOTAL LIABILITIES AND EQUITY');

  return {
    Header: header('BalanceSheet', params, nowIso, !anyData),
    Columns: months.length > 0 ? columns(months, false) : columns([], true),
    Rows: { Row: [assets.row, liabilitiesAndEquity.row] },
  };
}
