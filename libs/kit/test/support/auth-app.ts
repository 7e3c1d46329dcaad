import { createHttpServer, createLogger, type JwtVerifierOptions } from '@ledgerbus/kit';

/** A server with one route for admins/owners and one for any signed-in principal. */
export async function buildAuthApp(auth: JwtVerifierOptions) {
  const app = await createHttpServer({
    logger: createLogger({ name: 'kit-auth-test', level: 'silent' }),
    name: 'kit-auth-test',
    version: '0.0.1',
    auth,
  });
  app.put('/settings', { preHandler: app.requireRole('owner', 'admin') }, async (request) => ({ principal: request.principal }));
  app.get('/me', { preHandler: app.requireRole() }, async (request) => ({ principal: request.principal }));
  app.get('/public', async (request) => ({ principal: request.principal }));
  await app.ready();
  return app;
}
