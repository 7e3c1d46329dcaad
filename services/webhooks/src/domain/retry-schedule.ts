/**
 * When a failed delivery is tried again. The schedule lists the waits between attempts: the
 * default, 1m 5m 30m 2h 5h 10h 10h, makes 8 attempts over about 28 hours (Codat's bar). Jitter only
 * lengthens a wait (by up to `jitter` of it), so the whole window is never shorter than the
 * schedule says and replicas that failed together do not retry together. Pure: no I/O.
 */
import { parseDuration } from '@ledgerbus/kit';

export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [60_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** "1m,5m,30m" → [60000, 300000, 1800000]; undefined when an item is not a duration. */
export function parseRetrySchedule(value: string): number[] | undefined {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const waits = items.map(parseDuration);
  if (waits.length === 0 || waits.some((w) => w === undefined)) return undefined;
  return waits as number[];
}

/**
 * The wait before the next attempt after `failedAttempts` failed attempts of this round (1 after
 * the first failure), or undefined when the schedule is used up and the delivery is given up.
 */
export function nextRetryDelay(schedule: readonly number[], failedAttempts: number, jitter: number, random: () => number = Math.random): number | undefined {
  const wait = schedule[failedAttempts - 1];
  if (wait === undefined) return undefined;
  return Math.round(wait * (1 + jitter * random()));
}

/** Attempts a delivery gets in one round: the first one and one after each wait. */
export function attemptsPerRound(schedule: readonly number[]): number {
  return schedule.length + 1;
}
