import { errorResponseSchema } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import type { MetricsContext } from '../context';
import { connectionsRepository } from '../db/connections.repository';
import type { Connection } from '../db/connections.repository';
import { importsRepository } from '../db/imports.repository';
import { metricsRepository } from '../db/metrics.repository';
import { CATEGORY_LABELS, DATASETS, accountRowKey, categoriesOf, categoryRowKey } from '../domain/datasets';
import { divisionQuery, scopeOfRequest, tenantAccess, tenantParams } from './access';
import { datasetsDoc, statusDoc } from './schemas';

const errors = { 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };
const NAMES = { profit_and_loss: 'Profit and Loss (by month)', balance_sheet: 'Balance Sheet (month-end balances)', account_balances: 'Account balances (current)' } as const;

const connectionOf = (c: Connection | undefined) => (c === undefined ? null : { realmId: c.realmId, companyName: c.companyName, status: c.status, statusReason: c.statusReason });
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function registerDatasetRoutes(app: HttpServer, ctx: MetricsContext): void {
  app.get(
    '/v1/tenants/:tenant/datasets',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: { operationId: 'listDatasets', tags: ['datasets'], summary: 'The datasets a metric can use, with the categories and rows (accounts, totals) of the connected company', params: tenantParams, querystring: divisionQuery, response: { 200: datasetsDoc, ...errors } },
    },
    async (request) => {
      const tenantId = scopeOfRequest(request);
      const connection = await connectionsRepository.get(ctx.knex, tenantId);
      const accounts = await importsRepository.accounts(ctx.knex, tenantId);
      const datasets = [];
      for (const id of DATASETS) {
        const rows =
          id === 'account_balances'
            ? accounts.map((a) => ({ rowKey: accountRowKey(a.accountId), kind: 'account', label: a.fullyQualifiedName ?? a.name, category: a.classification, accountId: a.accountId }))
            : connection === undefined
              ? []
              : await importsRepository.rows(ctx.knex, tenantId, connection.realmId, id);
        const categories = categoriesOf(id).map((category) => ({ category, label: CATEGORY_LABELS[category] ?? category }));
        if (id === 'account_balances') {
          for (const c of categories) rows.push({ rowKey: categoryRowKey(c.category), kind: 'total', label: `Total ${c.category}`, category: c.category, accountId: null });
        }
        datasets.push({ id, name: NAMES[id], aggregations: id === 'profit_and_loss' ? (['sum', 'end_of_period'] as const).slice() : (['end_of_period'] as const).slice(), categories, rows });
      }
      return { connection: connectionOf(connection), datasets };
    },
  );

  app.get(
    '/v1/tenants/:tenant/import-status',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: { operationId: 'getImportStatus', tags: ['datasets'], summary: 'Last import time, status and error of each dataset; whether metrics are stale and why', params: tenantParams, querystring: divisionQuery, response: { 200: statusDoc, ...errors } },
    },
    async (request) => {
      const tenantId = scopeOfRequest(request);
      const connection = await connectionsRepository.get(ctx.knex, tenantId);
      const status = await importsRepository.status(ctx.knex, tenantId);
      const metrics = await metricsRepository.list(ctx.knex, tenantId);
      const staleOne = metrics.find((m) => m.stale);
      const job = (await ctx.knex('import_jobs').where({ tenant_id: tenantId }).first()) as { due_at: Date } | undefined;
      return {
        connection: connectionOf(connection),
        stale: staleOne !== undefined,
        staleReason: staleOne?.staleReason ?? null,
        datasets: status.map((s) => ({
          dataset: s.dataset,
          realmId: s.realmId,
          status: s.status,
          startedAt: iso(s.startedAt),
          finishedAt: iso(s.finishedAt),
          lastImportAt: iso(s.lastSuccessAt),
          rangeStart: s.rangeStart,
          rangeEnd: s.rangeEnd,
          basis: s.basis,
          qboCalls: s.qboCalls,
          rows: s.rows,
          error: s.errorCode === null ? null : { code: s.errorCode, message: s.error ?? '' },
        })),
        nextImportAt: job === undefined ? null : new Date(job.due_at).toISOString(),
      };
    },
  );
}
