import type { Clock } from '../types';
import type { LimitSettings } from '../settings';

/** Timestamps (sandbox ms) of accepted events in a sliding window. */
class Window {
  private readonly times: number[] = [];
  private head = 0;

  count(nowMs: number, windowMs: number): number {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= nowMs - windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  add(nowMs: number): void {
    this.times.push(nowMs);
  }
}

interface RealmWindows {
  perSecond: Window;
  perMinute: Window;
  batchPerMinute: Window;
}

export type LimitVerdict = { ok: true } | { ok: false; limit: 'requestsPerSecond' | 'requestsPerMinute' | 'batchPerMinute' };

/**
 * Intuit's per-realm limits as sliding windows on the sandbox clock, so a time scale of 60
 * makes "a minute" pass in a real second. A throttled request is not counted.
 */
export class RateLimiter {
  private readonly realms = new Map<string, RealmWindows>();

  constructor(
    private readonly clock: Clock,
    private readonly settings: () => LimitSettings,
  ) {}

  check(realmId: string, isBatch: boolean): LimitVerdict {
    const s = this.settings();
    if (!s.enabled) return { ok: true };
    const now = this.clock.now().getTime();
    let w = this.realms.get(realmId);
    if (!w) {
      w = { perSecond: new Window(), perMinute: new Window(), batchPerMinute: new Window() };
      this.realms.set(realmId, w);
    }
    if (w.perSecond.count(now, 1000) >= s.requestsPerSecond) return { ok: false, limit: 'requestsPerSecond' };
    if (w.perMinute.count(now, 60_000) >= s.requestsPerMinute) return { ok: false, limit: 'requestsPerMinute' };
    if (isBatch && w.batchPerMinute.count(now, 60_000) >= s.batchPerMinute) return { ok: false, limit: 'batchPerMinute' };
    w.perSecond.add(now);
    w.perMinute.add(now);
    if (isBatch) w.batchPerMinute.add(now);
    return { ok: true };
  }

  reset(realmId?: string): void {
    if (realmId === undefined) this.realms.clear();
    else this.realms.delete(realmId);
  }
}
