import { faults } from '../faults/qbo-fault';
import type { Json } from '../store/company';
import { isObject } from '../store/fields';
import type { SandboxStore } from '../store/store';
import type { ApiDeps } from './context';
import { rejectNotEmulatedFields, rejectUnknownProperties } from './known-properties';

export type EntityOperation = 'create' | 'update' | 'delete' | 'void';

/**
 * Which write a POST /<entity> is: `?operation=delete`, `?operation=void` (invoice,
 * sales receipt), `?operation=update&include=void` (payment, Intuit's way), an update when
 * the body has an Id, else a create.
 */
export function operationOf(query: { operation?: string; include?: string }, body: Json): EntityOperation {
  const op = query.operation?.toLowerCase();
  if (op === 'delete') return 'delete';
  if (op === 'void' || query.include?.toLowerCase() === 'void') return 'void';
  if (op === 'create') return 'create';
  if (op === 'update') return 'update';
  if (op !== undefined && op !== '') throw faults.unsupportedOperation(`Operation ${query.operation} is not supported.`);
  return body.Id !== undefined && body.Id !== null && body.Id !== '' ? 'update' : 'create';
}

/** Run one write; returns the entity (or the deleted stub). */
export function runWrite(store: SandboxStore, realmId: string, entity: string, operation: EntityOperation, body: unknown, options: { rejectUnknown?: boolean } = {}): Json {
  if (!isObject(body)) throw faults.requestParse('The request body must be a JSON object');
  if (options.rejectUnknown) rejectUnknownProperties(entity, body);
  rejectNotEmulatedFields(body);
  switch (operation) {
    case 'create':
      return store.create(realmId, entity, body);
    case 'update':
      return store.update(realmId, entity, body);
    case 'delete':
      return store.delete(realmId, entity, body);
    case 'void':
      return store.void(realmId, entity, body);
  }
}

/**
 * Throws the injected refusal of this write (`writeFailureRate`), counted as
 * `"injected <operation> <entity>"` in the realm's call counters (a batch item has no status of its own).
 */
export function refuseInjected(deps: ApiDeps, realmId: string, entity: string, operation: string, body: unknown): void {
  const fault = deps.faultInjector.writeFault(realmId, entity, operation, body);
  if (fault === undefined) return;
  deps.counters.record(realmId, `injected ${operation} ${entity.toLowerCase()}`, String(fault.statusCode));
  throw fault;
}
