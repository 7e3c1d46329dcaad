import type { FastifyInstance } from 'fastify';
import { QboFault, faults } from '../faults/qbo-fault';
import { computeCdc } from '../query/cdc';
import { runQuery } from '../query/execute';
import type { Json } from '../store/company';
import { entityDef } from '../store/entities';
import { isObject, text } from '../store/fields';
import type { ApiDeps } from './context';
import { respond, wrap } from './context';
import type { EntityOperation } from './entity-ops';
import { refuseInjected, runWrite } from './entity-ops';

const ITEM_KEYS = new Set(['bId', 'operation', 'optionsData']);
const OPERATIONS: EntityOperation[] = ['create', 'update', 'delete', 'void'];

function runItem(deps: ApiDeps, realmId: string, item: Json): Json {
  if (typeof item.Query === 'string') return { QueryResponse: runQuery(deps.store, deps.settings, realmId, item.Query) };
  if (isObject(item.CDCQuery)) {
    const cdc = computeCdc(deps.store, deps.settings, realmId, item.CDCQuery.Entities as string | undefined, item.CDCQuery.ChangedSince as string | undefined, deps.clock.now().getTime());
    return { CDCResponse: cdc.CDCResponse };
  }
  const key = Object.keys(item).find((k) => !ITEM_KEYS.has(k) && entityDef(k));
  if (!key) throw faults.requestParse('A BatchItemRequest needs one entity object, Query or CDCQuery');
  const def = entityDef(key);
  const op = typeof item.operation === 'string' ? item.operation.toLowerCase() : '';
  if (!OPERATIONS.includes(op as EntityOperation)) throw faults.requiredParam('operation');
  refuseInjected(deps, realmId, def?.name ?? key, op, item[key]);
  const result = runWrite(deps.store, realmId, def?.name ?? key, op as EntityOperation, item[key]);
  return { [def?.name ?? key]: result };
}

/** POST /batch: up to 30 BatchItemRequests, each answered with its result or its own Fault. */
export function registerBatchRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/v3/company/:realmId/batch', async (request, reply) => {
    const { realmId } = request.params as { realmId: string };
    const body = request.body;
    const items = isObject(body) ? body.BatchItemRequest : undefined;
    if (!Array.isArray(items)) throw faults.requiredParam('BatchItemRequest');
    const max = deps.settings.limits.batchMaxItems;
    if (items.length > max) {
      throw faults.businessValidation(`Number of Items in Batch Request exceeded the permissible limit of ${max} items.`, 'BatchItemRequest');
    }
    const responses = items.map((raw) => {
      const item = isObject(raw) ? raw : {};
      const bId = text(item.bId);
      try {
        return { bId, ...runItem(deps, realmId, item) };
      } catch (e) {
        const fault = e instanceof QboFault ? e : faults.systemError();
        if (!(e instanceof QboFault)) request.log.error({ err: e }, 'batch item failed');
        return { bId, Fault: fault.faultFields() };
      }
    });
    return respond(deps, request, reply, 200, wrap(deps, { BatchItemResponse: responses }), { committed: true });
  });
}
