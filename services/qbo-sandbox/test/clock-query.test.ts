import { SandboxClock, parseQuery } from '../src';

describe('SandboxClock', () => {
  it('runs scaled time and manual advances on top of a start time', () => {
    let real = 1_000;
    const clock = new SandboxClock({ timeScale: 60, start: new Date('2026-01-01T00:00:00Z'), realNow: () => real });
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    real += 1_000;
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
    clock.advance(3_600_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T01:01:00.000Z');
    expect(clock.toRealMs(60_000)).toBe(1_000);
  });

  it('refuses a non-positive time scale and a negative advance', () => {
    expect(() => new SandboxClock({ timeScale: 0 })).toThrow(RangeError);
    expect(() => new SandboxClock().advance(-1)).toThrow(RangeError);
  });
});

describe('parseQuery', () => {
  it('parses every clause of the grammar', () => {
    expect(parseQuery("SELECT * FROM Invoice WHERE TotalAmt >= '10.5' AND CustomerRef IN ('1', '2') AND DocNumber LIKE 'A%' ORDERBY TxnDate DESC, Id STARTPOSITION 11 MAXRESULTS 5")).toEqual({
      count: false,
      entity: 'Invoice',
      where: [
        { field: 'TotalAmt', op: '>=', values: ['10.5'] },
        { field: 'CustomerRef', op: 'IN', values: ['1', '2'] },
        { field: 'DocNumber', op: 'LIKE', values: ['A%'] },
      ],
      orderBy: [
        { field: 'TxnDate', direction: 'DESC' },
        { field: 'Id', direction: 'ASC' },
      ],
      startPosition: 11,
      maxResults: 5,
    });
  });

  it('reads COUNT(*), booleans, numbers and backslash-escaped quotes', () => {
    expect(parseQuery("select count(*) from Customer where Active = false and Balance > 0 and DisplayName = 'Bill\\'s Shop'")).toMatchObject({
      count: true,
      where: [
        { field: 'Active', values: [false] },
        { field: 'Balance', values: [0] },
        { field: 'DisplayName', values: ["Bill's Shop"] },
      ],
    });
  });

  it.each(['', 'select', 'select * customer', 'select * from Customer where', "select * from Customer where Name = 'x' or Name = 'y'", 'select * from Customer maxresults ten'])(
    'reports %p as a 4000 parse fault',
    (text) => {
      expect(() => parseQuery(text)).toThrow(expect.objectContaining({ statusCode: 400, errors: [expect.objectContaining({ code: '4000' })] }));
    },
  );
});
