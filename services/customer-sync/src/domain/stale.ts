import type { SyncedValues } from './customer-shape';
import { SYNCED_FIELDS, sameValue } from './customer-shape';

/**
 * A platform update can be older than a change that came from QBO and was already
 * applied to the snapshot (the platform had not seen it yet). A field whose platform value
 * still equals the snapshot *before* that QBO change, while the snapshot moved on, is
 * stale, not an edit: it takes the current snapshot's value so it never reverts QBO.
 */
export function rebaseStaleFields(platform: SyncedValues, snapshot: SyncedValues, previous: SyncedValues | undefined): SyncedValues {
  if (previous === undefined) return platform;
  const out: SyncedValues = { ...platform };
  for (const f of SYNCED_FIELDS) {
    if (sameValue(platform[f], previous[f]) && !sameValue(previous[f], snapshot[f])) {
      const v = snapshot[f];
      if (v === undefined) delete out[f];
      else (out as Record<string, unknown>)[f] = v;
    }
  }
  return out;
}
