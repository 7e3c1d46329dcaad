import { faults } from '../faults/qbo-fault';
import type { Json } from './company';
import { Money, parseMoney } from './money';

export interface Ref {
  value: string;
  name?: string;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optString(input: Json, field: string, max?: number): string | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw faults.invalidValue(field, `${field} must be a string`);
  const s = String(v);
  if (max !== undefined && s.length > max) throw faults.invalidString(field, `String length is either shorter or longer than supported by specification. Min:0 Max:${max} supported. Supplied length:${s.length}`);
  return s;
}

export function reqString(input: Json, field: string, max?: number): string {
  const s = optString(input, field, max);
  if (s === undefined || s.trim() === '') throw faults.requiredParam(field);
  return s;
}

export function optBool(input: Json, field: string): boolean | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw faults.invalidValue(field, `${field} must be true or false`);
}

export function optNumber(input: Json, field: string): number | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw faults.invalidValue(field, `${field} must be a number`);
  return n;
}

export function optMoney(input: Json, field: string): Money | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  const m = parseMoney(v);
  if (!m) throw faults.invalidValue(field, `${field} must be a number`);
  return m;
}

export function reqMoney(input: Json, field: string): Money {
  const m = optMoney(input, field);
  if (!m) throw faults.requiredParam(field);
  return m;
}

export function optDate(input: Json, field: string): string | undefined {
  const v = optString(input, field);
  if (v === undefined) return undefined;
  const d = v.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) throw faults.invalidValue(field, `${field} must be a date (YYYY-MM-DD), got ${v}`);
  return d;
}

/** The ref's id, or undefined when absent; `{value}` objects and bare strings are accepted. */
export function refId(input: Json, field: string): string | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (isObject(v) && (typeof v.value === 'string' || typeof v.value === 'number')) return String(v.value);
  throw faults.invalidValue(field, `${field} must be a reference {"value": "<Id>"}`);
}

/** Copy optional plain fields (strings, objects, booleans) that the sandbox stores as given. */
export function copyFields(input: Json, fields: readonly string[], out: Json): void {
  for (const f of fields) {
    const v = input[f];
    if (v !== undefined && v !== null) out[f] = v;
  }
}

/** A deep copy that keeps Money values (they are immutable). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => cloneJson(v)) as T;
  if (value instanceof Money) return value;
  if (isObject(value)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneJson(v);
    return out as T;
  }
  return value;
}

/** The text of a scalar JSON value ("" for objects, arrays, null and undefined). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Money) return value.toFixed();
  return '';
}
