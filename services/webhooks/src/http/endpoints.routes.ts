import { randomUUID } from 'node:crypto';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { WebhooksContext } from '../context';
import { deliveriesRepository } from '../db/deliveries.repository';
import type { Endpoint } from '../db/endpoints.repository';
import { endpointOf, endpointsRepository } from '../db/endpoints.repository';
import { ENDPOINT_DISABLED_ERROR } from '../delivery/endpoint-health';
import { endpointUrlProblem } from '../domain/endpoint-url';
import { eventTypeProblem } from '../domain/event-types';
import { generateSigningSecret } from '../domain/signing';
import { EndpointNotFoundError, TooManyEndpointsError, fieldError } from '../errors';
import type { EndpointScope } from './access';
import { PLATFORM_SCOPE, TENANT_SCOPE, actorOf, readErrors, writeErrors } from './access';
import { createEndpointBody, createdEndpointDoc, endpointDoc, endpointListDoc, rotatedSecretDoc, updateEndpointBody } from './schemas';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function endpointDocOf(e: Endpoint) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: iso(e.disabledAt),
    consecutiveFailures: e.consecutiveFailures,
    failingSince: iso(e.failingSince),
    secretRotatedAt: iso(e.secretRotatedAt),
    previousSecretExpiresAt: iso(e.previousSecretExpiresAt),
    createdBy: e.createdBy,
    updatedBy: e.updatedBy,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** A tenant's endpoints under /v1/tenants/{tenant}/webhook-endpoints, the platform's (every tenant's events) under /v1/webhook-endpoints. */
export function registerEndpointRoutes(app: HttpServer, ctx: WebhooksContext): void {
  registerScope(app, ctx, TENANT_SCOPE);
  registerScope(app, ctx, PLATFORM_SCOPE);
}

/** The id path parameter (the scope's params schema checked it is a uuid). */
const idOf = (params: unknown): string => (params as { id: string }).id;

function registerScope(app: HttpServer, ctx: WebhooksContext, scope: EndpointScope): void {
  const knownTypes = Object.keys(ctx.eventsTopic.events);
  const policy = { allowLoopback: ctx.config.allowLoopback };

  /** The URL and filter rules the schema cannot state; 400 naming the field. */
  function checked(body: { url?: string | undefined; eventTypes?: string[] | undefined }): { eventTypes?: string[] } {
    if (body.url !== undefined) {
      const problem = endpointUrlProblem(body.url, policy);
      if (problem !== undefined) throw fieldError('url', problem);
    }
    if (body.eventTypes === undefined) return {};
    body.eventTypes.forEach((item, i) => {
      const problem = eventTypeProblem(item, knownTypes);
      if (problem !== undefined) throw fieldError(`eventTypes.${i}`, problem);
    });
    return { eventTypes: [...new Set(body.eventTypes)] };
  }

  app.post(
    scope.prefix,
    {
      preHandler: scope.access(app, 'write'),
      schema: {
        operationId: scope.operationId('createWebhookEndpoint'),
        tags: [scope.tag],
        summary: scope.summary('Register an endpoint; the answer carries its signing secret, shown this once'),
        params: scope.params.list,
        body: createEndpointBody,
        response: { 201: createdEndpointDoc, ...writeErrors },
      },
    },
    async (request, reply) => {
      const tenant = scope.ownerOf(request);
      const body = request.body;
      const { eventTypes = [] } = checked(body);
      const actor = actorOf(request);
      const id = randomUUID();
      const secret = generateSigningSecret();
      const endpoint = await ctx.knex.transaction(async (trx) => {
        // One creation at a time per tenant, so the limit holds under concurrent requests.
        await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`webhooks:endpoints:${tenant}`]);
        if ((await endpointsRepository.count(trx, tenant)) >= ctx.config.maxEndpointsPerTenant) throw new TooManyEndpointsError(ctx.config.maxEndpointsPerTenant);
        return endpointsRepository.create(trx, {
          id,
          tenantId: tenant,
          url: body.url,
          description: body.description ?? null,
          eventTypes,
          enabled: body.enabled,
          secret: ctx.keys.encrypt(secret, id),
          actor,
        });
      });
      request.log.info({ tenantId: tenant, endpointId: id, actor }, 'webhook endpoint created');
      return reply.code(201).send({ ...endpointDocOf(endpoint), secret });
    },
  );

  app.get(
    scope.prefix,
    {
      preHandler: scope.access(app, 'read'),
      schema: {
        operationId: scope.operationId('listWebhookEndpoints'),
        tags: [scope.tag],
        summary: scope.summary('The endpoints (never their secrets)'),
        params: scope.params.list,
        response: { 200: endpointListDoc, ...readErrors },
      },
    },
    async (request) => ({ items: (await endpointsRepository.list(ctx.knex, scope.ownerOf(request))).map(endpointDocOf) }),
  );

  app.get(
    `${scope.prefix}/:id`,
    {
      preHandler: scope.access(app, 'read'),
      schema: {
        operationId: scope.operationId('getWebhookEndpoint'),
        tags: [scope.tag],
        summary: scope.summary('One endpoint, with its failure run and whether it is disabled'),
        params: scope.params.endpoint,
        response: { 200: endpointDoc, ...readErrors },
      },
    },
    async (request) => {
      const id = idOf(request.params);
      const row = await endpointsRepository.row(ctx.knex, scope.ownerOf(request), id);
      if (row === undefined) throw new EndpointNotFoundError(id);
      return endpointDocOf(endpointOf(row));
    },
  );

  app.patch(
    `${scope.prefix}/:id`,
    {
      preHandler: scope.access(app, 'write'),
      schema: {
        operationId: scope.operationId('updateWebhookEndpoint'),
        tags: [scope.tag],
        summary: scope.summary('Change the URL, event types, description, or enable / disable the endpoint'),
        params: scope.params.endpoint,
        body: updateEndpointBody,
        response: { 200: endpointDoc, ...writeErrors },
      },
    },
    async (request) => {
      const tenant = scope.ownerOf(request);
      const id = idOf(request.params);
      const body = request.body;
      const { eventTypes } = checked(body);
      const actor = actorOf(request);
      const endpoint = await ctx.knex.transaction(async (trx) => {
        const before = await endpointsRepository.row(trx, tenant, id, { forUpdate: true });
        if (before === undefined) throw new EndpointNotFoundError(id);
        const updated = await endpointsRepository.update(
          trx,
          tenant,
          id,
          {
            ...(body.url === undefined ? {} : { url: body.url }),
            ...(body.description === undefined ? {} : { description: body.description }),
            ...(eventTypes === undefined ? {} : { eventTypes }),
            // Only a change of state: enabling an enabled endpoint leaves its failure run alone.
            ...(body.enabled === undefined || body.enabled === before.enabled ? {} : { enabled: body.enabled }),
          },
          actor,
        );
        if (updated === undefined) throw new EndpointNotFoundError(id);
        if (before.enabled && body.enabled === false) await deliveriesRepository.failPending(trx, id, ENDPOINT_DISABLED_ERROR);
        return updated;
      });
      if (body.enabled === true) ctx.wake();
      request.log.info({ tenantId: tenant, endpointId: id, actor, fields: Object.keys(body) }, 'webhook endpoint updated');
      return endpointDocOf(endpoint);
    },
  );

  app.delete(
    `${scope.prefix}/:id`,
    {
      preHandler: scope.access(app, 'write'),
      schema: {
        operationId: scope.operationId('deleteWebhookEndpoint'),
        tags: [scope.tag],
        summary: scope.summary('Delete the endpoint with its delivery log'),
        params: scope.params.endpoint,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      const tenant = scope.ownerOf(request);
      const id = idOf(request.params);
      if (!(await endpointsRepository.delete(ctx.knex, tenant, id))) throw new EndpointNotFoundError(id);
      request.log.info({ tenantId: tenant, endpointId: id, actor: actorOf(request) }, 'webhook endpoint deleted');
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${scope.prefix}/:id/rotate-secret`,
    {
      preHandler: scope.access(app, 'write'),
      schema: {
        operationId: scope.operationId('rotateWebhookEndpointSecret'),
        tags: [scope.tag],
        summary: scope.summary('Issue a new signing secret (shown this once); the previous one also signs for a grace period'),
        params: scope.params.endpoint,
        response: { 200: rotatedSecretDoc, ...writeErrors },
      },
    },
    async (request) => {
      const tenant = scope.ownerOf(request);
      const id = idOf(request.params);
      const actor = actorOf(request);
      const secret = generateSigningSecret();
      const expires = new Date(Date.now() + ctx.config.rotationGraceMs);
      await ctx.knex.transaction(async (trx) => {
        const row = await endpointsRepository.row(trx, tenant, id, { forUpdate: true });
        if (row === undefined) throw new EndpointNotFoundError(id);
        await endpointsRepository.rotateSecret(trx, row, ctx.keys.encrypt(secret, id), { keyId: row.secret_key_id, ciphertext: row.secret_ciphertext }, expires, actor);
      });
      request.log.info({ tenantId: tenant, endpointId: id, actor }, 'webhook endpoint secret rotated');
      return { endpointId: id, secret, previousSecretExpiresAt: expires.toISOString() };
    },
  );
}
