import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';

export const tenantParams = z.object({ tenant: z.string().min(1).max(100) });
export const metricParams = tenantParams.extend({ metricId: z.uuid() });

/**
 * The settings API's rules: another tenant's data does not exist (404, never 403);
 * viewers and service accounts read; only admins and owners change.
 */
export function tenantAccess(app: HttpServer, kind: 'read' | 'write') {
  const authenticate = app.requireRole();
  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await authenticate(request, reply);
    const principal = request.principal;
    if (principal === null) throw new UnauthorizedError();
    const { tenant } = request.params as { tenant?: string };
    if (tenant === undefined || tenant !== principal.tenant) throw new NotFoundError(`tenant ${tenant ?? ''} not found`);
    if (kind === 'write' && principal.role === 'viewer') {
      throw new ForbiddenError('viewers may read metrics but not change them; ask an admin', { role: principal.role, allowed: ['admin', 'owner'] });
    }
  };
  return Object.assign(guard, authenticate);
}

export function actorOf(request: FastifyRequest): string {
  if (request.principal === null) throw new UnauthorizedError();
  return request.principal.sub;
}
