/**
 * What a request body holds: one record, or `{ records: [...] }`. Each record is checked on its
 * own against its topic's contract, with the tenant taken from the path and `version` optional
 * (the service assigns one when it is missing); a bad record is named by its index and field and
 * does not hold back the good ones. No I/O here.
 */
import { ValidationError } from '@ledgerbus/kit';
import { recordVersion } from '@ledgerbus/contracts';
import type { z } from 'zod';
import type { EntitySpec, Operation } from './entities';
import { contractOf } from './entities';

/** One problem with one record of the request. */
export interface RejectedRecord {
  /** Its position in `records` (0 for a single record). */
  index: number;
  /** The field's dotted path inside the record ("lines.0.quantity"); "record" when the record itself is wrong. */
  field: string;
  /** A stable code: zod's issue code, or `tenant_mismatch`, `version_superseded`. */
  code: string;
  message: string;
}

/** A record that satisfies its contract, waiting for its version. */
export interface ValidRecord {
  index: number;
  operation: Operation;
  eventType: string;
  platformId: string;
  divisionId: string | undefined;
  /** The version the client sent; undefined when the service is to assign one. */
  clientVersion: number | undefined;
  /** The parsed event data (defaults applied); its `version` is set once known. */
  data: Record<string, unknown>;
}

export interface ParsedRecords {
  records: ValidRecord[];
  rejected: RejectedRecord[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function issuesOf(index: number, error: z.ZodError): RejectedRecord[] {
  return error.issues.map((issue) => ({ index, field: issue.path.map(String).join('.') || 'record', code: issue.code, message: issue.message }));
}

/** Checks one record against the contract of `operation`; the tenant is the path's. */
export function parseRecord(spec: EntitySpec, operation: Operation, tenantId: string, index: number, raw: unknown): ValidRecord | RejectedRecord[] {
  if (!isObject(raw)) return [{ index, field: 'record', code: 'invalid_type', message: 'a record is a JSON object' }];
  const rejected: RejectedRecord[] = [];
  if (raw.tenantId !== undefined && raw.tenantId !== tenantId) {
    rejected.push({ index, field: 'tenantId', code: 'tenant_mismatch', message: `the record names tenant ${JSON.stringify(raw.tenantId)}, the path ${tenantId}; leave it out or make them equal` });
  }
  const { type, schema } = contractOf(spec, operation);
  // A missing version is checked as 0: any version the service assigns later satisfies the same contract.
  const omitted = raw.version === undefined || raw.version === null;
  const parsed = schema.safeParse({ ...raw, tenantId, version: omitted ? 0 : raw.version });
  if (!parsed.success) rejected.push(...issuesOf(index, parsed.error));
  if (rejected.length > 0 || !parsed.success) return rejected;
  const data = parsed.data as Record<string, unknown>;
  return {
    index,
    operation,
    eventType: type,
    platformId: String(data[spec.idField]),
    divisionId: typeof data.divisionId === 'string' ? data.divisionId : undefined,
    clientVersion: omitted ? undefined : recordVersion.parse(raw.version),
    data,
  };
}

/**
 * Splits a POST body into its records: `{ records: [...] }` (1 to `maxBatch`) is a batch, any
 * other object is one record. A body that is neither is a 400 naming `body` or `records`.
 */
export function recordsOfBody(body: unknown, maxBatch: number): { batch: boolean; raw: unknown[] } {
  if (!isObject(body)) {
    throw new ValidationError('invalid body: send one record (a JSON object) or { "records": [...] }', { fields: [{ in: 'body', path: '', reason: 'expected a JSON object' }] });
  }
  if (!('records' in body)) return { batch: false, raw: [body] };
  const records = body.records;
  const problem = !Array.isArray(records)
    ? 'expected an array of records'
    : records.length === 0
      ? 'expected at least one record'
      : records.length > maxBatch
        ? `at most ${maxBatch} records per request (got ${records.length})`
        : Object.keys(body).length > 1
          ? `a batch has only "records" (got ${Object.keys(body).filter((k) => k !== 'records').join(', ')})`
          : undefined;
  if (problem !== undefined) throw new ValidationError(`invalid body.records: ${problem}`, { fields: [{ in: 'body', path: 'records', reason: problem }] });
  return { batch: true, raw: records as unknown[] };
}

/** Every record of a body, checked: the valid ones and each problem of the others. */
export function parseRecords(spec: EntitySpec, operation: Operation, tenantId: string, raw: readonly unknown[]): ParsedRecords {
  const records: ValidRecord[] = [];
  const rejected: RejectedRecord[] = [];
  raw.forEach((item, index) => {
    const result = parseRecord(spec, operation, tenantId, index, item);
    if (Array.isArray(result)) rejected.push(...result);
    else records.push(result);
  });
  return { records, rejected };
}
