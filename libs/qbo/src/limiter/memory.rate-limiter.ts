/**
 * In-memory sliding-window limiter: exact within one process (tests, embedded mode).
 * Check-and-record is synchronous, so concurrent callers in the process never overshoot.
 */
import { sleep } from '../backoff';
import type { AcquireOptions, Grant, RateLimiter, RateRule, RequestKind } from './rate-limiter.port';
import { budgetOf, ruleApplies, rulesFor, validateRules } from './rate-limiter.port';
import type { QboMeter } from '../metering';

interface Stamp {
  at: number;
  kind: RequestKind;
}

export interface MemoryRateLimiterOptions {
  rules?: RateRule[];
  now?: () => number;
  /** A meter for the clients that use this limiter (see `RateLimiter.meter`). */
  meter?: QboMeter;
}

/** Milliseconds until every rule has room for one more grant of `kind` (0 = now). */
export function waitForRoom(stamps: readonly Stamp[], rules: readonly RateRule[], kind: RequestKind, now: number): number {
  let wait = 0;
  for (const rule of rules) {
    if (!ruleApplies(rule, kind)) continue;
    const inWindow = stamps.filter((s) => s.at > now - rule.windowMs && ruleApplies(rule, s.kind));
    if (inWindow.length < rule.limit) continue;
    // The (count - limit + 1)-th oldest must leave the window before one more fits.
    const sorted = inWindow.map((s) => s.at).sort((a, b) => a - b);
    const leaving = sorted[inWindow.length - rule.limit] ?? now;
    wait = Math.max(wait, leaving + rule.windowMs - now + 1);
  }
  return wait;
}

export function createMemoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const rules = options.rules ?? rulesFor();
  validateRules(rules);
  const now = options.now ?? Date.now;
  const maxWindow = Math.max(...rules.map((r) => r.windowMs));
  const realms = new Map<string, Stamp[]>();

  return {
    ...(options.meter === undefined ? {} : { meter: options.meter }),
    budget(realmId: string) {
      return Promise.resolve(budgetOf(realms.get(realmId) ?? [], rules, now()));
    },
    async acquire(realmId: string, acquireOptions: AcquireOptions = {}): Promise<Grant> {
      const kind = acquireOptions.kind ?? 'request';
      const started = now();
      for (;;) {
        const t = now();
        const stamps = (realms.get(realmId) ?? []).filter((s) => s.at > t - maxWindow);
        realms.set(realmId, stamps);
        const wait = waitForRoom(stamps, rules, kind, t);
        if (wait <= 0) {
          stamps.push({ at: t, kind });
          return { realmId, kind, grantedAt: t, waitedMs: t - started };
        }
        await sleep(wait, acquireOptions.signal);
      }
    },
    async close(): Promise<void> {
      realms.clear();
      await options.meter?.close();
    },
  };
}
