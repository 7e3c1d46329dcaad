import { errorResponseSchema } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { MappingContext } from '../context';
import { auditRepository } from '../db/audit.repository';
import { tenantAccess, tenantParams } from './access';
import { auditEntry, auditQuery } from './schemas';

export function registerAuditRoutes(app: HttpServer, ctx: MappingContext): void {
  app.get(
    '/v1/tenants/:tenant/audit',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'listAuditEntries',
        tags: ['audit'],
        summary: 'Every change, newest first, with its actor (user or service account), time, before and after',
        params: tenantParams,
        querystring: auditQuery,
        response: {
          200: z.object({ entries: z.array(auditEntry), next: z.string().nullable() }),
          400: errorResponseSchema,
          401: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { limit, resource, before } = request.query;
      const entries = await auditRepository.list(ctx.knex, request.params.tenant, { resource, before, limit });
      const last = entries[entries.length - 1];
      return {
        entries: entries.map(({ tenantId: _tenant, at, ...e }) => ({ ...e, at: at.toISOString() })),
        next: entries.length === limit && last !== undefined ? last.id : null,
      };
    },
  );
}
