/**
 * The fastify 5 server every service starts from: zod type provider, health,
 * readiness, metrics, OpenAPI 3.1, JWT auth and one error handler. It never
 * listens; `main.ts` does.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { createJwtVerifier } from '../auth';
import type { JwtVerifierOptions } from '../auth';
import { registerAuth, serviceAccountGuard } from './auth-plugin';
import { errorHandler, notFoundHandler } from './error-handler';
import { registerHealthRoutes } from './health';
import type { ReadinessCheck } from './health';
import { createMetricsRegistry, registerHttpMetrics } from './metrics';
import { registerOpenApi } from './openapi';
import type { OpenApiOptions } from './openapi';

export type HttpServer = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface CreateHttpServerOptions {
  logger: Logger;
  /** Service name: OpenAPI title and the `service` label on metrics. */
  name: string;
  version: string;
  /** Checks behind `/readyz` (the services pass "db" and "bus"). */
  readiness?: ReadinessCheck[];
  /** Per-check timeout for `/readyz` (default 2000 ms). */
  readinessTimeoutMs?: number;
  /** Enables `app.requireRole(...)`. */
  auth?: JwtVerifierOptions;
  openapi?: OpenApiOptions;
  /** Share one registry with the service's own metrics (consumer lag …). */
  metricsRegistry?: Registry;
  /** Maximum request body in bytes (default 1 MiB). */
  bodyLimit?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The Prometheus registry behind `/metrics`. */
    metrics: Registry;
  }
}

const PROBE_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

export async function createHttpServer(options: CreateHttpServerOptions): Promise<HttpServer> {
  const logger: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestIdHeader: 'x-request-id',
    // Probes would drown the request log; everything else logs start and completion.
    logController: new LogController({ disableRequestLogging: (request) => PROBE_ROUTES.has(request.url.split('?')[0] ?? '') }),
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  const registry = options.metricsRegistry ?? createMetricsRegistry({ service: options.name });
  app.decorate('metrics', registry);

  const verifier = options.auth === undefined ? undefined : createJwtVerifier(options.auth);
  // `/metrics` and `/docs/json` behind a service-account token when the auth options ask for it.
  const opsGuard = verifier !== undefined && options.auth?.opsEndpoints === 'service' ? serviceAccountGuard(verifier) : undefined;
  // Register swagger first so its onRoute hook sees every route added later.
  await registerOpenApi(app, { name: options.name, version: options.version, withAuth: options.auth !== undefined }, options.openapi, opsGuard);
  registerAuth(app, verifier);
  registerHealthRoutes(app, options.readiness ?? [], options.readinessTimeoutMs ?? 2000);
  registerHttpMetrics(app, registry, opsGuard);

  return app.withTypeProvider<ZodTypeProvider>();
}

/** A client `/readyz` can ask: resolves when it is usable. */
export interface Pingable {
  ping(): Promise<void>;
}

/** What every service factory receives and its HTTP server needs. */
export interface ServiceHttpDeps {
  logger: Logger;
  jwt: JwtVerifierOptions;
  db: Pingable;
  bus: Pingable;
}

/**
 * The HTTP server of a service built on PostgreSQL and the bus: JWT auth from the
 * service's options, and `/readyz` pinging "db" then "bus".
 */
export function createServiceHttpServer(
  deps: ServiceHttpDeps,
  options: { name: string; version: string; openapi?: OpenApiOptions; /** Largest request body in bytes (default 1 MiB). */ bodyLimit?: number },
): Promise<HttpServer> {
  return createHttpServer({
    ...options,
    logger: deps.logger,
    auth: deps.jwt,
    readiness: [
      { name: 'db', check: () => deps.db.ping() },
      { name: 'bus', check: () => deps.bus.ping() },
    ],
  });
}
