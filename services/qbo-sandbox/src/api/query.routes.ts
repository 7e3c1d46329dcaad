import type { FastifyInstance } from 'fastify';
import { faults } from '../faults/qbo-fault';
import { runQuery } from '../query/execute';
import type { ApiDeps } from './context';
import { respond, wrap } from './context';

const P = '/v3/company/:realmId';

/** GET /query?query=… and POST /query with the statement as an application/text body. */
export function registerQueryRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(`${P}/query`, async (request, reply) => {
    const { realmId } = request.params as { realmId: string };
    const text = (request.query as { query?: string }).query;
    if (text === undefined) throw faults.requiredParam('query');
    return respond(deps, request, reply, 200, wrap(deps, { QueryResponse: runQuery(deps.store, deps.settings, realmId, text) }));
  });

  app.post(`${P}/query`, async (request, reply) => {
    const { realmId } = request.params as { realmId: string };
    const body = request.body;
    const text = typeof body === 'string' && body.trim() !== '' ? body : (request.query as { query?: string }).query;
    if (text === undefined) throw faults.requiredParam('query');
    return respond(deps, request, reply, 200, wrap(deps, { QueryResponse: runQuery(deps.store, deps.settings, realmId, text) }));
  });
}
