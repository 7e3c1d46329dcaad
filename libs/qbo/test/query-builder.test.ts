import { escapeQueryString, queryLiteral, select } from '@ledgerbus/qbo';

describe('query builder', () => {
  it('escapes single quotes and backslashes in string literals', () => {
    expect(escapeQueryString("Bill's Windsurf Shop")).toBe("Bill\\'s Windsurf Shop");
    expect(escapeQueryString('C:\\temp')).toBe('C:\\\\temp');
    expect(escapeQueryString("a\\'b")).toBe("a\\\\\\'b");
    expect(queryLiteral("O'Brien")).toBe("'O\\'Brien'");
  });

  it('renders numbers, booleans and dates as QBO literals', () => {
    expect(queryLiteral(42)).toBe('42');
    expect(queryLiteral(false)).toBe('false');
    expect(queryLiteral(new Date('2025-03-01T00:00:00Z'))).toBe("'2025-03-01T00:00:00.000Z'");
    expect(() => queryLiteral(Number.NaN)).toThrow(/invalid QBO query number/);
  });

  it('joins conditions with AND and renders IN, LIKE, ORDERBY and paging', () => {
    const q = select('Customer')
      .where('DisplayName', '=', "Bill's")
      .and('MetaData.LastUpdatedTime', '>=', '2025-01-01')
      .whereIn('Active', [true, false])
      .whereLike('CompanyName', 'Acme%')
      .orderBy('MetaData.LastUpdatedTime', 'DESC')
      .orderBy('Id')
      .startPosition(1001)
      .maxResults(1000);
    expect(q.toString()).toBe(
      "SELECT * FROM Customer WHERE DisplayName = 'Bill\\'s' AND MetaData.LastUpdatedTime >= '2025-01-01' AND Active IN (true, false) AND CompanyName LIKE 'Acme%' ORDERBY MetaData.LastUpdatedTime DESC, Id ASC STARTPOSITION 1001 MAXRESULTS 1000",
    );
  });

  it('renders COUNT(*) queries', () => {
    expect(select('Invoice').where('Balance', '>', 0).count().toString()).toBe('SELECT COUNT(*) FROM Invoice WHERE Balance > 0');
  });

  it('refuses property and entity names that could change the statement', () => {
    expect(() => select('Customer; DROP')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => select('Customer').where("Name' OR 1=1 --", '=', 'x')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => select('Customer').whereIn('Id', [])).toThrow(/empty IN list/);
  });

  it('keeps injection attempts inside the quoted literal', () => {
    const q = select('Customer').where('DisplayName', '=', "x' OR Id > '0").toString();
    expect(q).toBe("SELECT * FROM Customer WHERE DisplayName = 'x\\' OR Id > \\'0'");
  });

  it('validates paging bounds (STARTPOSITION is 1-based, MAXRESULTS at most 1000)', () => {
    expect(() => select('Item').startPosition(0)).toThrow(/STARTPOSITION/);
    expect(() => select('Item').maxResults(1001)).toThrow(/MAXRESULTS/);
    const base = select('Item').where('Type', '=', 'Service');
    expect(base.page(2001, 1000).toString()).toBe("SELECT * FROM Item WHERE Type = 'Service' STARTPOSITION 2001 MAXRESULTS 1000");
    expect(base.toString()).toBe("SELECT * FROM Item WHERE Type = 'Service'");
  });
});
