import { ForbiddenError, hasScope, requireTenant } from '@ledgerbus/kit';
import type { AuthPreHandler, HttpServer } from '@ledgerbus/kit';

/** The token scope of a platform's backend that may only send records (and read their status). */
export const INGEST_SCOPE = 'ingest';

/**
 * Write routes: another tenant does not exist (404, never 403); admins and owners of the tenant
 * send records, and so does a service account whose token is scoped to `ingest`; viewers do not.
 */
export function ingestAccess(app: HttpServer): AuthPreHandler {
  const tenant = requireTenant(app, { scopes: [INGEST_SCOPE] });
  const guard: AuthPreHandler = async (request, reply) => {
    await tenant(request, reply);
    const principal = request.principal;
    if (principal === null) return;
    if (principal.role === 'admin' || principal.role === 'owner') return;
    if (principal.svc && hasScope(principal, INGEST_SCOPE)) return;
    throw new ForbiddenError('only admins, owners and service accounts scoped to ingest may send records', { role: principal.role, allowed: ['owner', 'admin', `svc with scope ${INGEST_SCOPE}`] });
  };
  // Keeps the marker that moves authentication to preValidation (see libs/kit auth-plugin).
  return Object.assign(guard, tenant);
}

/** Read routes: anyone of the tenant, and tokens scoped to `ingest`. */
export function statusAccess(app: HttpServer): AuthPreHandler {
  return requireTenant(app, { scopes: [INGEST_SCOPE] });
}
