/** Wires JWT auth into a server: `request.principal` and `app.requireRole(...roles)`. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JwtVerifier, Principal, Role } from '../auth';
import { authorize } from '../auth';
import { BEARER_SCHEME } from './openapi';

export type AuthPreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireRole(...)`; null on routes without it. */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** preHandler: 401 without a valid bearer token, 403 when its role is not listed (none listed = any role). */
    requireRole(...roles: Role[]): AuthPreHandler;
  }
}

const AUTH_HANDLER = Symbol('ledgerbus.auth');

function usesAuth(preHandler: unknown): boolean {
  const handlers: unknown[] = Array.isArray(preHandler) ? preHandler : [preHandler];
  return handlers.some((h) => typeof h === 'function' && AUTH_HANDLER in h);
}

export function registerAuth(app: FastifyInstance, verifier: JwtVerifier | undefined): void {
  app.decorateRequest('principal', null);

  app.decorate('requireRole', (...roles: Role[]): AuthPreHandler => {
    if (verifier === undefined) {
      throw new Error('requireRole() needs createHttpServer({ auth }) to be configured');
    }
    const handler: AuthPreHandler = async (request) => {
      request.principal = await authorize(verifier, request.headers.authorization, roles);
    };
    return Object.assign(handler, { [AUTH_HANDLER]: true });
  });

  // Document the bearer requirement on every guarded route.
  app.addHook('onRoute', (route) => {
    if (!usesAuth(route.preHandler)) return;
    const schema = (route.schema ??= {}) as { security?: unknown };
    schema.security ??= [{ [BEARER_SCHEME]: [] }];
  });
}
