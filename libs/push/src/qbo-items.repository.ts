import type { Knex } from 'knex';

/** An item ledgerbus found or created in QBO, by name, and the fingerprint of the accounts it was made with. */
export interface CachedItem {
  qboId: string;
  fingerprint: string;
}

/** `qbo_items` of one company: QBO items by name, so a round does not query QBO for every line. */
export interface QboItemCache {
  get(name: string): Promise<CachedItem | undefined>;
  save(name: string, item: CachedItem): Promise<void>;
}

export function qboItemCache(knex: Knex, realmId: string): QboItemCache {
  return {
    async get(name) {
      const row = (await knex('qbo_items').where({ realm_id: realmId, name }).first()) as { qbo_id: string; fingerprint: string } | undefined;
      return row ? { qboId: row.qbo_id, fingerprint: row.fingerprint } : undefined;
    },
    async save(name, item) {
      await knex('qbo_items').insert({ realm_id: realmId, name, qbo_id: item.qboId, fingerprint: item.fingerprint }).onConflict(['realm_id', 'name']).merge(['qbo_id', 'fingerprint']);
    },
  };
}
