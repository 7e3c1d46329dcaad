import { DEFAULT_RETRY, backoffDelay, throttleDelay } from '@ledgerbus/qbo';

describe('backoff math', () => {
  it('doubles the cap each attempt with equal jitter in [cap/2, cap]', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelay(0, 100, 10_000, () => 0.999999)).toBe(100);
    expect(backoffDelay(3, 100, 10_000, () => 0)).toBe(400);
    expect(backoffDelay(3, 100, 10_000, () => 0.5)).toBe(600);
  });

  it('never exceeds the maximum delay', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const d = backoffDelay(attempt, 250, 60_000, Math.random);
      expect(d).toBeLessThanOrEqual(60_000);
      expect(d).toBeGreaterThanOrEqual(Math.min(60_000, 250 * 2 ** attempt) / 2);
    }
  });

  it('uses Retry-After for throttles when present, capped, else the throttle base', () => {
    const opts = { ...DEFAULT_RETRY, throttleBaseMs: 1000, maxDelayMs: 30_000, random: () => 0 };
    expect(throttleDelay(0, 5000, opts)).toBe(5000);
    expect(throttleDelay(0, 120_000, opts)).toBe(30_000);
    expect(throttleDelay(0, undefined, opts)).toBe(500);
    expect(throttleDelay(2, undefined, opts)).toBe(2000);
  });
});
