import { errorResponseSchema } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { realmId } from '@ledgerbus/contracts';
import { z } from 'zod';
import type { TokenService } from '../use-cases/tokens';
import { serviceAccess } from './access';

export function registerTokenRoutes(app: HttpServer, tokens: TokenService): void {
  app.post(
    '/internal/v1/realms/:realmId/access-token',
    {
      preHandler: serviceAccess(app),
      schema: {
        operationId: 'getAccessToken',
        tags: ['internal'],
        summary: 'A valid access token for a realm (refreshed proactively, single-flight across replicas); service accounts only',
        params: z.object({ realmId }),
        body: z.object({ forceRefresh: z.boolean().optional().describe('true refreshes the token even when the current one is still valid (e.g. after QBO refused it)') }).nullish(),
        response: {
          200: z.object({ realmId: z.string(), accessToken: z.string(), expiresAt: z.string() }),
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
          409: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const token = await tokens.getAccessToken(request.params.realmId, { forceRefresh: request.body?.forceRefresh ?? false });
      void reply.header('cache-control', 'no-store');
      return { realmId: token.realmId, accessToken: token.accessToken, expiresAt: token.expiresAt.toISOString() };
    },
  );
}
