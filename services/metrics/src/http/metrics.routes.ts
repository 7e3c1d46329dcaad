import { errorResponseSchema } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { MetricsContext } from '../context';
import type { StoredMetric } from '../db/metrics.repository';
import type { MetricDefinition } from '../domain/metric-definition';
import { formatAmount, parseAmount } from '../domain/money';
import { createMetric, deleteMetric, getMetric, metricSeries, updateMetric } from '../use-cases/metrics';
import { metricsRepository } from '../db/metrics.repository';
import { actorOf, divisionQuery, metricParams, scopeOfRequest, tenantAccess, tenantParams } from './access';
import { splitScope } from '../domain/scope';
import type { MetricInput } from './schemas';
import { metricDoc, metricInput, seriesDoc } from './schemas';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };
const writeErrors = { ...errors, 409: errorResponseSchema };

function definitionOf(input: MetricInput): MetricDefinition {
  return {
    name: input.name,
    dataset: input.dataset,
    selector: input.category !== undefined ? { category: input.category } : { accounts: input.accounts ?? [] },
    aggregation: input.aggregation,
    period: input.period,
    target: input.target === undefined || input.target === null ? null : formatAmount(parseAmount(input.target)),
  };
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function documentOf(m: StoredMetric): z.infer<typeof metricDoc> {
  return {
    id: m.id,
    ...splitScope(m.tenantId),
    name: m.name,
    dataset: m.dataset,
    ...(m.selector.category !== undefined ? { category: m.selector.category } : { accounts: m.selector.accounts }),
    aggregation: m.aggregation,
    period: m.period,
    target: m.target,
    version: m.version,
    stale: m.stale,
    staleReason: m.staleReason,
    staleSince: iso(m.staleSince),
    computedAt: iso(m.computedAt),
    createdAt: m.createdAt.toISOString(),
    createdBy: m.createdBy,
    updatedAt: m.updatedAt.toISOString(),
    updatedBy: m.updatedBy,
  };
}

export function registerMetricRoutes(app: HttpServer, ctx: MetricsContext): void {
  app.get(
    '/v1/tenants/:tenant/metrics',
    { preHandler: tenantAccess(app, 'read'), schema: { operationId: 'listMetrics', tags: ['metrics'], summary: "The tenant's metric definitions", params: tenantParams, querystring: divisionQuery, response: { 200: z.object({ metrics: z.array(metricDoc) }), ...errors } } },
    async (request) => ({ metrics: (await metricsRepository.list(ctx.knex, scopeOfRequest(request))).map(documentOf) }),
  );

  app.post(
    '/v1/tenants/:tenant/metrics',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: { operationId: 'createMetric', tags: ['metrics'], summary: 'Define a metric: dataset, accounts or a category, aggregation, period, optional target', params: tenantParams, querystring: divisionQuery, body: metricInput, response: { 201: metricDoc, ...writeErrors } },
    },
    async (request, reply) => {
      const metric = await createMetric(ctx, scopeOfRequest(request), definitionOf(request.body), actorOf(request));
      void reply.code(201);
      return documentOf(metric);
    },
  );

  app.get(
    '/v1/tenants/:tenant/metrics/:metricId',
    { preHandler: tenantAccess(app, 'read'), schema: { operationId: 'getMetric', tags: ['metrics'], summary: 'One metric definition', params: metricParams, querystring: divisionQuery, response: { 200: metricDoc, ...errors } } },
    async (request) => documentOf(await getMetric(ctx, scopeOfRequest(request), request.params.metricId)),
  );

  app.put(
    '/v1/tenants/:tenant/metrics/:metricId',
    { preHandler: tenantAccess(app, 'write'), schema: { operationId: 'replaceMetric', tags: ['metrics'], summary: 'Replace a metric definition (values are recomputed)', params: metricParams, querystring: divisionQuery, body: metricInput, response: { 200: metricDoc, ...writeErrors } } },
    async (request) => documentOf(await updateMetric(ctx, scopeOfRequest(request), request.params.metricId, definitionOf(request.body), actorOf(request))),
  );

  app.delete(
    '/v1/tenants/:tenant/metrics/:metricId',
    { preHandler: tenantAccess(app, 'write'), schema: { operationId: 'deleteMetric', tags: ['metrics'], summary: 'Delete a metric and its values', params: metricParams, querystring: divisionQuery, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await deleteMetric(ctx, scopeOfRequest(request), request.params.metricId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/tenants/:tenant/metrics/:metricId/values',
    { preHandler: tenantAccess(app, 'read'), schema: { operationId: 'getMetricValues', tags: ['metrics'], summary: "The metric's series, oldest period first, with stale and its reason", params: metricParams, querystring: divisionQuery, response: { 200: seriesDoc, ...errors } } },
    async (request) => {
      const { metric, values } = await metricSeries(ctx, scopeOfRequest(request), request.params.metricId);
      return {
        metricId: metric.id,
        name: metric.name,
        period: metric.period,
        target: metric.target,
        stale: metric.stale,
        staleReason: metric.staleReason,
        computedAt: iso(metric.computedAt),
        values: values.map((v) => ({ period: v.period, start: v.start, end: v.end, value: v.value, complete: v.complete })),
      };
    },
  );
}
