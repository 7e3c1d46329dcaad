import type { FastifyReply } from 'fastify';
import { mappingsSchema, syncSettingsSchema } from '@ledgerbus/contracts';
import { errorResponseSchema } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import type { MappingContext } from '../context';
import type { SettingsScope } from '../db/settings.repository';
import { etagOf } from '../domain/errors';
import { readSettings, updateMappings, updateSyncSettings } from '../use-cases/settings';
import type { SettingsView } from '../use-cases/settings';
import { actorOf, tenantAccess, tenantParams } from './access';
import { divisionQuery, ifMatchHeaders, mappingsDocument, settingsDocument } from './schemas';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};
const writeErrors = { ...errors, 412: errorResponseSchema, 422: errorResponseSchema, 428: errorResponseSchema };

function scopeOf(tenant: string, division: string | undefined): SettingsScope {
  return division === undefined ? { tenantId: tenant } : { tenantId: tenant, divisionId: division };
}

function documentOf(view: SettingsView) {
  const { stored, connection } = view;
  return {
    tenantId: stored.tenantId,
    ...(stored.divisionId === undefined ? {} : { divisionId: stored.divisionId }),
    version: stored.version,
    settings: stored.settings,
    mappings: stored.mappings,
    problems: stored.problems,
    connection: connection === undefined ? null : { realmId: connection.realmId, companyName: connection.companyName, status: connection.status },
    updatedAt: stored.stored ? stored.updatedAt.toISOString() : null,
    updatedBy: stored.updatedBy,
  };
}

function mappingsOf(view: SettingsView) {
  const doc = documentOf(view);
  return { tenantId: doc.tenantId, ...(doc.divisionId === undefined ? {} : { divisionId: doc.divisionId }), version: doc.version, mappings: doc.mappings, problems: doc.problems };
}

function withEtag(reply: FastifyReply, version: number): void {
  void reply.header('etag', etagOf(version));
}

export function registerSettingsRoutes(app: HttpServer, ctx: MappingContext): void {
  app.get(
    '/v1/tenants/:tenant/settings',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        tags: ['settings'],
        summary: "The tenant's effective sync settings, mappings and their problems (ETag = version)",
        params: tenantParams,
        querystring: divisionQuery,
        response: { 200: settingsDocument, ...errors },
      },
    },
    async (request, reply) => {
      const view = await readSettings(ctx.knex, scopeOf(request.params.tenant, request.query.division));
      withEtag(reply, view.stored.version);
      return documentOf(view);
    },
  );

  app.put(
    '/v1/tenants/:tenant/settings',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        tags: ['settings'],
        summary: 'Replace the sync settings (If-Match required)',
        params: tenantParams,
        querystring: divisionQuery,
        headers: ifMatchHeaders,
        body: syncSettingsSchema,
        response: { 200: settingsDocument, ...writeErrors },
      },
    },
    async (request, reply) => {
      const view = await updateSyncSettings(ctx, {
        scope: scopeOf(request.params.tenant, request.query.division),
        actor: actorOf(request),
        ifMatch: request.headers['if-match'],
        value: request.body,
      });
      withEtag(reply, view.stored.version);
      return documentOf(view);
    },
  );

  app.get(
    '/v1/tenants/:tenant/mappings',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        tags: ['mappings'],
        summary: 'Payment-method, GL-code and product-type mappings and the defaults (ETag = settings version)',
        params: tenantParams,
        querystring: divisionQuery,
        response: { 200: mappingsDocument, ...errors },
      },
    },
    async (request, reply) => {
      const view = await readSettings(ctx.knex, scopeOf(request.params.tenant, request.query.division));
      withEtag(reply, view.stored.version);
      return mappingsOf(view);
    },
  );

  app.put(
    '/v1/tenants/:tenant/mappings',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        tags: ['mappings'],
        summary: 'Replace the mappings (If-Match required); every QBO reference is checked against the connected company',
        params: tenantParams,
        querystring: divisionQuery,
        headers: ifMatchHeaders,
        body: mappingsSchema,
        response: { 200: mappingsDocument, ...writeErrors },
      },
    },
    async (request, reply) => {
      const view = await updateMappings(ctx, {
        scope: scopeOf(request.params.tenant, request.query.division),
        actor: actorOf(request),
        ifMatch: request.headers['if-match'],
        value: request.body,
      });
      withEtag(reply, view.stored.version);
      return mappingsOf(view);
    },
  );
}
