import type { Knex } from 'knex';
import type { VersionKey } from '../domain/versions';

export const versionsRepository = {
  /**
   * Record versions as seen; returns the ones that were new (the others were already
   * delivered by a webhook, a CDC poll or the snapshot, and must not be published again).
   */
  async claim(trx: Knex.Transaction, keys: readonly VersionKey[], source: string): Promise<Set<string>> {
    const fresh = new Set<string>();
    if (keys.length === 0) return fresh;
    const unique = new Map<string, VersionKey>();
    for (const k of keys) unique.set(versionKeyString(k), k);
    const rows = [...unique.values()].map((k) => ({ realm_id: k.realmId, entity: k.entity, entity_id: k.entityId, version: k.version, source }));
    for (let i = 0; i < rows.length; i += 1000) {
      const result: unknown = await trx('seen_versions')
        .insert(rows.slice(i, i + 1000))
        .onConflict(['realm_id', 'entity', 'entity_id', 'version'])
        .ignore()
        .returning(['realm_id', 'entity', 'entity_id', 'version']);
      const inserted = result as Array<{ realm_id: string; entity: string; entity_id: string; version: string }>;
      for (const r of inserted) fresh.add(versionKeyString({ realmId: r.realm_id, entity: r.entity, entityId: r.entity_id, version: r.version }));
    }
    return fresh;
  },
};

export function versionKeyString(k: VersionKey): string {
  return `${k.realmId}|${k.entity}|${k.entityId}|${k.version}`;
}
