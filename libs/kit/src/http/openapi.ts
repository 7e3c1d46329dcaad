/** OpenAPI 3.1 from the routes' zod schemas, served at `/docs/json`. */
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export interface OpenApiOptions {
  /** Defaults to the service name. */
  title?: string;
  description?: string;
  /** Defaults to one relative server, "/": the service's own base URL, wherever it is deployed. */
  servers?: Array<{ url: string; description?: string }>;
  /** Defaults to Apache-2.0, the license of ledgerbus. */
  license?: { name: string; identifier?: string; url?: string };
  tags?: Array<{ name: string; description?: string }>;
}

export const BEARER_SCHEME = 'bearerAuth';

export async function registerOpenApi(
  app: FastifyInstance,
  info: { name: string; version: string; withAuth: boolean },
  options: OpenApiOptions = {},
  /** Runs on every request to `/docs/json` (the server's `opsEndpoints` setting). */
  guard?: onRequestHookHandler,
): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.title ?? info.name,
        version: info.version,
        ...(options.description === undefined ? {} : { description: options.description }),
        license: options.license ?? { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: options.servers ?? [{ url: '/', description: 'the service itself: paths are relative to the base URL it is deployed at' }],
      tags: options.tags ?? [],
      components: info.withAuth
        ? { securitySchemes: { [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } }
        : {},
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  app.get('/docs/json', { schema: { hide: true }, ...(guard === undefined ? {} : { onRequest: guard }) }, async () => app.swagger());
}

/** The OpenAPI document of a built server (for committed `openapi.json` files). */
export async function getOpenApiDocument(app: FastifyInstance): Promise<ReturnType<FastifyInstance['swagger']>> {
  await app.ready();
  return app.swagger();
}
