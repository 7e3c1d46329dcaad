/**
 * What of this service's outbox is still waiting for the relay, so that a use case can tell
 * when events it enqueued are durable on their topic (the relay deletes a row once the bus
 * acknowledged it).
 */
import { OUTBOX_TABLE } from '@ledgerbus/db';
import type { Knex } from 'knex';

export const outboxPendingRepository = {
  /** The id of the newest row waiting for (topic, key), or undefined when none is. */
  async newest(db: Knex, topic: string, key: string): Promise<string | undefined> {
    const row = (await db(OUTBOX_TABLE).where({ topic, key }).max({ id: 'id' }).first()) as { id: string | number | null } | undefined;
    return row?.id === null || row?.id === undefined ? undefined : String(row.id);
  },

  /** True while some row for (topic, key) up to `id` is still waiting. */
  async anyUpTo(db: Knex, topic: string, key: string, id: string): Promise<boolean> {
    const row: unknown = await db(OUTBOX_TABLE).where({ topic, key }).andWhere('id', '<=', id).first('id');
    return row !== undefined;
  },
};
