import type { CloudEvent } from '@ledgerbus/contracts';
import { readTopic, waitFor } from '@ledgerbus/testing';
import type { Json, MetricsHarness } from './harness';
import { TENANT, startMetricsHarness } from './harness';

let h: MetricsHarness;

// ---- the test's own arithmetic, from the sandbox's records (integer cents) ----

const cents = (v: unknown): number => Math.round(Number(String(v)) * 100);
const valueCents = (v: string): number => Math.round(Number(v) * 100);
const month = (date: string): string => date.slice(0, 7);

function expected() {
  const admin = h.sandbox.admin;
  const accounts = new Map(admin.entities(h.realmId, 'Account').map((a: Json) => [String(a.Id), a]));
  const items = new Map(admin.entities(h.realmId, 'Item').map((i: Json) => [String(i.Id), i]));
  const byName = (name: string): string => String([...accounts.values()].find((a) => a.Name === name)?.Id);
  const checking = byName('Checking');
  const rent = byName('Rent or Lease');
  const income = new Map<string, number>();
  const rentByMonth = new Map<string, number>();
  const net = new Map<string, number>();
  const bankMoves: Array<{ date: string; cents: number }> = [];
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

  for (const entity of ['Invoice', 'SalesReceipt']) {
    for (const txn of admin.entities(h.realmId, entity) as Json[]) {
      for (const line of txn.Line as Json[]) {
        if (line.DetailType !== 'SalesItemLineDetail') continue;
        add(income, month(txn.TxnDate), cents(line.Amount));
        add(net, month(txn.TxnDate), cents(line.Amount));
        const item = items.get(String(line.SalesItemLineDetail.ItemRef.value));
        if (item?.Type === 'Inventory') add(net, month(txn.TxnDate), -Math.round(Number(String(item.PurchaseCost)) * 100 * Number(line.SalesItemLineDetail.Qty)));
      }
      if (entity === 'SalesReceipt' && String(txn.DepositToAccountRef?.value) === checking) bankMoves.push({ date: txn.TxnDate, cents: cents(txn.TotalAmt) });
    }
  }
  for (const p of admin.entities(h.realmId, 'Purchase') as Json[]) {
    for (const line of p.Line as Json[]) {
      const account = accounts.get(String(line.AccountBasedExpenseLineDetail.AccountRef.value));
      if (account?.AccountType === 'Expense' || account?.AccountType === 'Other Expense') add(net, month(p.TxnDate), -cents(line.Amount));
      if (String(line.AccountBasedExpenseLineDetail.AccountRef.value) === rent) add(rentByMonth, month(p.TxnDate), cents(line.Amount));
    }
    if (String(p.AccountRef?.value) === checking) bankMoves.push({ date: p.TxnDate, cents: -cents(p.TotalAmt) });
  }
  for (const je of admin.entities(h.realmId, 'JournalEntry') as Json[]) {
    for (const line of je.Line as Json[]) {
      const detail = line.JournalEntryLineDetail;
      const debit = detail.PostingType === 'Debit' ? 1 : -1;
      const account = accounts.get(String(detail.AccountRef.value));
      if (['Expense', 'Other Expense', 'Cost of Goods Sold'].includes(account?.AccountType)) add(net, month(je.TxnDate), -debit * cents(line.Amount));
      if (['Income', 'Other Income'].includes(account?.AccountType)) add(net, month(je.TxnDate), -debit * cents(line.Amount));
      if (String(detail.AccountRef.value) === checking) bankMoves.push({ date: je.TxnDate, cents: debit * cents(line.Amount) });
    }
  }
  for (const p of admin.entities(h.realmId, 'Payment') as Json[]) {
    if (String(p.DepositToAccountRef?.value) === checking) bankMoves.push({ date: p.TxnDate, cents: cents(p.TotalAmt) });
  }
  const bankAt = (m: string): number => bankMoves.filter((b) => month(b.date) <= m).reduce((s, b) => s + b.cents, 0);
  return { checking, rent, income, rentByMonth, net, bankAt };
}

async function series(metricId: string): Promise<Json> {
  const res = await h.api('GET', `/v1/tenants/${TENANT}/metrics/${metricId}/values`, undefined, 'viewer');
  expect(res.status).toBe(200);
  return res.body as Json;
}

async function metricEvents(metricId: string): Promise<CloudEvent[]> {
  const messages = await readTopic(h.brokers, h.topics.events.name, { untilIdleMs: 1500 });
  return messages.flatMap((m) => (m.event !== undefined && m.event.type === 'metric.updated' && (m.event.data as Json).metricId === metricId ? [m.event] : []));
}

const metricIds: Record<'income' | 'rent' | 'net' | 'bank', string> = { income: '', rent: '', net: '', bank: '' };

beforeAll(async () => {
  h = await startMetricsHarness({ config: { historyMonths: 24, chunkMonths: 6, debounceMs: 700, maxDebounceMs: 5_000, tickMs: 100, timeZoneOffsetMinutes: -420, retryBaseMs: 500 } });
}, 120_000);

afterAll(async () => {
  await h.close();
});

describe('metrics service against the sandbox, Kafka and PostgreSQL', () => {
  it('imports a seeded company read-only, and serves Total Income, an expense account, Net Income and a bank balance equal to sums of its transactions for every month', async () => {
    const e = expected();
    await h.publishConnection('connected');
    await waitFor(async () => {
      const s = await h.api('GET', `/v1/tenants/${TENANT}/import-status`, undefined, 'viewer');
      return s.body?.datasets?.length === 3 && s.body.datasets.every((d: Json) => d.status === 'succeeded');
    }, { timeoutMs: 60_000, description: 'the first import' });

    const defs = {
      income: { name: 'Total Income', dataset: 'profit_and_loss', category: 'Income', aggregation: 'sum', period: 'month', target: '20000.00' },
      rent: { name: 'Rent', dataset: 'profit_and_loss', accounts: [e.rent], aggregation: 'sum', period: 'month' },
      net: { name: 'Net Income', dataset: 'profit_and_loss', category: 'NetIncome', aggregation: 'sum', period: 'month' },
      bank: { name: 'Checking balance', dataset: 'balance_sheet', accounts: [e.checking], aggregation: 'end_of_period', period: 'month' },
    } as const;
    for (const [key, def] of Object.entries(defs)) {
      const created = await h.api('POST', `/v1/tenants/${TENANT}/metrics`, def);
      expect(created.status).toBe(201);
      metricIds[key as keyof typeof metricIds] = created.body?.id as string;
    }

    const months: string[] = [];
    for (let m = new Date(Date.UTC(2024, 7, 1)); m <= new Date(Date.UTC(2026, 6, 1)); m.setUTCMonth(m.getUTCMonth() + 1)) months.push(m.toISOString().slice(0, 7));
    const income = await series(metricIds.income);
    expect(income.stale).toBe(false);
    expect(income.target).toBe('20000.00');
    expect(income.values.map((v: Json) => v.period)).toEqual(months);
    const actual = {
      income: income.values.map((v: Json) => valueCents(v.value)),
      rent: (await series(metricIds.rent)).values.map((v: Json) => valueCents(v.value)),
      net: (await series(metricIds.net)).values.map((v: Json) => valueCents(v.value)),
      bank: (await series(metricIds.bank)).values.map((v: Json) => valueCents(v.value)),
    };
    expect(actual).toEqual({
      income: months.map((m) => e.income.get(m) ?? 0),
      rent: months.map((m) => e.rentByMonth.get(m) ?? 0),
      net: months.map((m) => e.net.get(m) ?? 0),
      bank: months.map((m) => e.bankAt(m)),
    });
    expect(actual.income.some((c: number) => c > 0)).toBe(true);

    // Read-only: nothing but reads reached QBO, and the service's client refuses a write before sending it.
    expect(h.writesAtSandbox).toEqual([]);
    await expect(h.service.qboFor(h.realmId).create('Customer', { DisplayName: 'Never' }, { requestId: 'never-1' })).rejects.toMatchObject({ code: 'qbo_read_only' });
    expect(h.writesAtSandbox).toEqual([]);
    const calls = h.sandbox.admin.calls(h.realmId);
    expect(Object.keys(calls).filter((endpoint) => !endpoint.startsWith('GET ') && endpoint !== 'POST query')).toEqual([]);
  });

  it('lists the datasets with the accounts and totals of the connected company, and the import status', async () => {
    const datasets = await h.api('GET', `/v1/tenants/${TENANT}/datasets`, undefined, 'viewer');
    expect(datasets.status).toBe(200);
    const pnl = (datasets.body?.datasets as Json[]).find((d) => d.id === 'profit_and_loss');
    expect(pnl?.rows).toEqual(expect.arrayContaining([expect.objectContaining({ rowKey: 'total:Income', kind: 'total' }), expect.objectContaining({ rowKey: `account:${expected().rent}`, kind: 'account', label: 'Rent or Lease', category: 'Expenses' })]));
    const bs = (datasets.body?.datasets as Json[]).find((d) => d.id === 'balance_sheet');
    expect(bs?.rows).toEqual(expect.arrayContaining([expect.objectContaining({ rowKey: `account:${expected().checking}`, category: 'BankAccounts' }), expect.objectContaining({ rowKey: 'total:TotalAssets' })]));
    const status = await h.api('GET', `/v1/tenants/${TENANT}/import-status`, undefined, 'viewer');
    expect(status.body?.datasets.map((d: Json) => [d.dataset, d.status, d.error])).toEqual([
      ['accounts', 'succeeded', null],
      ['balance_sheet', 'succeeded', null],
      ['profit_and_loss', 'succeeded', null],
    ]);
    expect((status.body?.datasets as Json[]).find((d) => d.dataset === 'profit_and_loss')).toMatchObject({ rangeStart: '2024-08-01', rangeEnd: '2026-07-15', basis: 'Accrual', qboCalls: 4 });
    // Viewers read but do not write; another tenant's metrics do not exist.
    expect((await h.api('POST', `/v1/tenants/${TENANT}/metrics`, { name: 'x', dataset: 'profit_and_loss', category: 'Income', aggregation: 'sum', period: 'year' }, 'viewer')).body?.error.code).toBe('forbidden');
    expect((await h.api('GET', `/v1/tenants/${TENANT}/metrics/${metricIds.income}`, undefined, 'admin', 'other')).status).toBe(404);
    const bad = await h.api('POST', `/v1/tenants/${TENANT}/metrics`, { name: 'y', dataset: 'profit_and_loss', category: 'BankAccounts', aggregation: 'sum', period: 'year' });
    expect([bad.status, bad.body?.error.code]).toEqual([400, 'validation_failed']);
  });

  it('updates Total Income after the debounce with exactly one metric.updated event when an invoice lands in a closed month', async () => {
    const before = await series(metricIds.income);
    const march = before.values.find((v: Json) => v.period === '2025-03');
    const eventsBefore = await metricEvents(metricIds.income);
    const invoice = h.createInvoice('2025-03-10', 1234.56);
    // The connector would announce it (twice here: a webhook and a CDC poll); the debounce makes one import of them.
    await h.publishChange('Invoice', String(invoice.Id), 'Create');
    await h.publishChange('Invoice', String(invoice.Id), 'Update');

    const after = await waitFor(async () => {
      const s = await series(metricIds.income);
      const v = s.values.find((x: Json) => x.period === '2025-03');
      return valueCents(v.value) !== valueCents(march.value) ? s : undefined;
    }, { timeoutMs: 30_000, description: 'March income to change' });
    expect(valueCents(after.values.find((x: Json) => x.period === '2025-03').value)).toBe(valueCents(march.value) + 123456);
    expect(after.values.filter((x: Json) => x.period !== '2025-03')).toEqual(before.values.filter((x: Json) => x.period !== '2025-03'));
    const income = expected().income;
    expect(after.values.map((v: Json) => valueCents(v.value))).toEqual(after.values.map((v: Json) => income.get(v.period) ?? 0));

    const events = await waitFor(async () => {
      const list = await metricEvents(metricIds.income);
      return list.length > eventsBefore.length ? list : undefined;
    }, { timeoutMs: 15_000, description: 'a metric.updated event' });
    const fresh = events.slice(eventsBefore.length);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]?.data).toMatchObject({ tenantId: TENANT, realmId: h.realmId, metricId: metricIds.income, name: 'Total Income', changes: [{ period: '2025-03', previous: march.value, value: after.values.find((x: Json) => x.period === '2025-03').value }] });
    expect(h.writesAtSandbox).toEqual([]);
  });

  it('marks every metric stale with the reason on disconnect, and back-fills fresh values on reconnect', async () => {
    await h.publishConnection('reauthorization_required', 'refresh token rejected: invalid_grant');
    for (const id of Object.values(metricIds)) {
      const s = await waitFor(async () => {
        const x = await series(id);
        return x.stale ? x : undefined;
      }, { description: `metric ${id} stale` });
      expect(s.staleReason).toBe('QuickBooks needs to be reauthorized: refresh token rejected: invalid_grant');
    }
    const status = await h.api('GET', `/v1/tenants/${TENANT}/import-status`, undefined, 'viewer');
    expect(status.body).toMatchObject({ stale: true, connection: { status: 'reauthorization_required' }, nextImportAt: null });

    // A change while disconnected: values do not move until the company is reconnected.
    h.createInvoice('2025-04-20', 500, 1);
    const aprilBefore = (await series(metricIds.income)).values.find((x: Json) => x.period === '2025-04').value as string;

    await h.publishConnection('connected');
    const back = await waitFor(async () => {
      const x = await series(metricIds.income);
      return !x.stale ? x : undefined;
    }, { timeoutMs: 30_000, description: 'fresh values after reconnect' });
    expect(back.staleReason).toBeNull();
    expect(valueCents(back.values.find((x: Json) => x.period === '2025-04').value)).toBe(valueCents(aprilBefore) + 50000);
    for (const id of Object.values(metricIds)) expect((await series(id)).stale).toBe(false);
    expect((await h.api('GET', `/v1/tenants/${TENANT}/import-status`, undefined, 'viewer')).body).toMatchObject({ stale: false, connection: { status: 'connected' } });
    expect(h.writesAtSandbox).toEqual([]);
  });
});
