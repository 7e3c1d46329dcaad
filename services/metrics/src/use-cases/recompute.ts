import type { Knex } from 'knex';
import { createEvent } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import type { MetricsContext } from '../context';
import { EVENT_SOURCE } from '../context';
import type { Connection } from '../db/connections.repository';
import { importsRepository } from '../db/imports.repository';
import type { StoredMetric } from '../db/metrics.repository';
import { metricsRepository } from '../db/metrics.repository';
import { accountRowKey, categoryRowKey } from '../domain/datasets';
import { rowKeysOf } from '../domain/metric-definition';
import type { LineAmount, MetricValue } from '../domain/metric-values';
import { computeSeries, diffSeries } from '../domain/metric-values';
import { formatAmount, parseAmount, sumAmounts } from '../domain/money';
import { fromScoped, tenantOfScope } from '../domain/scope';
import { addMonths, dateOf, monthOf, monthsBetween } from '../domain/periods';

/** The lines and months a metric reads, from the stored import. */
async function inputsOf(db: Knex | Knex.Transaction, ctx: MetricsContext, metric: StoredMetric, realmId: string): Promise<{ lines: LineAmount[]; months: string[] }> {
  if (metric.dataset === 'account_balances') {
    const accounts = await importsRepository.accounts(db, metric.tenantId);
    const first = accounts[0];
    if (first === undefined) return { lines: [], months: [] };
    const month = monthOf(dateOf(first.importedAt, ctx.config.timeZoneOffsetMinutes));
    const lines: LineAmount[] = [];
    const byClass = new Map<string, string[]>();
    for (const a of accounts) {
      const amount = a.currentBalance ?? '0.00';
      lines.push({ rowKey: accountRowKey(a.accountId), month, amount });
      if (a.classification !== null) byClass.set(a.classification, [...(byClass.get(a.classification) ?? []), amount]);
    }
    for (const [classification, amounts] of byClass) {
      lines.push({ rowKey: categoryRowKey(classification), month, amount: formatAmount(sumAmounts(amounts.map((x) => parseAmount(x)))) });
    }
    return { lines, months: [month] };
  }
  const status = (await importsRepository.status(db, metric.tenantId)).find((s) => s.dataset === metric.dataset && s.realmId === realmId);
  if (status?.rangeStart == null || status.rangeEnd == null) return { lines: [], months: [] };
  const lines = await importsRepository.lines(db, metric.tenantId, realmId, metric.dataset, rowKeysOf(metric.selector));
  return { lines, months: monthsBetween(status.rangeStart, status.rangeEnd) };
}

export function currentSeriesOf(ctx: MetricsContext, lines: LineAmount[], months: string[], metric: StoredMetric): MetricValue[] {
  const today = dateOf(ctx.clock(), ctx.config.timeZoneOffsetMinutes);
  return computeSeries(metric, lines, months, addMonths(monthOf(today), -1));
}

/**
 * Recompute one metric from the stored lines; store the series, clear "stale", and publish
 * `metric.updated` (through the outbox, in the same transaction) when a value changed.
 */
export async function recomputeMetric(trx: Knex.Transaction, ctx: MetricsContext, metric: StoredMetric, connection: Connection): Promise<number> {
  const now = ctx.clock();
  const { lines, months } = await inputsOf(trx, ctx, metric, connection.realmId);
  const series = currentSeriesOf(ctx, lines, months, metric);
  const previous = new Map((await metricsRepository.values(trx, metric.id)).map((v) => [v.period, v.value]));
  const changes = diffSeries(previous, series);
  await metricsRepository.replaceValues(trx, metric.id, series, now);
  await metricsRepository.markFresh(trx, metric.id, now);
  if (changes.length > 0) {
    await outbox.enqueue(trx, ctx.eventsTopic, [
      {
        key: tenantOfScope(metric.tenantId),
        event: createEvent({
          type: 'metric.updated',
          source: EVENT_SOURCE,
          subject: metric.id,
          tenantid: tenantOfScope(metric.tenantId),
          // A division's metric: tenantId the tenant, divisionId the division.
          data: fromScoped({
            tenantId: metric.tenantId,
            realmId: connection.realmId,
            metricId: metric.id,
            name: metric.name,
            dataset: metric.dataset,
            aggregation: metric.aggregation,
            period: metric.period,
            ...(metric.target === null ? {} : { target: metric.target }),
            changes: changes.slice(0, 1000),
            at: now.toISOString(),
          }),
        }),
      },
    ]);
  }
  return changes.length;
}

/** After an import: every metric of the tenant. */
export async function recomputeTenant(ctx: MetricsContext, connection: Connection): Promise<{ metrics: number; changed: number }> {
  return ctx.knex.transaction(async (trx) => {
    const metrics = await metricsRepository.list(trx, connection.tenantId);
    let changed = 0;
    for (const m of metrics) if ((await recomputeMetric(trx, ctx, m, connection)) > 0) changed += 1;
    return { metrics: metrics.length, changed };
  });
}

/** Values stop updating: every metric is stale with the reason; `metric.stale` for those that were fresh or had another reason. */
export async function markTenantStale(trx: Knex.Transaction, ctx: MetricsContext, connection: Connection, reason: string): Promise<void> {
  const now = ctx.clock();
  const before = new Map((await metricsRepository.list(trx, connection.tenantId)).map((m) => [m.id, m]));
  const stale = await metricsRepository.markStale(trx, connection.tenantId, reason, now);
  const messages = stale
    .filter((m) => {
      const b = before.get(m.id);
      return b === undefined || !b.stale || b.staleReason !== reason;
    })
    .map((m) => ({
      key: tenantOfScope(m.tenantId),
      event: createEvent({
        type: 'metric.stale',
        source: EVENT_SOURCE,
        subject: m.id,
        tenantid: tenantOfScope(m.tenantId),
        data: fromScoped({ tenantId: m.tenantId, realmId: connection.realmId, metricId: m.id, name: m.name, dataset: m.dataset, aggregation: m.aggregation, period: m.period, reason, at: now.toISOString() }),
      }),
    }));
  await outbox.enqueue(trx, ctx.eventsTopic, messages);
}
