import type { FastifyRequest } from 'fastify';
import { UnauthorizedError, requireTenant } from '@ledgerbus/kit';
import type { AuthPreHandler, HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import { scopeOf } from '../domain/scope';

export const tenantParams = z.object({ tenant: z.string().min(1).max(100) });
export const metricParams = tenantParams.extend({ metricId: z.uuid() });
/** `?division=`: the metrics, datasets and imports of one division's company (seed 001); without it the tenant's own connection. */
export const divisionQuery = z.object({ division: z.string().min(1).max(100).regex(/^[^/]+$/, 'a division id has no "/"').optional() });

/** The scope a request reads or writes: the tenant, or "tenant/division" (see domain/scope.ts). */
export function scopeOfRequest(request: { params: { tenant: string }; query: { division?: string | undefined } }): string {
  return scopeOf(request.params.tenant, request.query.division);
}

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
