import { errorResponseSchema } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { MappingContext } from '../context';
import { linksRepository } from '../db/links.repository';
import { syncLogRepository } from '../db/sync-log.repository';
import { linkView as linkViewOf } from '../domain/links';
import { linkManually, unlinkManually } from '../use-cases/links';
import { actorOf, tenantAccess, tenantParams } from './access';
import { divisionQuery, iso, linkBody, linkParams, linkView, linksQuery } from './schemas';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

export function registerLinksRoutes(app: HttpServer, ctx: MappingContext): void {
  app.get(
    '/v1/tenants/:tenant/links',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'listLinks',
        tags: ['links'],
        summary: 'Links between platform records and QBO records',
        params: tenantParams,
        querystring: linksQuery,
        response: { 200: z.object({ links: z.array(linkView), next: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const { entity, division, after, limit } = request.query;
      const links = await linksRepository.list(ctx.knex, request.params.tenant, { entity, division, after, limit });
      const last = links[links.length - 1];
      return {
        links: links.map((l) => ({ ...linkViewOf(l.entity, l.platformId, l, undefined), divisionId: l.divisionId ?? null, source: l.source, linkedAt: l.linkedAt.toISOString() })),
        next: links.length === limit && last !== undefined ? `${last.entity}/${last.platformId}/${last.divisionId ?? ''}` : null,
      };
    },
  );

  app.get(
    '/v1/tenants/:tenant/links/:entity/:platformId',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'getLink',
        tags: ['links'],
        summary: 'The link status a record\'s page shows ("linked to QBO #123", "not linked", "sync failed: …")',
        params: linkParams,
        querystring: divisionQuery,
        response: { 200: linkView, ...errors },
      },
    },
    async (request) => {
      const { tenant, entity, platformId } = request.params;
      const { division } = request.query;
      const link = await linksRepository.get(ctx.knex, tenant, entity, platformId, division);
      const latest = link === undefined ? await syncLogRepository.latestFor(ctx.knex, tenant, entity, platformId, division) : undefined;
      const view = linkViewOf(entity, platformId, link, latest?.outcome === 'failed' ? latest : undefined);
      return { ...view, divisionId: division ?? null, source: link?.source ?? null, linkedAt: iso(link?.linkedAt ?? null) };
    },
  );

  app.put(
    '/v1/tenants/:tenant/links/:entity/:platformId',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'setLink',
        tags: ['links'],
        summary: 'Link a platform record to a QBO record by hand (published on sync.links.v1)',
        params: linkParams,
        querystring: divisionQuery,
        body: linkBody,
        response: { 200: linkView, ...errors, 409: errorResponseSchema },
      },
    },
    async (request) => {
      const { tenant, entity, platformId } = request.params;
      const { division } = request.query;
      const link = await linkManually(ctx, { tenantId: tenant, divisionId: division, entity, platformId, qboId: request.body.qboId, actor: actorOf(request) });
      return { ...linkViewOf(entity, platformId, link, undefined), divisionId: division ?? null, source: link.source, linkedAt: link.linkedAt.toISOString() };
    },
  );

  app.delete(
    '/v1/tenants/:tenant/links/:entity/:platformId',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'deleteLink',
        tags: ['links'],
        summary: 'Unlink a platform record (published on sync.links.v1)',
        params: linkParams,
        querystring: divisionQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { tenant, entity, platformId } = request.params;
      await unlinkManually(ctx, { tenantId: tenant, divisionId: request.query.division, entity, platformId, actor: actorOf(request) });
      return reply.code(204).send(null);
    },
  );
}
