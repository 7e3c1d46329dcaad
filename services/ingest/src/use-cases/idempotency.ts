/**
 * Idempotency-Key handling around a request (Codat's rules): the same key with the same request
 * replays the first answer (status and body); the same key with another request is 422
 * `idempotency_key_reused`; a repeat while the first still runs is 409 `request_in_progress`.
 * An answer is kept (202 and 422 are what the request deserved); a failure without one (503:
 * the bus did not acknowledge) frees the key so that the retry runs.
 */
import { ConflictError, LedgerbusError } from '@ledgerbus/kit';
import type { IngestContext } from '../context';
import { idempotencyRepository } from '../db/idempotency.repository';
import type { StoredAnswer } from '../db/idempotency.repository';

export interface IdempotentRequest {
  tenantId: string;
  /** The Idempotency-Key header; undefined runs the request as is. */
  key: string | undefined;
  /** The request's fingerprint (method, URL, canonical body), computed only when there is a key. */
  hash: () => string;
}

export async function runIdempotent<A extends StoredAnswer>(
  ctx: IngestContext,
  request: IdempotentRequest,
  run: () => Promise<A>,
): Promise<{ answer: StoredAnswer; replayed: boolean }> {
  const { tenantId, key } = request;
  if (key === undefined) return { answer: await run(), replayed: false };
  const hash = request.hash();
  const claim = await idempotencyRepository.claim(ctx.knex, { tenantId, key, hash, now: ctx.clock(), ttlMs: ctx.config.idempotencyTtlMs, leaseMs: ctx.config.idempotencyLeaseMs });
  switch (claim.kind) {
    case 'replay':
      ctx.metrics.idempotentReplay();
      return { answer: claim.answer, replayed: true };
    case 'reused':
      throw new LedgerbusError('idempotency_key_reused', 'this Idempotency-Key was used for another request (another body or route); use a new key', { statusCode: 422, details: { idempotencyKey: key } });
    case 'in_flight':
      throw new ConflictError('request_in_progress', 'a request with this Idempotency-Key is still running; retry shortly', { idempotencyKey: key });
    case 'claimed':
      break;
  }
  let answer: A;
  try {
    answer = await run();
  } catch (err) {
    await idempotencyRepository.release(ctx.knex, tenantId, key, hash).catch((releaseErr: unknown) => {
      ctx.logger.warn({ tenantId, err: releaseErr }, 'ingest: could not free an Idempotency-Key; it frees itself when its lease ends');
    });
    throw err;
  }
  try {
    await idempotencyRepository.complete(ctx.knex, tenantId, key, hash, answer);
  } catch (err) {
    // The records are durable: answer them. A repeat finds the key in flight until its lease ends, then runs again.
    ctx.logger.warn({ tenantId, err }, 'ingest: could not store the answer of an Idempotency-Key');
  }
  return { answer, replayed: false };
}
