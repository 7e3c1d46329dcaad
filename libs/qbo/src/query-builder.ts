/**
 * Builds QBO query statements: `SELECT * FROM <Entity> [WHERE … AND …] [ORDERBY …]
 * [STARTPOSITION n] [MAXRESULTS m]`. Values are always escaped (backslash and single
 * quote), property and entity names are checked against a strict pattern, so no caller
 * input can change the statement's shape.
 */
import { ValidationError } from '@ledgerbus/kit';

export type QueryValue = string | number | boolean | Date;
export type ComparisonOperator = '=' | '<' | '>' | '<=' | '>=';

/** QBO pages hold at most 1000 rows. */
export const MAX_PAGE_SIZE = 1000;

const NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

function checkName(kind: string, name: string): string {
  if (!NAME.test(name)) throw new ValidationError(`invalid QBO query ${kind} name: ${JSON.stringify(name)}`, { [kind]: name });
  return name;
}

/** Escapes a string for a single-quoted QBO literal (backslashes first, then quotes). */
export function escapeQueryString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/** Renders one value as a QBO literal. Dates become ISO-8601 date-times. */
export function queryLiteral(value: QueryValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError(`invalid QBO query number: ${value}`);
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValidationError('invalid QBO query date');
    return `'${value.toISOString()}'`;
  }
  return `'${escapeQueryString(value)}'`;
}

interface Condition {
  text: string;
}

export class QueryBuilder {
  private readonly conditions: Condition[] = [];
  private readonly orders: string[] = [];
  private start: number | undefined;
  private max: number | undefined;
  private countOnly = false;

  constructor(readonly entity: string) {
    checkName('entity', entity);
  }

  /** `prop op value`; conditions are joined with AND (QBO has no OR). */
  where(property: string, operator: ComparisonOperator, value: QueryValue): this {
    if (!['=', '<', '>', '<=', '>='].includes(operator)) throw new ValidationError(`invalid QBO query operator: ${String(operator)}`);
    this.conditions.push({ text: `${checkName('property', property)} ${operator} ${queryLiteral(value)}` });
    return this;
  }

  /** Alias of `where`, for readability: `.where(…).and(…)`. */
  and(property: string, operator: ComparisonOperator, value: QueryValue): this {
    return this.where(property, operator, value);
  }

  /** `prop IN (v1, v2 …)`. An empty list is refused (QBO rejects `IN ()`). */
  whereIn(property: string, values: readonly QueryValue[]): this {
    if (values.length === 0) throw new ValidationError(`empty IN list for ${property}`);
    this.conditions.push({ text: `${checkName('property', property)} IN (${values.map(queryLiteral).join(', ')})` });
    return this;
  }

  /** `prop LIKE 'pattern'`; only `%` is a wildcard in QBO. */
  whereLike(property: string, pattern: string): this {
    this.conditions.push({ text: `${checkName('property', property)} LIKE ${queryLiteral(pattern)}` });
    return this;
  }

  orderBy(property: string, direction: 'ASC' | 'DESC' = 'ASC'): this {
    if (direction !== 'ASC' && direction !== 'DESC') throw new ValidationError(`invalid order direction: ${String(direction)}`);
    this.orders.push(`${checkName('property', property)} ${direction}`);
    return this;
  }

  /** 1-based, as QBO counts. */
  startPosition(position: number): this {
    if (!Number.isInteger(position) || position < 1) throw new ValidationError(`STARTPOSITION must be an integer >= 1, got ${position}`);
    this.start = position;
    return this;
  }

  maxResults(count: number): this {
    if (!Number.isInteger(count) || count < 1 || count > MAX_PAGE_SIZE) {
      throw new ValidationError(`MAXRESULTS must be an integer in 1..${MAX_PAGE_SIZE}, got ${count}`);
    }
    this.max = count;
    return this;
  }

  /** `SELECT COUNT(*)` instead of `SELECT *`. */
  count(): this {
    this.countOnly = true;
    return this;
  }

  /** A copy with its own pagination, for the pager. */
  page(startPosition: number, maxResults: number): QueryBuilder {
    const copy = this.clone();
    return copy.startPosition(startPosition).maxResults(maxResults);
  }

  clone(): QueryBuilder {
    const copy = new QueryBuilder(this.entity);
    copy.conditions.push(...this.conditions);
    copy.orders.push(...this.orders);
    copy.start = this.start;
    copy.max = this.max;
    copy.countOnly = this.countOnly;
    return copy;
  }

  get hasPagination(): boolean {
    return this.start !== undefined || this.max !== undefined;
  }

  toString(): string {
    let q = `SELECT ${this.countOnly ? 'COUNT(*)' : '*'} FROM ${this.entity}`;
    if (this.conditions.length > 0) q += ` WHERE ${this.conditions.map((c) => c.text).join(' AND ')}`;
    if (this.orders.length > 0) q += ` ORDERBY ${this.orders.join(', ')}`;
    if (this.start !== undefined) q += ` STARTPOSITION ${this.start}`;
    if (this.max !== undefined) q += ` MAXRESULTS ${this.max}`;
    return q;
  }
}

/** Starts a query: `select('Customer').where('DisplayName', '=', name)`. */
export function select(entity: string): QueryBuilder {
  return new QueryBuilder(entity);
}
