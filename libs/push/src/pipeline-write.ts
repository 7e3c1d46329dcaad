import { assertWrittenByUs, createMany, createdOutcome, failureOf, markerOf, requestKey } from './lookup';
import type { CreateItem } from './lookup';
import type { PushSpec } from './spec';
import type { PushContext, PushJob, PushOutcome } from './types';

/** An upsert ready for QBO: its body, the number QBO shows for it, and what finds it there. */
export interface Prepared<K> {
  job: PushJob;
  body: Record<string, unknown>;
  docNumber?: string;
  key?: K;
}

const docPart = (docNumber: string | undefined): { docNumber?: string } => (docNumber !== undefined ? { docNumber } : {});

/**
 * The writes of a round's upserts. After an uncertain outcome (in doubt, no QBO id) the record is
 * looked up first and adopted when found; a record with a QBO id is updated (only the object it
 * wrote: the one read must carry its marker); the rest are created, several in one batch call.
 */
export async function writeToQbo<R, K>(spec: PushSpec<R, K>, ctx: PushContext, prepared: ReadonlyArray<Prepared<K>>, outcomes: Map<string, PushOutcome>): Promise<void> {
  const inDoubt = prepared.filter((p) => !p.job.qboId && p.job.inDoubt && p.key !== undefined);
  const found = await spec.find(ctx, inDoubt.map((p) => ({ recordId: p.job.recordId, key: p.key as K })));
  const creates: CreateItem[] = [];
  for (const p of prepared) {
    const { recordId, version, qboId } = p.job;
    const hit = found.get(recordId);
    if (!qboId && hit) {
      outcomes.set(recordId, { kind: 'pushed', qboId: hit.Id, action: 'adopted', ...docPart(p.docNumber), ...(hit.SyncToken ? { syncToken: hit.SyncToken } : {}) });
    } else if (!qboId) {
      creates.push({ recordId, body: p.body, requestKey: requestKey(spec.entity, ctx.tenantId, recordId, version, 'create') });
    } else {
      try {
        const marker = markerOf(spec.entity, ctx.tenantId, recordId);
        const updated = await ctx.qbo.sparseUpdate(spec.qboEntity, qboId, (current) => {
          assertWrittenByUs(spec.qboEntity, current, marker);
          return p.body;
        }, { requestId: requestKey(spec.entity, ctx.tenantId, recordId, version, 'update') });
        outcomes.set(recordId, { kind: 'pushed', qboId: updated.Id, action: 'updated', ...docPart(p.docNumber), ...(updated.SyncToken ? { syncToken: updated.SyncToken } : {}) });
      } catch (err) {
        outcomes.set(recordId, failureOf(err, qboId));
      }
    }
  }
  const created = await createMany(ctx.qbo, spec.qboEntity, creates);
  for (const p of prepared) {
    const r = created.get(p.job.recordId);
    if (r) outcomes.set(p.job.recordId, createdOutcome(r, p.docNumber));
  }
}
