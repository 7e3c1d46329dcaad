import type { EffectiveSettings } from '@ledgerbus/contracts';
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

/**
 * Why a tenant's (or division's) records are held before any QBO call, if they are: no
 * settings yet, no connected company, the integration not enabled, the entity switched off.
 * `who` names the tenant or division in the message.
 */
export function holdBeforeQbo(stored: { settings: EffectiveSettings } | undefined, entity: string, enabled: (settings: EffectiveSettings) => boolean, who: string): { reason: HoldReason; message: string } | undefined {
  if (!stored) return { reason: 'settings_missing', message: `no settings for ${who} on mapping.settings.v1 yet` };
  if (!stored.settings.realmId) return { reason: 'not_connected', message: `the ${who} has no connected QBO company` };
  if (!stored.settings.settings.integration.enabled) {
    return { reason: 'sync_disabled', message: `the integration of the ${who} is not enabled: "Enable Integration" starts a run that pushes the held records` };
  }
  if (!enabled(stored.settings)) return { reason: 'sync_disabled', message: `${entity} sync is off in the settings of the ${who}` };
  return undefined;
}
