import { mappingsSchema, syncSettingsSchema } from '@ledgerbus/contracts';
import { errorResponseSchema } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import type { z } from 'zod';
import type { MappingContext } from '../context';
import type { Actor } from '../db/audit.repository';
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
  const { stored, connection, appliedBy } = view;
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
    appliedBy,
  };
}

function mappingsOf(view: SettingsView) {
  const doc = documentOf(view);
  return {
    tenantId: doc.tenantId,
    ...(doc.divisionId === undefined ? {} : { divisionId: doc.divisionId }),
    version: doc.version,
    mappings: doc.mappings,
    problems: doc.problems,
    appliedBy: doc.appliedBy,
  };
}

/** One versioned part of the settings document: the path segment (also its tag), its schemas, its update and its view. */
interface Section<Body extends z.ZodType, Document extends z.ZodType> {
  name: 'settings' | 'mappings';
  readSummary: string;
  writeSummary: string;
  body: Body;
  document: Document;
  update(ctx: MappingContext, input: { scope: SettingsScope; actor: Actor; ifMatch: string | undefined; value: z.output<Body> }): Promise<SettingsView>;
  view(view: SettingsView): z.input<Document>;
}

/** "settings" → "Settings": operationIds (getSettings, replaceSettings …). */
function titleOf(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/**
 * GET and PUT of one section: both answer with the settings version as the ETag, and the
 * PUT passes If-Match to the update, which answers 428 without it and 412 when it is stale.
 */
function registerSection<Body extends z.ZodType, Document extends z.ZodType>(app: HttpServer, ctx: MappingContext, section: Section<Body, Document>): void {
  const path = `/v1/tenants/:tenant/${section.name}`;
  // Widened, since the type provider cannot resolve a schema that is a type parameter; the
  // section's own types (`update`, `view`) still tie the body and the document together.
  const body: z.ZodType = section.body;
  const document: z.ZodType = section.document;
  app.get(
    path,
    {
      preHandler: tenantAccess(app, 'read'),
      schema: { operationId: `get${titleOf(section.name)}`, tags: [section.name], summary: section.readSummary, params: tenantParams, querystring: divisionQuery, response: { 200: document, ...errors } },
    },
    async (request, reply) => {
      const view = await readSettings(ctx.knex, scopeOf(request.params.tenant, request.query.division));
      void reply.header('etag', etagOf(view.stored.version));
      return section.view(view);
    },
  );

  app.put(
    path,
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: `replace${titleOf(section.name)}`,
        tags: [section.name],
        summary: section.writeSummary,
        params: tenantParams,
        querystring: divisionQuery,
        headers: ifMatchHeaders,
        body,
        response: { 200: document, ...writeErrors },
      },
    },
    async (request, reply) => {
      const view = await section.update(ctx, {
        scope: scopeOf(request.params.tenant, request.query.division),
        actor: actorOf(request),
        ifMatch: request.headers['if-match'],
        // Parsed by the body schema before the handler runs.
        value: request.body as z.output<Body>,
      });
      void reply.header('etag', etagOf(view.stored.version));
      return section.view(view);
    },
  );
}

export function registerSettingsRoutes(app: HttpServer, ctx: MappingContext): void {
  registerSection(app, ctx, {
    name: 'settings',
    readSummary: "The tenant's effective sync settings, mappings and their problems (ETag = version)",
    writeSummary: 'Replace the sync settings (If-Match required)',
    body: syncSettingsSchema,
    document: settingsDocument,
    update: updateSyncSettings,
    view: documentOf,
  });
  registerSection(app, ctx, {
    name: 'mappings',
    readSummary: 'Payment-method, GL-code and product-type mappings and the defaults (ETag = settings version)',
    writeSummary: 'Replace the mappings (If-Match required); every QBO reference is checked against the connected company',
    body: mappingsSchema,
    document: mappingsDocument,
    update: updateMappings,
    view: mappingsOf,
  });
}
