import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@ledgerbus/kit';
import type { MetricsContext } from '../context';
import { connectionsRepository } from '../db/connections.repository';
import { importsRepository } from '../db/imports.repository';
import type { StoredMetric, StoredValue } from '../db/metrics.repository';
import { metricsRepository } from '../db/metrics.repository';
import { staleReason } from '../handlers/connection-state.handler';
import type { MetricDefinition } from '../domain/metric-definition';
import { checkDefinition } from '../domain/metric-definition';
import { recomputeMetric } from './recompute';

const NOT_CONNECTED = 'QuickBooks is not connected';

async function ensureUniqueName(ctx: MetricsContext, tenantId: string, name: string, exceptId?: string): Promise<void> {
  const existing = await metricsRepository.byName(ctx.knex, tenantId, name);
  if (existing !== undefined && existing.id !== exceptId) throw new ConflictError('metric_name_taken', `a metric named "${name}" exists`, { field: 'name', metricId: existing.id });
}

/** Define a metric; its values are computed at once from the last import (stale when not connected). */
export async function createMetric(ctx: MetricsContext, tenantId: string, def: MetricDefinition, actor: string): Promise<StoredMetric> {
  checkDefinition(def, await importsRepository.accountIds(ctx.knex, tenantId));
  await ensureUniqueName(ctx, tenantId, def.name);
  const id = randomUUID();
  await ctx.knex.transaction(async (trx) => {
    const connection = await connectionsRepository.get(trx, tenantId);
    const connected = connection?.status === 'connected';
    const reason = connection === undefined ? NOT_CONNECTED : connected ? null : staleReason(connection);
    await metricsRepository.insert(trx, { id, tenantId, def, actor, now: ctx.clock(), stale: !connected, staleReason: reason });
    const metric = await metricsRepository.get(trx, tenantId, id);
    if (connected && metric !== undefined) await recomputeMetric(trx, ctx, metric, connection);
  });
  return getMetric(ctx, tenantId, id);
}

export async function updateMetric(ctx: MetricsContext, tenantId: string, id: string, def: MetricDefinition, actor: string): Promise<StoredMetric> {
  checkDefinition(def, await importsRepository.accountIds(ctx.knex, tenantId));
  await ensureUniqueName(ctx, tenantId, def.name, id);
  await ctx.knex.transaction(async (trx) => {
    const existing = await metricsRepository.get(trx, tenantId, id, { forUpdate: true });
    if (existing === undefined) throw new NotFoundError(`metric ${id} not found`);
    await metricsRepository.update(trx, tenantId, id, def, actor, ctx.clock());
    const connection = await connectionsRepository.get(trx, tenantId);
    const metric = await metricsRepository.get(trx, tenantId, id);
    if (connection?.status === 'connected' && metric !== undefined) await recomputeMetric(trx, ctx, metric, connection);
  });
  return getMetric(ctx, tenantId, id);
}

export async function deleteMetric(ctx: MetricsContext, tenantId: string, id: string): Promise<void> {
  const removed = await ctx.knex.transaction((trx) => metricsRepository.remove(trx, tenantId, id));
  if (!removed) throw new NotFoundError(`metric ${id} not found`);
}

export async function getMetric(ctx: MetricsContext, tenantId: string, id: string): Promise<StoredMetric> {
  const metric = await metricsRepository.get(ctx.knex, tenantId, id);
  if (metric === undefined) throw new NotFoundError(`metric ${id} not found`);
  return metric;
}

export async function metricSeries(ctx: MetricsContext, tenantId: string, id: string): Promise<{ metric: StoredMetric; values: StoredValue[] }> {
  const metric = await getMetric(ctx, tenantId, id);
  return { metric, values: await metricsRepository.values(ctx.knex, id) };
}
