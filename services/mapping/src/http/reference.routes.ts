import { errorResponseSchema } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { MappingContext } from '../context';
import { connectionsRepository } from '../db/connections.repository';
import { referenceRepository } from '../db/reference.repository';
import type { ReferenceEntity } from '../domain/reference-rules';
import { tenantAccess } from './access';
import { divisionQuery, referenceKind, referenceList, referenceQuery } from './schemas';

const ENTITY_OF: Record<z.infer<typeof referenceKind>, ReferenceEntity> = {
  accounts: 'Account',
  'payment-methods': 'PaymentMethod',
  'tax-codes': 'TaxCode',
  classes: 'Class',
  items: 'Item',
};

export function registerReferenceRoutes(app: HttpServer, ctx: MappingContext): void {
  app.get(
    '/v1/tenants/:tenant/reference/:kind',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'listReferenceData',
        tags: ['reference data'],
        summary: "The connected company's accounts, payment methods, tax codes, classes or items, for drop-downs",
        params: z.object({ tenant: z.string().min(1).max(100), kind: referenceKind }),
        querystring: referenceQuery.extend(divisionQuery.shape),
        response: { 200: referenceList, 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const { tenant, kind } = request.params;
      const { division, type, includeInactive, limit } = request.query;
      const connection = await connectionsRepository.activeFor(ctx.knex, division === undefined ? { tenantId: tenant } : { tenantId: tenant, divisionId: division });
      if (connection === undefined) return { connected: false, realmId: null, items: [] };
      const types = type
        ?.split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '');
      const objects = await referenceRepository.list(ctx.knex, connection.realmId, ENTITY_OF[kind], {
        ...(types === undefined ? {} : { types }),
        includeInactive: includeInactive === 'true',
        limit,
      });
      return {
        connected: true,
        realmId: connection.realmId,
        items: objects.map((o) => ({ id: o.qboId, name: o.name, type: o.type, active: o.active })),
      };
    },
  );
}
