import type { Knex } from 'knex';
import type { Logger } from '@ledgerbus/kit';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { QboClient } from '@ledgerbus/qbo';

export interface MetricsConfig {
  /** Months of history imported (default 24). */
  historyMonths: number;
  /** Report basis (default Accrual). */
  accountingMethod: 'Accrual' | 'Cash';
  /** Months per report call (default 6): long ranges are split so that no call runs long. */
  chunkMonths: number;
  /** Re-import every connected company this often (default 1 h). */
  scheduleIntervalMs: number;
  /** Wait this long after the last financial change before importing (default 30 s). */
  debounceMs: number;
  /** … but never longer than this after the first change (default 5 min). */
  maxDebounceMs: number;
  /** How often the import runner looks for due imports (default 1 s). */
  tickMs: number;
  /** First retry delay after a failed import; doubles per attempt up to the schedule interval (default 30 s). */
  retryBaseMs: number;
  /** The companies' time zone offset in minutes, for "today" (default 0 = UTC). */
  timeZoneOffsetMinutes: number;
}

export const DEFAULT_CONFIG: MetricsConfig = {
  historyMonths: 24,
  accountingMethod: 'Accrual',
  chunkMonths: 6,
  scheduleIntervalMs: 3_600_000,
  debounceMs: 30_000,
  maxDebounceMs: 300_000,
  tickMs: 1_000,
  retryBaseMs: 30_000,
  timeZoneOffsetMinutes: 0,
};

/** What the use cases need. */
export interface MetricsContext {
  knex: Knex;
  clock: () => Date;
  logger: Logger;
  config: MetricsConfig;
  /** A read-only QBO client for a realm. */
  qboFor(realmId: string): QboClient;
  /** Where `metric.*` events go (sync.events.v1; tests pass a fresh copy). */
  eventsTopic: TopicDefinition;
  /** QBO calls made so far for a realm by this process (for import statistics). */
  qboCalls(realmId: string): number;
}

/** CloudEvents `source` of everything this service publishes. */
export const EVENT_SOURCE = 'ledgerbus/metrics';
