import { NotFoundError, errorResponseSchema, requireTenant } from '@ledgerbus/kit';
import type { AuthPreHandler, HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { CustomerSyncContext } from '../context';
import type { OnboardingRunRow } from '../db/onboarding-runs.repository';
import { onboardingRunsRepository } from '../db/onboarding-runs.repository';
import { scopeOf } from '../domain/scope';
import { decideOne, listOnboarding } from '../use-cases/onboarding';
import type { OnboardingRunner } from '../use-cases/onboarding-run';

const tenantParams = z.object({ tenant: z.string().min(1).max(100) });
/** `?division=`: the onboarding of one division's company (seed 001); without it the tenant's own connection. */
const divisionQuery = z.object({ division: z.string().min(1).max(100).regex(/^[^/]+$/, 'a division id has no "/"').optional() });
const recordParams = tenantParams.extend({ entity: z.enum(['customer', 'employee', 'item']), qboId: z.string().min(1).max(50) });
const rowSchema = z.object({
  entity: z.string(),
  qboId: z.string(),
  name: z.string(),
  status: z.string(),
  proposal: z.string(),
  proposedPlatformId: z.string().nullable(),
  platformId: z.string().nullable(),
  matchedBy: z.string().nullable(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  candidates: z.array(z.string()).nullable(),
});

const runParams = tenantParams.extend({ runId: z.uuid() });
const runSchema = z.object({
  runId: z.string(),
  realmId: z.string(),
  mode: z.enum(['auto', 'manual']),
  status: z.enum(['running', 'succeeded', 'failed', 'interrupted']),
  phase: z.enum(['list', 'decide']).nullable(),
  progress: z.object({ listed: z.number(), decided: z.number(), toDecide: z.number().nullable() }),
  counts: z.record(z.string(), z.number()).nullable().describe("the tenant's onboarding records per status when the run ended"),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().nullable(),
});

function runView(r: OnboardingRunRow): z.infer<typeof runSchema> {
  return {
    runId: r.run_id,
    realmId: r.realm_id,
    mode: r.mode,
    status: r.status,
    phase: r.phase,
    progress: { listed: r.listed, decided: r.decided, toDecide: r.to_decide },
    counts: r.counts,
    error: r.error_code === null ? null : { code: r.error_code, message: r.error_message ?? '' },
    startedAt: new Date(r.started_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    endedAt: r.ended_at === null ? null : new Date(r.ended_at).toISOString(),
  };
}

/** Onboarding of another tenant does not exist (404); viewers read, only owners and admins run or decide. */
function tenantAccess(app: HttpServer, kind: 'read' | 'write'): AuthPreHandler {
  if (kind === 'read') return requireTenant(app);
  return requireTenant(app, { roles: ['owner', 'admin'], forbiddenMessage: 'only admins run onboarding' });
}

function view(r: Awaited<ReturnType<typeof listOnboarding>>[number]): z.infer<typeof rowSchema> {
  return {
    entity: r.entity,
    qboId: r.qbo_id,
    name: r.name,
    status: r.status,
    proposal: r.proposal,
    proposedPlatformId: r.proposed_platform_id,
    platformId: r.platform_id,
    matchedBy: r.matched_by,
    reason: r.reason,
    message: r.message,
    candidates: r.candidates,
  };
}

/**
 * Runs work in the background of this process (a large company takes minutes): POST answers
 * 202 with the run and its Location; closing the server interrupts the runs in progress.
 */
export function registerOnboardingRoutes(app: HttpServer, ctx: CustomerSyncContext, runner: OnboardingRunner): void {
  const errors = { 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };
  app.addHook('onClose', async () => {
    await runner.stop();
  });
  app.post(
    '/v1/tenants/:tenant/onboarding/runs',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'startOnboardingRun',
        tags: ['onboarding'],
        summary: 'Start a run: list QBO employees, customers and items with proposed matches; in auto mode import the unmatched and link the confident matches. Poll the Location for its progress and outcome.',
        params: tenantParams,
        querystring: divisionQuery,
        body: z.object({ mode: z.enum(['auto', 'manual']).default('auto').describe('auto = import the unmatched and link the confident matches; manual = only propose, an admin decides one by one; default auto') }).strict(),
        response: { 202: runSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { division } = request.query;
      const run = await runner.start(scopeOf(request.params.tenant, division), request.body.mode);
      const query = division === undefined ? '' : `?division=${encodeURIComponent(division)}`;
      return reply
        .code(202)
        .header('location', `/v1/tenants/${encodeURIComponent(request.params.tenant)}/onboarding/runs/${run.run_id}${query}`)
        .send(runView(run));
    },
  );
  app.get(
    '/v1/tenants/:tenant/onboarding/runs/:runId',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: { operationId: 'getOnboardingRun', tags: ['onboarding'], summary: 'An onboarding run: status, phase, progress, and when it ended its counts or error', params: runParams, querystring: divisionQuery, response: { 200: runSchema, ...errors } },
    },
    async (request) => {
      const run = await onboardingRunsRepository.get(ctx.knex, scopeOf(request.params.tenant, request.query.division), request.params.runId);
      if (!run) throw new NotFoundError(`no onboarding run ${request.params.runId}`);
      return runView(run);
    },
  );
  app.get(
    '/v1/tenants/:tenant/onboarding/records',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'listOnboardingRecords',
        tags: ['onboarding'],
        summary: 'Onboarding records with their proposal, status and, for those needing attention, the reason',
        params: tenantParams,
        querystring: divisionQuery.extend({ status: z.enum(['proposed', 'needs_attention', 'imported', 'linked', 'refused']).optional(), entity: z.enum(['customer', 'employee', 'item']).optional() }),
        response: { 200: z.object({ records: z.array(rowSchema) }), ...errors },
      },
    },
    async (request) => ({ records: (await listOnboarding(ctx, scopeOf(request.params.tenant, request.query.division), request.query)).map(view) }),
  );
  app.post(
    '/v1/tenants/:tenant/onboarding/records/:entity/:qboId/link',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: { operationId: 'linkOnboardingRecord', tags: ['onboarding'], summary: 'Link one QBO record to an existing platform record', params: recordParams, querystring: divisionQuery, body: z.object({ platformId: z.string().min(1).max(100).describe('the existing platform record to link the QBO record to') }).strict(), response: { 200: rowSchema, ...errors } },
    },
    async (request) => view(await decideOne(ctx, scopeOf(request.params.tenant, request.query.division), request.params.entity, request.params.qboId, { kind: 'link', platformId: request.body.platformId, matchedBy: 'manual' })),
  );
  app.post(
    '/v1/tenants/:tenant/onboarding/records/:entity/:qboId/import',
    { preHandler: tenantAccess(app, 'write'), schema: { operationId: 'importOnboardingRecord', tags: ['onboarding'], summary: 'Import one QBO record as a new platform record', params: recordParams, querystring: divisionQuery, response: { 200: rowSchema, ...errors } } },
    async (request) => view(await decideOne(ctx, scopeOf(request.params.tenant, request.query.division), request.params.entity, request.params.qboId, { kind: 'import' })),
  );
}
