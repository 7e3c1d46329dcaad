/**
 * QBO call usage (Intuit's metering: Core writes free, CorePlus reads metered against a monthly
 * quota pooled by the whole deployment). Every service's QBO client meters into `qbo_usage` (the
 * shared limiter schema, libs/qbo metering.ts); this reads it per tenant (the realms of the
 * tenant's connections, every division, connected or not) and for the deployment, adds each
 * realm's per-minute budget from the shared limiter, the month's reads against the quota and a
 * linear forecast to month end, and fires `qbo.read_quota_threshold_crossed` once per month and
 * threshold (80 %, 95 %) through the outbox.
 */
import { createEvent } from '@ledgerbus/contracts';
import type { EventData, syncEvents } from '@ledgerbus/contracts';
import { ALL_TENANTS } from '@ledgerbus/kit';
import { outbox } from '@ledgerbus/db';
import type { MeterCounts, RateLimiter, RuleBudget } from '@ledgerbus/qbo';
import { DEFAULT_USAGE_TABLE, forecastMonthEnd, monthStart, nextMonthStart, readQboUsage } from '@ledgerbus/qbo';
import type { Knex } from 'knex';
import { SOURCE } from '../context';
import type { ConnectorTopics } from '../context';

export const DEFAULT_MONTHLY_READ_QUOTA = 500_000;
export const READ_QUOTA_THRESHOLDS = [80, 95] as const;

export interface QboUsageSettings {
  /** Schema of `qbo_usage` (the limiter's, shared by every service). */
  schema: string | undefined;
  monthlyReadQuota: number;
}

export interface RealmUsage {
  realmId: string;
  divisionId?: string;
  thisMonth: MeterCounts;
  thisMinute: MeterCounts;
  /** The realm's rate-limit windows now (10/s, 500/min, 120 batch/min): used and remaining. */
  budget: RuleBudget[];
}

export interface QuotaView {
  monthlyReadQuota: number;
  /** CorePlus calls of the whole deployment this month. */
  deploymentReads: number;
  deploymentPercent: number;
  deploymentForecastReads: number;
  deploymentForecastPercent: number;
  monthEndsAt: string;
}

export interface TenantUsage {
  tenantId: string;
  at: string;
  month: string;
  thisMonth: MeterCounts;
  thisMinute: MeterCounts;
  realms: RealmUsage[];
  quota: QuotaView & { tenantReads: number; tenantPercent: number; tenantForecastReads: number };
}

export interface DeploymentUsage {
  at: string;
  month: string;
  thisMonth: MeterCounts;
  thisMinute: MeterCounts;
  /** Realms with calls this month, most reads first (at most 100). */
  realms: Array<Omit<RealmUsage, 'divisionId'>>;
  realmsWithCalls: number;
  quota: QuotaView;
  thresholds: Array<{ percent: number; crossedAt?: string }>;
}

export type QuotaThresholdCrossed = EventData<typeof syncEvents, 'qbo.read_quota_threshold_crossed'>;

const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part * 10_000) / whole) / 100 : 0);
const monthLabel = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

export interface QboUsageService {
  forTenant(tenantId: string): Promise<TenantUsage>;
  forDeployment(): Promise<DeploymentUsage>;
  /** Fires the threshold events not fired yet this month; returns the thresholds fired now. */
  checkThresholds(): Promise<number[]>;
}

export function createQboUsageService(deps: {
  knex: Knex;
  limiter: RateLimiter;
  topics: ConnectorTopics;
  settings: QboUsageSettings;
  clock: () => Date;
}): QboUsageService {
  const { knex, limiter, settings } = deps;
  const usageTable = settings.schema ? `${settings.schema}.${DEFAULT_USAGE_TABLE}` : DEFAULT_USAGE_TABLE;
  const budgetOf = async (realmId: string): Promise<RuleBudget[]> => (limiter.budget ? limiter.budget(realmId) : []);

  async function deploymentReads(nowMs: number): Promise<number> {
    const row = await knex(usageTable)
      .where({ period: 'month', bucket: new Date(monthStart(nowMs)) })
      .sum<{ reads: string | null }>({ reads: 'core_plus' })
      .first();
    return Number(row?.reads ?? 0);
  }

  function quotaView(reads: number, nowMs: number): QuotaView {
    const forecast = forecastMonthEnd(reads, nowMs);
    return {
      monthlyReadQuota: settings.monthlyReadQuota,
      deploymentReads: reads,
      deploymentPercent: percent(reads, settings.monthlyReadQuota),
      deploymentForecastReads: forecast,
      deploymentForecastPercent: percent(forecast, settings.monthlyReadQuota),
      monthEndsAt: new Date(nextMonthStart(nowMs)).toISOString(),
    };
  }

  return {
    async forTenant(tenantId) {
      const nowMs = deps.clock().getTime();
      const connections = await knex('connections').where({ tenant_id: tenantId }).select<Array<{ realm_id: string; division_id: string }>>('realm_id', 'division_id');
      const realmIds = [...new Set(connections.map((c) => c.realm_id))];
      const usage = await readQboUsage(knex, { schema: settings.schema, realmIds, now: nowMs });
      const byRealm = new Map(usage.realms.map((r) => [r.realmId, r]));
      const realms: RealmUsage[] = [];
      for (const c of connections) {
        const u = byRealm.get(c.realm_id);
        realms.push({
          realmId: c.realm_id,
          ...(c.division_id === '' ? {} : { divisionId: c.division_id }),
          thisMonth: { core: u?.core ?? 0, corePlus: u?.corePlus ?? 0 },
          thisMinute: u?.thisMinute ?? { core: 0, corePlus: 0 },
          budget: await budgetOf(c.realm_id),
        });
      }
      const reads = await deploymentReads(nowMs);
      const tenantReads = usage.thisMonth.corePlus;
      return {
        tenantId,
        at: new Date(nowMs).toISOString(),
        month: monthLabel(nowMs),
        thisMonth: usage.thisMonth,
        thisMinute: usage.thisMinute,
        realms,
        quota: {
          ...quotaView(reads, nowMs),
          tenantReads,
          tenantPercent: percent(tenantReads, settings.monthlyReadQuota),
          tenantForecastReads: forecastMonthEnd(tenantReads, nowMs),
        },
      };
    },

    async forDeployment() {
      const nowMs = deps.clock().getTime();
      const usage = await readQboUsage(knex, { schema: settings.schema, realmIds: 'all', now: nowMs });
      const top = usage.realms.slice(0, 100);
      const realms = [];
      for (const r of top) realms.push({ realmId: r.realmId, thisMonth: { core: r.core, corePlus: r.corePlus }, thisMinute: r.thisMinute, budget: await budgetOf(r.realmId) });
      const fired = await knex('qbo_quota_alerts').where({ month: monthLabel(nowMs) }).select<Array<{ threshold: number; fired_at: Date }>>('threshold', 'fired_at');
      const firedAt = new Map(fired.map((f) => [Number(f.threshold), new Date(f.fired_at).toISOString()]));
      return {
        at: new Date(nowMs).toISOString(),
        month: monthLabel(nowMs),
        thisMonth: usage.thisMonth,
        thisMinute: usage.thisMinute,
        realms,
        realmsWithCalls: usage.realms.length,
        quota: quotaView(usage.thisMonth.corePlus, nowMs),
        thresholds: READ_QUOTA_THRESHOLDS.map((p) => ({ percent: p, ...(firedAt.has(p) ? { crossedAt: firedAt.get(p) } : {}) })),
      };
    },

    async checkThresholds() {
      const now = deps.clock();
      const nowMs = now.getTime();
      const reads = await deploymentReads(nowMs);
      const crossed = READ_QUOTA_THRESHOLDS.filter((p) => reads * 100 >= p * settings.monthlyReadQuota);
      if (crossed.length === 0) return [];
      const month = monthLabel(nowMs);
      const fired: number[] = [];
      for (const threshold of crossed) {
        // One row per month and threshold: whichever replica inserts it fires the event, in the same transaction.
        const inserted = await knex.transaction(async (trx) => {
          const rows = await trx('qbo_quota_alerts').insert({ month, threshold, reads, fired_at: now }).onConflict(['month', 'threshold']).ignore().returning('threshold');
          if (rows.length === 0) return false;
          const data: QuotaThresholdCrossed = {
            scope: 'deployment',
            month,
            thresholdPercent: threshold,
            monthlyReadQuota: settings.monthlyReadQuota,
            reads,
            forecastReads: forecastMonthEnd(reads, nowMs),
            at: now.toISOString(),
          };
          await outbox.enqueue(trx, deps.topics.events, [
            { key: ALL_TENANTS, event: createEvent({ type: 'qbo.read_quota_threshold_crossed', source: SOURCE, subject: `${month}/${threshold}`, tenantid: ALL_TENANTS, data, time: now }) },
          ]);
          return true;
        });
        if (inserted) fired.push(threshold);
      }
      return fired;
    },
  };
}
