import type { FastifyRequest } from 'fastify';
import { UnauthorizedError, requireTenant } from '@ledgerbus/kit';
import type { AuthPreHandler, HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';

export const tenantParams = z.object({ tenant: z.string().min(1).max(100) });
export const metricParams = tenantParams.extend({ metricId: z.uuid() });

/**
 * The settings API's rules: another tenant's data does not exist (404, never 403);
 * viewers and service accounts read; only admins and owners change.
 */
export function tenantAccess(app: HttpServer, kind: 'read' | 'write'): AuthPreHandler {
  if (kind === 'read') return requireTenant(app);
  return requireTenant(app, { roles: ['admin', 'owner'], forbiddenMessage: 'viewers may read metrics but not change them; ask an admin' });
}

export function actorOf(request: FastifyRequest): string {
  if (request.principal === null) throw new UnauthorizedError();
  return request.principal.sub;
}
