/**
 * Idempotency-Key on real PostgreSQL and Kafka (Codat's rules): a repeat with the same key and
 * body gets the first answer and publishes nothing; the same key with another body is 422; a
 * repeat while the first request is still publishing is 409; keys are per tenant and forgotten
 * after their TTL.
 */
import { createDatabase } from '@ledgerbus/db';
import type { Database } from '@ledgerbus/db';
import { migrate } from '@ledgerbus/db';
import { databaseUrlFromEnv, uniqueName, waitFor } from '@ledgerbus/testing';
import { idempotencyRepository } from '../src/db/idempotency.repository';
import { ingestMigrations } from '../src/db/migrations';
import type { IngestHarness } from './harness';
import { invoice, startIngestHarness } from './harness';

const DAY = 24 * 3_600_000;

describe('Idempotency-Key over HTTP', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const post = (body: unknown, key: string, tenant = h.tenant, token?: string) =>
    h.api('POST', `/v1/tenants/${tenant}/invoices`, { body, headers: { 'idempotency-key': key }, ...(token === undefined ? {} : { token }) });

  it('replays the first answer (status and body) to a repeat with the same key and body, and publishes once', async () => {
    const batch = { records: [invoice('r-1'), invoice('r-2', { lines: 'no lines' })] };
    const first = await post(batch, 'key-replay');
    expect(first.status).toBe(202);
    expect(first.body.accepted).toHaveLength(1);
    expect(first.body.rejected).toHaveLength(1);
    // Same body with other key order and spacing is the same request.
    const reordered = { records: [Object.fromEntries(Object.entries(invoice('r-1')).reverse()), invoice('r-2', { lines: 'no lines' })] };
    const second = await post(reordered, 'key-replay');
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const onTopic = await h.read(h.topics.invoices);
    expect(onTopic.filter((m) => (m.event?.data as { invoiceId: string }).invoiceId === 'r-1')).toHaveLength(1);
    // Without the key, the same body is a new request: a new version.
    const unkeyed = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: batch });
    expect(unkeyed.body.accepted[0].version).toBe(2);
  });

  it('replays a 422 as well: the answer the request deserved is kept', async () => {
    const bad = { records: [{ invoiceId: 'nope' }] };
    const first = await post(bad, 'key-422');
    const second = await post(bad, 'key-422');
    expect([first.status, second.status]).toEqual([422, 422]);
    expect(second.body).toEqual(first.body);
  });

  it('answers 422 idempotency_key_reused for the same key with another body or on another route', async () => {
    await post(invoice('r-3'), 'key-reused');
    const other = await post(invoice('r-3', { number: 'changed' }), 'key-reused');
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    const otherRoute = await h.api('POST', `/v1/tenants/${h.tenant}/invoices/r-3/void`, { headers: { 'idempotency-key': 'key-reused' } });
    expect(otherRoute.status).toBe(422);
    expect(otherRoute.body.error.code).toBe('idempotency_key_reused');
  });

  it('answers 409 request_in_progress while the first request is still waiting for Kafka, then replays its answer', async () => {
    const gate = h.holdPublishes();
    const first = post(invoice('r-slow'), 'key-slow');
    await waitFor(() => gate.held() === 1, { description: 'the first request publishing' });
    const during = await post(invoice('r-slow'), 'key-slow');
    expect(during.status).toBe(409);
    expect(during.body.error.code).toBe('request_in_progress');
    expect(during.headers['retry-after']).toBe('1');
    gate.release();
    const answered = await first;
    expect(answered.status).toBe(202);
    const after = await post(invoice('r-slow'), 'key-slow');
    expect(after.status).toBe(202);
    expect(after.body).toEqual(answered.body);
  });

  it('frees the key when the request failed without an answer, so that the retry runs', async () => {
    const failing = h.failPublishes();
    const failed = await post(invoice('r-retry'), 'key-retry');
    failing.restore();
    expect(failed.status).toBe(503);
    const retried = await post(invoice('r-retry'), 'key-retry');
    expect(retried.status).toBe(202);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keeps keys per tenant', async () => {
    // The same key and body from another tenant of the same service is that tenant's own first request.
    const otherTenant = `${h.tenant}-b`;
    const otherToken = await h.token({ tenant: otherTenant, sub: `admin@${otherTenant}` });
    const mine = await post(invoice('r-4'), 'shared-key');
    const theirs = await post(invoice('r-4'), 'shared-key', otherTenant, otherToken);
    expect([mine.status, theirs.status]).toEqual([202, 202]);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    const mineAgain = await post(invoice('r-4'), 'shared-key');
    expect(mineAgain.headers['idempotent-replayed']).toBe('true');
    expect((await h.read(h.topics.invoices)).filter((m) => (m.event?.data as { invoiceId: string }).invoiceId === 'r-4').map((m) => m.key).sort()).toEqual([h.tenant, otherTenant].sort());
  });

  it('forgets a key after 24 hours: the same key then runs a new request', async () => {
    const first = await post(invoice('r-5'), 'key-ttl');
    h.clock.advance(DAY - 60_000);
    expect((await post(invoice('r-5'), 'key-ttl')).headers['idempotent-replayed']).toBe('true');
    h.clock.advance(120_000);
    const later = await post(invoice('r-5', { number: 'another body is fine now' }), 'key-ttl');
    expect(later.status).toBe(202);
    expect(later.body.accepted[0].version).toBe(first.body.accepted[0].version + 1);
    h.clock.advance(DAY + 1);
    expect(await h.service.cleanupKeys()).toBeGreaterThan(0);
    const { rows } = await h.db.knex.raw<{ rows: unknown[] }>('select 1 from idempotency_keys');
    expect(rows).toHaveLength(0);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const res = await post(invoice('r-6'), 'ключ');
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0]).toMatchObject({ in: 'headers', path: 'idempotency-key' });
  });
});

describe('the key state machine on PostgreSQL', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createDatabase({ url: databaseUrlFromEnv() }, { schema: uniqueName('ingest_keys').slice(0, 60), pool: { max: 4 } });
    await migrate(db.knex, { schema: db.schema, migrations: ingestMigrations });
  });
  afterAll(async () => {
    await db.knex.raw('drop schema if exists ?? cascade', [db.schema]);
    await db.destroy();
  });

  const t0 = new Date('2026-05-01T10:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const claim = (key: string, hash: string, now: Date) => idempotencyRepository.claim(db.knex, { tenantId: 't', key, hash, now, ttlMs: DAY, leaseMs: 60_000 });

  it('lets exactly one of many concurrent claims of a key run', async () => {
    const claims = await Promise.all(Array.from({ length: 8 }, () => claim('race', 'h1', t0)));
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'in_flight')).toHaveLength(7);
  });

  it('goes in flight → completed → replayed, and refuses another fingerprint throughout', async () => {
    expect(await claim('k', 'h1', t0)).toEqual({ kind: 'claimed' });
    expect(await claim('k', 'h1', at(1000))).toEqual({ kind: 'in_flight' });
    expect(await claim('k', 'h2', at(1000))).toEqual({ kind: 'reused' });
    await idempotencyRepository.complete(db.knex, 't', 'k', 'h1', { statusCode: 202, body: { accepted: [], rejected: [] } });
    expect(await claim('k', 'h1', at(2000))).toEqual({ kind: 'replay', answer: { statusCode: 202, body: { accepted: [], rejected: [] } } });
    expect(await claim('k', 'h2', at(2000))).toEqual({ kind: 'reused' });
  });

  it('lets a repeat take over an in-flight claim whose lease ran out (its process died), never another body', async () => {
    expect(await claim('dead', 'h1', t0)).toEqual({ kind: 'claimed' });
    expect(await claim('dead', 'h2', at(61_000))).toEqual({ kind: 'reused' });
    expect(await claim('dead', 'h1', at(61_000))).toEqual({ kind: 'claimed' });
  });

  it('frees a released key and forgets expired ones', async () => {
    expect(await claim('rel', 'h1', t0)).toEqual({ kind: 'claimed' });
    await idempotencyRepository.release(db.knex, 't', 'rel', 'h1');
    expect(await claim('rel', 'h2', at(1)).then((c) => c.kind)).toBe('claimed');
    expect(await claim('old', 'h1', t0)).toEqual({ kind: 'claimed' });
    await idempotencyRepository.complete(db.knex, 't', 'old', 'h1', { statusCode: 202, body: {} });
    expect(await claim('old', 'h2', at(DAY))).toEqual({ kind: 'claimed' });
    expect(await idempotencyRepository.deleteExpired(db.knex, at(3 * DAY))).toBeGreaterThanOrEqual(4);
  });
});
