import type { FastifyRequest } from 'fastify';
import { UnauthorizedError, requireTenant } from '@ledgerbus/kit';
import type { AuthPreHandler, HttpServer, Principal } from '@ledgerbus/kit';
import { z } from 'zod';
import type { Actor } from '../db/audit.repository';

export const tenantParams = z.object({ tenant: z.string().min(1).max(100) });

/**
 * Route guard after authentication: another tenant's data does not exist (404, never
 * 403); viewers and service accounts read; only admins and owners change.
 */
export function tenantAccess(app: HttpServer, kind: 'read' | 'write'): AuthPreHandler {
  if (kind === 'read') return requireTenant(app);
  return requireTenant(app, { roles: ['admin', 'owner'], forbiddenMessage: 'viewers may read the settings but not change them; ask an admin' });
}

export function actorOf(request: FastifyRequest): Actor {
  const principal: Principal | null = request.principal;
  if (principal === null) throw new UnauthorizedError();
  return { sub: principal.sub, isService: principal.svc };
}

/** The documented error body for the statuses a route can answer. */
export { errorResponseSchema } from '@ledgerbus/kit';
