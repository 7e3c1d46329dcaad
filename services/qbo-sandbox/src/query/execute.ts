import Decimal from 'decimal.js';
import { faults } from '../faults/qbo-fault';
import type { SandboxSettings } from '../settings';
import type { Json } from '../store/company';
import type { EntityDef } from '../store/entity-def';
import { entityDef } from '../store/entities';
import { notEmulated, qboEntityNotEmulated } from '../faults/not-emulated';
import { isObject, text } from '../store/fields';
import { Money } from '../store/money';
import type { SandboxStore } from '../store/store';
import { parseDateOrDateTime } from '../time';
import type { Condition, Literal, ParsedQuery } from './parser';
import { parseQuery } from './parser';

function resolveField(def: EntityDef, field: string): string {
  const lower = field.toLowerCase();
  const match = def.queryable.find((q) => q.toLowerCase() === lower);
  if (!match) throw faults.invalidQuery(`property '${field}' is not queryable`);
  return match;
}

function fieldValue(row: Json, path: string): unknown {
  let v: unknown = row;
  for (const part of path.split('.')) {
    if (!isObject(v)) return undefined;
    v = v[part];
  }
  if (isObject(v) && !(v instanceof Money)) {
    if ('value' in v) return v.value;
    if ('Address' in v) return v.Address;
  }
  return v;
}

/** -1/0/1, or undefined when the two cannot be compared. */
function compare(value: unknown, literal: Literal, offset: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Money || typeof value === 'number') {
    const left = value instanceof Money ? value.value : new Decimal(value);
    const text = typeof literal === 'boolean' ? '' : String(literal).trim();
    if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
    return left.cmp(new Decimal(text));
  }
  if (typeof value === 'boolean') {
    const lit = typeof literal === 'boolean' ? literal : String(literal).toLowerCase() === 'true' ? true : String(literal).toLowerCase() === 'false' ? false : undefined;
    if (lit === undefined) return undefined;
    return value === lit ? 0 : value ? 1 : -1;
  }
  const left = text(value);
  const right = String(literal);
  const lDate = parseDateOrDateTime(left, offset);
  const rDate = lDate === undefined ? undefined : parseDateOrDateTime(right, offset);
  if (lDate !== undefined && rDate !== undefined) return Math.sign(lDate - rDate);
  if (/^\d+$/.test(left) && /^\d+$/.test(right)) return Math.sign(Number(left) - Number(right));
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

function likeRegex(pattern: string): RegExp {
  const body = pattern.split('%').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 'is');
}

function matches(row: Json, cond: Condition, path: string, offset: number): boolean {
  const value = fieldValue(row, path);
  switch (cond.op) {
    case 'LIKE':
      return value !== undefined && value !== null && likeRegex(String(cond.values[0])).test(text(value));
    case 'IN':
    case '=':
      return cond.values.some((v) => compare(value, v, offset) === 0);
    case '<':
      return (compare(value, cond.values[0] ?? '', offset) ?? 0) < 0;
    case '>':
      return (compare(value, cond.values[0] ?? '', offset) ?? 0) > 0;
    case '<=': {
      const c = compare(value, cond.values[0] ?? '', offset);
      return c !== undefined && c <= 0;
    }
    case '>=': {
      const c = compare(value, cond.values[0] ?? '', offset);
      return c !== undefined && c >= 0;
    }
  }
}

function sortValue(a: unknown, b: unknown, offset: number): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  const lit: Literal = b instanceof Money ? b.toFixed() : typeof b === 'number' || typeof b === 'boolean' ? b : text(b);
  return compare(a, lit, offset) ?? 0;
}

export interface QueryResult {
  entity: string;
  rows: Json[];
  totalCount: number;
  startPosition: number;
  count: boolean;
}

/** Run a parsed query against a company; validation errors are 4001 faults. */
export function executeQuery(store: SandboxStore, settings: SandboxSettings, realmId: string, query: ParsedQuery): QueryResult {
  const def = entityDef(query.entity);
  const qbo = def ? undefined : qboEntityNotEmulated(query.entity);
  if (qbo) throw notEmulated('entity', qbo);
  if (!def) throw faults.invalidQuery(`Entity ${query.entity} is not supported. Query only supported entities.`);
  const offset = settings.api.timeZoneOffsetMinutes;
  const start = query.startPosition ?? 1;
  if (start < 1) throw faults.invalidQuery(`value ${start} is too small. Min allowed value is 1`);
  let max = query.maxResults ?? settings.api.query.defaultMaxResults;
  if (max < 1) throw faults.invalidQuery(`value ${max} is too small. Min allowed value is 1`);
  if (max > settings.api.query.maxMaxResults) {
    if (settings.api.query.overMaxResults === 'error') throw faults.invalidQuery(`value ${max} is too large. Max allowed value is ${settings.api.query.maxMaxResults}`);
    max = settings.api.query.maxMaxResults;
  }
  const conds = query.where.map((c) => {
    const path = resolveField(def, c.field);
    if (path === 'Id' && c.op !== '=' && c.op !== 'IN') throw faults.invalidQuery(`operator ${c.op} is not supported for property Id. Use = or IN`);
    return { cond: c, path };
  });
  const order = query.orderBy.map((o) => ({ path: resolveField(def, o.field), dir: o.direction === 'DESC' ? -1 : 1 }));
  const company = store.company(realmId);
  const activeFilter = def.kind === 'name-list' && !conds.some((c) => c.path === 'Active');
  // Rows are filtered and sorted on the stored data unless a derived field is involved;
  // only the returned page is then rendered (keeps queries fast on large companies).
  const derived = new Set(def.derived ?? []);
  const needsView = conds.some((c) => derived.has(c.path)) || order.some((o) => derived.has(o.path));
  const rows: Json[] = [];
  for (const data of company.all(def.name)) {
    if (activeFilter && data.Active === false) continue;
    const row = needsView ? store.view(company, def, data) : data;
    if (conds.every(({ cond, path }) => matches(row, cond, path, offset))) rows.push(row);
  }
  if (order.length > 0) {
    rows.sort((a, b) => {
      for (const o of order) {
        const c = sortValue(fieldValue(a, o.path), fieldValue(b, o.path), offset);
        if (c !== 0) return c * o.dir;
      }
      return 0;
    });
  } else if (/^\d+$/.test(text(rows[0]?.Id))) {
    rows.sort((a, b) => Number(a.Id) - Number(b.Id));
  }
  const slice = query.count ? [] : rows.slice(start - 1, start - 1 + max);
  const page = needsView ? slice : slice.map((data) => store.view(company, def, data));
  return { entity: def.name, rows: page, totalCount: rows.length, startPosition: start, count: query.count };
}

/** The QueryResponse body for a result (`{}` when nothing matched). */
export function queryResponse(result: QueryResult, settings: SandboxSettings): Json {
  if (result.count) return { totalCount: result.totalCount };
  if (result.rows.length === 0) return {};
  const out: Json = { [result.entity]: result.rows, startPosition: result.startPosition, maxResults: result.rows.length };
  if (settings.api.query.alwaysTotalCount) out.totalCount = result.totalCount;
  return out;
}

export function runQuery(store: SandboxStore, settings: SandboxSettings, realmId: string, text: string): Json {
  return queryResponse(executeQuery(store, settings, realmId, parseQuery(text)), settings);
}
