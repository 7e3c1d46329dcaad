import { errorResponseSchema, requirePlatform } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { QboUsageService } from '../use-cases/qbo-usage';
import { tenantAccess, tenantParams } from './access';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };

const counts = z.object({
  core: z.number().int().describe('Core calls (writes: create, update, delete, void, send; free)'),
  corePlus: z.number().int().describe('CorePlus calls (reads: by id, queries, reports, CDC; metered)'),
});
const ruleBudget = z.object({
  name: z.string().describe('per_second, per_minute or batch_per_minute'),
  windowMs: z.number().int(),
  limit: z.number().int(),
  used: z.number().int().describe('requests granted in the window now, by every service and replica'),
  remaining: z.number().int(),
});
const realmUsage = z.object({
  realmId: z.string(),
  divisionId: z.string().optional(),
  thisMonth: counts,
  thisMinute: counts,
  budget: z.array(ruleBudget).describe("the realm's rate-limit windows now (Intuit: 10/s, 500/min, 120 batch calls/min)"),
});
const quota = z.object({
  monthlyReadQuota: z.number().int().describe('QBO_MONTHLY_READ_QUOTA: CorePlus calls a month for the whole deployment'),
  deploymentReads: z.number().int(),
  deploymentPercent: z.number(),
  deploymentForecastReads: z.number().int().describe('linear forecast at month end from the pace so far'),
  deploymentForecastPercent: z.number(),
  monthEndsAt: z.string(),
});
const tenantUsageResponse = z.object({
  tenantId: z.string(),
  at: z.string(),
  month: z.string().describe('calendar month (UTC), YYYY-MM'),
  thisMonth: counts,
  thisMinute: counts,
  realms: z.array(realmUsage),
  quota: quota.extend({
    tenantReads: z.number().int(),
    tenantPercent: z.number().describe("the tenant's reads as a share of the deployment's monthly quota, in percent"),
    tenantForecastReads: z.number().int(),
  }),
});
const deploymentUsageResponse = z.object({
  at: z.string(),
  month: z.string(),
  thisMonth: counts,
  thisMinute: counts,
  realms: z.array(realmUsage.omit({ divisionId: true })).describe('realms with calls this month, most reads first (at most 100)'),
  realmsWithCalls: z.number().int(),
  quota,
  thresholds: z.array(z.object({ percent: z.number().int(), crossedAt: z.string().optional() })),
});

export function registerQboUsageRoutes(app: HttpServer, usage: QboUsageService): void {
  app.get(
    '/v1/tenants/:tenant/qbo-usage',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'getTenantQboUsage',
        tags: ['connection'],
        summary:
          "The tenant's QBO calls by Intuit metering class (Core writes, CorePlus reads) this month and this minute, per realm with its per-minute budget now, and the month's reads against the deployment's monthly quota with a forecast to month end",
        params: tenantParams,
        response: { 200: tenantUsageResponse, ...errors },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return usage.forTenant(request.params.tenant);
    },
  );

  app.get(
    '/v1/qbo-usage',
    {
      preHandler: requirePlatform(app),
      schema: {
        operationId: 'getDeploymentQboUsage',
        tags: ['connection'],
        summary:
          "The whole deployment's QBO calls by metering class this month and this minute, the realms with the most reads and their per-minute budgets, the month's reads against the monthly quota with a forecast, and the 80 %/95 % thresholds crossed; platform service accounts only",
        response: { 200: deploymentUsageResponse, ...errors },
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return usage.forDeployment();
    },
  );
}
