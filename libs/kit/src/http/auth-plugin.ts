/** Wires JWT auth into a server: `request.principal` and `app.requireRole(...roles)`. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JwtVerifier, Principal, Role } from '../auth';
import { authorize } from '../auth';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors';
import { BEARER_SCHEME } from './openapi';

export type AuthPreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireRole(...)`; null on routes without it. */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /**
     * preHandler: 401 without a valid bearer token, 403 when its role is not listed (none listed = any role),
     * 403 `insufficient_scope` for a token limited to scopes (routes that accept scopes use `requireTenant`).
     */
    requireRole(...roles: Role[]): AuthPreHandler;
    /** `requireRole` that also admits tokens limited to one of `scopes` (role checks are the caller's). */
    requireScopes(scopes: readonly string[]): AuthPreHandler;
  }
}

const AUTH_HANDLER = Symbol('ledgerbus.auth');

function usesAuth(preHandler: unknown): boolean {
  const handlers: unknown[] = Array.isArray(preHandler) ? preHandler : [preHandler];
  return handlers.some((h) => typeof h === 'function' && AUTH_HANDLER in h);
}

export function registerAuth(app: FastifyInstance, verifier: JwtVerifier | undefined): void {
  app.decorateRequest('principal', null);

  const authenticate = (roles: readonly Role[], scopes: readonly string[]): AuthPreHandler => {
    if (verifier === undefined) {
      throw new Error('requireRole() needs createHttpServer({ auth }) to be configured');
    }
    const handler: AuthPreHandler = async (request) => {
      request.principal = await authorize(verifier, request.headers.authorization, roles, scopes);
    };
    return Object.assign(handler, { [AUTH_HANDLER]: true });
  };
  app.decorate('requireRole', (...roles: Role[]): AuthPreHandler => authenticate(roles, []));
  app.decorate('requireScopes', (scopes: readonly string[]): AuthPreHandler => authenticate([], scopes));

  // Every guarded route: authentication (and the tenant/role checks that come with it) runs in
  // preValidation, before the body, query and params are validated, so an anonymous caller gets
  // 401 and never a 400 that describes the schema; other preHandlers stay where they were.
  // The bearer requirement is documented in the route's OpenAPI.
  app.addHook('onRoute', (route) => {
    if (!usesAuth(route.preHandler)) return;
    const handlers: unknown[] = Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    const auth: unknown[] = handlers.filter((h) => typeof h === 'function' && AUTH_HANDLER in h);
    const rest = handlers.filter((h) => !auth.includes(h));
    const pre: unknown = route.preValidation;
    const existing: unknown[] = pre === undefined ? [] : Array.isArray(pre) ? (pre as unknown[]) : [pre];
    (route as { preValidation?: unknown }).preValidation = [...auth, ...existing];
    (route as { preHandler?: unknown }).preHandler = rest.length === 0 ? undefined : rest;
    const schema = (route.schema ??= {}) as { security?: unknown };
    schema.security ??= [{ [BEARER_SCHEME]: [] }];
  });
}

/**
 * onRequest guard of the operations endpoints (`/metrics`, `/docs/json`) with
 * `opsEndpoints: 'service'`: 401 without a valid token, 403 unless it is a service account's.
 */
export function serviceAccountGuard(verifier: JwtVerifier): AuthPreHandler {
  return async (request) => {
    const principal = await authorize(verifier, request.headers.authorization, []);
    if (!principal.svc) throw new ForbiddenError('only service accounts may read this', { svc: false });
    request.principal = principal;
  };
}

export interface TenantAccessOptions {
  /** The roles that may use the route (default: every role of the tenant). */
  roles?: readonly Role[];
  /** The 403's message for any other role: say who may do it instead. */
  forbiddenMessage?: string;
  /**
   * Token scopes the route accepts (e.g. `['ingest']`): a token limited to scopes needs one of
   * these, else 403 `insufficient_scope`. Tokens without a scope are unaffected. Default none.
   */
  scopes?: readonly string[];
}

/**
 * preHandler for routes under a `:tenant` path parameter: authenticates like
 * `app.requireRole()`, answers 404 when the tenant is not the principal's (another
 * tenant's data does not exist, never 403), then 403 `forbidden` with
 * `{ role, allowed }` when the principal's role is not in `roles`.
 */
export function requireTenant(app: FastifyInstance, options: TenantAccessOptions = {}): AuthPreHandler {
  const authenticate = app.requireScopes(options.scopes ?? []);
  const roles = options.roles ?? [];
  const guard: AuthPreHandler = async (request, reply) => {
    await authenticate(request, reply);
    const principal = request.principal;
    if (principal === null) throw new UnauthorizedError();
    const { tenant } = request.params as { tenant?: string };
    if (tenant !== principal.tenant) throw new NotFoundError(`tenant ${tenant ?? ''} not found`);
    if (roles.length > 0 && !roles.includes(principal.role)) {
      throw new ForbiddenError(options.forbiddenMessage ?? `role ${principal.role} may not do this`, { role: principal.role, allowed: roles });
    }
  };
  return Object.assign(guard, { [AUTH_HANDLER]: true });
}

/** The `tenant` claim of a service account that acts for every tenant of the deployment (the platform itself, ledgerbus's own workers). */
export const ALL_TENANTS = '*';

export interface PlatformAccessOptions {
  /** The roles that may use the route (default: every role). */
  roles?: readonly Role[];
  /** Token scopes the route accepts, as in `requireTenant`. Default none. */
  scopes?: readonly string[];
  /** The 403's message for a token that is not a platform service account: say where its own routes are. */
  forbiddenMessage?: string;
}

/**
 * preHandler for platform-wide routes (no `:tenant` in the path): admits only a service account
 * (`svc: true`) of every tenant (`tenant: "*"`), else 403 `forbidden`; then the role and scope
 * checks of `requireTenant`. A user's token, or one service account's of one tenant, never gets
 * platform-wide access.
 */
export function requirePlatform(app: FastifyInstance, options: PlatformAccessOptions = {}): AuthPreHandler {
  const authenticate = app.requireScopes(options.scopes ?? []);
  const roles = options.roles ?? [];
  const guard: AuthPreHandler = async (request, reply) => {
    await authenticate(request, reply);
    const principal = request.principal;
    if (principal === null) throw new UnauthorizedError();
    if (!principal.svc || principal.tenant !== ALL_TENANTS) {
      throw new ForbiddenError(options.forbiddenMessage ?? 'only a platform service account (svc: true, tenant "*") may do this', { svc: principal.svc, platform: false });
    }
    if (roles.length > 0 && !roles.includes(principal.role)) {
      throw new ForbiddenError(`role ${principal.role} may not do this`, { role: principal.role, allowed: roles });
    }
  };
  return Object.assign(guard, { [AUTH_HANDLER]: true });
}
