/**
 * Idempotency-Keys, per tenant (Codat's rules): the first request with a key claims it (in
 * flight, under a lease); its answer is stored and replayed to every repeat with the same
 * fingerprint; another fingerprint under the key is refused; a key is forgotten after its TTL.
 * Times come from the caller's clock so that expiry can be tested.
 */
import type { Knex } from 'knex';

export interface StoredAnswer {
  statusCode: number;
  body: unknown;
}

export type KeyClaim =
  /** The key is this request's now: run it, then `complete` (or `release` when it failed). */
  | { kind: 'claimed' }
  /** The key answered this request before: send the stored answer again. */
  | { kind: 'replay'; answer: StoredAnswer }
  /** The key belongs to a request with another body or route. */
  | { kind: 'reused' }
  /** The first request with the key is still running. */
  | { kind: 'in_flight' };

export interface ClaimInput {
  tenantId: string;
  key: string;
  hash: string;
  now: Date;
  ttlMs: number;
  /** How long an in-flight claim holds before a repeat may take it over (its request died). */
  leaseMs: number;
}

interface KeyRow {
  request_hash: string;
  state: 'in_flight' | 'completed';
  status_code: number | null;
  response: unknown;
}

export const idempotencyRepository = {
  /**
   * Claims the key in one statement: a new key, an expired one, or an in-flight claim of the same
   * request whose lease ran out is taken; otherwise the existing row says what to answer.
   */
  async claim(knex: Knex, input: ClaimInput): Promise<KeyClaim> {
    const now = input.now.toISOString();
    const { rows } = await knex.raw<{ rows: unknown[] }>(
      `insert into idempotency_keys (tenant_id, key, request_hash, state, created_at, expires_at, lease_until)
       values (?, ?, ?, 'in_flight', ?, ?, ?)
       on conflict (tenant_id, key) do update set
         request_hash = excluded.request_hash, state = 'in_flight', status_code = null, response = null,
         created_at = excluded.created_at, expires_at = excluded.expires_at, lease_until = excluded.lease_until
       where idempotency_keys.expires_at <= excluded.created_at
          or (idempotency_keys.state = 'in_flight' and idempotency_keys.lease_until <= excluded.created_at
              and idempotency_keys.request_hash = excluded.request_hash)
       returning 1`,
      [input.tenantId, input.key, input.hash, now, new Date(input.now.getTime() + input.ttlMs).toISOString(), new Date(input.now.getTime() + input.leaseMs).toISOString()],
    );
    if (rows.length > 0) return { kind: 'claimed' };
    const row = await knex('idempotency_keys').where({ tenant_id: input.tenantId, key: input.key }).first<KeyRow | undefined>();
    // Deleted between the two statements (expired and cleaned up): the key is free again.
    if (row === undefined) return idempotencyRepository.claim(knex, input);
    if (row.request_hash !== input.hash) return { kind: 'reused' };
    if (row.state === 'in_flight') return { kind: 'in_flight' };
    return { kind: 'replay', answer: { statusCode: row.status_code ?? 200, body: typeof row.response === 'string' ? (JSON.parse(row.response) as unknown) : row.response } };
  },

  /** Stores the answer of the request that holds the key. */
  async complete(knex: Knex, tenantId: string, key: string, hash: string, answer: StoredAnswer): Promise<void> {
    await knex('idempotency_keys')
      .where({ tenant_id: tenantId, key, request_hash: hash, state: 'in_flight' })
      .update({ state: 'completed', status_code: answer.statusCode, response: JSON.stringify(answer.body), lease_until: null });
  },

  /** The request failed without an answer worth keeping (503 …): free the key so that a retry runs. */
  async release(knex: Knex, tenantId: string, key: string, hash: string): Promise<void> {
    await knex('idempotency_keys').where({ tenant_id: tenantId, key, request_hash: hash, state: 'in_flight' }).delete();
  },

  /** Forgets keys past their TTL; returns how many. */
  async deleteExpired(knex: Knex, now: Date): Promise<number> {
    return knex('idempotency_keys').where('expires_at', '<=', now.toISOString()).delete();
  },
};
