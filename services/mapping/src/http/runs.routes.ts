import { runPhaseSummary } from '@ledgerbus/contracts';
import { errorResponseSchema, NotFoundError } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { MappingContext } from '../context';
import { runsRepository } from '../db/runs.repository';
import type { SettingsScope } from '../db/settings.repository';
import { RUN_PHASES } from '../domain/runs';
import { bulkRetry, disableIntegration, enableIntegration, readIntegration } from '../use-cases/integration';
import type { RunView } from '../use-cases/runs';
import { cancelRun, startRun, viewRun } from '../use-cases/runs';
import { actorOf, tenantAccess, tenantParams } from './access';
import { connectionView, divisionQuery, iso } from './schemas';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };
const startErrors = { ...errors, 409: errorResponseSchema, 422: errorResponseSchema };

const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().describe('the same key answers the run it started, instead of starting another'),
});

const runParams = z.object({ tenant: z.string().min(1).max(100), runId: z.string().min(1).max(100) });

export const runView = z.object({
  runId: z.string(),
  tenantId: z.string(),
  divisionId: z.string().optional(),
  kind: z.enum(['enable', 'manual', 'retry']),
  status: z.enum(['queued', 'running', 'succeeded', 'partially_failed', 'failed', 'cancelled']),
  startedBy: z.object({ type: z.enum(['user', 'service']), id: z.string() }),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  error: z.string().nullable(),
  cancelRequestedAt: z.string().nullable(),
  cancelRequestedBy: z.string().nullable(),
  phases: z.array(
    z.object({
      phase: z.enum(RUN_PHASES),
      status: z.enum(['pending', 'running', 'completed', 'skipped', 'failed', 'cancelled']),
      note: z.string().nullable().describe('why a phase was skipped or failed'),
      startedAt: z.string().nullable(),
      endedAt: z.string().nullable(),
      summary: runPhaseSummary,
    }),
  ),
});

function viewOf(run: RunView): z.infer<typeof runView> {
  return {
    runId: run.runId,
    tenantId: run.tenantId,
    ...(run.divisionId === undefined ? {} : { divisionId: run.divisionId }),
    kind: run.kind,
    status: run.status,
    startedBy: run.startedBy,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    endedAt: iso(run.endedAt),
    error: run.error,
    cancelRequestedAt: iso(run.cancelRequestedAt),
    cancelRequestedBy: run.cancelRequestedBy,
    phases: run.phases.map((p) => ({ phase: p.phase, status: p.status, note: p.note, startedAt: iso(p.startedAt), endedAt: iso(p.endedAt), summary: p.summary })),
  };
}

function scopeOf(tenant: string, division: string | undefined): SettingsScope {
  return division === undefined ? { tenantId: tenant } : { tenantId: tenant, divisionId: division };
}

function accepted(reply: FastifyReply, tenant: string, run: RunView, created: boolean) {
  return reply
    .code(created ? 202 : 200)
    .header('location', `/v1/tenants/${encodeURIComponent(tenant)}/sync-runs/${run.runId}`)
    .send(viewOf(run));
}

const runRecord = z.object({
  phase: z.string(),
  entity: z.string(),
  platformId: z.string(),
  outcome: z.enum(['pushed', 'skipped', 'held', 'failed', 'waiting']),
  reason: z.string().nullable(),
  eventType: z.string(),
  syncLogId: z.string().nullable().describe('the sync-log entry of the outcome (retry it there, or in bulk)'),
  at: z.string(),
});

const bulkRetryBody = z
  .object({
    outcome: z.enum(['failed', 'held', 'skipped']).default('failed').describe("records whose latest outcome is this"),
    entity: z.enum(['customer', 'invoice', 'payment']).optional().describe('only records of this kind'),
    code: z.string().min(1).max(100).optional().describe('the failure code, hold reason or skip filter'),
    from: z.iso.datetime({ offset: true }).optional().describe('latest outcome at or after'),
    to: z.iso.datetime({ offset: true }).optional().describe('latest outcome before'),
    ids: z.array(z.string().regex(/^[0-9]{1,18}$/, 'a sync-log entry id')).min(1).max(10_000).optional().describe('sync-log entry ids: the records they are about'),
  })
  .strict();

const entityState = z.object({ on: z.boolean(), direction: z.enum(['off', 'to_qbo', 'from_qbo', 'both']) });

const integrationView = z.object({
  tenantId: z.string(),
  divisionId: z.string().optional(),
  enabled: z.boolean(),
  connection: connectionView.nullable(),
  settingsVersion: z.number().int(),
  entities: z
    .object({ customers: entityState, items: entityState, employees: entityState, invoices: entityState, payments: entityState })
    .strict()
    .describe('each kind of record: whether it syncs and in which direction'),
  blockers: z.array(z.object({ field: z.string(), code: z.string(), message: z.string(), entity: z.string().optional(), qboId: z.string().optional(), reason: z.string().optional() })).describe('what stops "Enable Integration" now, by field'),
  activeRun: runView.nullable(),
  lastRun: runView.nullable(),
});

export function registerRunsRoutes(app: HttpServer, ctx: MappingContext): void {
  app.post(
    '/v1/tenants/:tenant/sync-runs',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'startSyncRun',
        tags: ['sync runs'],
        summary: '"Synchronize now": a run that makes the company current, phase by phase (inbound → customers → invoices → payments); 409 run_in_progress names the running run',
        params: tenantParams,
        querystring: divisionQuery,
        headers: idempotencyHeaders,
        response: { 202: runView, 200: runView, ...startErrors },
      },
    },
    async (request, reply) => {
      const { tenant } = request.params;
      const { run, created } = await startRun(ctx, {
        scope: scopeOf(tenant, request.query.division),
        actor: actorOf(request),
        kind: 'manual',
        idempotencyKey: request.headers['idempotency-key'],
      });
      return accepted(reply, tenant, run, created);
    },
  );

  app.get(
    '/v1/tenants/:tenant/sync-runs',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'listSyncRuns',
        tags: ['sync runs'],
        summary: 'Sync runs, newest first, with their phases and figures',
        params: tenantParams,
        querystring: z.object({
          division: z.string().min(1).max(100).optional().describe("only this division's runs"),
          before: z.string().min(1).max(100).optional().describe('cursor: runs started before this run id'),
          limit: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ runs: z.array(runView), next: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const { limit, ...filter } = request.query;
      const runs = await runsRepository.list(ctx.knex, request.params.tenant, { ...filter, limit });
      const views = await Promise.all(runs.map((r) => viewRun(ctx.knex, r)));
      const last = runs[runs.length - 1];
      return { runs: views.map(viewOf), next: runs.length === limit && last !== undefined ? last.runId : null };
    },
  );

  app.get(
    '/v1/tenants/:tenant/sync-runs/:runId',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: { operationId: 'getSyncRun', tags: ['sync runs'], summary: 'One run: status, who started it, its phases with times, figures and progress', params: runParams, response: { 200: runView, ...errors } },
    },
    async (request) => {
      const run = await runsRepository.ofTenant(ctx.knex, request.params.tenant, request.params.runId);
      if (run === undefined) throw new NotFoundError(`sync run ${request.params.runId} not found`);
      return viewOf(await viewRun(ctx.knex, run));
    },
  );

  app.get(
    '/v1/tenants/:tenant/sync-runs/:runId/records',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'listSyncRunRecords',
        tags: ['sync runs'],
        summary: "The run's records and their outcome (outcome=failed lists every failure with its reason)",
        params: runParams,
        querystring: z.object({
          phase: z.enum(RUN_PHASES).optional(),
          outcome: z.enum(['pushed', 'skipped', 'held', 'failed', 'waiting']).optional(),
          after: z.string().min(1).max(100).optional().describe('cursor: the last platform id of the previous page'),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: z.object({ records: z.array(runRecord), next: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const run = await runsRepository.ofTenant(ctx.knex, request.params.tenant, request.params.runId);
      if (run === undefined) throw new NotFoundError(`sync run ${request.params.runId} not found`);
      const records = await runsRepository.records(ctx.knex, run.runId, request.query);
      const last = records[records.length - 1];
      return {
        records: records.map((r) => ({ ...r, at: r.at.toISOString() })),
        next: records.length === request.query.limit && last !== undefined ? last.platformId : null,
      };
    },
  );

  app.delete(
    '/v1/tenants/:tenant/sync-runs/:runId',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'cancelSyncRun',
        tags: ['sync runs'],
        summary: 'Cancel a run: no next phase starts and no further record is queued (records already queued are pushed as live records); 409 run_finished',
        params: runParams,
        response: { 202: runView, ...errors, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const run = await cancelRun(ctx, request.params.tenant, request.params.runId, actorOf(request));
      return reply.code(202).send(viewOf(run));
    },
  );

  app.get(
    '/v1/tenants/:tenant/integration',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'getIntegration',
        tags: ['sync runs'],
        summary: 'The integration at a glance: enabled, connection, each entity on or off and its direction, what blocks enabling, the active and the last run',
        params: tenantParams,
        querystring: divisionQuery,
        response: { 200: integrationView, ...errors },
      },
    },
    async (request) => {
      const view = await readIntegration(ctx.knex, scopeOf(request.params.tenant, request.query.division));
      return {
        ...view,
        activeRun: view.activeRun === null ? null : viewOf(view.activeRun),
        lastRun: view.lastRun === null ? null : viewOf(view.lastRun),
      };
    },
  );

  app.post(
    '/v1/tenants/:tenant/integration/enable',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'enableIntegration',
        tags: ['sync runs'],
        summary: '"Enable Integration": checks the settings (422 names each blocking field), enables pushing and starts the initial run',
        params: tenantParams,
        querystring: divisionQuery,
        headers: idempotencyHeaders,
        response: { 202: runView, 200: runView, ...startErrors },
      },
    },
    async (request, reply) => {
      const { tenant } = request.params;
      const { run, created } = await enableIntegration(ctx, { scope: scopeOf(tenant, request.query.division), actor: actorOf(request), idempotencyKey: request.headers['idempotency-key'] });
      return accepted(reply, tenant, run, created);
    },
  );

  app.post(
    '/v1/tenants/:tenant/integration/disable',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'disableIntegration',
        tags: ['sync runs'],
        summary: 'Disable integration: nothing is pushed, new records are held (sync_disabled) until it is enabled again; a running run is cancelled',
        params: tenantParams,
        querystring: divisionQuery,
        response: { 200: integrationView, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(request.params.tenant, request.query.division);
      await disableIntegration(ctx, { scope, actor: actorOf(request) });
      const view = await readIntegration(ctx.knex, scope);
      return { ...view, activeRun: view.activeRun === null ? null : viewOf(view.activeRun), lastRun: view.lastRun === null ? null : viewOf(view.lastRun) };
    },
  );

  app.post(
    '/v1/tenants/:tenant/sync-log/retry',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'retryFailedRecords',
        tags: ['sync log'],
        summary: 'Bulk retry: the records whose latest outcome matches the filter are retried by one run (follow it at the Location)',
        params: tenantParams,
        querystring: divisionQuery,
        headers: idempotencyHeaders,
        body: bulkRetryBody,
        response: { 202: runView, 200: runView, ...startErrors },
      },
    },
    async (request, reply) => {
      const { tenant } = request.params;
      const { run, created } = await bulkRetry(ctx, {
        tenantId: tenant,
        filter: { ...request.body, division: request.query.division },
        actor: actorOf(request),
        idempotencyKey: request.headers['idempotency-key'],
      });
      return accepted(reply, tenant, run, created);
    },
  );
}
