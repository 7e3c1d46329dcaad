import type { FastifyInstance } from 'fastify';
import type { Json } from '../store/company';
import type { ApiDeps } from './context';
import { respond, wrap } from './context';
import { operationOf, refuseInjected, runWrite } from './entity-ops';

const P = '/v3/company/:realmId';

/** Create / update / sparse update / delete / void, read by Id, CompanyInfo and Preferences. */
export function registerEntityRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { store } = deps;

  app.get(`${P}/preferences`, async (request, reply) => {
    const { realmId } = request.params as { realmId: string };
    return respond(deps, request, reply, 200, wrap(deps, { Preferences: store.read(realmId, 'Preferences', '1') }));
  });

  app.get(`${P}/companyinfo/:id`, async (request, reply) => {
    const { realmId, id } = request.params as { realmId: string; id: string };
    // The path names the realm; the entity itself has Id "1", as in Intuit's sample.
    const info = store.read(realmId, 'CompanyInfo', id === realmId ? '1' : id);
    return respond(deps, request, reply, 200, wrap(deps, { CompanyInfo: info }));
  });

  app.get(`${P}/:entity/:id`, async (request, reply) => {
    const { realmId, entity, id } = request.params as { realmId: string; entity: string; id: string };
    const def = store.def(entity);
    return respond(deps, request, reply, 200, wrap(deps, { [def.name]: store.read(realmId, def.name, id) }));
  });

  app.post(`${P}/:entity`, async (request, reply) => {
    const { realmId, entity } = request.params as { realmId: string; entity: string };
    const def = store.def(entity);
    const body = (request.body ?? {}) as Json;
    const operation = operationOf(request.query as { operation?: string; include?: string }, body);
    refuseInjected(deps, realmId, def.name, operation, body);
    const result = runWrite(store, realmId, def.name, operation, body);
    return respond(deps, request, reply, 200, wrap(deps, { [def.name]: result }), { committed: true });
  });
}
