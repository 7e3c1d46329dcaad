import type { Knex } from 'knex';

export const unknownRealmsRepository = {
  /** Count notifications for a realm no tenant is connected to (they are acknowledged, not fetched). */
  async record(db: Knex | Knex.Transaction, realmId: string, notifications: number, now: Date): Promise<void> {
    await db.raw(
      `insert into unknown_realm_webhooks (realm_id, notifications, first_at, last_at) values (?, ?, ?, ?)
       on conflict (realm_id) do update set notifications = unknown_realm_webhooks.notifications + excluded.notifications, last_at = excluded.last_at`,
      [realmId, notifications, now, now],
    );
  },
  async get(db: Knex, realmId: string): Promise<{ realm_id: string; notifications: number } | undefined> {
    return (await db('unknown_realm_webhooks').where({ realm_id: realmId }).first()) as { realm_id: string; notifications: number } | undefined;
  },
};
