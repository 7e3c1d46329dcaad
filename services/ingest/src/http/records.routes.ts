import type { HttpServer } from '@ledgerbus/kit';
import type { IngestContext } from '../context';
import { recordStatus } from '../use-cases/record-status';
import { statusAccess } from './access';
import { readResponses, statusParams } from './schemas';

export function registerRecordRoutes(app: HttpServer, ctx: IngestContext): void {
  app.get(
    '/v1/tenants/:tenant/records/:entity/:platformId',
    {
      preHandler: statusAccess(app),
      schema: {
        operationId: 'getRecordStatus',
        tags: ['records'],
        summary: "A record's latest accepted version and its sync state (pushed, held, waiting, failed, skipped, voided, deleted) with the QBO id and reason",
        params: statusParams,
        response: readResponses,
      },
    },
    async (request) => recordStatus(ctx, request.params.tenant, request.params.entity, request.params.platformId),
  );
}
