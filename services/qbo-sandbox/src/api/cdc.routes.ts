import type { FastifyInstance } from 'fastify';
import { computeCdc } from '../query/cdc';
import type { ApiDeps } from './context';
import { respond, wrap } from './context';

/** GET /cdc?entities=A,B&changedSince=… */
export function registerCdcRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/v3/company/:realmId/cdc', async (request, reply) => {
    const { realmId } = request.params as { realmId: string };
    const q = request.query as { entities?: string; changedSince?: string; changedsince?: string };
    const body = computeCdc(deps.store, deps.settings, realmId, q.entities, q.changedSince ?? q.changedsince, deps.clock.now().getTime());
    return respond(deps, request, reply, 200, wrap(deps, body));
  });
}
