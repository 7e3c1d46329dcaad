import type { FastifyInstance } from 'fastify';
import { NOT_EMULATED_HEADER, notEmulated, qboEntityNotEmulated } from '../faults/not-emulated';
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
/** In Intuit's OperationEnum but not emulated. */
const OPERATIONS_NOT_EMULATED = ['revert', 'send', 'merge'];

/**
 * The write a batch item asks for: `operation` create/update/delete/void, and Intuit's batch form
 * of a void — `operation: "update"` with `optionsData: "void"` (Intuit's batch reference; the
 * same as `?operation=update&include=void` outside a batch).
 */
export function batchOperation(item: Json): EntityOperation | undefined {
  const op = typeof item.operation === 'string' ? item.operation.toLowerCase() : '';
  if (OPERATIONS_NOT_EMULATED.includes(op)) throw notEmulated('operation', `batch operation ${op}`);
  if (!OPERATIONS.includes(op as EntityOperation)) return undefined;
  const options = typeof item.optionsData === 'string' ? item.optionsData.split(',').map((o) => o.trim().toLowerCase()) : [];
  if (op === 'update' && options.includes('void')) return 'void';
  return op as EntityOperation;
}

function runItem(deps: ApiDeps, realmId: string, item: Json): Json {
  if (typeof item.Query === 'string') return { QueryResponse: runQuery(deps.store, deps.settings, realmId, item.Query) };
  if (isObject(item.CDCQuery)) {
    const cdc = computeCdc(deps.store, deps.settings, realmId, item.CDCQuery.Entities as string | undefined, item.CDCQuery.ChangedSince as string | undefined, deps.clock.now().getTime());
    return { CDCResponse: cdc.CDCResponse };
  }
  if (item.ReportQuery !== undefined) throw notEmulated('endpoint', 'batch ReportQuery');
  const key = Object.keys(item).find((k) => !ITEM_KEYS.has(k) && (entityDef(k) ?? qboEntityNotEmulated(k)));
  if (!key) throw faults.requestParse('A BatchItemRequest needs one entity object, Query or CDCQuery');
  const def = entityDef(key);
  if (!def) throw notEmulated('entity', qboEntityNotEmulated(key) ?? key);
  const op = batchOperation(item);
  if (op === undefined) throw faults.requiredParam('operation');
  refuseInjected(deps, realmId, def?.name ?? key, op, item[key]);
  const result = runWrite(deps.store, realmId, def?.name ?? key, op, item[key], { rejectUnknown: deps.settings.api.rejectUnknownProperties });
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
    const notEmulatedItems: string[] = [];
    const responses = items.map((raw) => {
      const item = isObject(raw) ? raw : {};
      const bId = text(item.bId);
      try {
        return { bId, ...runItem(deps, realmId, item) };
      } catch (e) {
        const fault = e instanceof QboFault ? e : faults.systemError();
        if (!(e instanceof QboFault)) request.log.error({ err: e }, 'batch item failed');
        const header = fault.headers[NOT_EMULATED_HEADER];
        if (header !== undefined) notEmulatedItems.push(header);
        return { bId, Fault: fault.faultFields() };
      }
    });
    if (notEmulatedItems.length > 0) void reply.header(NOT_EMULATED_HEADER, [...new Set(notEmulatedItems)].join(', '));
    return respond(deps, request, reply, 200, wrap(deps, { BatchItemResponse: responses }), { committed: true });
  });
}
