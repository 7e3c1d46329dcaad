/**
 * Call metering against the sandbox and real PostgreSQL: after a mixed run (reads, writes,
 * a sparse update, CDC, a report, a batch of writes and queries with a faulted item, a
 * failed read) the counts in `qbo_usage` (written by the PostgreSQL limiter's meter) equal
 * the sandbox's own metering counters, call for call, per class.
 */
import knexFactory from 'knex';
import type { Knex } from 'knex';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { databaseUrlFromEnv, uniqueName } from '@ledgerbus/testing';
import type { QboClient } from '@ledgerbus/qbo';
import {
  BreakerRegistry,
  createMemoryQboMeter,
  createMemoryRateLimiter,
  createPostgresRateLimiter,
  createQboClient,
  forecastMonthEnd,
  meterBatchResponse,
  minuteStart,
  monthStart,
  readQboUsage,
  select,
} from '@ledgerbus/qbo';

const TOKEN = 'metering-test-token';

describe('QBO call metering', () => {
  let sandbox: Sandbox;
  let url: string;
  let knex: Knex;
  let schema: string;

  beforeAll(async () => {
    sandbox = createSandbox({ staticTokens: { [TOKEN]: '*' } });
    url = await sandbox.listen(0);
    knex = knexFactory({ client: 'pg', connection: databaseUrlFromEnv(), pool: { min: 0, max: 4 } });
  });
  afterAll(async () => {
    await sandbox.close();
    await knex.destroy();
  });
  beforeEach(() => {
    schema = uniqueName('qbo_meter');
  });
  afterEach(async () => {
    await knex.raw('drop schema if exists ?? cascade', [schema]);
  });

  it('classes every call Core or CorePlus and its PostgreSQL counts equal the sandbox counters, call for call', async () => {
    const realmA = sandbox.admin.createCompany({ realmId: '7100001', companyName: 'Meter A' }).realmId;
    const realmB = sandbox.admin.createCompany({ realmId: '7100002', companyName: 'Meter B', seed: 3, size: 'small' }).realmId;
    const limiter = createPostgresRateLimiter({ knex, schema, metering: { flushIntervalMs: 100 } });
    await limiter.migrate();
    const clientFor = (realmId: string): QboClient =>
      createQboClient({ baseUrl: url, realmId, tokenProvider: () => Promise.resolve(TOKEN), limiter, breakers: new BreakerRegistry(), retry: { baseMs: 10, throttleBaseMs: 20, maxRetries: 3 } });
    const a = clientFor(realmA);
    const b = clientFor(realmB);

    // Realm A: writes, reads, a sparse update (a read and a write), a query, CDC, a report.
    const since = new Date(Date.now() - 60_000);
    const c1 = await a.create('Customer', { DisplayName: 'Metered One' }, { requestId: 'm-1' });
    await a.create('Customer', { DisplayName: 'Metered Two' }, { requestId: 'm-2' });
    await a.read('Customer', c1.Id);
    await a.sparseUpdate('Customer', c1.Id, () => ({ Notes: 'metered' }), { requestId: 'm-3' });
    await a.query(select('Customer').where('Active', '=', true));
    await a.cdc(['Customer'], since);
    await a.report('ProfitAndLoss', { start_date: '2026-01-01', end_date: '2026-12-31' });
    await a.companyInfo();
    // A failed call (not found) is not metered, by QBO or by us.
    await expect(a.read('Customer', '999999')).rejects.toMatchObject({ code: 'qbo_not_found' });
    // A batch: two writes, two queries and a write QBO refuses (duplicate name): 2 Core + 2 CorePlus.
    const results = await a.batch(
      [
        { operation: 'create', entity: 'Customer', body: { DisplayName: 'Batch One' } },
        { operation: 'create', entity: 'Customer', body: { DisplayName: 'Batch Two' } },
        { query: select('Customer').where('DisplayName', '=', 'Batch One') },
        { query: 'select * from Account' },
        { operation: 'create', entity: 'Customer', body: { DisplayName: 'Metered One' } },
      ],
      { requestId: 'm-batch' },
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, false]);
    // Realm B: reads only.
    for (let i = 0; i < 3; i++) await b.query('select * from Invoice MAXRESULTS 5');
    await b.preferences();

    await limiter.meter!.flush();
    const usage = await readQboUsage(knex, { schema, realmIds: 'all' });
    const byRealm = new Map(usage.realms.map((r) => [r.realmId, r]));
    const sandboxA = sandbox.admin.metering(realmA).total;
    const sandboxB = sandbox.admin.metering(realmB).total;
    // create ×2, sparse update's write, batch writes ×2 = 5 Core; read, sparse read, query, cdc, report, companyInfo, batch queries ×2 = 8 CorePlus.
    expect(sandboxA).toEqual({ core: 5, corePlus: 8 });
    expect(sandboxB).toEqual({ core: 0, corePlus: 4 });
    expect({ core: byRealm.get(realmA)?.core, corePlus: byRealm.get(realmA)?.corePlus }).toEqual(sandboxA);
    expect({ core: byRealm.get(realmB)?.core, corePlus: byRealm.get(realmB)?.corePlus }).toEqual(sandboxB);
    expect(usage.thisMonth).toEqual({ core: 5, corePlus: 12 });
    // The sandbox counts per app (the static token's client).
    expect(sandbox.admin.meteringAll().apps['sandbox-static-token']).toEqual({ core: 5, corePlus: 12 });
    // Minute and month rows both exist for each realm.
    const rows = await knex(`${schema}.qbo_usage`).where('realm_id', realmA).select('period');
    expect(new Set(rows.map((r: { period: string }) => r.period))).toEqual(new Set(['minute', 'month']));
    // The limiter shows the realm's per-minute budget: 500/min, the calls of the last minute used.
    const budget = await limiter.budget!(realmA);
    const perMinute = budget.find((r) => r.name === 'per_minute');
    expect(perMinute).toMatchObject({ limit: 500 });
    // 11 requests reached QBO for realm A (the batch is one request, the failed read one more).
    expect(perMinute!.used).toBe(11);
    expect(perMinute!.remaining).toBe(500 - perMinute!.used);
    await limiter.close();
  });

  it('adds increments from two meters (two processes) on the same rows without losing any', async () => {
    const one = createPostgresRateLimiter({ knex, schema, metering: { flushIntervalMs: 50 } });
    const other = knexFactory({ client: 'pg', connection: databaseUrlFromEnv(), pool: { min: 0, max: 2 } });
    const two = createPostgresRateLimiter({ knex: other, schema, metering: { flushIntervalMs: 50 } });
    await one.migrate();
    await two.migrate();
    for (let i = 0; i < 500; i++) {
      one.meter!.record('8100001', { core: 1, corePlus: 2 });
      two.meter!.record('8100001', { core: 0, corePlus: 1 });
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 60));
    }
    await one.close();
    await two.close();
    await other.destroy();
    const usage = await readQboUsage(knex, { schema, realmIds: ['8100001'] });
    expect(usage.thisMonth).toEqual({ core: 500, corePlus: 1500 });
  });

  it('meters through a client option too, and classes batch items from the response', () => {
    const meter = createMemoryQboMeter();
    const client = createQboClient({ baseUrl: url, realmId: '1', tokenProvider: () => Promise.resolve(TOKEN), limiter: createMemoryRateLimiter(), meter });
    expect(client.realmId).toBe('1');
    expect(
      meterBatchResponse({
        BatchItemResponse: [{ bId: 'a', Customer: {} }, { bId: 'b', QueryResponse: {} }, { bId: 'c', Fault: {} }, { bId: 'd', CDCResponse: [] }, { bId: 'e', Report: {} }],
      }),
    ).toEqual({ core: 1, corePlus: 3 });
    expect(meter.totals()).toEqual({ core: 0, corePlus: 0 });
  });

  it('buckets by UTC minute and calendar month, and forecasts a month linearly', () => {
    const t = Date.UTC(2026, 11, 16, 12, 30, 45);
    expect(new Date(minuteStart(t)).toISOString()).toBe('2026-12-16T12:30:00.000Z');
    expect(new Date(monthStart(t)).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    // Half of December (31 days) gone at 15.5 days: 1000 reads so far → 2000 at month end.
    expect(forecastMonthEnd(1000, Date.UTC(2026, 11, 16, 12))).toBe(2000);
  });
});
