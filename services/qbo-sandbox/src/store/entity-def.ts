import { faults } from '../faults/qbo-fault';
import type { SandboxSettings } from '../settings';
import type { Company, Json } from './company';
import { isObject, refId, text } from './fields';
import type { Ref } from './fields';

/**
 * What an entity definition needs while validating a write. Reads see the committed state;
 * `touch` queues a change to another entity (e.g. an invoice's Balance after a payment) that
 * the store applies after the write itself, bumping that entity's SyncToken.
 */
export interface WriteContext {
  company: Company;
  settings: SandboxSettings;
  nowMs: number;
  /** Today in the company's time zone (YYYY-MM-DD). */
  today: string;
  touch(entity: string, id: string, mutate: (data: Json) => void): void;
}

export type EntityKind = 'name-list' | 'transaction' | 'read-only' | 'singleton';

export interface EntityDef {
  /** QBO entity name, e.g. "Customer". */
  name: string;
  kind: EntityKind;
  /** Validate a create or (merged) update body and return the stored fields (no Id/SyncToken/MetaData). */
  normalize(ctx: WriteContext, input: Json, existing: Json | undefined): Json;
  /** After the record is stored (or removed: `after` undefined): propagate to others via ctx.touch. */
  afterWrite?(ctx: WriteContext, before: Json | undefined, after: Json | undefined): void;
  /** Refuse a delete (throws a fault) before it happens. */
  beforeDelete?(ctx: WriteContext, existing: Json): void;
  /** The stored fields after a void (amounts zeroed, "Voided" note). */
  voided?(ctx: WriteContext, existing: Json): Json;
  /** The record as the API shows it: derived, read-only fields added (shallow copy). */
  view?(company: Company, data: Json): Json;
  /** Fields that only `view` adds (queries on them need the view of every row). */
  derived?: readonly string[];
  /** Properties that a query may filter or sort on (dotted paths, case-insensitive). */
  queryable: readonly string[];
  /** Whether CDC returns this entity. */
  cdc: boolean;
}

/** Validate a reference to an entity: it must exist and be active. Returns `{value, name}`. */
export function checkRef(
  ctx: WriteContext,
  input: Json,
  field: string,
  entity: string,
  options: { required?: boolean; nameField?: string; filter?: (target: Json) => boolean } = {},
): Ref | undefined {
  const id = refId(input, field);
  if (id === undefined || id === '') {
    if (options.required) throw faults.requiredParam(field);
    return undefined;
  }
  const target = ctx.company.get(entity, id);
  if (!target || target.Active === false || (options.filter && !options.filter(target))) throw faults.invalidReference(field, id, entity);
  const name = target[options.nameField ?? 'Name'] ?? target.DisplayName ?? target.FullyQualifiedName;
  return typeof name === 'string' ? { value: id, name } : { value: id };
}

/** Lines of a body, or a 2020 fault when missing (when required). */
export function linesOf(input: Json, required: boolean): Json[] {
  const lines = input.Line;
  if (lines === undefined || lines === null) {
    if (required) throw faults.requiredParam('Line');
    return [];
  }
  if (!Array.isArray(lines)) throw faults.invalidValue('Line', 'Line must be an array');
  return lines.map((l, i) => {
    if (!isObject(l)) throw faults.invalidValue(`Line[${i}]`, 'Each Line must be an object');
    return l;
  });
}

export function activeFlag(input: Json, existing: Json | undefined): boolean {
  const v = input.Active;
  if (v === undefined || v === null) return existing ? existing.Active !== false : true;
  return v === true || v === 'true';
}

/** Names compare case-insensitively and trimmed, as QBO's duplicate checks do. */
export function sameName(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * A physical address as QBO stores it: with an `Id` (QBO numbers every address; a new one gets the
 * company's next address Id, an address replacing one keeps that one's Id), without `Lat`/`Long`
 * (no longer returned since Intuit's 2025 changes). Undefined when absent or not an object.
 */
export function physicalAddress(ctx: WriteContext, input: Json, field: string, existing: Json | undefined): Json | undefined {
  const given = input[field];
  if (given === undefined || given === null) return undefined;
  if (!isObject(given)) throw faults.invalidValue(field, `${field} must be an address object`);
  const out: Json = {};
  for (const [k, v] of Object.entries(given)) if (k !== 'Lat' && k !== 'Long' && v !== undefined && v !== null) out[k] = v;
  if (out.Id === undefined || out.Id === '') {
    const before = existing?.[field];
    out.Id = isObject(before) && typeof before.Id === 'string' ? before.Id : ctx.company.nextId('PhysicalAddress');
  } else {
    out.Id = text(out.Id);
  }
  return out;
}
