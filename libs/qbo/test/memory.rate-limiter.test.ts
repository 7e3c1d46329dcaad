import { createMemoryRateLimiter, waitForRoom } from '@ledgerbus/qbo';

describe('in-memory rate limiter', () => {
  it('computes the wait until the oldest grant in a full window leaves it', () => {
    const rules = [{ name: 's', windowMs: 1000, limit: 2 }];
    expect(waitForRoom([{ at: 100, kind: 'request' }], rules, 'request', 500)).toBe(0);
    expect(waitForRoom([{ at: 100, kind: 'request' }, { at: 300, kind: 'request' }], rules, 'request', 500)).toBe(601);
  });

  it('counts batch calls only against rules for batches', () => {
    const rules = [{ name: 'b', windowMs: 60_000, limit: 1, kinds: ['batch' as const] }];
    const stamps = [{ at: 0, kind: 'batch' as const }];
    expect(waitForRoom(stamps, rules, 'request', 10)).toBe(0);
    expect(waitForRoom(stamps, rules, 'batch', 10)).toBe(59_991);
  });

  it('makes concurrent callers wait instead of failing, and never exceeds the budget in any window', async () => {
    const limiter = createMemoryRateLimiter({ rules: [{ name: 'per_200ms', windowMs: 200, limit: 3 }] });
    const grants = await Promise.all(Array.from({ length: 12 }, () => limiter.acquire('realm-1')));
    const times = grants.map((g) => g.grantedAt).sort((a, b) => a - b);
    for (const t of times) expect(times.filter((u) => u > t - 200 && u <= t).length).toBeLessThanOrEqual(3);
    expect(grants.some((g) => g.waitedMs >= 400)).toBe(true);
    const other = await limiter.acquire('realm-2');
    expect(other.waitedMs).toBeLessThan(50);
  });
});
