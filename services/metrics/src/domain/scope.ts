/**
 * metrics keeps its state per **scope**: the tenant, or "tenant/division" when the tenant
 * connects one QBO company per division (seed 001). The scope is the key of
 * `connector.connections.v1`, and it is what the `tenant_id` columns of this service's tables
 * hold: a division's connection, import jobs and status, accounts, report lines and metric
 * definitions are its own. The HTTP API takes the division as `?division=`; events leave with the
 * tenant and the division apart (`tenantId`, `divisionId`).
 * A tenant id never contains "/" (the key schema forbids it), so the first "/" splits a scope.
 */
export function scopeOf(tenantId: string, divisionId?: string): string {
  return divisionId === undefined ? tenantId : `${tenantId}/${divisionId}`;
}

export function splitScope(scope: string): { tenantId: string; divisionId?: string } {
  const at = scope.indexOf('/');
  return at < 0 ? { tenantId: scope } : { tenantId: scope.slice(0, at), divisionId: scope.slice(at + 1) };
}

/** The tenant of a scope. */
export function tenantOfScope(scope: string): string {
  return splitScope(scope).tenantId;
}

/** An outgoing payload whose `tenantId` is a scope → `tenantId` the tenant and `divisionId` the division (when any). */
export function fromScoped<T extends Record<string, unknown>>(data: T): T {
  if (typeof data.tenantId !== 'string') return data;
  const { tenantId, divisionId } = splitScope(data.tenantId);
  return divisionId === undefined ? data : { ...data, tenantId, divisionId };
}
