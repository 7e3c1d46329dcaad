import knexFactory from 'knex';
import type { Knex } from 'knex';
import { uniqueName } from '@ledgerbus/testing';
import type { Grant, RateRule } from '@ledgerbus/qbo';
import { createPostgresRateLimiter, ensureRateLimiterSchema } from '@ledgerbus/qbo';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function pool(): Knex {
  return knexFactory({ client: 'pg', connection: DATABASE_URL, pool: { min: 0, max: 4 } });
}

/** Largest number of grants (matching `kinds`) inside any sliding window of `windowMs`. */
function busiestWindow(grants: Grant[], windowMs: number, kinds?: string[]): number {
  const times = grants.filter((g) => !kinds || kinds.includes(g.kind)).map((g) => g.grantedAt);
  return Math.max(0, ...times.map((t) => times.filter((u) => u > t - windowMs && u <= t).length));
}

describe('PostgreSQL rate limiter', () => {
  let schema: string;
  let admin: Knex;
  const pools: Knex[] = [];
  const track = (k: Knex): Knex => (pools.push(k), k);

  beforeEach(async () => {
    schema = uniqueName('qbo_limiter');
    admin = pool();
    await ensureRateLimiterSchema(admin, { schema });
  });

  afterEach(async () => {
    await admin.raw('drop schema if exists ?? cascade', [schema]);
    await Promise.all([admin, ...pools.splice(0)].map((k) => k.destroy()));
  });

  it('keeps two limiter instances on separate pools within one shared budget per realm', async () => {
    const rules: RateRule[] = [
      { name: 'per_second', windowMs: 1000, limit: 4 },
      { name: 'per_2s', windowMs: 2000, limit: 6 },
      { name: 'batch_per_2s', windowMs: 2000, limit: 2, kinds: ['batch'] },
    ];
    const a = createPostgresRateLimiter({ knex: track(pool()), schema, rules });
    const b = createPostgresRateLimiter({ knex: track(pool()), schema, rules });
    const started = Date.now();
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).acquire('realm-shared', { kind: i % 5 === 0 ? 'batch' : 'request' }));
    const grants = await Promise.all(calls);

    expect(grants).toHaveLength(20);
    expect(busiestWindow(grants, 1000)).toBeLessThanOrEqual(4);
    expect(busiestWindow(grants, 2000)).toBeLessThanOrEqual(6);
    expect(busiestWindow(grants, 2000, ['batch'])).toBeLessThanOrEqual(2);
    // 20 grants at 6 per 2 s cannot all be given in under ~6 s: the instances really waited.
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
  }, 60_000);

  it('gives each realm its own budget', async () => {
    const rules: RateRule[] = [{ name: 'per_10s', windowMs: 10_000, limit: 3 }];
    const a = createPostgresRateLimiter({ knex: track(pool()), schema, rules });
    const b = createPostgresRateLimiter({ knex: track(pool()), schema, rules });
    const grants = await Promise.all([a, b, a].flatMap((l, i) => [l.acquire(`realm-${i}`), l.acquire(`realm-${i}`)]));
    expect(grants.every((g) => g.waitedMs < 2000)).toBe(true);
    expect(new Set(grants.map((g) => g.realmId)).size).toBe(3);
  });
});
