/**
 * QBO call metering end to end (sandbox, Kafka, PostgreSQL): the connector's own calls (the
 * callback's CompanyInfo, the snapshot, CDC) and another service's mixed run (writes, reads, a
 * sparse update, CDC, a report, batches) are counted in `qbo_usage`; the usage endpoints show the
 * same figures as the sandbox's metering counters, call for call; the read-quota thresholds fire
 * once each on sync.events.v1.
 */
import { createPostgresQboMeter, createMemoryRateLimiter, createQboClient, select } from '@ledgerbus/qbo';
import type { BatchOperation, QboClient } from '@ledgerbus/qbo';
import { mintToken } from '@ledgerbus/kit';
import { waitFor } from '@ledgerbus/testing';
import { connectThroughRedirects, createHarness, JWT_SECRET, uniqueRealmId } from './harness';
import type { Harness } from './harness';

interface Counts {
  core: number;
  corePlus: number;
}
interface TenantUsageBody {
  tenantId: string;
  month: string;
  thisMonth: Counts;
  thisMinute: Counts;
  realms: Array<{ realmId: string; thisMonth: Counts; budget: Array<{ name: string; limit: number; used: number; remaining: number }> }>;
  quota: { monthlyReadQuota: number; deploymentReads: number; deploymentPercent: number; deploymentForecastReads: number; tenantReads: number; tenantPercent: number; monthEndsAt: string };
}

const QUOTA = 400;

describe('connector: QBO call metering and the read quota', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('counts every call per realm and tenant as the sandbox does, shows it on both endpoints, and fires 80 % and 95 % once each', async () => {
    h = await createHarness({}, { qboUsage: { monthlyReadQuota: QUOTA, checkEveryMs: 200 } });
    const realmId = uniqueRealmId();
    h.sandbox.admin.createCompany({ realmId, companyName: `Metered ${realmId}` });
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });
    const viewer = await h.token({ sub: 'victor', tenant, role: 'viewer' });
    expect((await connectThroughRedirects(h.instances[0]!, admin, tenant, realmId)).status).toBe(200);
    const instance = h.instances[0]!;
    await waitFor(
      async () => ((await instance.db.knex('connections').where({ realm_id: realmId }).first<{ snapshot_completed_at: Date | null } | undefined>())?.snapshot_completed_at ?? null) !== null,
      { timeoutMs: 30_000, description: 'the snapshot' },
    );

    // Another service's client (its own process in production) metering into the same table.
    const meter = createPostgresQboMeter({ knex: instance.db.knex, schema: h.schema, flushIntervalMs: 100 });
    const worker: QboClient = createQboClient({
      baseUrl: h.sandboxUrl,
      realmId,
      tokenProvider: async (realm, o) => (await instance.service.tokens.getAccessToken(realm, { forceRefresh: o.forceRefresh })).accessToken,
      limiter: createMemoryRateLimiter(),
      meter,
    });
    const customer = await worker.create('Customer', { DisplayName: 'Usage One' }, { requestId: `${realmId}-1` });
    await worker.create('Customer', { DisplayName: 'Usage Two' }, { requestId: `${realmId}-2` });
    await worker.read('Customer', customer.Id);
    await worker.sparseUpdate('Customer', customer.Id, () => ({ Notes: 'metered' }), { requestId: `${realmId}-3` });
    await worker.cdc(['Customer'], new Date(Date.now() - 3_600_000));
    await worker.report('ProfitAndLoss', { start_date: '2026-01-01', end_date: '2026-12-31' });
    const mixed = await worker.batch(
      [
        { operation: 'create', entity: 'Customer', body: { DisplayName: 'Usage Batch' } },
        { query: select('Customer').where('DisplayName', '=', 'Usage Batch') },
        { operation: 'create', entity: 'Customer', body: { DisplayName: 'Usage One' } }, // duplicate name: a faulted item, not metered
      ],
      { requestId: `${realmId}-b` },
    );
    expect(mixed.map((r) => r.ok)).toEqual([true, true, false]);
    await meter.flush();

    const usageOf = async (bearer: string): Promise<TenantUsageBody> => {
      const res = await fetch(`${instance.url}/v1/tenants/${tenant}/qbo-usage`, { headers: { authorization: `Bearer ${bearer}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as TenantUsageBody;
    };
    // The connector flushes its own counts every second: wait until they are in, then compare call for call.
    const sandboxTotal = (): Counts => h.sandbox.admin.metering(realmId).total;
    const usage = await waitFor(
      async () => {
        const u = await usageOf(viewer);
        const s = sandboxTotal();
        return u.thisMonth.core === s.core && u.thisMonth.corePlus === s.corePlus ? u : undefined;
      },
      { timeoutMs: 15_000, description: 'the usage endpoint equal to the sandbox counters' },
    );
    // 3 creates and the sparse update's write are Core; the rest (the connector's CompanyInfo, snapshot and CDC reads, ours) CorePlus.
    expect(usage.thisMonth.core).toBe(4);
    expect(usage.thisMonth.corePlus).toBeGreaterThanOrEqual(6);
    expect(usage.realms).toHaveLength(1);
    expect(usage.realms[0]).toMatchObject({ realmId, thisMonth: sandboxTotal() });
    const perMinute = usage.realms[0]!.budget.find((b) => b.name === 'per_minute');
    expect(perMinute).toMatchObject({ limit: 500 });
    expect(perMinute!.used + perMinute!.remaining).toBe(500);
    expect(usage.quota).toMatchObject({ monthlyReadQuota: QUOTA, deploymentReads: usage.thisMonth.corePlus, tenantReads: usage.thisMonth.corePlus });
    expect(usage.quota.tenantPercent).toBeCloseTo((usage.thisMonth.corePlus * 100) / QUOTA, 1);
    expect(usage.quota.deploymentForecastReads).toBeGreaterThanOrEqual(usage.quota.deploymentReads);
    expect(usage.month).toBe(new Date().toISOString().slice(0, 7));

    // Another tenant's admin does not see it; the deployment endpoint is for platform service accounts only.
    const stranger = await h.token({ sub: 'eve', tenant: 'someone-else', role: 'admin' });
    expect([403, 404]).toContain((await fetch(`${instance.url}/v1/tenants/${tenant}/qbo-usage`, { headers: { authorization: `Bearer ${stranger}` } })).status);
    expect((await fetch(`${instance.url}/v1/qbo-usage`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(403);
    const platform = await mintToken(JWT_SECRET, { sub: 'svc:platform', tenant: '*', role: 'admin', svc: true });
    const deployment = (await (await fetch(`${instance.url}/v1/qbo-usage`, { headers: { authorization: `Bearer ${platform}` } })).json()) as {
      thisMonth: Counts;
      realms: Array<{ realmId: string; thisMonth: Counts }>;
      quota: { deploymentReads: number };
      thresholds: Array<{ percent: number; crossedAt?: string }>;
    };
    expect(deployment.thisMonth).toEqual(sandboxTotal());
    expect(deployment.realms.map((r) => r.realmId)).toEqual([realmId]);
    expect(deployment.thresholds).toEqual([{ percent: 80 }, { percent: 95 }]);

    // Reads up to 80 % of the quota (batches of 30 queries: 30 CorePlus calls each), then past 95 %.
    const events = await h.tail(h.topics.events);
    const crossed = (): Array<{ thresholdPercent: number; reads: number }> =>
      events.messages.filter((m) => m.event.type === 'qbo.read_quota_threshold_crossed').map((m) => m.event.data as { thresholdPercent: number; reads: number });
    const readUpTo = async (target: number): Promise<void> => {
      for (;;) {
        const have = sandboxTotal().corePlus;
        if (have >= target) return;
        const n = Math.min(30, target - have);
        const queries: BatchOperation[] = Array.from({ length: n }, () => ({ query: 'select * from Account MAXRESULTS 1' }));
        await worker.batch(queries);
      }
    };
    await readUpTo(Math.ceil(QUOTA * 0.8) + 2);
    await meter.flush();
    await waitFor(() => crossed().some((e) => e.thresholdPercent === 80), { timeoutMs: 15_000, description: 'the 80 % event' });
    expect(crossed().some((e) => e.thresholdPercent === 95)).toBe(false);
    await readUpTo(Math.ceil(QUOTA * 0.95) + 2);
    await meter.flush();
    await waitFor(() => crossed().some((e) => e.thresholdPercent === 95), { timeoutMs: 15_000, description: 'the 95 % event' });
    // More checks (every 200 ms) and more reads: still one event per threshold.
    await worker.batch([{ query: 'select * from Account MAXRESULTS 1' }]);
    await meter.flush();
    await new Promise((r) => setTimeout(r, 1500));
    await events.settled(500);
    expect(crossed().map((e) => e.thresholdPercent).sort()).toEqual([80, 95]);
    const event80 = events.messages.find((m) => m.event.type === 'qbo.read_quota_threshold_crossed' && (m.event.data as { thresholdPercent: number }).thresholdPercent === 80)!;
    expect(event80.key).toBe('*');
    expect(event80.event.data).toMatchObject({ scope: 'deployment', monthlyReadQuota: QUOTA, month: new Date().toISOString().slice(0, 7) });
    expect((event80.event.data as { reads: number }).reads).toBeGreaterThanOrEqual(QUOTA * 0.8);

    const after = await waitFor(
      async () => {
        const u = await usageOf(admin);
        return u.thisMonth.corePlus === sandboxTotal().corePlus && u.thisMonth.core === sandboxTotal().core ? u : undefined;
      },
      { timeoutMs: 15_000, description: 'the usage endpoint equal to the sandbox counters after the reads' },
    );
    expect(after.quota.deploymentPercent).toBeGreaterThanOrEqual(95);
    const withThresholds = (await (await fetch(`${instance.url}/v1/qbo-usage`, { headers: { authorization: `Bearer ${platform}` } })).json()) as { thresholds: Array<{ percent: number; crossedAt?: string }> };
    expect(withThresholds.thresholds.every((t) => typeof t.crossedAt === 'string')).toBe(true);
    await meter.close();
  });
});
