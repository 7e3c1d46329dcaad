import type { Knex } from 'knex';
import { INBOX_TABLE } from './migrations';

export interface InboxKey {
  /** Who applies the event (a handler name): one event may be applied once by each consumer. */
  consumer: string;
  /** The CloudEvent id. */
  eventId: string;
  /** The inbox table's schema. Default: the search_path (what `createDatabase` sets). */
  schema?: string;
}

export type InboxResult<T> = { duplicate: true } | { duplicate: false; result: T };

export interface Inbox {
  /**
   * Run `effect` and record (consumer, eventId) in one transaction. When the id is
   * already recorded (or being recorded by a concurrent transaction that then commits),
   * nothing runs and `{ duplicate: true }` comes back. If the effect throws, nothing is
   * recorded and the event can be applied again.
   */
  once<T>(db: Knex | Knex.Transaction, key: InboxKey, effect: (trx: Knex.Transaction) => Promise<T>): Promise<InboxResult<T>>;
}

export const inbox: Inbox = {
  async once(db, key, effect) {
    const table = key.schema ? `${key.schema}.${INBOX_TABLE}` : INBOX_TABLE;
    return db.transaction(async (trx) => {
      // A concurrent insert of the same key waits here until the other transaction ends.
      const inserted = (await trx(table)
        .insert({ consumer: key.consumer, event_id: key.eventId })
        .onConflict(['consumer', 'event_id'])
        .ignore()
        .returning('event_id')) as unknown[];
      if (inserted.length === 0) return { duplicate: true } as const;
      const result = await effect(trx);
      return { duplicate: false, result } as const;
    });
  },
};
