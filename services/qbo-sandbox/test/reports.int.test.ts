import type { Harness } from './support/harness';
import { records, startHarness } from './support/harness';

const AS_OF = '2026-06-30';
const START = '2024-07-01';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clockStart: new Date('2026-07-01T20:00:00Z') }, { seed: 42, size: 'small', asOf: AS_OF });
});
afterAll(() => h.close());

/** Money to integer cents (the test's own arithmetic, independent of the sandbox's). */
const cents = (v: { toString(): string } | number): number => Math.round(Number(v.toString()) * 100);
const cell = (v: string): number => (v === '' ? 0 : Math.round(Number(v) * 100));
const month = (date: string): string => date.slice(0, 7);

interface Row {
  type?: string;
  group?: string;
  ColData?: { value: string; id?: string }[];
  Summary?: { ColData: { value: string }[] };
  Rows?: { Row: Row[] };
}

function findGroup(rows: Row[], group: string): Row | undefined {
  for (const r of rows) {
    if (r.group === group) return r;
    const inner = r.Rows ? findGroup(r.Rows.Row, group) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

function summary(rows: Row[], group: string): number[] {
  const row = findGroup(rows, group);
  if (!row?.Summary) return [];
  return row.Summary.ColData.slice(1).map((c) => cell(c.value));
}

/** Independent accrual figures per month from the store's own records. */
function expectedByMonth() {
  const accounts = new Map(records(h, 'Account').map((a) => [a.Id, a]));
  const items = new Map(records(h, 'Item').map((i) => [i.Id, i]));
  const out = new Map<string, { income: number; cogs: number; expenses: number; otherExpenses: number; cashIncome: number }>();
  const at = (m: string) => {
    let v = out.get(m);
    if (!v) out.set(m, (v = { income: 0, cogs: 0, expenses: 0, otherExpenses: 0, cashIncome: 0 }));
    return v;
  };
  for (const entity of ['Invoice', 'SalesReceipt']) {
    for (const txn of records(h, entity)) {
      for (const line of txn.Line) {
        if (line.DetailType !== 'SalesItemLineDetail') continue;
        at(month(txn.TxnDate)).income += cents(line.Amount);
        if (entity === 'SalesReceipt') at(month(txn.TxnDate)).cashIncome += cents(line.Amount);
        const item = items.get(line.SalesItemLineDetail.ItemRef.value);
        if (item?.Type === 'Inventory') at(month(txn.TxnDate)).cogs += Math.round(item.PurchaseCost * 100 * line.SalesItemLineDetail.Qty);
      }
    }
  }
  for (const p of records(h, 'Purchase')) {
    for (const line of p.Line) {
      const account = accounts.get(line.AccountBasedExpenseLineDetail.AccountRef.value);
      if (account?.AccountType === 'Expense') at(month(p.TxnDate)).expenses += cents(line.Amount);
    }
  }
  for (const je of records(h, 'JournalEntry')) {
    for (const line of je.Line) {
      const account = accounts.get(line.JournalEntryLineDetail.AccountRef.value);
      const sign = line.JournalEntryLineDetail.PostingType === 'Debit' ? 1 : -1;
      if (account?.AccountType === 'Other Expense') at(month(je.TxnDate)).otherExpenses += sign * cents(line.Amount);
      if (account?.AccountType === 'Expense') at(month(je.TxnDate)).expenses += sign * cents(line.Amount);
    }
  }
  for (const p of records(h, 'Payment')) {
    for (const line of p.Line) at(month(p.TxnDate)).cashIncome += cents(line.Amount);
  }
  return out;
}

describe('ProfitAndLoss', () => {
  it('has per-month income, COGS and expense totals equal to sums computed from the company transactions', async () => {
    const res = await h.api('reports/ProfitAndLoss', { query: { start_date: START, end_date: AS_OF, summarize_column_by: 'Month', accounting_method: 'Accrual' } });
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report.Header).toMatchObject({ ReportName: 'ProfitAndLoss', ReportBasis: 'Accrual', StartPeriod: START, EndPeriod: AS_OF, SummarizeColumnsBy: 'Month', Currency: 'USD' });
    const columns = report.Columns.Column;
    expect(columns).toHaveLength(1 + 24 + 1);
    expect(columns[1]).toMatchObject({ ColTitle: 'Jul 2024', ColType: 'Money', MetaData: [{ Name: 'StartDate', Value: '2024-07-01' }, { Name: 'EndDate', Value: '2024-07-31' }, { Name: 'ColKey', Value: 'Jul 2024' }] });
    expect(columns.at(-1)).toMatchObject({ ColTitle: 'Total', MetaData: [{ Name: 'ColKey', Value: 'total' }] });

    const rows: Row[] = report.Rows.Row;
    const expected = expectedByMonth();
    const income = summary(rows, 'Income');
    const cogs = summary(rows, 'COGS');
    const expenses = summary(rows, 'Expenses');
    const other = summary(rows, 'OtherExpenses');
    const net = summary(rows, 'NetIncome');
    columns.slice(1, -1).forEach((col: { MetaData: { Value: string }[] }, i: number) => {
      const m = month(col.MetaData[0]!.Value);
      const e = expected.get(m)!;
      expect({ month: m, income: income[i], cogs: cogs[i], expenses: expenses[i], other: other[i] }).toEqual({ month: m, income: e.income, cogs: e.cogs, expenses: e.expenses, other: e.otherExpenses });
      expect(net[i]).toBe(e.income - e.cogs - e.expenses - e.otherExpenses);
    });
    // The Total column is the sum of the months; Net Income = Income − COGS − Expenses − Other expenses.
    const sum = (xs: number[]) => xs.slice(0, -1).reduce((a, b) => a + b, 0);
    expect(income.at(-1)).toBe(sum(income));
    expect(net.at(-1)).toBe(income.at(-1)! - cogs.at(-1)! - expenses.at(-1)! - other.at(-1)!);
    expect(summary(rows, 'GrossProfit').at(-1)).toBe(income.at(-1)! - cogs.at(-1)!);
  });

  it('carries account ids on Data rows, only for accounts of the section', async () => {
    const res = await h.api('reports/ProfitAndLoss', { query: { start_date: START, end_date: AS_OF } });
    const incomeRows = findGroup(res.body.Rows.Row, 'Income')!.Rows!.Row;
    const accounts = new Map(records(h, 'Account').map((a) => [a.Id, a]));
    expect(incomeRows.length).toBeGreaterThan(0);
    for (const r of incomeRows) {
      expect(r.type).toBe('Data');
      expect(accounts.get(r.ColData![0]!.id!)?.AccountType).toBe('Income');
      expect(r.ColData![0]!.value).toBe(accounts.get(r.ColData![0]!.id!)?.Name);
    }
  });

  it('recognises income when paid on the cash basis', async () => {
    const res = await h.api('reports/ProfitAndLoss', { query: { start_date: START, end_date: AS_OF, summarize_column_by: 'Month', accounting_method: 'Cash' } });
    expect(res.body.Header.ReportBasis).toBe('Cash');
    const income = summary(res.body.Rows.Row, 'Income');
    const expected = expectedByMonth();
    res.body.Columns.Column.slice(1, -1).forEach((col: { MetaData: { Value: string }[] }, i: number) => {
      expect(income[i]).toBe(expected.get(month(col.MetaData[0]!.Value))!.cashIncome);
    });
  });

  it('answers a bad parameter with a 400 fault', async () => {
    const res = await h.api('reports/ProfitAndLoss', { query: { accounting_method: 'Magic' } });
    expect(res.status).toBe(400);
    expect(res.body.Fault.type).toBe('ValidationFault');
    expect((await h.api('reports/ProfitAndLoss', { query: { start_date: '2026-02-01', end_date: '2026-01-01' } })).status).toBe(400);
  });
});

describe('BalanceSheet', () => {
  const totals = (rows: Row[]) => ({ assets: summary(rows, 'TotalAssets'), liabilitiesAndEquity: summary(rows, 'TotalLiabilitiesAndEquity') });

  it.each(['Accrual', 'Cash'])('balances (%s): total assets equal total liabilities and equity, in every month', async (basis) => {
    const res = await h.api('reports/BalanceSheet', { query: { start_date: START, end_date: AS_OF, summarize_column_by: 'Month', accounting_method: basis } });
    expect(res.status).toBe(200);
    const { assets, liabilitiesAndEquity } = totals(res.body.Rows.Row);
    expect(assets).toHaveLength(24);
    expect(assets).toEqual(liabilitiesAndEquity);
    expect(assets.some((a) => a !== 0)).toBe(true);
  });

  it('shows A/R equal to open invoice balances less unapplied payments, and Net Income equal to the year-to-date P&L', async () => {
    const bs = await h.api('reports/BalanceSheet', { query: { end_date: AS_OF, start_date: '2026-01-01' } });
    const rows: Row[] = bs.body.Rows.Row;
    const { assets, liabilitiesAndEquity } = totals(rows);
    expect(assets).toEqual(liabilitiesAndEquity);
    const open = records(h, 'Invoice').reduce((s, i) => s + cents(i.Balance), 0);
    const unapplied = records(h, 'Payment').reduce((s, p) => s + cents(p.UnappliedAmt), 0);
    expect(summary(rows, 'AR')[0]).toBe(open - unapplied);
    const netIncomeRow = findGroup(rows, 'NetIncome')!;
    const pl = await h.api('reports/ProfitAndLoss', { query: { start_date: '2026-01-01', end_date: AS_OF } });
    expect(cell(netIncomeRow.ColData![1]!.value)).toBe(summary(pl.body.Rows.Row, 'NetIncome')[0]);
  });
});
