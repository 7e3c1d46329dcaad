/**
 * The import schedule and retries, with time driven by the clock the service shares with the
 * sandbox (`sandbox.clock.advance`) and the runner's passes driven by the test
 * (`runner.tick()`), on the default configuration: hourly imports, retries from 30 s.
 */
import type { CloudEvent } from '@ledgerbus/contracts';
import type { BreakerOptions } from '@ledgerbus/qbo';
import { BreakerRegistry } from '@ledgerbus/qbo';
import { readTopic, waitFor } from '@ledgerbus/testing';
import type { ImportResult } from '../src/use-cases/import';
import type { Json, MetricsHarness } from './harness';
import { TENANT, startMetricsHarness } from './harness';

const HOUR = 3_600_000;
const FAILED_REASON = 'The last import from QuickBooks failed (qbo_unavailable); it is retried';

/** The real circuit breakers, but a trial call 200 ms after one opens (30 s in production), so a recovered QBO is reached at once. */
class QuickResetBreakers extends BreakerRegistry {
  override get(key: string, options: BreakerOptions) {
    return super.get(key, { ...options, resetTimeoutMs: 200 });
  }
}

let h: MetricsHarness;
let incomeId = '';

async function status(): Promise<Json> {
  const res = await h.api('GET', `/v1/tenants/${TENANT}/import-status`, undefined, 'viewer');
  expect(res.status).toBe(200);
  return res.body!;
}

async function series(metricId: string): Promise<Json> {
  const res = await h.api('GET', `/v1/tenants/${TENANT}/metrics/${metricId}/values`, undefined, 'viewer');
  expect(res.status).toBe(200);
  return res.body!;
}

const datasetOf = (s: Json, dataset: string): Json => (s.datasets as Json[]).find((d) => d.dataset === dataset)!;
const monthCents = (s: Json, period: string): number => Math.round(Number((s.values as Json[]).find((v) => v.period === period)?.value) * 100);

/** Requests the sandbox answered for the realm with `status`. */
const answered = (status: string): number => Object.values(h.sandbox.admin.calls(h.realmId)).reduce((n, byStatus) => n + (byStatus[status] ?? 0), 0);

/** Moves the clock (the service's and the sandbox's) forward to `at` + `plusMs`. */
function advanceTo(at: string | number, plusMs = 0): void {
  const by = new Date(at).getTime() + plusMs - h.sandbox.clock.nowMs();
  if (by > 0) h.sandbox.clock.advance(by);
}

/** One pass of the import runner, with the clock read before and after it. */
async function pass(): Promise<{ imported: ImportResult[]; from: number; to: number }> {
  const from = h.sandbox.clock.nowMs();
  const imported = await h.service.runner.tick();
  return { imported, from, to: h.sandbox.clock.nowMs() };
}

beforeAll(async () => {
  h = await startMetricsHarness({ runImports: false, breakers: new QuickResetBreakers() });
}, 120_000);

afterAll(async () => {
  await h.close();
});

describe('metrics import schedule and retries', () => {
  it('imports a company once it connects, again when its hourly schedule is due and not before, and so picks up QBO changes nobody announced', async () => {
    await h.publishConnection('connected');
    await waitFor(async () => (await h.service.runner.tick()).length === 1, { timeoutMs: 60_000, description: 'the import on connect' });
    const created = await h.api('POST', `/v1/tenants/${TENANT}/metrics`, { name: 'Total Income', dataset: 'profit_and_loss', category: 'Income', aggregation: 'sum', period: 'month' });
    expect(created.status).toBe(201);
    incomeId = created.body?.id as string;
    const first = await status();
    expect(first).toMatchObject({ stale: false, nextImportAt: null });
    const importedAt = datasetOf(first, 'profit_and_loss').finishedAt as string;
    const may = monthCents(await series(incomeId), '2026-05');

    // Booked in QBO without a webhook or CDC poll announcing it: only the schedule brings it in.
    h.createInvoice('2026-05-12', 777.77);
    const callsBefore = answered('200');

    advanceTo(importedAt, HOUR - 60_000);
    expect((await pass()).imported).toEqual([]);
    const early = await status();
    expect(early).toMatchObject({ nextImportAt: null });
    expect(datasetOf(early, 'profit_and_loss').finishedAt).toBe(importedAt);
    expect(answered('200')).toBe(callsBefore);
    expect(monthCents(await series(incomeId), '2026-05')).toBe(may);

    advanceTo(importedAt, HOUR + 1_000);
    expect((await pass()).imported.map((r) => r.tenantId)).toEqual([TENANT]);
    const second = await status();
    expect(second).toMatchObject({ stale: false, nextImportAt: null });
    expect(Date.parse(datasetOf(second, 'profit_and_loss').finishedAt)).toBeGreaterThan(Date.parse(importedAt) + HOUR);
    expect(answered('200')).toBeGreaterThan(callsBefore);
    const after = await series(incomeId);
    expect(after.stale).toBe(false);
    expect(monthCents(after, '2026-05')).toBe(may + 77777);
    expect(h.writesAtSandbox).toEqual([]);
  });

  it('retries a failed import with doubling back-off, shows every metric stale with the reason meanwhile, and makes them fresh again once QBO answers', async () => {
    const good = await series(incomeId);
    const lastImport = datasetOf(await status(), 'profit_and_loss').finishedAt as string;
    h.sandbox.admin.updateSettings({ faults: { perRealm: { [h.realmId]: { errorRate503: 1 } } } });
    h.createInvoice('2026-04-08', 1000);

    // The schedule comes due while QBO answers 503: the import fails and is retried 30 s later.
    advanceTo(lastImport, HOUR + 1_000);
    const failed = await pass();
    expect(failed.imported).toEqual([]);
    expect(answered('503')).toBeGreaterThan(0);
    const down = await status();
    expect(down).toMatchObject({ stale: true, staleReason: FAILED_REASON, connection: { status: 'connected' } });
    expect(datasetOf(down, 'accounts')).toMatchObject({ status: 'failed', error: { code: 'qbo_unavailable' } });
    const retry1 = Date.parse(down.nextImportAt);
    expect(retry1).toBeGreaterThanOrEqual(failed.from + 30_000);
    expect(retry1).toBeLessThanOrEqual(failed.to + 30_000);
    const staleSeries = await series(incomeId);
    expect(staleSeries).toMatchObject({ stale: true, staleReason: FAILED_REASON });
    expect(staleSeries.values).toEqual(good.values);

    // Not before its time.
    advanceTo(retry1, -5_000);
    expect((await pass()).imported).toEqual([]);
    expect((await status()).nextImportAt).toBe(down.nextImportAt);

    // Each time it is due it runs, fails again, and waits twice as long.
    let due = retry1;
    for (const delay of [60_000, 120_000]) {
      advanceTo(due);
      const again = await pass();
      expect(again.imported).toEqual([]);
      const stillDown = await status();
      expect(stillDown).toMatchObject({ stale: true, staleReason: FAILED_REASON });
      due = Date.parse(stillDown.nextImportAt);
      expect(due).toBeGreaterThanOrEqual(again.from + delay);
      expect(due).toBeLessThanOrEqual(again.to + delay);
    }

    // One metric.stale for the outage, not one per attempt.
    const staleEvents = (await readTopic(h.brokers, h.topics.events.name, { untilIdleMs: 1500 })).flatMap((m) =>
      m.event?.type === 'metric.stale' && (m.event.data as Json).metricId === incomeId ? [m.event as CloudEvent<Json>] : [],
    );
    expect(staleEvents.map((e) => e.data.reason)).toEqual([FAILED_REASON]);

    // QBO answers again: the next retries, each at its due time, bring the metrics back.
    h.sandbox.admin.updateSettings({ faults: { perRealm: { [h.realmId]: { errorRate503: 0 } } } });
    await waitFor(
      async () => {
        advanceTo((await status()).nextImportAt as string);
        return (await h.service.runner.tick()).length === 1;
      },
      { timeoutMs: 30_000, description: 'an import that succeeds once QBO answers' },
    );
    const up = await status();
    expect(up).toMatchObject({ stale: false, staleReason: null, nextImportAt: null });
    expect((up.datasets as Json[]).map((d) => [d.dataset, d.status, d.error])).toEqual([
      ['accounts', 'succeeded', null],
      ['balance_sheet', 'succeeded', null],
      ['profit_and_loss', 'succeeded', null],
    ]);
    const back = await series(incomeId);
    expect(back).toMatchObject({ stale: false, staleReason: null });
    expect(monthCents(back, '2026-04')).toBe(monthCents(good, '2026-04') + 100000);
    expect(h.writesAtSandbox).toEqual([]);
  });
});
