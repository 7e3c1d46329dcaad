import { ReportSchema, flattenReport, isEmptyReport, reportColumns } from '@ledgerbus/qbo';

const pnl = {
  Header: { ReportName: 'ProfitAndLoss', ReportBasis: 'Accrual', StartPeriod: '2015-06-01', EndPeriod: '2015-06-30', Currency: 'USD', SummarizeColumnsBy: 'Total', Option: [{ Name: 'NoReportData', Value: 'false' }], Customer: '1' },
  Rows: {
    Row: [
      {
        Header: { ColData: [{ value: 'Income' }, { value: '' }] },
        Rows: {
          Row: [
            {
              Header: { ColData: [{ id: '45', value: 'Landscaping Services' }, { value: '' }] },
              Rows: { Row: [{ ColData: [{ id: '48', value: 'Fountains' }, { value: '275.00' }], type: 'Data' }] },
              type: 'Section',
              Summary: { ColData: [{ value: 'Total Landscaping Services' }, { value: '275.00' }] },
            },
            { ColData: [{ id: '54', value: 'Pest Control Services' }, { value: '-100.00' }], type: 'Data' },
          ],
        },
        type: 'Section',
        group: 'Income',
        Summary: { ColData: [{ value: 'Total Income' }, { value: '175.00' }] },
      },
      { group: 'NetIncome', type: 'Section', Summary: { ColData: [{ value: 'Net Income' }, { value: '175.00' }] } },
    ],
  },
  Columns: { Column: [{ ColType: 'Account', ColTitle: '', MetaData: [{ Name: 'ColKey', Value: 'account' }] }, { ColType: 'Money', ColTitle: 'Total', MetaData: [{ Name: 'ColKey', Value: 'total' }] }] },
};

describe('reports', () => {
  it('parses a report and keeps unknown header fields', () => {
    const report = ReportSchema.parse(pnl);
    expect(report.Header.ReportName).toBe('ProfitAndLoss');
    expect((report.Header as Record<string, unknown>).Customer).toBe('1');
    expect(reportColumns(report).map((c) => c.key)).toEqual(['account', 'total']);
    expect(isEmptyReport(report)).toBe(false);
  });

  it('flattens nested sections into rows with their path, group, account id and string values', () => {
    const rows = flattenReport(ReportSchema.parse(pnl));
    expect(rows.map((r) => [r.kind, r.path.join('/'), r.group, r.label, r.id, r.values.join('|')])).toEqual([
      ['Header', '', 'Income', 'Income', undefined, ''],
      ['Header', 'Income', 'Income', 'Landscaping Services', '45', ''],
      ['Data', 'Income/Landscaping Services', 'Income', 'Fountains', '48', '275.00'],
      ['Summary', 'Income', 'Income', 'Total Landscaping Services', undefined, '275.00'],
      ['Data', 'Income', 'Income', 'Pest Control Services', '54', '-100.00'],
      ['Summary', '', 'Income', 'Total Income', undefined, '175.00'],
      ['Summary', '', 'NetIncome', 'Net Income', undefined, '175.00'],
    ]);
  });
});
