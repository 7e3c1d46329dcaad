/**
 * Consumer of `sync.events.v1` (group `ingest.sync-status`): every outcome of a platform record
 * becomes its sync state for `GET …/records/{entity}/{platformId}`. Idempotent: a redelivered or
 * older outcome changes nothing. Other event types are skipped.
 */
import type { BatchHandler, Handler } from '@ledgerbus/bus';
import type { Knex } from 'knex';
import { syncStatesRepository } from '../db/sync-states.repository';
import type { Outcome } from '../domain/outcomes';
import { outcomeOf } from '../domain/outcomes';

export function syncEventHandler(knex: Knex): { handler: Handler; batch: BatchHandler } {
  return {
    handler: async (message) => {
      const outcome = outcomeOf(message.event);
      if (outcome !== undefined) await syncStatesRepository.apply(knex, [outcome]);
    },
    // A partition's fetched messages in one statement: the bus hands them in offset order.
    batch: async (messages) => {
      const outcomes = messages.map((m) => outcomeOf(m.event)).filter((o): o is Outcome => o !== undefined);
      await syncStatesRepository.apply(knex, outcomes);
    },
  };
}
