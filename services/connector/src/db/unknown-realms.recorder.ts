/**
 * Counts webhook notifications for realms no tenant is connected to. They carry no data
 * for us (nothing is fetched), so their count is diagnostics: it is written behind, one
 * upsert per realm per `flushMs`, instead of one write per delivery — a flood of
 * deliveries for an unknown realm must not hold up the fetchers of connected ones. A
 * crash loses at most the last interval's counts, never a connected realm's change.
 */
import type { Logger } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import { unknownRealmsRepository } from './unknown-realms.repository';

export interface UnknownRealmRecorder {
  add(realmId: string, notifications: number, at: Date): void;
  /** Write what is pending now (also on stop). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function createUnknownRealmRecorder(knex: Knex, logger: Logger, options: { flushMs?: number } = {}): UnknownRealmRecorder {
  const flushMs = options.flushMs ?? 1000;
  let pending = new Map<string, { notifications: number; at: Date }>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    running = running.then(async () => {
      for (const [realmId, { notifications, at }] of batch) {
        try {
          await unknownRealmsRepository.record(knex, realmId, notifications, at);
          logger.info({ realmId, notifications }, 'webhooks for an unknown realm recorded');
        } catch (err) {
          logger.warn({ err, realmId, notifications }, 'could not record webhooks for an unknown realm');
        }
      }
    });
    return running;
  };

  return {
    add(realmId, notifications, at) {
      const current = pending.get(realmId);
      pending.set(realmId, { notifications: (current?.notifications ?? 0) + notifications, at });
      if (timer === undefined) {
        timer = setTimeout(() => void flush(), flushMs);
        timer.unref();
      }
    },
    flush,
    stop: flush,
  };
}
