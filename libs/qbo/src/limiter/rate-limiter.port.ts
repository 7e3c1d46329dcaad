/**
 * The per-realm rate-limiter port. Every QBO call acquires one grant for its realm before
 * it is sent; `acquire` waits (it does not fail) until every rule has room. Rules are
 * sliding windows: at any instant, the grants of the last `windowMs` matching a rule
 * number at most `limit`. Adapters: in-memory (one process) and PostgreSQL (shared by
 * every process and replica that calls the same realm).
 */
import type { QboMeter } from '../metering';

export type RequestKind = 'request' | 'batch';

export interface RateRule {
  /** For logs and tests: "per_second", "per_minute", "batch_per_minute". */
  name: string;
  windowMs: number;
  limit: number;
  /** Which kinds the rule counts; all kinds when omitted. */
  kinds?: RequestKind[];
}

export interface Grant {
  realmId: string;
  kind: RequestKind;
  /** When the grant was given, in the limiter's clock (epoch ms; the database clock for PostgreSQL). */
  grantedAt: number;
  /** Total time spent waiting for room, in ms. */
  waitedMs: number;
}

export interface AcquireOptions {
  kind?: RequestKind;
  signal?: AbortSignal;
}

/** One rule's window right now, for a realm: grants in it and what is left. */
export interface RuleBudget {
  name: string;
  windowMs: number;
  limit: number;
  used: number;
  remaining: number;
}

export interface RateLimiter {
  acquire(realmId: string, options?: AcquireOptions): Promise<Grant>;
  /** Every rule's window for the realm now (the per-minute budget an admin sees). */
  budget?(realmId: string): Promise<RuleBudget[]>;
  /**
   * The call meter of the clients that use this limiter (the PostgreSQL limiter carries one on
   * the same schema, so every service that shares the limiter is metered); a client's own
   * `meter` option wins.
   */
  readonly meter?: QboMeter;
  /** Flushes and stops the meter, when there is one. */
  close(): Promise<void>;
}

/** Turns grant stamps into each rule's window now. */
export function budgetOf(stamps: ReadonlyArray<{ at: number; kind: RequestKind }>, rules: readonly RateRule[], now: number): RuleBudget[] {
  return rules.map((rule) => {
    const used = stamps.filter((s) => s.at > now - rule.windowMs && ruleApplies(rule, s.kind)).length;
    return { name: rule.name, windowMs: rule.windowMs, limit: rule.limit, used, remaining: Math.max(0, rule.limit - used) };
  });
}

export interface QboLimits {
  requestsPerSecond: number;
  requestsPerMinute: number;
  batchPerMinute: number;
  /**
   * Added to every window so network jitter (a request granted early arriving late, the
   * next one arriving early) cannot squeeze one window's grants into QBO's. Default 150 ms.
   */
  windowMarginMs: number;
}

/** Intuit's published per-realm limits (500/min including batch, 10/s, 120 batch/min). */
export const INTUIT_LIMITS: QboLimits = { requestsPerSecond: 10, requestsPerMinute: 500, batchPerMinute: 120, windowMarginMs: 150 };

export function rulesFor(limits: Partial<QboLimits> = {}): RateRule[] {
  const l = { ...INTUIT_LIMITS, ...limits };
  return [
    { name: 'per_second', windowMs: 1000 + l.windowMarginMs, limit: l.requestsPerSecond },
    { name: 'per_minute', windowMs: 60_000 + l.windowMarginMs, limit: l.requestsPerMinute },
    { name: 'batch_per_minute', windowMs: 60_000 + l.windowMarginMs, limit: l.batchPerMinute, kinds: ['batch'] },
  ];
}

export function validateRules(rules: RateRule[]): void {
  if (rules.length === 0) throw new RangeError('a rate limiter needs at least one rule');
  for (const r of rules) {
    if (!(r.windowMs > 0) || !Number.isInteger(r.limit) || r.limit < 1) {
      throw new RangeError(`invalid rate rule ${r.name}: windowMs ${r.windowMs}, limit ${r.limit}`);
    }
  }
}

export function ruleApplies(rule: RateRule, kind: RequestKind): boolean {
  return rule.kinds === undefined || rule.kinds.includes(kind);
}
