import { errorCode } from '@ledgerbus/kit';
import { QboAuthError } from '@ledgerbus/qbo';
import type { HoldReason, PushJob } from './types';

/**
 * Error codes that mean "this tenant cannot be pushed to until an admin acts", not "this
 * record failed": the connector's `reauthorization_required` (the grant was revoked or
 * expired) and `not_connected` (no live connection for the realm). A job that meets one is
 * held without using an attempt and released on `connection.connected`.
 */
const HOLD_CODES: ReadonlyMap<string, HoldReason> = new Map([
  ['reauthorization_required', 'reauthorization_required'],
  ['not_connected', 'not_connected'],
]);

/** The hold reason an error or outcome code stands for, if it is one. */
export function holdReasonOfCode(code: string): HoldReason | undefined {
  return HOLD_CODES.get(code);
}

/**
 * The stable code of an error as a push outcome: QBO refusing the access token even after a
 * refresh (HTTP 401 twice) is a revoked grant, so it reads as `reauthorization_required`.
 */
export function pushErrorCode(err: unknown): string {
  if (err instanceof QboAuthError && err.httpStatus === 401) return 'reauthorization_required';
  return errorCode(err);
}

/**
 * What the pusher is shown of a job: the push state only if it belongs to the tenant's current
 * company. A record pushed to another company (before a disconnect and a connect to this one)
 * is treated as never pushed here: no QBO id, and in doubt, so the pusher looks it up by its
 * DocNumber and marker in this company before it creates it — it never updates, voids or
 * deletes by an id that belongs to the other company.
 */
export function scopeToRealm(job: PushJob, realmId: string): PushJob {
  if (job.qboId === null || job.realmId === realmId) return job;
  return { ...job, realmId, qboId: null, qboSyncToken: null, qboDocNumber: null, qboState: null, pushedVersion: null, inDoubt: true };
}
