import { NotFoundError, errorResponseSchema } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { ConnectorContext } from '../context';
import { auditRepository } from '../db/audit.repository';
import { webhookFailuresRepository } from '../db/webhook-failures.repository';
import { connectionsRepository } from '../db/connections.repository';
import { connectUrl } from '../use-cases/connect';
import { toConnectionState } from '../use-cases/connection-state';
import { disconnect } from '../use-cases/disconnect';
import type { Poller } from '../use-cases/poller';
import { divisionQuery, principalOf, tenantAccess, tenantParams } from './access';
import { auditEntrySchema, connectionResponse } from './schemas';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

export function registerConnectionRoutes(app: HttpServer, ctx: ConnectorContext, poller: Poller): void {
  app.get(
    '/v1/tenants/:tenant/connection/connect-url',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'getConnectUrl',
        tags: ['connection'],
        summary:
          "Intuit's authorize URL for this tenant (and division), with a single-use, expiring state bound to this browser by an HttpOnly cookie (sent back to the callback); `realmId` makes the callback refuse any other company; `redirect=true` answers 302",
        params: tenantParams,
        querystring: divisionQuery.extend({
          redirect: z.enum(['true', 'false']).optional(),
          realmId: z.string().regex(/^[0-9]{1,30}$/, 'realmId must be numeric').optional(),
        }),
        response: { 200: z.object({ url: z.string(), expiresAt: z.string() }), 302: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { cookie, ...result } = await connectUrl(ctx, principalOf(request), request.params.tenant, request.query.division, request.query.realmId);
      void reply.header('set-cookie', cookie).header('cache-control', 'no-store');
      if (request.query.redirect === 'true') return reply.redirect(result.url, 302);
      return result;
    },
  );

  app.get(
    '/v1/tenants/:tenant/connection',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'getConnection',
        tags: ['connection'],
        summary: 'The connection: company, realm, status, who connected and when, last webhook, CDC watermark, last sync per entity',
        params: tenantParams,
        querystring: divisionQuery,
        response: { 200: connectionResponse, ...errors },
      },
    },
    async (request) => {
      const row = await connectionsRepository.byTenant(ctx.knex, request.params.tenant, request.query.division);
      if (row === undefined) throw new NotFoundError('no QBO connection for this tenant', { tenant: request.params.tenant, division: request.query.division });
      return { connection: toConnectionState(row) };
    },
  );

  app.delete(
    '/v1/tenants/:tenant/connection',
    {
      preHandler: tenantAccess(app, 'disconnect'),
      schema: {
        operationId: 'disconnect',
        tags: ['connection'],
        summary: 'Disconnect (the account owner only): revoke at Intuit (best effort), destroy the tokens; webhooks and CDC for the company stop, pushes to QBO fail until a new connection',
        params: tenantParams,
        querystring: divisionQuery,
        response: { 200: connectionResponse.extend({ revoke: z.string() }), ...errors },
      },
    },
    async (request) => {
      const result = await disconnect(ctx, principalOf(request).sub, request.params.tenant, request.query.division);
      return { connection: toConnectionState(result.connection), revoke: result.revoke };
    },
  );

  app.post(
    '/v1/tenants/:tenant/connection/sync',
    {
      preHandler: tenantAccess(app, 'write'),
      schema: {
        operationId: 'pollChangesNow',
        tags: ['connection'],
        summary: 'Poll CDC now (after a gap or an outage) instead of waiting for the schedule',
        params: tenantParams,
        querystring: divisionQuery,
        response: { 202: z.object({ polled: z.boolean(), published: z.number().int().optional() }), ...errors },
      },
    },
    async (request, reply) => {
      const row = await connectionsRepository.byTenant(ctx.knex, request.params.tenant, request.query.division);
      if (row === undefined || row.status !== 'connected') throw new NotFoundError('no connected QBO company for this tenant');
      const actor = principalOf(request).sub;
      await auditRepository.record(ctx.knex, {
        tenantId: row.tenant_id,
        divisionId: request.query.division,
        realmId: row.realm_id,
        actor,
        action: 'connection.sync_requested',
        at: ctx.clock(),
      });
      const result = await poller.pollConnection(row.id);
      return reply.code(202).send({ polled: result !== undefined, ...(result?.cdc === undefined ? {} : { published: result.cdc + (result.snapshot ?? 0) }) });
    },
  );

  app.get(
    '/v1/tenants/:tenant/connection/webhook-failures',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'listWebhookFailures',
        tags: ['connection'],
        summary:
          'Entities named by a webhook that could not be fetched (newest first, at most 100): entity, id, operation and reason (`unsupported_entity`, `invalid_entity`, `not_found`, `invalid_id`); the rest of their delivery went through, and CDC catches up',
        params: tenantParams,
        querystring: divisionQuery,
        response: {
          200: z.object({
            failures: z.array(
              z.object({
                realmId: z.string(),
                entity: z.string(),
                entityId: z.string(),
                operation: z.string(),
                reason: z.enum(['unsupported_entity', 'invalid_entity', 'not_found', 'invalid_id']),
                errorCode: z.string().optional(),
                at: z.string(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const rows = await webhookFailuresRepository.list(ctx.knex, request.params.tenant, request.query.division);
      return {
        failures: rows.map((r) => ({
          realmId: r.realm_id,
          entity: r.entity,
          entityId: r.entity_id,
          operation: r.operation,
          reason: r.reason,
          ...(r.error_code === null ? {} : { errorCode: r.error_code }),
          at: new Date(r.at).toISOString(),
        })),
      };
    },
  );

  app.get(
    '/v1/tenants/:tenant/connection/audit',
    {
      preHandler: tenantAccess(app, 'read'),
      schema: {
        operationId: 'listConnectionAudit',
        tags: ['connection'],
        summary: 'Connection changes, newest first, with the acting user or service account',
        params: tenantParams,
        querystring: divisionQuery,
        response: { 200: z.object({ entries: z.array(auditEntrySchema) }), ...errors },
      },
    },
    async (request) => {
      const rows = await auditRepository.list(ctx.knex, request.params.tenant, request.query.division);
      return {
        entries: rows.map((r) => ({
          id: r.id,
          ...(r.division_id === '' ? {} : { divisionId: r.division_id }),
          ...(r.realm_id === null ? {} : { realmId: r.realm_id }),
          actor: r.actor,
          action: r.action,
          details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
          at: new Date(r.at).toISOString(),
        })),
      };
    },
  );
}
