import { QboNotFoundError } from '@ledgerbus/qbo';
import { assertWrittenByUs, failureOf, markerOf, requestKey } from './lookup';
import type { PushContext, PushJob, PushOutcome, Pusher } from './types';

/** Which record type a void or delete is about. */
export interface RemoveTarget {
  /** The pusher's entity ("invoice"): names the request keys and the messages. */
  entity: Pusher['entity'];
  /** The QBO entity ("Invoice"). */
  qboEntity: string;
}

/**
 * Void or delete a job's record in QBO (`qboId`: from the push state, or found by the
 * pusher's lookup; null when QBO does not have it, so there is nothing to remove).
 *
 * The current SyncToken is read first and is part of the request key: a retry of the same
 * void replays the same request, while a record changed in QBO meanwhile gets a fresh one.
 * A record that is gone already counts as deleted. The object read must carry the record's
 * marker: an object ledgerbus did not write is never voided or deleted (`qbo_object_mismatch`).
 */
export async function removeInQbo(ctx: PushContext, job: PushJob, qboId: string | null, target: RemoveTarget): Promise<PushOutcome> {
  if (!qboId) return { kind: 'skipped', filter: 'nothing_to_remove', message: `${target.entity} ${job.recordId} is not in QBO; nothing to ${job.op}` };
  const how = job.op === 'void' ? 'voided' : 'deleted';
  if (job.qboState === how) return { kind: 'removed', how, qboId };
  try {
    const current = await ctx.qbo.read(target.qboEntity, qboId);
    assertWrittenByUs(target.qboEntity, current, markerOf(target.entity, ctx.tenantId, job.recordId));
    const ref = { Id: qboId, SyncToken: current.SyncToken ?? '0' };
    const key = requestKey(target.entity, ctx.tenantId, job.recordId, job.version, `${job.op}:${ref.SyncToken}`);
    if (job.op === 'void') {
      const voided = await ctx.qbo.void(target.qboEntity, ref, { requestId: key, retrySafe: true });
      return { kind: 'removed', how, qboId, ...(voided.SyncToken ? { syncToken: voided.SyncToken } : {}) };
    }
    await ctx.qbo.delete(target.qboEntity, ref, { requestId: key, retrySafe: true });
    return { kind: 'removed', how, qboId };
  } catch (err) {
    if (err instanceof QboNotFoundError && job.op === 'delete') return { kind: 'removed', how, qboId };
    return failureOf(err, qboId);
  }
}
