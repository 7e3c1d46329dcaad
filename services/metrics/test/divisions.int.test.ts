/**
 * Divisions (seed 001): one tenant connects one QBO company per division, and each division's
 * metrics come from its own company. Real Kafka (fresh topics), real PostgreSQL (fresh schema),
 * the sandbox with two seeded companies of different content.
 */
import { createEvent } from '@ledgerbus/contracts';
import { readTopic, waitFor } from '@ledgerbus/testing';
import type { Json, MetricsHarness } from './harness';
import { TENANT, startMetricsHarness } from './harness';

let h: MetricsHarness;

beforeAll(async () => {
  h = await startMetricsHarness({ config: { historyMonths: 24, chunkMonths: 6, debounceMs: 700, maxDebounceMs: 5_000, tickMs: 100, timeZoneOffsetMinutes: -420, retryBaseMs: 500 } });
}, 120_000);

afterAll(async () => {
  await h.close();
});

const cents = (v: unknown): number => Math.round(Number(String(v)) * 100);

/** Total Income by month of a company, summed from its invoices' and sales receipts' item lines (integer cents). */
function incomeByMonth(realmId: string): Map<string, number> {
  const income = new Map<string, number>();
  for (const entity of ['Invoice', 'SalesReceipt']) {
    for (const txn of h.sandbox.admin.entities(realmId, entity) as Json[]) {
      for (const line of txn.Line as Json[]) {
        if (line.DetailType !== 'SalesItemLineDetail') continue;
        const m = String(txn.TxnDate).slice(0, 7);
        income.set(m, (income.get(m) ?? 0) + cents(line.Amount));
      }
    }
  }
  return income;
}

async function connectDivision(division: string, realmId: string, companyName: string): Promise<void> {
  const event = createEvent({
    type: 'connection.state',
    source: 'test/connector',
    data: { tenantId: TENANT, divisionId: division, realmId, companyName, status: 'connected', updatedAt: new Date(Date.UTC(2031, 0, 1)).toISOString() },
  });
  await h.bus.publish(h.topics.connections, [{ key: `${TENANT}/${division}`, event }]);
}

describe('a tenant with two divisions connected to two companies', () => {
  it("imports each division's company and computes each division's metrics from its own company only", async () => {
    const east = h.sandbox.admin.createCompany({ companyName: 'East Co', seed: 21, size: 'small' }).realmId;
    const west = h.sandbox.admin.createCompany({ companyName: 'West Co', seed: 37, size: 'small' }).realmId;
    await connectDivision('east', east, 'East Co');
    await connectDivision('west', west, 'West Co');

    for (const [division, realmId] of [['east', east], ['west', west]] as const) {
      await waitFor(async () => {
        const s = await h.api('GET', `/v1/tenants/${TENANT}/import-status?division=${division}`, undefined, 'viewer');
        return s.body?.connection?.realmId === realmId && s.body.datasets?.length === 3 && s.body.datasets.every((d: Json) => d.status === 'succeeded' && d.realmId === realmId);
      }, { timeoutMs: 60_000, description: `the first import of ${division}'s company` });
    }
    // Each company read on its own.
    expect(Object.keys(h.sandbox.admin.calls(east)).length).toBeGreaterThan(0);
    expect(Object.keys(h.sandbox.admin.calls(west)).length).toBeGreaterThan(0);

    // The same metric name in both divisions: one definition each.
    const def = { name: 'Total Income', dataset: 'profit_and_loss', category: 'Income', aggregation: 'sum', period: 'month' };
    const ids: Record<string, string> = {};
    for (const division of ['east', 'west']) {
      const created = await h.api('POST', `/v1/tenants/${TENANT}/metrics?division=${division}`, def);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ tenantId: TENANT, divisionId: division, name: 'Total Income' });
      ids[division] = created.body?.id as string;
    }

    const valuesOf = async (division: string): Promise<Map<string, number>> => {
      const res = await h.api('GET', `/v1/tenants/${TENANT}/metrics/${ids[division]}/values?division=${division}`, undefined, 'viewer');
      expect(res.status).toBe(200);
      return new Map((res.body?.values as Json[]).map((v) => [String(v.period), cents(v.value)]));
    };
    const actualEast = await valuesOf('east');
    const actualWest = await valuesOf('west');
    const expectedEast = incomeByMonth(east);
    const expectedWest = incomeByMonth(west);
    const months = [...actualEast.keys()];
    expect(months.length).toBe(24);
    expect(months.map((m) => actualEast.get(m))).toEqual(months.map((m) => expectedEast.get(m) ?? 0));
    expect(months.map((m) => actualWest.get(m))).toEqual(months.map((m) => expectedWest.get(m) ?? 0));
    // The two companies differ, so a division reading the other's company would show.
    expect(months.map((m) => expectedEast.get(m) ?? 0)).not.toEqual(months.map((m) => expectedWest.get(m) ?? 0));

    // A division's metric belongs to it: not in the tenant's own list, not readable from the other division.
    expect((await h.api('GET', `/v1/tenants/${TENANT}/metrics`, undefined, 'viewer')).body?.metrics).toEqual([]);
    expect((await h.api('GET', `/v1/tenants/${TENANT}/metrics/${ids.east}?division=west`, undefined, 'viewer')).status).toBe(404);

    // metric.updated names the tenant, the division and its company.
    const updates = await waitFor(async () => {
      const messages = await readTopic(h.brokers, h.topics.events.name, { untilIdleMs: 1000 });
      const found = messages.flatMap((m) => (m.event?.type === 'metric.updated' ? [m.event.data as Json] : []));
      return found.some((d) => d.metricId === ids.east) && found.some((d) => d.metricId === ids.west) ? found : undefined;
    }, { timeoutMs: 30_000, description: 'metric.updated of both divisions' });
    expect(updates.find((d) => d.metricId === ids.east)).toMatchObject({ tenantId: TENANT, divisionId: 'east', realmId: east });
    expect(updates.find((d) => d.metricId === ids.west)).toMatchObject({ tenantId: TENANT, divisionId: 'west', realmId: west });
  });

  it("makes a division's metrics stale when its company is disconnected, leaving the other division's fresh", async () => {
    const north = h.sandbox.admin.createCompany({ companyName: 'North Co', seed: 41, size: 'small' }).realmId;
    const south = h.sandbox.admin.createCompany({ companyName: 'South Co', seed: 43, size: 'small' }).realmId;
    await connectDivision('north', north, 'North Co');
    await connectDivision('south', south, 'South Co');
    const def = { name: 'Income', dataset: 'profit_and_loss', category: 'Income', aggregation: 'sum', period: 'month' };
    const ids: Record<string, string> = {};
    for (const division of ['north', 'south']) {
      await waitFor(async () => {
        const datasets = (await h.api('GET', `/v1/tenants/${TENANT}/import-status?division=${division}`, undefined, 'viewer')).body?.datasets as Json[] | undefined;
        return datasets?.length === 3 && datasets.every((d) => d.status === 'succeeded');
      }, { timeoutMs: 60_000, description: `${division} imported` });
      const created = await h.api('POST', `/v1/tenants/${TENANT}/metrics?division=${division}`, def);
      expect(created.status).toBe(201);
      ids[division] = created.body?.id as string;
    }
    const event = createEvent({
      type: 'connection.state',
      source: 'test/connector',
      data: { tenantId: TENANT, divisionId: 'north', realmId: north, companyName: 'North Co', status: 'disconnected', updatedAt: new Date(Date.UTC(2031, 0, 2)).toISOString() },
    });
    await h.bus.publish(h.topics.connections, [{ key: `${TENANT}/north`, event }]);
    await waitFor(async () => (await h.api('GET', `/v1/tenants/${TENANT}/metrics/${ids.north}/values?division=north`, undefined, 'viewer')).body?.stale === true, { timeoutMs: 30_000, description: 'north stale' });
    const south2 = await h.api('GET', `/v1/tenants/${TENANT}/metrics/${ids.south}/values?division=south`, undefined, 'viewer');
    expect(south2.body).toMatchObject({ stale: false });
    const northStatus = await h.api('GET', `/v1/tenants/${TENANT}/import-status?division=north`, undefined, 'viewer');
    expect(northStatus.body).toMatchObject({ connection: { realmId: north, status: 'disconnected' }, stale: true });
  });
});
