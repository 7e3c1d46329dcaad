import { LedgerbusError, errorMessage, isRetriable } from '@ledgerbus/kit';
import type { QboClient, QboEntity } from '@ledgerbus/qbo';
import { deriveRequestId } from '@ledgerbus/qbo';
import { pushErrorCode } from './holds';
import type { PushOutcome } from './types';

/** The marker written into PrivateNote so a record can be recognised in QBO after an uncertain outcome. */
export function markerOf(entity: string, tenantId: string, recordId: string): string {
  return `[ledgerbus ${entity} ${tenantId}/${recordId}]`;
}

/**
 * The QBO object about to be updated, voided or deleted is not the one ledgerbus wrote for the
 * record (its marker is gone): nothing is changed, and the record fails for an admin to look at.
 */
export class QboObjectMismatchError extends LedgerbusError {
  constructor(qboEntity: string, qboId: string) {
    super('qbo_object_mismatch', `QBO ${qboEntity} ${qboId} does not carry the marker ledgerbus wrote for this record: it was not changed`, {
      retriable: false,
      details: { qboEntity, qboId },
    });
  }
}

/** Throws `QboObjectMismatchError` unless `current` (just read from QBO) carries `marker` in its PrivateNote. */
export function assertWrittenByUs(qboEntity: string, current: QboEntity, marker: string): void {
  const note = (current as QboEntity & { PrivateNote?: unknown }).PrivateNote;
  if (typeof note !== 'string' || !note.includes(marker)) throw new QboObjectMismatchError(qboEntity, current.Id);
}

/** Deterministic idempotency key: tenant + record + version (+ op). */
export function requestKey(entity: string, tenantId: string, recordId: string, version: number, op: string): string {
  return deriveRequestId(`lb:${entity}:${tenantId}:${recordId}:v${version}:${op}`);
}

export interface CreateItem {
  recordId: string;
  body: Record<string, unknown>;
  requestKey: string;
}

export type CreateResult = { ok: true; entity: QboEntity } | { ok: false; error: unknown };

/**
 * Create several records: one `create` call for a single record, the batch API (30 per
 * call, one requestid per batch derived from its content) for a backlog.
 */
export async function createMany(qbo: QboClient, entity: string, items: readonly CreateItem[]): Promise<Map<string, CreateResult>> {
  const out = new Map<string, CreateResult>();
  if (items.length === 0) return out;
  if (items.length === 1) {
    const item = items[0] as CreateItem;
    try {
      out.set(item.recordId, { ok: true, entity: await qbo.create(entity, item.body, { requestId: item.requestKey, retrySafe: false }) });
    } catch (error) {
      out.set(item.recordId, { ok: false, error });
    }
    return out;
  }
  for (let i = 0; i < items.length; i += 30) {
    const slice = items.slice(i, i + 30);
    const batchKey = deriveRequestId(`lbb:${slice.map((s) => s.requestKey).join(',')}`, 30);
    try {
      const results = await qbo.batch(
        slice.map((s, n) => ({ bId: `b${n}`, operation: 'create' as const, entity, body: s.body })),
        { requestId: batchKey, retrySafe: false },
      );
      slice.forEach((s, n) => {
        const r = results.find((x) => x.bId === `b${n}`);
        if (!r) out.set(s.recordId, { ok: false, error: new Error('no batch item result') });
        else if (r.ok && r.data) out.set(s.recordId, { ok: true, entity: r.data });
        else out.set(s.recordId, { ok: false, error: r.ok ? new Error('empty batch item result') : r.error });
      });
    } catch (error) {
      for (const s of slice) out.set(s.recordId, { ok: false, error });
    }
  }
  return out;
}

/** A failed write as an outcome: retriable errors are retried (the record stays in doubt), others fail. */
export function failureOf(error: unknown, qboId?: string): PushOutcome {
  return { kind: 'failed', code: pushErrorCode(error), message: errorMessage(error), retriable: isRetriable(error), ...(qboId ? { qboId } : {}) };
}

/** A create's result as an outcome; `docNumber` is the number QBO shows (DocNumber, PaymentRefNum), if the record has one. */
export function createdOutcome(result: CreateResult, docNumber: string | undefined): PushOutcome {
  if (!result.ok) return failureOf(result.error);
  const { Id, SyncToken } = result.entity;
  return { kind: 'pushed', qboId: Id, action: 'created', ...(docNumber !== undefined ? { docNumber } : {}), ...(SyncToken ? { syncToken: SyncToken } : {}) };
}

/** Quote a value for a QBO query string literal. */
export function qboQuote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The QBO object of each wanted record among the candidates a look-up read: the one that carries
 * the record's marker (PrivateNote), by record id.
 */
export function pickMarked<W extends { recordId: string }, E extends QboEntity>(entity: string, tenantId: string, wanted: readonly W[], candidates: (w: W) => readonly E[]): Map<string, E> {
  const out = new Map<string, E>();
  for (const w of wanted) {
    const marker = markerOf(entity, tenantId, w.recordId);
    const hit = candidates(w).find((e) => {
      const note = (e as QboEntity & { PrivateNote?: unknown }).PrivateNote;
      return typeof note === 'string' && note.includes(marker);
    });
    if (hit) out.set(w.recordId, hit);
  }
  return out;
}
