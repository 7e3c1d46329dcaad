import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Json } from '../store/company';
import type { ApiDeps } from './context';
import { respond, stateOf, wrap } from './context';
import { notEmulated } from '../faults/not-emulated';
import { operationOf, refuseInjected, runWrite } from './entity-ops';

const P = '/v3/company/:realmId';

/** Entity reads and writes are answered in XML when JSON is not asked for. */
function markXml(request: FastifyRequest): void {
  const state = stateOf(request);
  if (state) state.xmlOk = true;
}

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

  // Endpoints of QBO the sandbox does not implement: a distinct "not emulated" fault.
  app.get(`${P}/:entity/:id/pdf`, async (request) => {
    throw notEmulated('endpoint', `GET /${(request.params as { entity: string }).entity.toLowerCase()}/{id}/pdf`);
  });
  app.post(`${P}/:entity/:id/send`, async (request) => {
    throw notEmulated('endpoint', `POST /${(request.params as { entity: string }).entity.toLowerCase()}/{id}/send`);
  });
  app.post(`${P}/upload`, async () => {
    throw notEmulated('endpoint', 'POST /upload');
  });
  app.post(`${P}/taxservice/taxcode`, async () => {
    throw notEmulated('endpoint', 'POST /taxservice/taxcode');
  });

  app.get(`${P}/:entity/:id`, async (request, reply) => {
    const { realmId, entity, id } = request.params as { realmId: string; entity: string; id: string };
    const def = store.def(entity);
    markXml(request);
    return respond(deps, request, reply, 200, wrap(deps, { [def.name]: store.read(realmId, def.name, id) }));
  });

  app.post(`${P}/:entity`, async (request, reply) => {
    const { realmId, entity } = request.params as { realmId: string; entity: string };
    const def = store.def(entity);
    const body = (request.body ?? {}) as Json;
    const operation = operationOf(request.query as { operation?: string; include?: string }, body);
    refuseInjected(deps, realmId, def.name, operation, body);
    const result = runWrite(store, realmId, def.name, operation, body, { rejectUnknown: deps.settings.api.rejectUnknownProperties });
    markXml(request);
    return respond(deps, request, reply, 200, wrap(deps, { [def.name]: result }), { committed: true });
  });
}
