import { faults } from '../faults/qbo-fault';
import type { SandboxSettings } from '../settings';
import type { Json } from '../store/company';
import { entityDef } from '../store/entities';
import { notEmulated, qboEntityNotEmulated } from '../faults/not-emulated';
import type { SandboxStore } from '../store/store';
import { formatDateTime, parseDateOrDateTime } from '../time';

/**
 * Change data capture: every entity of the listed types changed at or after `changedSince`
 * (full objects, by last-update time), then the ones deleted in the window as
 * `{"status":"Deleted"}` stubs; at most `maxObjects` in all; a look-back limit of 30 days.
 */
export function computeCdc(store: SandboxStore, settings: SandboxSettings, realmId: string, entities: string | undefined, changedSince: string | undefined, nowMs: number): Json {
  if (!entities || entities.trim() === '') throw faults.requiredParam('entities');
  if (!changedSince || changedSince.trim() === '') throw faults.requiredParam('changedSince');
  const offset = settings.api.timeZoneOffsetMinutes;
  const parsedSince = parseDateOrDateTime(changedSince.trim().replace(' ', '+'), offset);
  if (parsedSince === undefined) throw faults.invalidValue('changedSince', `Invalid date/time for changedSince: ${changedSince}`);
  let sinceMs: number = parsedSince;
  const oldest = nowMs - settings.api.cdc.lookBackDays * 86_400_000;
  if (sinceMs < oldest) {
    if (settings.api.cdc.tooOld === 'error') throw faults.invalidQuery(`changedSince ${changedSince} is more than ${settings.api.cdc.lookBackDays} days in the past`);
    sinceMs = oldest;
  }
  const company = store.company(realmId);
  let budget = settings.api.cdc.maxObjects;
  const responses: Json[] = [];
  for (const name of entities.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const def = entityDef(name);
    const qbo = def ? undefined : qboEntityNotEmulated(name);
    if (qbo) throw notEmulated('entity', qbo);
    if (!def || !def.cdc) throw faults.invalidQuery(`CDC is not supported for entity ${name}`);
    const changed = [...company.table(def.name).values()].filter((r) => r.updatedMs >= sinceMs).sort((a, b) => a.updatedMs - b.updatedMs);
    const deleted = [...company.tombstonesOf(def.name).values()].filter((t) => t.deletedMs >= sinceMs).sort((a, b) => a.deletedMs - b.deletedMs);
    const rows: Json[] = [];
    for (const r of changed) {
      if (budget <= 0) break;
      rows.push(store.view(company, def, r.data));
      budget--;
    }
    for (const t of deleted) {
      if (budget <= 0) break;
      rows.push({ status: 'Deleted', domain: 'QBO', Id: t.id, MetaData: { LastUpdatedTime: formatDateTime(t.deletedMs, offset) } });
      budget--;
    }
    if (rows.length > 0) responses.push({ [def.name]: rows, startPosition: 1, maxResults: rows.length, totalCount: rows.length });
  }
  return { CDCResponse: [{ QueryResponse: responses.length > 0 ? responses : [{}] }] };
}
