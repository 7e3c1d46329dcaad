import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError, requireTenant } from '@ledgerbus/kit';
import type { AuthPreHandler, HttpServer, Principal } from '@ledgerbus/kit';
import { z } from 'zod';

export const tenantParams = z.object({ tenant: z.string().min(1).max(100) });
export const divisionQuery = z.object({ division: z.string().min(1).max(100).optional() });

/**
 * Tenant routes: another tenant's connection does not exist (404, never 403); anyone of
 * the tenant reads; only owners and admins connect, disconnect or start a sync.
 */
export function tenantAccess(app: HttpServer, kind: 'read' | 'write' | 'disconnect'): AuthPreHandler {
  if (kind === 'read') return requireTenant(app);
  // Seed 001: "the account owner … can … click the 'Deactivate' button" — only the owner disconnects.
  if (kind === 'disconnect') return requireTenant(app, { roles: ['owner'], forbiddenMessage: 'only the account owner may disconnect QuickBooks' });
  return requireTenant(app, { roles: ['owner', 'admin'], forbiddenMessage: 'only an owner or admin may change the QBO connection' });
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
