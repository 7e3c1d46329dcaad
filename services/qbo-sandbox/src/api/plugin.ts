import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { QboFault, faults } from '../faults/qbo-fault';
import type { ApiDeps } from './context';
import { respond, serverTime, setState, stateOf } from './context';
import { registerBatchRoutes } from './batch.routes';
import { registerCdcRoutes } from './cdc.routes';
import { registerEntityRoutes } from './entities.routes';
import { registerQueryRoutes } from './query.routes';
import { registerReportRoutes } from './reports.routes';

export const API_PREFIX = '/v3/company/:realmId';

function endpointOf(request: FastifyRequest): string {
  const url = request.routeOptions.url ?? request.url;
  const rest = url.startsWith('/v3/company/:realmId/') ? url.slice('/v3/company/:realmId/'.length) : url;
  const params = request.params as Record<string, string | undefined>;
  let label = rest;
  if (params.entity) label = label.replace(':entity', params.entity.toLowerCase());
  if (params.report) label = label.replace(':report', params.report);
  return `${request.method} ${label}`;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m?.[1]?.trim();
}

function sendFault(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply, fault: QboFault): FastifyReply {
  for (const [name, value] of Object.entries(fault.headers)) void reply.header(name, value);
  return respond(deps, request, reply, fault.statusCode, fault.toBody(serverTime(deps), deps.clock.now().getTime()));
}

/**
 * The QBO Accounting API v3 under /v3/company/:realmId. Every request goes through:
 * bearer auth (gateway 401) → per-realm limits (429) → injected faults (latency, 500/503)
 * → `requestid` replay → the route.
 */
export function accountingApi(deps: ApiDeps): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.removeContentTypeParser(['application/json', 'text/plain']);
    app.addContentTypeParser(['application/json', 'text/json'], { parseAs: 'string' }, (_req, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, {});
      try {
        done(null, JSON.parse(text));
      } catch (e) {
        done(faults.requestParse(`Request has invalid or unsupported property: ${(e as Error).message}`), undefined);
      }
    });
    app.addContentTypeParser(['application/text', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, String(body)));
    app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, String(body)));

    app.addHook('preHandler', async (request, reply) => {
      const params = request.params as { realmId?: string };
      const realmId = params.realmId ?? '';
      const q = request.query as Record<string, string | undefined>;
      const asked = Number(q.minorversion);
      const min = deps.settings.api.minMinorVersion;
      const minorVersion = Number.isInteger(asked) && asked > min ? asked : min;
      const isWrite = request.method === 'POST' && !/\/query$/.test(request.routeOptions.url ?? '');
      setState(request, { realmId, endpoint: endpointOf(request), minorVersion, isWrite });

      const token = bearerToken(request);
      if (!token) return sendFault(deps, request, reply, faults.authentication('Authorization header missing or not a Bearer token'));
      const grant = deps.verifier.verifyAccessToken(token);
      if (!grant) return sendFault(deps, request, reply, faults.authentication('Token expired, revoked or invalid'));
      // A valid token on another company's realm: QBO's gateway answers 403 AuthorizationFailed (3100).
      if (grant.realmId !== '*' && grant.realmId !== realmId) return sendFault(deps, request, reply, faults.authorization());
      const state = stateOf(request);
      if (state) state.appId = grant.clientId;
      if (!deps.store.hasCompany(realmId)) return sendFault(deps, request, reply, faults.authorization());

      const isBatch = (request.routeOptions.url ?? '').endsWith('/batch');
      const verdict = deps.limiter.check(realmId, isBatch);
      if (!verdict.ok) {
        if (deps.settings.limits.retryAfterSeconds > 0) void reply.header('retry-after', String(deps.settings.limits.retryAfterSeconds));
        return sendFault(deps, request, reply, faults.throttled(deps.settings.limits.throttleBodyShape));
      }

      const latency = deps.faultInjector.latencyMs(realmId);
      if (latency > 0) await new Promise((r) => setTimeout(r, latency));
      const injected = deps.faultInjector.errorFault(realmId);
      if (injected) return sendFault(deps, request, reply, injected);

      const requestId = q.requestid;
      if (request.method === 'POST' && requestId) {
        const claim = deps.requestIds.claim(realmId, requestId);
        if (claim.kind === 'replay') {
          const original = await claim.response;
          if (original) return respond(deps, request, reply, original.statusCode, original.body);
        } else if (state) {
          state.claim = claim;
        }
      }
      return undefined;
    });

    app.addHook('onResponse', async (request) => {
      // A request that never reached respond() (e.g. aborted) releases its requestid claim.
      const state = stateOf(request);
      state?.claim?.finish(undefined);
    });

    app.setErrorHandler((error, request, reply) => {
      if (!stateOf(request)) setState(request, { realmId: (request.params as { realmId?: string }).realmId ?? '', endpoint: endpointOf(request), minorVersion: deps.settings.api.minMinorVersion, isWrite: false });
      if (error instanceof QboFault) return sendFault(deps, request, reply, error);
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== undefined && status >= 400 && status < 500) {
        return sendFault(deps, request, reply, faults.requestParse(`Request could not be parsed: ${(error as Error).message}`));
      }
      request.log.error({ err: error }, 'sandbox API error');
      return sendFault(deps, request, reply, faults.systemError());
    });

    registerQueryRoutes(app, deps);
    registerCdcRoutes(app, deps);
    registerBatchRoutes(app, deps);
    registerReportRoutes(app, deps);
    registerEntityRoutes(app, deps);
  };
}
