import type { Report } from '@ledgerbus/qbo';
import { ValidationError } from '@ledgerbus/kit';
import { checkDefinition } from '../src/domain/metric-definition';
import { computeSeries, diffSeries } from '../src/domain/metric-values';
import { chunkRange, historyRange, monthsBetween, periodOf } from '../src/domain/periods';
import { normalizeReport } from '../src/domain/report-normalization';

const monthCols = (months: Array<[string, string, string]>) => ({
  Column: [
    { ColTitle: '', ColType: 'Account', MetaData: [{ Name: 'ColKey', Value: 'account' }] },
    ...months.map(([title, start, end]) => ({ ColTitle: title, ColType: 'Money', MetaData: [{ Name: 'StartDate', Value: start }, { Name: 'EndDate', Value: end }, { Name: 'ColKey', Value: title }] })),
    { ColTitle: 'Total', ColType: 'Money', MetaData: [{ Name: 'ColKey', Value: 'total' }] },
  ],
});

const pnl = {
  Header: { ReportName: 'ProfitAndLoss', SummarizeColumnsBy: 'Month' },
  Columns: monthCols([
    ['Jan 2026', '2026-01-01', '2026-01-31'],
    ['Feb 2026', '2026-02-01', '2026-02-28'],
  ]),
  Rows: {
    Row: [
      {
        Header: { ColData: [{ value: 'Income' }, { value: '' }, { value: '' }, { value: '' }] },
        Rows: {
          Row: [
            {
              Header: { ColData: [{ id: '45', value: 'Landscaping' }, { value: '' }, { value: '' }, { value: '' }] },
              Rows: { Row: [{ ColData: [{ id: '48', value: 'Fountains' }, { value: '275.00' }, { value: '' }, { value: '275.00' }], type: 'Data' }] },
              Summary: { ColData: [{ value: 'Total Landscaping' }, { value: '275.00' }, { value: '' }, { value: '275.00' }] },
              type: 'Section',
            },
            { ColData: [{ id: '54', value: 'Pest Control' }, { value: '-100.00' }, { value: '10.10' }, { value: '-89.90' }], type: 'Data' },
          ],
        },
        Summary: { ColData: [{ value: 'Total Income' }, { value: '175.00' }, { value: '10.10' }, { value: '185.10' }] },
        type: 'Section',
        group: 'Income',
      },
      { group: 'GrossProfit', type: 'Section', Summary: { ColData: [{ value: 'Gross Profit' }, { value: '175.00' }, { value: '10.10' }, { value: '185.10' }] } },
      { Header: { ColData: [{ value: 'Expenses' }, { value: '' }, { value: '' }, { value: '' }] }, type: 'Section', group: 'Expenses', Summary: { ColData: [{ value: 'Total Expenses' }, { value: '' }, { value: '' }, { value: '' }] } },
      { group: 'NetIncome', type: 'Section', Summary: { ColData: [{ value: 'Net Income' }, { value: '175.00' }, { value: '10.10' }, { value: '185.10' }] } },
    ],
  },
} as unknown as Report;

describe('report normalization', () => {
  const normalized = normalizeReport(pnl);
  const amount = (rowKey: string, month: string) => normalized.lines.find((l) => l.rowKey === rowKey && l.month === month)?.amount;

  it('turns each account row and each group total into one amount per month column, ignoring the Total column', () => {
    expect(normalized.months).toEqual(['2026-01', '2026-02']);
    expect(amount('account:48', '2026-01')).toBe('275.00');
    expect(amount('account:48', '2026-02')).toBe('0.00');
    expect(amount('account:54', '2026-02')).toBe('10.10');
    expect(amount('total:Income', '2026-01')).toBe('175.00');
    expect(amount('total:Expenses', '2026-01')).toBe('0.00');
    expect(amount('total:NetIncome', '2026-02')).toBe('10.10');
    expect(normalized.lines.every((l) => l.month !== 'Total')).toBe(true);
  });

  it('keeps the nearest group as the category and reports a parent account total under its own key', () => {
    expect(normalized.rows.find((r) => r.rowKey === 'account:48')).toMatchObject({ kind: 'account', category: 'Income', accountId: '48', label: 'Fountains' });
    expect(normalized.rows.find((r) => r.rowKey === 'account_total:45')).toMatchObject({ kind: 'account_total', category: 'Income', accountId: '45' });
    expect(normalized.rows.find((r) => r.rowKey === 'total:NetIncome')).toMatchObject({ kind: 'total', label: 'Net Income' });
  });

  it('treats a balance-sheet Net Income data row (group, no id) as the NetIncome total', () => {
    const bs = {
      Header: { ReportName: 'BalanceSheet' },
      Columns: monthCols([['Jan 2026', '2026-01-01', '2026-01-31']]),
      Rows: { Row: [{ Header: { ColData: [{ value: 'Equity' }, { value: '' }] }, Rows: { Row: [{ ColData: [{ value: 'Net Income' }, { value: '12.34' }], type: 'Data', group: 'NetIncome' }] }, Summary: { ColData: [{ value: 'Total Equity' }, { value: '12.34' }] }, type: 'Section', group: 'Equity' }] },
    } as unknown as Report;
    const n = normalizeReport(bs);
    expect(n.lines).toEqual(expect.arrayContaining([expect.objectContaining({ rowKey: 'total:NetIncome', month: '2026-01', amount: '12.34' }), expect.objectContaining({ rowKey: 'total:Equity', amount: '12.34' })]));
  });

  it('refuses a report without month columns', () => {
    expect(() => normalizeReport({ ...pnl, Columns: { Column: [{ ColTitle: 'Total', ColType: 'Money' }] } })).toThrow(/no month columns/);
  });
});

describe('periods', () => {
  it('covers the last N months up to today, split into whole-month chunks', () => {
    const range = historyRange('2026-06-15', 24);
    expect(range).toEqual({ start: '2024-07-01', end: '2026-06-15' });
    const chunks = chunkRange(range, 6);
    expect(chunks).toEqual([
      { start: '2024-07-01', end: '2024-12-31' },
      { start: '2025-01-01', end: '2025-06-30' },
      { start: '2025-07-01', end: '2025-12-31' },
      { start: '2026-01-01', end: '2026-06-15' },
    ]);
    expect(chunks.flatMap((c) => monthsBetween(c.start, c.end))).toEqual(monthsBetween(range.start, range.end));
    expect(monthsBetween(range.start, range.end)).toHaveLength(24);
  });

  it('names months, quarters and years', () => {
    expect(periodOf('2026-02', 'month')).toEqual({ key: '2026-02', start: '2026-02-01', end: '2026-02-28', months: 1 });
    expect(periodOf('2026-05', 'quarter')).toEqual({ key: '2026-Q2', start: '2026-04-01', end: '2026-06-30', months: 3 });
    expect(periodOf('2024-12', 'year')).toEqual({ key: '2024', start: '2024-01-01', end: '2024-12-31', months: 12 });
  });
});

describe('metric values', () => {
  const lines = [
    { rowKey: 'account:1', month: '2025-11', amount: '100.10' },
    { rowKey: 'account:1', month: '2025-12', amount: '0.20' },
    { rowKey: 'account:2', month: '2025-12', amount: '5.00' },
    { rowKey: 'account:1', month: '2026-01', amount: '-1.00' },
    { rowKey: 'account:1', month: '2026-02', amount: '7.77' },
    { rowKey: 'account:9', month: '2026-02', amount: '1000.00' },
  ];
  const months = ['2025-11', '2025-12', '2026-01', '2026-02'];

  it('sums the selected accounts per month without floating-point drift', () => {
    const series = computeSeries({ selector: { accounts: ['1', '2'] }, aggregation: 'sum', period: 'month' }, lines, months);
    expect(series.map((v) => [v.period, v.value])).toEqual([
      ['2025-11', '100.10'],
      ['2025-12', '5.20'],
      ['2026-01', '-1.00'],
      ['2026-02', '7.77'],
    ]);
  });

  it('rolls months up to quarters by sum, and marks partly covered quarters incomplete', () => {
    const series = computeSeries({ selector: { accounts: ['1'] }, aggregation: 'sum', period: 'quarter' }, lines, months);
    expect(series).toEqual([
      { period: '2025-Q4', start: '2025-10-01', end: '2025-12-31', value: '100.30', complete: false },
      { period: '2026-Q1', start: '2026-01-01', end: '2026-03-31', value: '6.77', complete: false },
    ]);
  });

  it('takes the last month of the period for an end-of-period balance', () => {
    const series = computeSeries({ selector: { accounts: ['1'] }, aggregation: 'end_of_period', period: 'year' }, lines, months);
    expect(series.map((v) => [v.period, v.value])).toEqual([
      ['2025', '0.20'],
      ['2026', '7.77'],
    ]);
  });

  it('reports only the periods whose value changed', () => {
    const next = computeSeries({ selector: { accounts: ['1'] }, aggregation: 'sum', period: 'month' }, lines, months);
    const previous = new Map([
      ['2025-11', '100.100000'],
      ['2025-12', '0.30'],
      ['2026-01', '-1.00'],
    ]);
    expect(diffSeries(previous, next)).toEqual([
      { period: '2025-12', previous: '0.30', value: '0.20' },
      { period: '2026-02', previous: null, value: '7.77' },
    ]);
  });

  it('rejects a category the dataset does not have, unknown accounts, and summed balances', () => {
    const base = { name: 'x', target: null, period: 'month' as const };
    expect(() => checkDefinition({ ...base, dataset: 'profit_and_loss', selector: { category: 'BankAccounts' }, aggregation: 'sum' }, null)).toThrow(ValidationError);
    expect(() => checkDefinition({ ...base, dataset: 'profit_and_loss', selector: { accounts: ['7'] }, aggregation: 'sum' }, new Set(['1']))).toThrow(/unknown account/);
    expect(() => checkDefinition({ ...base, dataset: 'balance_sheet', selector: { accounts: ['1'] }, aggregation: 'sum' }, null)).toThrow(/end_of_period/);
    expect(() => checkDefinition({ ...base, dataset: 'balance_sheet', selector: { category: 'BankAccounts' }, aggregation: 'end_of_period' }, null)).not.toThrow();
  });
});
