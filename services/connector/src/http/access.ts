import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '@ledgerbus/kit';
import type { HttpServer, Principal } from '@ledgerbus/kit';
import { z } from 'zod';

export const tenantParams = z.object({ tenant: z.string().min(1).max(100) });
export const divisionQuery = z.object({ division: z.string().min(1).max(100).optional() });

/**
 * Tenant routes: another tenant's connection does not exist (404, never 403); anyone of
 * the tenant reads; only owners and admins connect, disconnect or start a sync.
 */
export function tenantAccess(app: HttpServer, kind: 'read' | 'write') {
  const authenticate = app.requireRole();
  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await authenticate(request, reply);
    const principal = request.principal;
    if (principal === null) throw new UnauthorizedError();
    const { tenant } = request.params as { tenant?: string };
    if (tenant === undefined || tenant !== principal.tenant) throw new NotFoundError(`tenant ${tenant ?? ''} not found`);
    if (kind === 'write' && principal.role !== 'owner' && principal.role !== 'admin') {
      throw new ForbiddenError('only an owner or admin may change the QBO connection', { role: principal.role, allowed: ['owner', 'admin'] });
    }
  };
  return Object.assign(guard, authenticate);
}

/** Internal routes: service accounts (JWT `svc: true`) only. */
export function serviceAccess(app: HttpServer) {
  const authenticate = app.requireRole();
  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await authenticate(request, reply);
    if (request.principal === null) throw new UnauthorizedError();
    if (!request.principal.svc) throw new ForbiddenError('only service accounts may ask for access tokens', { svc: false });
  };
  return Object.assign(guard, authenticate);
}

export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new UnauthorizedError();
  return request.principal;
}
