import { ConflictError, NotFoundError } from '@ledgerbus/kit';
import { createEvent, syncEvents } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import type { MappingContext } from '../context';
import { EVENT_SOURCE } from '../context';
import type { Actor } from '../db/audit.repository';
import { auditRepository } from '../db/audit.repository';
import type { SyncLogEntry } from '../db/sync-log.repository';
import { syncLogRepository } from '../db/sync-log.repository';

/**
 * "Retry" on a failed sync-log line: publishes the `sync.retry_requested` command on
 * `sync.events.v1` (through the outbox) for the service that owns the record.
 */
export async function requestRetry(ctx: MappingContext, input: { tenantId: string; entryId: string; actor: Actor }): Promise<SyncLogEntry> {
  return ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    const entry = await syncLogRepository.get(trx, input.tenantId, input.entryId, { forUpdate: true });
    if (entry === undefined) throw new NotFoundError(`sync-log entry ${input.entryId} not found`);
    if (entry.outcome !== 'failed') {
      throw new ConflictError('not_retriable', `sync-log entry ${entry.id} is "${entry.outcome}" (${entry.type}); only failed records can be retried`, { outcome: entry.outcome });
    }
    await syncLogRepository.markRetryRequested(trx, entry.id, input.actor.sub, now);
    await auditRepository.record(trx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'sync.retry_requested',
      resource: 'sync-log',
      before: { entryId: entry.id, retryRequestedAt: entry.retryRequestedAt?.toISOString() ?? null },
      after: { entryId: entry.id, retryRequestedAt: now.toISOString() },
      at: now,
    });
    await outbox.enqueue(trx, syncEvents, [
      {
        key: input.tenantId,
        event: createEvent({
          type: 'sync.retry_requested',
          source: EVENT_SOURCE,
          tenantid: input.tenantId,
          subject: entry.platformId === null ? entry.entity : `${entry.entity}/${entry.platformId}`,
          time: now,
          causationid: entry.eventId,
          data: {
            tenantId: input.tenantId,
            entryId: entry.id,
            failedEventId: entry.eventId,
            failedType: entry.type,
            entity: entry.entity,
            ...(entry.platformId === null ? {} : { platformId: entry.platformId }),
            ...(entry.qboId === null ? {} : { qboId: entry.qboId }),
            requestedBy: input.actor.sub,
            at: now.toISOString(),
          },
        }),
      },
    ]);
    return { ...entry, retryRequestedAt: now, retryRequestedBy: input.actor.sub };
  });
}
