import { errorResponseSchema } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { ConnectorContext } from '../context';
import { completeCallback } from '../use-cases/connect';
import { toConnectionState } from '../use-cases/connection-state';
import { connectionResponse } from './schemas';

export function registerOAuthRoutes(app: HttpServer, ctx: ConnectorContext): void {
  app.get(
    '/v1/oauth/callback',
    {
      // The admin's browser arrives from Intuit: no bearer token; the state and the browser's state cookie authenticate.
      schema: {
        operationId: 'completeOAuth',
        // No bearer token: the state and the browser's state cookie authenticate (see above).
        security: [],
        tags: ['connection'],
        summary:
          "Intuit's OAuth redirect: consumes the state (once, unexpired, with the cookie of the browser that asked for the connect URL; 400 invalid_oauth_state otherwise) before exchanging the code, reads CompanyInfo and stores the connection",
        querystring: z.object({
          code: z.string().max(2048).optional(),
          state: z.string().max(2048).optional(),
          realmId: z.string().max(30).optional(),
          error: z.string().max(200).optional(),
        }),
        response: { 200: connectionResponse.extend({ reconnected: z.boolean() }), 302: z.null(), 400: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await completeCallback(ctx, {
        url: request.url,
        state: request.query.state,
        code: request.query.code,
        realmId: request.query.realmId,
        error: request.query.error,
        cookieHeader: request.headers.cookie,
      });
      void reply.header('set-cookie', result.clearCookie).header('cache-control', 'no-store');
      const state = toConnectionState(result.connection);
      const target = ctx.settings.connectedRedirectUrl;
      if (target !== undefined) {
        const url = new URL(target);
        url.searchParams.set('status', state.status);
        url.searchParams.set('realmId', state.realmId);
        return reply.redirect(url.toString(), 302);
      }
      return { connection: state, reconnected: result.reconnected };
    },
  );
}
