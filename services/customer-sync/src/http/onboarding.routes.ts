import { errorResponseSchema, requireTenant } from '@ledgerbus/kit';
import type { AuthPreHandler, HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { CustomerSyncContext } from '../context';
import { decideOne, listOnboarding, runOnboarding } from '../use-cases/onboarding';

const tenantParams = z.object({ tenant: z.string().min(1).max(100) });
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

export function registerOnboardingRoutes(app: HttpServer, ctx: CustomerSyncContext): void {
  const errors = { 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };
  app.post(
    '/v1/tenants/:tenant/onboarding/runs',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        tags: ['onboarding'],
        summary: 'List QBO employees, customers and items with proposed matches; in auto mode import the unmatched and link the confident matches',
        params: tenantParams,
        body: z.object({ mode: z.enum(['auto', 'manual']).default('auto') }).strict(),
        response: { 200: z.object({ runId: z.string(), realmId: z.string(), counts: z.record(z.string(), z.number()) }), ...errors },
      },
    },
    async (request) => runOnboarding(ctx, request.params.tenant, request.body.mode),
  );
  app.get(
    '/v1/tenants/:tenant/onboarding/records',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        tags: ['onboarding'],
        summary: 'Onboarding records with their proposal, status and, for those needing attention, the reason',
        params: tenantParams,
        querystring: z.object({ status: z.enum(['proposed', 'needs_attention', 'imported', 'linked', 'refused']).optional(), entity: z.enum(['customer', 'employee', 'item']).optional() }),
        response: { 200: z.object({ records: z.array(rowSchema) }), ...errors },
      },
    },
    async (request) => ({ records: (await listOnboarding(ctx, request.params.tenant, request.query)).map(view) }),
  );
  app.post(
    '/v1/tenants/:tenant/onboarding/records/:entity/:qboId/link',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: { tags: ['onboarding'], summary: 'Link one QBO record to an existing platform record', params: recordParams, body: z.object({ platformId: z.string().min(1).max(100) }).strict(), response: { 200: rowSchema, ...errors } },
    },
    async (request) => view(await decideOne(ctx, request.params.tenant, request.params.entity, request.params.qboId, { kind: 'link', platformId: request.body.platformId, matchedBy: 'manual' })),
  );
  app.post(
    '/v1/tenants/:tenant/onboarding/records/:entity/:qboId/import',
    { preHandler: tenantAccess(app, 'write'), schema: { tags: ['onboarding'], summary: 'Import one QBO record as a new platform record', params: recordParams, response: { 200: rowSchema, ...errors } } },
    async (request) => view(await decideOne(ctx, request.params.tenant, request.params.entity, request.params.qboId, { kind: 'import' })),
  );
}
