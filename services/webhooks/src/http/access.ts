import type { FastifyRequest } from 'fastify';
import { UnauthorizedError, errorResponseSchema, requireTenant } from '@ledgerbus/kit';
import type { AuthPreHandler, HttpServer } from '@ledgerbus/kit';

/**
 * The settings API's rules: another tenant's endpoints do not exist (404, never 403); viewers
 * and service accounts read; only admins and owners change.
 */
export function tenantAccess(app: HttpServer, kind: 'read' | 'write'): AuthPreHandler {
  if (kind === 'read') return requireTenant(app);
  return requireTenant(app, { roles: ['admin', 'owner'], forbiddenMessage: 'viewers may read webhook endpoints but not change them; ask an admin' });
}

export function actorOf(request: FastifyRequest): string {
  if (request.principal === null) throw new UnauthorizedError();
  return request.principal.sub;
}

export const readErrors = { 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema };
export const writeErrors = { ...readErrors, 403: errorResponseSchema, 409: errorResponseSchema };
