import type { Knex } from 'knex';
import type { Dataset } from '../domain/datasets';
import type { Aggregation, MetricDefinition, MetricSelector } from '../domain/metric-definition';
import type { MetricValue } from '../domain/metric-values';
import { formatAmount, parseAmount } from '../domain/money';
import type { PeriodUnit } from '../domain/periods';

export interface StoredMetric extends MetricDefinition {
  id: string;
  tenantId: string;
  version: number;
  stale: boolean;
  staleReason: string | null;
  staleSince: Date | null;
  computedAt: Date | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
}

const amountOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : formatAmount(parseAmount(v as string)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

function fromRow(r: Record<string, unknown>): StoredMetric {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    name: r.name as string,
    dataset: r.dataset as Dataset,
    selector: r.selector as MetricSelector,
    aggregation: r.aggregation as Aggregation,
    period: r.period as PeriodUnit,
    target: amountOrNull(r.target),
    version: Number(r.version),
    stale: Boolean(r.stale),
    staleReason: (r.stale_reason as string | null) ?? null,
    staleSince: dateOrNull(r.stale_since),
    computedAt: dateOrNull(r.computed_at),
    createdAt: new Date(r.created_at as string),
    createdBy: r.created_by as string,
    updatedAt: new Date(r.updated_at as string),
    updatedBy: r.updated_by as string,
  };
}

export interface StoredValue extends MetricValue {
  computedAt: Date;
}

export const metricsRepository = {
  async list(db: Knex | Knex.Transaction, tenantId: string): Promise<StoredMetric[]> {
    return ((await db('metrics').where({ tenant_id: tenantId }).orderBy('created_at').orderBy('name')) as Array<Record<string, unknown>>).map(fromRow);
  },

  async get(db: Knex | Knex.Transaction, tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<StoredMetric | undefined> {
    const q = db('metrics').where({ tenant_id: tenantId, id }).first();
    if (options.forUpdate) void q.forUpdate();
    const row = (await q) as Record<string, unknown> | undefined;
    return row === undefined ? undefined : fromRow(row);
  },

  async byName(db: Knex | Knex.Transaction, tenantId: string, name: string): Promise<StoredMetric | undefined> {
    const row = (await db('metrics').where({ tenant_id: tenantId, name }).first()) as Record<string, unknown> | undefined;
    return row === undefined ? undefined : fromRow(row);
  },

  async insert(trx: Knex.Transaction, m: { id: string; tenantId: string; def: MetricDefinition; actor: string; now: Date; stale: boolean; staleReason: string | null }): Promise<void> {
    await trx('metrics').insert({
      id: m.id,
      tenant_id: m.tenantId,
      name: m.def.name,
      dataset: m.def.dataset,
      selector: JSON.stringify(m.def.selector),
      aggregation: m.def.aggregation,
      period: m.def.period,
      target: m.def.target,
      version: 1,
      stale: m.stale,
      stale_reason: m.staleReason,
      stale_since: m.stale ? m.now : null,
      created_at: m.now,
      created_by: m.actor,
      updated_at: m.now,
      updated_by: m.actor,
    });
  },

  async update(trx: Knex.Transaction, tenantId: string, id: string, def: MetricDefinition, actor: string, now: Date): Promise<void> {
    await trx('metrics')
      .where({ tenant_id: tenantId, id })
      .update({ name: def.name, dataset: def.dataset, selector: JSON.stringify(def.selector), aggregation: def.aggregation, period: def.period, target: def.target, version: trx.raw('version + 1'), updated_at: now, updated_by: actor });
  },

  async remove(trx: Knex.Transaction, tenantId: string, id: string): Promise<boolean> {
    return (await trx('metrics').where({ tenant_id: tenantId, id }).delete()) > 0;
  },

  /** Mark every metric of the tenant stale (values stop updating), keeping the first reason's time. */
  async markStale(trx: Knex.Transaction, tenantId: string, reason: string, now: Date): Promise<StoredMetric[]> {
    const rows = (await trx('metrics')
      .where({ tenant_id: tenantId })
      .update({ stale: true, stale_reason: reason, stale_since: trx.raw('coalesce(stale_since, ?)', [now]) })
      .returning('*')) as Array<Record<string, unknown>>;
    return rows.map(fromRow);
  },

  async markFresh(trx: Knex.Transaction, id: string, now: Date): Promise<void> {
    await trx('metrics').where({ id }).update({ stale: false, stale_reason: null, stale_since: null, computed_at: now });
  },

  async values(db: Knex | Knex.Transaction, metricId: string): Promise<StoredValue[]> {
    const rows = (await db('metric_values').where({ metric_id: metricId }).orderBy('start_date')) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      period: r.period as string,
      start: r.start_date as string,
      end: r.end_date as string,
      value: formatAmount(parseAmount(r.value as string)),
      complete: Boolean(r.complete),
      computedAt: new Date(r.computed_at as string),
    }));
  },

  /** Replace the series of a metric. */
  async replaceValues(trx: Knex.Transaction, metricId: string, values: readonly MetricValue[], now: Date): Promise<void> {
    await trx('metric_values').where({ metric_id: metricId }).delete();
    if (values.length === 0) return;
    await trx('metric_values').insert(values.map((v) => ({ metric_id: metricId, period: v.period, start_date: v.start, end_date: v.end, value: v.value, complete: v.complete, computed_at: now })));
  },
};
