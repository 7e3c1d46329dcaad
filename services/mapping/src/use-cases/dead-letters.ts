import type { MessageBus, RawMessage } from '@ledgerbus/bus';
import { NotFoundError } from '@ledgerbus/kit';
import type { MappingContext } from '../context';
import type { Actor } from '../db/audit.repository';
import { auditRepository } from '../db/audit.repository';
import type { DeadLetter, DeadLetterFilter } from '../db/dead-letters.repository';
import { deadLettersRepository } from '../db/dead-letters.repository';
import { originalHeaders } from '../domain/dead-letters';

export type ReplayOutcome = 'replayed' | 'already_replayed' | 'not_replayable';

export interface ReplayResult {
  deadLetter: DeadLetter;
  outcome: ReplayOutcome;
}

export type ReplayRequest = { ids: readonly string[] } | { filter: Omit<DeadLetterFilter, 'status'>; limit: number };

/** The message as it was on its source topic: same key, same value bytes, its own headers (the ce_* among them). */
function republished(d: DeadLetter): RawMessage {
  return { key: d.key, value: d.value, headers: originalHeaders(d.headers) };
}

/**
 * Republishes the tenant's dead letters to their source topics, so the consumer parses and
 * handles them again (after a fix), and marks them replayed by the actor. With `ids`, every
 * id must be the tenant's (one that is not answers 404 and nothing is replayed); one already
 * replayed is not sent again (`already_replayed`: a replay that failed again is a new dead
 * letter), one that is not a CloudEvent is `not_replayable`. With a filter, the oldest
 * pending replayable ones that match, up to `limit`.
 *
 * The rows stay locked while publishing, so two admins replaying at once send each message
 * once; if the commit fails after the publish, a later replay sends it again, which the
 * consumers' idempotent intake absorbs.
 */
export async function replayDeadLetters(ctx: MappingContext, bus: MessageBus, input: { tenantId: string; actor: Actor; request: ReplayRequest }): Promise<ReplayResult[]> {
  const results = await ctx.knex.transaction(async (trx) => {
    const { request } = input;
    let selected: DeadLetter[];
    if ('ids' in request) {
      const ids = [...new Set(request.ids)];
      selected = await deadLettersRepository.getMany(trx, input.tenantId, ids, { forUpdate: true });
      const found = new Set(selected.map((d) => d.id));
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length > 0) throw new NotFoundError(`dead letter(s) ${missing.join(', ')} not found`, { ids: missing });
    } else {
      selected = await deadLettersRepository.pendingReplayable(trx, input.tenantId, request.filter, request.limit);
    }
    const results: ReplayResult[] = selected.map((d) => ({
      deadLetter: d,
      outcome: d.status === 'replayed' ? 'already_replayed' : d.notReplayableReason !== null ? 'not_replayable' : 'replayed',
    }));
    const toReplay = results.filter((r) => r.outcome === 'replayed').map((r) => r.deadLetter);
    if (toReplay.length === 0) return results;

    // One publish per source topic, in id order: a tenant's records keep their order on their partition.
    const byTopic = new Map<string, DeadLetter[]>();
    for (const d of toReplay) byTopic.set(d.sourceTopic, [...(byTopic.get(d.sourceTopic) ?? []), d]);
    for (const [topic, letters] of byTopic) await bus.publishRaw(topic, letters.map(republished));

    const at = ctx.clock();
    await deadLettersRepository.markReplayed(
      trx,
      toReplay.map((d) => d.id),
      input.actor,
      at,
    );
    await auditRepository.record(trx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'dead_letters.replayed',
      resource: 'dead-letters',
      before: null,
      after: { ids: toReplay.map((d) => d.id), topics: [...byTopic.keys()] },
      at,
    });
    const replayed = { status: 'replayed' as const, replayedAt: at, replayedBy: input.actor.sub, replayedByService: input.actor.isService };
    return results.map((r) => (r.outcome === 'replayed' ? { ...r, deadLetter: { ...r.deadLetter, ...replayed } } : r));
  });
  const replayed = results.filter((r) => r.outcome === 'replayed');
  if (replayed.length > 0) {
    ctx.logger.info({ tenantId: input.tenantId, by: input.actor.sub, ids: replayed.map((r) => r.deadLetter.id) }, 'dead letters replayed');
  }
  return results;
}
