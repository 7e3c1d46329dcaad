import type { FastifyRequest } from 'fastify';
import { UnauthorizedError, errorResponseSchema, requirePlatform, requireTenant } from '@ledgerbus/kit';
import type { AuthPreHandler, HttpServer } from '@ledgerbus/kit';
import type { z } from 'zod';
import { PLATFORM_OWNER } from '../context';
import { deliveryParams, endpointParams, platformDeliveryParams, platformEndpointParams, platformParams, tenantParams } from './schemas';

/** The token scope of a platform's backend that may manage webhook endpoints (and nothing else). */
export const WEBHOOKS_SCOPE = 'webhooks';

export { PLATFORM_OWNER };

/**
 * A tenant's endpoints: another tenant's do not exist (404, never 403); viewers and service
 * accounts read; only admins and owners change. Tokens scoped to `webhooks` are admitted (by their role).
 */
export function tenantAccess(app: HttpServer, kind: 'read' | 'write'): AuthPreHandler {
  if (kind === 'read') return requireTenant(app, { scopes: [WEBHOOKS_SCOPE] });
  return requireTenant(app, { roles: ['admin', 'owner'], scopes: [WEBHOOKS_SCOPE], forbiddenMessage: 'viewers may read webhook endpoints but not change them; ask an admin' });
}

/**
 * The platform's endpoints (every tenant's events): only a platform service account — `svc: true`,
 * `tenant: "*"` —, admins and owners to change, any role to read; 403 for every other token.
 */
export function platformAccess(app: HttpServer, kind: 'read' | 'write'): AuthPreHandler {
  const forbiddenMessage = 'platform-wide webhook endpoints are managed by the platform\'s service account (svc: true, tenant "*"); a tenant\'s own endpoints are under /v1/tenants/{tenant}/webhook-endpoints';
  if (kind === 'read') return requirePlatform(app, { scopes: [WEBHOOKS_SCOPE], forbiddenMessage });
  return requirePlatform(app, { roles: ['admin', 'owner'], scopes: [WEBHOOKS_SCOPE], forbiddenMessage });
}

/** Where an endpoint route lives: under a tenant, or platform-wide. */
export interface EndpointScope {
  /** The routes' prefix, up to and with `/webhook-endpoints`. */
  prefix: string;
  /** The owner the request acts for: the path's tenant, or the platform. */
  ownerOf(request: FastifyRequest): string;
  access(app: HttpServer, kind: 'read' | 'write'): AuthPreHandler;
  /** The operationId of the route in this scope (`createWebhookEndpoint` → `createPlatformWebhookEndpoint`). */
  operationId(name: string): string;
  /** Summary prefix ("" or "Platform-wide: "). */
  summary(text: string): string;
  tag: string;
  /** Path parameters: of the collection, of one endpoint, of one delivery. */
  params: { list: z.ZodObject; endpoint: z.ZodObject; delivery: z.ZodObject };
}

export const TENANT_SCOPE: EndpointScope = {
  prefix: '/v1/tenants/:tenant/webhook-endpoints',
  ownerOf: (request) => (request.params as { tenant: string }).tenant,
  access: tenantAccess,
  operationId: (name) => name,
  summary: (text) => text,
  tag: 'webhook endpoints',
  params: { list: tenantParams, endpoint: endpointParams, delivery: deliveryParams },
};

export const PLATFORM_SCOPE: EndpointScope = {
  prefix: '/v1/webhook-endpoints',
  ownerOf: () => PLATFORM_OWNER,
  access: platformAccess,
  operationId: (name) => name.replace(/Webhook/, 'PlatformWebhook'),
  summary: (text) => `Platform-wide (every tenant's events): ${text.charAt(0).toLowerCase()}${text.slice(1)}`,
  tag: 'platform webhook endpoints',
  params: { list: platformParams, endpoint: platformEndpointParams, delivery: platformDeliveryParams },
};

export function actorOf(request: FastifyRequest): string {
  if (request.principal === null) throw new UnauthorizedError();
  return request.principal.sub;
}

export const readErrors = { 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema };
export const writeErrors = { ...readErrors, 403: errorResponseSchema, 409: errorResponseSchema };
