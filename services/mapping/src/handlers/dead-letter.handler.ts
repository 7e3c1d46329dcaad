import type { MessageBus, RawHandler, Subscription } from '@ledgerbus/bus';
import { dlqTopicName } from '@ledgerbus/contracts';
import type { MappingContext } from '../context';
import { deadLettersRepository } from '../db/dead-letters.repository';
import { deadLetterOf, deadLetterSourceTopics } from '../domain/dead-letters';

export const DEAD_LETTERS_CONSUMER = 'mapping.dead-letters';

/**
 * Stores every record of a platform topic's DLQ once (by DLQ topic, partition and offset),
 * whatever it holds: nothing in it is trusted or parsed beyond the tenant and the dlq_*
 * diagnostics, so no content makes it throw (only the database can, and then the record is
 * retried and stays uncommitted). Logs ids and the reason, never the body.
 */
export function deadLetterHandler(ctx: MappingContext): RawHandler {
  return async (record) => {
    const { deadLetter, owner } = deadLetterOf(record, ctx.clock());
    const id = await deadLettersRepository.insert(ctx.knex, deadLetter);
    const where = { dlqTopic: record.topic, partition: record.partition, offset: record.offset, code: deadLetter.code, handler: deadLetter.handler, eventId: deadLetter.eventId };
    if (id === undefined) {
      ctx.logger.debug(where, 'dead letter already stored');
    } else if (owner.tenantId === null) {
      // No tenant's API shows it: ops find it in the dead_letters table (tenant_id is null).
      ctx.logger.warn({ ...where, id, why: owner.why }, 'dead letter stored without a tenant (ops only)');
    } else {
      ctx.logger.info({ ...where, id, tenantId: owner.tenantId }, 'dead letter stored');
    }
  };
}

/**
 * Subscribes the DLQs of the platform topics (their dead letters carry no contract, so a raw
 * subscription). Ensures the platform topics first: that creates their `.dlq` topics, which
 * the subscription needs to exist.
 */
export async function subscribeDeadLetters(bus: MessageBus, ctx: MappingContext, options: { groupId: string }): Promise<Subscription> {
  const sources = deadLetterSourceTopics();
  await bus.ensureTopics(sources);
  return bus.subscribeRaw({
    groupId: options.groupId,
    topics: sources.map((t) => dlqTopicName(t.name)),
    handler: deadLetterHandler(ctx),
    handlerName: DEAD_LETTERS_CONSUMER,
    fromBeginning: true,
  });
}
