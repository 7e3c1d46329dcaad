/**
 * The client against the QBO sandbox (the emulator in services/qbo-sandbox), on an
 * ephemeral port, with a static bearer token. Assertions read what QBO holds (the
 * sandbox's store) and what reached it (its per-realm call counters).
 */
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { waitFor } from '@ledgerbus/testing';
import type { Customer, QboClient, QboClientOptions } from '@ledgerbus/qbo';
import { BreakerRegistry, QboDuplicateNameError, createMemoryRateLimiter, createQboClient, flattenReport, rulesFor, select } from '@ledgerbus/qbo';

const TOKEN = 'static-test-token';

let sandbox: Sandbox;
let url: string;

beforeAll(async () => {
  sandbox = createSandbox({ staticTokens: { [TOKEN]: '*' } });
  url = await sandbox.listen(0);
});
afterAll(async () => {
  await sandbox.close();
});

let realmCounter = 0;
/** A fresh company. realmIds are passed explicitly: the sandbox's own counter is past 2^53 and repeats. */
function newRealm(name = 'Client Test Co', extra: { seed?: number; size?: 'small' } = {}): string {
  realmCounter += 1;
  return sandbox.admin.createCompany({ realmId: String(4_100_000 + realmCounter), companyName: name, ...extra }).realmId;
}

function clientFor(realmId: string, extra: Partial<QboClientOptions> = {}): QboClient {
  return createQboClient({
    baseUrl: url,
    realmId,
    tokenProvider: () => Promise.resolve(TOKEN),
    limiter: createMemoryRateLimiter(),
    breakers: new BreakerRegistry(),
    retry: { baseMs: 20, throttleBaseMs: 50, maxRetries: 3 },
    ...extra,
  });
}

/** Calls the sandbox saw for a realm, by endpoint and status. */
function calls(realmId: string): Record<string, Record<string, number>> {
  return sandbox.admin.calls(realmId);
}
function totalCalls(realmId: string, status?: string): number {
  return Object.values(calls(realmId)).reduce((n, byStatus) => n + Object.entries(byStatus).reduce((m, [s, c]) => m + (status === undefined || s === status ? c : 0), 0), 0);
}

async function incomeAccountId(client: QboClient): Promise<string> {
  const { entities } = await client.query<{ Id: string }>(select('Account').where('AccountType', '=', 'Income'));
  const id = entities[0]?.Id;
  if (!id) throw new Error('no income account in the sandbox company');
  return id;
}

describe('QBO client against the sandbox', () => {
  it('creates, reads, updates, voids and deletes, and the sandbox holds the result', async () => {
    const realm = newRealm();
    const client = clientFor(realm);
    const created = await client.create('Customer', { DisplayName: "Bill's Windsurf \\ Shop", PrimaryEmailAddr: { Address: 'bill@example.com' } }, { requestId: 'crud-cust-1' });
    expect(created.SyncToken).toBe('0');
    const read = await client.read('Customer', created.Id);
    expect(read.DisplayName).toBe("Bill's Windsurf \\ Shop");

    const updated = await client.update('Customer', { ...read, GivenName: 'Bill', sparse: false }, { requestId: 'crud-cust-1-u1' });
    expect(updated.SyncToken).toBe('1');
    expect(sandbox.admin.entities(realm, 'Customer').find((c) => c.Id === created.Id)).toMatchObject({ GivenName: 'Bill', SyncToken: '1' });

    const found = await client.query<Customer>(select('Customer').where('DisplayName', '=', "Bill's Windsurf \\ Shop"));
    expect(found.entities.map((c) => c.Id)).toEqual([created.Id]);

    const item = await client.create('Item', { Name: 'Consulting', Type: 'Service', IncomeAccountRef: { value: await incomeAccountId(client) } }, { requestId: 'crud-item-1' });
    const invoiceBody = { CustomerRef: { value: created.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 100 } }] };
    const inv1 = await client.create('Invoice', invoiceBody, { requestId: 'crud-inv-1' });
    const inv2 = await client.create('Invoice', invoiceBody, { requestId: 'crud-inv-2' });
    const voided = await client.void('Invoice', { Id: inv1.Id, SyncToken: inv1.SyncToken ?? '0' }, { requestId: 'crud-inv-1-void' });
    expect(voided.PrivateNote).toContain('Voided');
    const deleted = await client.delete('Invoice', { Id: inv2.Id, SyncToken: inv2.SyncToken ?? '0' }, { requestId: 'crud-inv-2-del' });
    expect(deleted.status).toBe('Deleted');
    await expect(client.read('Invoice', inv2.Id)).rejects.toMatchObject({ code: 'qbo_not_found' });

    const info = await client.companyInfo();
    expect(info.CompanyName).toBe('Client Test Co');
    const prefs = await client.preferences();
    expect(prefs.Id).toBeDefined();
  });

  it('sends the idempotency key as requestid so a repeated create makes one customer', async () => {
    const realm = newRealm();
    const client = clientFor(realm);
    const a = await client.create('Customer', { DisplayName: 'Once Only' }, { requestId: 'tenant-7:customer-42:v1' });
    const b = await client.create('Customer', { DisplayName: 'Once Only' }, { requestId: 'tenant-7:customer-42:v1' });
    expect(b.Id).toBe(a.Id);
    expect(sandbox.admin.entities(realm, 'Customer').filter((c) => c.DisplayName === 'Once Only')).toHaveLength(1);
  });

  it('maps QBO faults to typed errors (duplicate name, invalid reference, validation)', async () => {
    const realm = newRealm();
    const client = clientFor(realm);
    await client.create('Customer', { DisplayName: 'Taken' }, { requestId: 'dup-1' });
    const dup = await client.create('Customer', { DisplayName: 'Taken' }, { requestId: 'dup-2' }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(QboDuplicateNameError);
    expect(dup).toMatchObject({ code: 'qbo_duplicate_name', retriable: false, qboCode: '6240', httpStatus: 400 });
    await expect(client.create('Invoice', { CustomerRef: { value: '999999' }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 1, SalesItemLineDetail: { ItemRef: { value: '1' } } }] }, { requestId: 'bad-ref' })).rejects.toMatchObject({
      code: expect.stringMatching(/^qbo_(invalid_reference|not_found)$/),
    });
    await expect(client.create('Invoice', { CustomerRef: { value: '1' } }, { requestId: 'no-lines' })).rejects.toMatchObject({ code: 'qbo_validation', retriable: false });
  });

  it('recovers from a stale SyncToken (5010) in sparseUpdate by re-reading and re-applying the merge', async () => {
    const realm = newRealm();
    const client = clientFor(realm);
    const other = clientFor(realm);
    const c = await client.create('Customer', { DisplayName: 'Racy', Notes: 'start' }, { requestId: 'race-create' });
    const seen: string[] = [];
    const result = await client.sparseUpdate(
      'Customer',
      c.Id,
      async (current) => {
        seen.push(current.SyncToken ?? '');
        if (seen.length === 1) {
          // Someone else writes between our read and our write.
          await other.update('Customer', { Id: c.Id, SyncToken: current.SyncToken, sparse: true, GivenName: 'Concurrent' }, { requestId: 'race-other' });
        }
        return { Notes: `${current.Notes ?? ''} + ours` };
      },
      { requestId: 'race-ours' },
    );
    expect(seen).toEqual(['0', '1']);
    expect(result.SyncToken).toBe('2');
    expect(sandbox.admin.entities(realm, 'Customer').find((x) => x.Id === c.Id)).toMatchObject({ GivenName: 'Concurrent', Notes: 'start + ours' });
    expect(calls(realm)['POST customer']?.['400']).toBe(1);
  });

  it('gives up sparseUpdate with qbo_stale_object after the bounded attempts', async () => {
    const realm = newRealm();
    const client = clientFor(realm);
    const other = clientFor(realm);
    const c = await client.create('Customer', { DisplayName: 'Always Racy' }, { requestId: 'race2-create' });
    let n = 0;
    await expect(
      client.sparseUpdate(
        'Customer',
        c.Id,
        async (current) => {
          n += 1;
          await other.update('Customer', { Id: c.Id, SyncToken: current.SyncToken, sparse: true, Notes: `other ${n}` }, { requestId: `race2-other-${n}` });
          return { GivenName: 'Mine' };
        },
        { requestId: 'race2-ours', maxAttempts: 2 },
      ),
    ).rejects.toMatchObject({ code: 'qbo_stale_object', qboCode: '5010' });
    expect(n).toBe(2);
  });

  it('reports ProfitAndLoss and BalanceSheet typed, and flattens their rows', async () => {
    const realm = newRealm('Seeded Co', { seed: 7, size: 'small' });
    const client = clientFor(realm);
    const pnl = await client.report('ProfitAndLoss', { start_date: '2026-01-01', end_date: '2026-12-31', summarize_column_by: 'Month', accounting_method: 'Accrual' });
    expect(pnl.Header.ReportName).toBe('ProfitAndLoss');
    expect(pnl.Columns.Column.length).toBeGreaterThan(2);
    const rows = flattenReport(pnl);
    expect(rows.some((r) => r.group === 'NetIncome' && r.kind === 'Summary')).toBe(true);
    const bs = await client.report('BalanceSheet', { end_date: '2026-06-30' });
    expect(bs.Header.ReportName).toBe('BalanceSheet');
    expect(flattenReport(bs).some((r) => r.group === 'TotalAssets')).toBe(true);
  });

  it('refuses every write in read-only mode before anything is sent', async () => {
    const realm = newRealm();
    const writer = clientFor(realm);
    const c = await writer.create('Customer', { DisplayName: 'Existing' }, { requestId: 'ro-seed' });
    sandbox.admin.resetCalls(realm);
    const ro = clientFor(realm, { readOnly: true });
    const ref = { Id: c.Id, SyncToken: '0' };
    const attempts: Promise<unknown>[] = [
      ro.create('Customer', { DisplayName: 'Nope' }, { requestId: 'ro-1' }),
      ro.update('Customer', { ...ref, DisplayName: 'Nope' }, { requestId: 'ro-2' }),
      ro.sparseUpdate('Customer', c.Id, () => ({ DisplayName: 'Nope' }), { requestId: 'ro-3' }),
      ro.delete('Invoice', ref, { requestId: 'ro-4' }),
      ro.void('Invoice', ref, { requestId: 'ro-5' }),
      ro.batch([{ operation: 'create', entity: 'Customer', body: { DisplayName: 'Nope' } }, { query: 'select * from Customer' }], { requestId: 'ro-6' }),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toMatchObject({ code: 'qbo_read_only', retriable: false });
    expect(totalCalls(realm)).toBe(0);
    expect(sandbox.admin.entities(realm, 'Customer').map((x) => x.DisplayName)).toEqual(['Existing']);
    // Reads still work.
    await expect(ro.read('Customer', c.Id)).resolves.toMatchObject({ DisplayName: 'Existing' });
    await expect(ro.batch([{ query: 'select * from Customer' }])).resolves.toEqual([expect.objectContaining({ ok: true })]);
    expect(totalCalls(realm)).toBe(2);
  });
});

describe('QBO client against the sandbox: volume (pager, batch, CDC)', () => {
  let realm: string;
  let client: QboClient;
  let since: Date;
  const N = 1075;

  beforeAll(async () => {
    realm = newRealm('Volume Co');
    client = clientFor(realm);
    since = new Date(sandbox.clock.nowMs() - 60_000);
    const ops = Array.from({ length: N }, (_, i) => ({ operation: 'create' as const, entity: 'Customer', body: { DisplayName: `Bulk ${String(i).padStart(5, '0')}` } }));
    const results = await client.batch(ops, { requestId: 'bulk-create' });
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) throw new Error(`bulk create failed: ${JSON.stringify(failed.slice(0, 3))}`);
  }, 120_000);

  it('sends a batch of more than 30 items as chunks of 30 and returns per-item results', () => {
    expect(sandbox.admin.entities(realm, 'Customer').filter((c) => String(c.DisplayName).startsWith('Bulk '))).toHaveLength(N);
    expect(calls(realm)['POST batch']?.['200']).toBe(Math.ceil(N / 30));
  });

  it('maps faults of individual batch items to typed errors, in request order', async () => {
    const existing = sandbox.admin.entities(realm, 'Customer')[0];
    const results = await client.batch(
      [
        { bId: 'ok', operation: 'create', entity: 'Customer', body: { DisplayName: 'Batch New' } },
        { bId: 'dup', operation: 'create', entity: 'Customer', body: { DisplayName: 'Bulk 00001' } },
        { bId: 'stale', operation: 'update', entity: 'Customer', body: { Id: existing?.Id, SyncToken: '99', sparse: true, Notes: 'x' } },
        { bId: 'q', query: select('Customer').whereLike('DisplayName', 'Bulk 0000%') },
      ],
      { requestId: 'batch-faults' },
    );
    expect(results.map((r) => [r.bId, r.ok ? 'ok' : r.error.code])).toEqual([
      ['ok', 'ok'],
      ['dup', 'qbo_duplicate_name'],
      ['stale', 'qbo_stale_object'],
      ['q', 'ok'],
    ]);
    const q = results[3];
    expect(q?.ok && q.queryResponse?.entities).toHaveLength(10);
  });

  it('pages through more than 1000 rows with STARTPOSITION/MAXRESULTS and stops on the short page', async () => {
    sandbox.admin.resetCalls(realm);
    const names: string[] = [];
    for await (const c of client.queryAll<Customer>(select('Customer').whereLike('DisplayName', 'Bulk %').orderBy('DisplayName'))) names.push(c.DisplayName ?? '');
    expect(names).toHaveLength(N);
    expect(new Set(names).size).toBe(N);
    expect(names[0]).toBe('Bulk 00000');
    expect(names[N - 1]).toBe(`Bulk ${String(N - 1).padStart(5, '0')}`);
    expect(calls(realm)['POST query']?.['200']).toBe(2);
    expect(await client.count(select('Customer').whereLike('DisplayName', 'Bulk %'))).toBe(N);
  });

  it('reads a CDC window holding more than 1000 changes completely by splitting it', async () => {
    sandbox.admin.resetCalls(realm);
    const result = await client.cdc(['Customer', 'Invoice'], since);
    const bulk = result.changes.filter((c) => c.entity === 'Customer' && String(c.data.DisplayName).startsWith('Bulk '));
    expect(bulk).toHaveLength(N);
    expect(new Set(result.changes.map((c) => `${c.entity}:${c.id}:${c.syncToken}`)).size).toBe(result.changes.length);
    expect(result.reads).toBeGreaterThan(1);
    expect(calls(realm)['GET cdc']?.['200']).toBe(result.reads);
  });

  it('refuses a CDC look-back over 30 days with a clear error and sends nothing', async () => {
    sandbox.admin.resetCalls(realm);
    const err = await client.cdc(['Customer'], new Date(Date.now() - 31 * 86_400_000)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'qbo_cdc_lookback_exceeded', retriable: false });
    expect((err as Error).message).toMatch(/more than 30 days/);
    expect(totalCalls(realm)).toBe(0);
  });
});

describe('QBO client against the sandbox: resilience', () => {
  afterEach(() => {
    sandbox.admin.updateSettings({ limits: { requestsPerSecond: 10, retryAfterSeconds: 0 }, faults: { perRealm: {} } });
  });

  jest.setTimeout(30_000);

  it('backs off and retries when the sandbox throttles (429) and every call succeeds', async () => {
    const realm = newRealm();
    sandbox.admin.updateSettings({ limits: { requestsPerSecond: 3 } });
    // The client's own limiter allows more than the sandbox, so the sandbox answers 429.
    const client = clientFor(realm, { limiter: createMemoryRateLimiter({ rules: [{ name: 'loose', windowMs: 1000, limit: 100 }] }), retry: { throttleBaseMs: 300, maxRetries: 6 } });
    const info = await Promise.all(Array.from({ length: 9 }, () => client.companyInfo()));
    expect(info.every((i) => i.CompanyName === 'Client Test Co')).toBe(true);
    expect(calls(realm)['GET companyinfo/:id']?.['429']).toBeGreaterThan(0);
    expect(calls(realm)['GET companyinfo/:id']?.['200']).toBe(9);
  });

  it('stays under the sandbox limit without a single 429 when the client limiter has the same budget (plus a jitter margin)', async () => {
    const realm = newRealm();
    sandbox.admin.updateSettings({ limits: { requestsPerSecond: 4 } });
    const client = clientFor(realm, { limiter: createMemoryRateLimiter({ rules: rulesFor({ requestsPerSecond: 4 }) }) });
    await Promise.all(Array.from({ length: 10 }, () => client.companyInfo()));
    expect(calls(realm)['GET companyinfo/:id']).toEqual({ '200': 10 });
  });

  it('retries reads on 5xx but never a write the caller did not mark safe', async () => {
    const realm = newRealm();
    sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { errorRate500: 1 } } } });
    // A lenient breaker, so this test sees the retry policy alone.
    const client = clientFor(realm, { retry: { baseMs: 10, maxRetries: 2 }, breaker: { volumeThreshold: 100 } });
    await expect(client.read('Customer', '1')).rejects.toMatchObject({ code: 'qbo_unavailable', retriable: true, httpStatus: 500 });
    expect(totalCalls(realm, '500')).toBe(3);
    sandbox.admin.resetCalls(realm);
    await expect(client.create('Customer', { DisplayName: 'X' }, { requestId: 'w-1' })).rejects.toMatchObject({ code: 'qbo_unavailable' });
    expect(totalCalls(realm, '500')).toBe(1);
    sandbox.admin.resetCalls(realm);
    await expect(client.create('Customer', { DisplayName: 'X' }, { requestId: 'w-2', retrySafe: true })).rejects.toMatchObject({ code: 'qbo_unavailable' });
    expect(totalCalls(realm, '500')).toBe(3);
  });

  it('asks the token provider for a fresh token once on 401 and retries', async () => {
    const realm = newRealm();
    const forced: boolean[] = [];
    const client = clientFor(realm, {
      tokenProvider: (_r, { forceRefresh }) => {
        forced.push(forceRefresh);
        return Promise.resolve(forceRefresh ? TOKEN : 'expired-token');
      },
    });
    await expect(client.companyInfo()).resolves.toMatchObject({ CompanyName: 'Client Test Co' });
    expect(forced).toEqual([false, true]);

    const never = clientFor(realm, { tokenProvider: () => Promise.resolve('revoked-token') });
    sandbox.admin.resetCalls(realm);
    await expect(never.companyInfo()).rejects.toMatchObject({ code: 'qbo_auth', httpStatus: 401, retriable: false });
  });

  it('opens the realm circuit after repeated unavailability, fails fast, and closes again once QBO recovers', async () => {
    const realm = newRealm();
    sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { errorRate503: 1 } } } });
    const client = clientFor(realm, { retry: { maxRetries: 0 }, breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 500 } });
    for (let i = 0; i < 3; i++) await expect(client.read('Customer', '1')).rejects.toMatchObject({ code: 'qbo_unavailable', circuitOpen: false });
    expect(totalCalls(realm)).toBe(3);
    await expect(client.read('Customer', '1')).rejects.toMatchObject({ code: 'qbo_unavailable', circuitOpen: true, retriable: true });
    expect(totalCalls(realm)).toBe(3);
    sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { errorRate503: 0 } } } });
    const info = await waitFor(() => client.companyInfo(), { timeoutMs: 5000, intervalMs: 100, description: 'the circuit to close' });
    expect(info.CompanyName).toBe('Client Test Co');
  });
});
