import { errorResponseSchema, NotFoundError } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { MappingContext } from '../context';
import type { SyncLogEntry } from '../db/sync-log.repository';
import { heldRecordsRepository } from '../db/held-records.repository';
import { syncLogRepository } from '../db/sync-log.repository';
import { requestRetry } from '../use-cases/retry';
import { actorOf, tenantAccess, tenantParams } from './access';
import { entryParams, iso, runsResponse, syncLogEntry, syncLogQuery, syncLogSummary } from './schemas';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

function entryOf(e: SyncLogEntry): z.infer<typeof syncLogEntry> {
  return {
    id: e.id,
    eventId: e.eventId,
    divisionId: e.divisionId,
    type: e.type,
    entity: e.entity,
    platformId: e.platformId,
    qboId: e.qboId,
    outcome: e.outcome,
    reason: e.reason,
    runId: e.runId,
    phase: e.phase,
    occurredAt: e.occurredAt.toISOString(),
    retryRequestedAt: iso(e.retryRequestedAt),
    retryRequestedBy: e.retryRequestedBy,
    data: e.data,
  };
}

export function registerSyncLogRoutes(app: HttpServer, ctx: MappingContext): void {
  app.get(
    '/v1/tenants/:tenant/sync-log',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'listSyncLog',
        tags: ['sync log'],
        summary: 'Every sync outcome, newest first (outcome=failed lists failures with their reason, outcome=held records that wait, outcome=skipped filtered ones)',
        params: tenantParams,
        querystring: syncLogQuery,
        response: { 200: z.object({ entries: z.array(syncLogEntry), next: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const { limit, ...filter } = request.query;
      const entries = await syncLogRepository.list(ctx.knex, request.params.tenant, { ...filter, limit });
      const last = entries[entries.length - 1];
      return { entries: entries.map(entryOf), next: entries.length === limit && last !== undefined ? last.id : null };
    },
  );

  app.get(
    '/v1/tenants/:tenant/sync-log/summary',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'getSyncLogSummary',
        tags: ['sync log'],
        summary: 'How many records are held now, by entity and reason (a record stops counting at its next pushed, failed, voided, deleted or skipped outcome)',
        params: tenantParams,
        response: { 200: syncLogSummary, ...errors },
      },
    },
    async (request) => {
      const { tenant } = request.params;
      const byEntity: z.infer<typeof syncLogSummary>['held']['byEntity'] = {};
      let total = 0;
      for (const c of await heldRecordsRepository.counts(ctx.knex, tenant)) {
        const entity = (byEntity[c.entity] ??= { total: 0, byReason: {} });
        entity.total += c.count;
        entity.byReason[c.reason] = c.count;
        total += c.count;
      }
      return { tenantId: tenant, held: { total, byEntity } };
    },
  );

  app.get(
    '/v1/tenants/:tenant/sync-log/:id',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: { operationId: 'getSyncLogEntry', tags: ['sync log'], summary: 'One sync-log entry', params: entryParams, response: { 200: syncLogEntry, ...errors } },
    },
    async (request) => {
      const entry = await syncLogRepository.get(ctx.knex, request.params.tenant, request.params.id);
      if (entry === undefined) throw new NotFoundError(`sync-log entry ${request.params.id} not found`);
      return entryOf(entry);
    },
  );

  app.post(
    '/v1/tenants/:tenant/sync-log/:id/retry',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'retrySyncLogEntry',
        tags: ['sync log'],
        summary: 'Ask the owning service to replay a failed, skipped or held record (publishes sync.retry_requested; 409 not_retriable for other outcomes)',
        params: entryParams,
        response: { 202: syncLogEntry, ...errors, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const entry = await requestRetry(ctx, { tenantId: request.params.tenant, entryId: request.params.id, actor: actorOf(request) });
      return reply.code(202).send(entryOf(entry));
    },
  );

  app.get(
    '/v1/tenants/:tenant/sync-log/runs',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'listSyncLogRuns',
        tags: ['sync log'],
        summary: "Every run the sync log has seen (onboarding, imports and sync runs) with its phases' start, end and counts, and the last synchronized time",
        params: tenantParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: runsResponse, ...errors },
      },
    },
    async (request) => {
      const { tenant } = request.params;
      const [runs, last] = await Promise.all([syncLogRepository.listRuns(ctx.knex, tenant, request.query.limit), syncLogRepository.lastSynchronizedAt(ctx.knex, tenant)]);
      return {
        lastSynchronizedAt: iso(last),
        runs: runs.map((r) => ({
          ...r,
          startedAt: iso(r.startedAt),
          endedAt: iso(r.endedAt),
          phases: r.phases.map((p) => ({ ...p, startedAt: iso(p.startedAt), endedAt: iso(p.endedAt) })),
        })),
      };
    },
  );
}
