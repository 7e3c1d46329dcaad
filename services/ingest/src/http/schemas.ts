/** The HTTP shapes of the ingest API (the records themselves are the topics' contracts). */
import { recordVersion } from '@ledgerbus/contracts';
import { errorResponseSchema } from '@ledgerbus/kit';
import { z } from 'zod';
import type { EntitySpec, Operation } from '../domain/entities';
import { contractOf, ENTITY_NAMES } from '../domain/entities';
import { SYNC_STATES } from '../domain/outcomes';

export const tenantParams = z.object({ tenant: z.string().min(1).max(100) });
export const recordParams = tenantParams.extend({ id: z.string().min(1).max(1000).describe("the record's platform id") });
export const statusParams = tenantParams.extend({
  entity: z.enum(ENTITY_NAMES),
  platformId: z.string().min(1).max(1000),
});

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'visible ASCII characters only')
    .optional()
    .describe('a key of your choosing, unique per request: a repeat with the same key and body gets the first answer again (kept 24 h)'),
});

/**
 * A record as the HTTP door takes it: its topic's contract, with `tenantId` taken from the path
 * and `version` optional (assigned when left out). Documentation only: each record is checked on
 * its own in the handler, so that the good ones of a batch are taken.
 */
function documentedRecord(spec: EntitySpec, operation: Operation) {
  const { schema } = contractOf(spec, operation);
  return (schema as z.ZodObject).extend({
    tenantId: z.string().min(1).max(100).optional().describe('the tenant of the path (may be left out)'),
    version: recordVersion.optional().describe('monotonically increasing per record; left out, the service assigns the next one'),
  });
}

export function ingestBody(spec: EntitySpec, maxBatch: number) {
  const record = documentedRecord(spec, 'upsert');
  const batch = z.object({ records: z.array(record).min(1).max(maxBatch).describe(`the ${spec.name}, 1 to ${maxBatch}; each is accepted or rejected on its own`) });
  return z.union([record, batch]).describe(`one ${spec.singular}, or { records: [...] } with up to ${maxBatch}`);
}

export const removeBody = z
  .object({
    divisionId: z.string().min(1).max(100).optional().describe('the division the record belongs to, when the tenant connects one QBO company per division'),
    version: recordVersion.optional().describe('left out, the service assigns the next one'),
  })
  .optional();

export const removeQuery = z.object({
  division: z.string().min(1).max(100).optional().describe('the division the record belongs to'),
  version: z.string().optional().describe('the version of the deletion; left out, the service assigns the next one'),
});

export const rejectedRecord = z.object({
  index: z.number().int().nonnegative().describe('position in `records` (0 for a single record)'),
  field: z.string().describe('dotted path of the field inside the record'),
  code: z.string().describe('the reason code: the validation issue code (e.g. "invalid_type"), "tenant_mismatch" or "version_superseded"'),
  message: z.string().describe('why, for people'),
});

export const acceptedRecord = z.object({
  index: z.number().int().nonnegative().describe('position in `records` (0 for a single record)'),
  platformId: z.string().describe("the record's platform id"),
  version: z.number().int().nonnegative().describe('the version accepted: the one sent, or the one assigned when it was left out'),
  status: z.literal('accepted').describe('durable on its topic; follow statusUrl for what happens in QBO'),
  statusUrl: z.string().describe("the record's status: GET it for its state in QBO"),
});

export const ingestAnswer = z.object({
  accepted: z.array(acceptedRecord).describe('the records taken, each durable on its topic'),
  rejected: z.array(rejectedRecord).describe('the records refused, by index and field; the others of the batch are still taken'),
});

const outcomeDoc = z.object({
  type: z.string().describe('the sync.events.v1 event type'),
  state: z.enum(SYNC_STATES).exclude(['waiting']).describe('what the outcome means for the record: pushed, held, failed, skipped, voided or deleted'),
  version: z.number().int().nullable().describe('the record version the outcome is for (null when the event does not say)'),
  qboId: z.string().nullable().describe('the QBO id of the record, when it has one'),
  docNumber: z.string().nullable().describe('the QBO DocNumber (invoice) or PaymentRefNum (payment), when any'),
  action: z.string().nullable().describe('pushed: created, updated or adopted (customers: created, updated, deactivated, linked or unchanged)'),
  reason: z.string().nullable().describe('why it is held, or the filter that skipped it'),
  code: z.string().nullable().describe('failed: the stable error code'),
  message: z.string().nullable().describe('held, skipped or failed: the reason in words'),
  retriable: z.boolean().nullable().describe('failed: whether a retry may succeed as is'),
  runId: z.string().nullable().describe('the sync run the outcome counts for, when a run queued the record'),
  at: z.string().describe('when it happened (ISO 8601)'),
});

export const recordStatusDoc = z.object({
  tenantId: z.string().describe('the tenant'),
  entity: z.enum(ENTITY_NAMES).describe('the kind of record'),
  platformId: z.string().describe("the record's platform id"),
  divisionId: z.string().nullable().describe('the division the record belongs to, when it has one'),
  latestVersion: z.number().int().nullable().describe('the latest version accepted over HTTP (null: only seen on sync.events)'),
  operation: z.enum(['upsert', 'void', 'delete']).nullable().describe('what the latest accepted version asked for'),
  acceptedAt: z.string().nullable().describe('when the latest version was accepted over HTTP (ISO 8601)'),
  state: z.enum(SYNC_STATES).describe('waiting until an outcome of the latest version arrives'),
  qboId: z.string().nullable().describe('the QBO id of the record, when it is in QBO'),
  outcome: outcomeDoc.nullable().describe('the newest outcome on sync.events.v1'),
});

const e = errorResponseSchema;
export const writeResponses = { 202: ingestAnswer, 400: e, 401: e, 403: e, 404: e, 409: e, 413: e, 422: e, 429: e, 503: e };
export const readResponses = { 200: recordStatusDoc, 400: e, 401: e, 403: e, 404: e };
