import { ConflictError, NotFoundError } from '@ledgerbus/kit';
import { createEvent, syncEvents } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import type { MappingContext } from '../context';
import { EVENT_SOURCE } from '../context';
import type { Actor } from '../db/audit.repository';
import { auditRepository } from '../db/audit.repository';
import type { SyncLogEntry } from '../db/sync-log.repository';
import { syncLogRepository } from '../db/sync-log.repository';
import type { Outcome } from '../domain/sync-log';

/**
 * The outcomes an admin may retry: a failure, a record a filter skipped (e.g. after the
 * sync-after date was moved) and a held record (push it now rather than wait).
 */
export const RETRIABLE_OUTCOMES: ReadonlySet<Outcome> = new Set<Outcome>(['failed', 'skipped', 'held']);

/**
 * "Retry" on a failed, skipped or held sync-log line: publishes the `sync.retry_requested`
 * command on `sync.events.v1` (through the outbox) for the service that owns the record;
 * `failedType` is the line's type (`invoice.push_failed`, `invoice.skipped`, `payment.held` …).
 */
export async function requestRetry(ctx: MappingContext, input: { tenantId: string; entryId: string; actor: Actor }): Promise<SyncLogEntry> {
  return ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    const entry = await syncLogRepository.get(trx, input.tenantId, input.entryId, { forUpdate: true });
    if (entry === undefined) throw new NotFoundError(`sync-log entry ${input.entryId} not found`);
    if (!RETRIABLE_OUTCOMES.has(entry.outcome)) {
      throw new ConflictError('not_retriable', `sync-log entry ${entry.id} is "${entry.outcome}" (${entry.type}); only failed, skipped and held records can be retried`, {
        outcome: entry.outcome,
      });
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
    const entryData = typeof entry.data === 'object' && entry.data !== null ? (entry.data as Record<string, unknown>) : {};
    const divisionId = typeof entryData.divisionId === 'string' && entryData.divisionId.length > 0 ? entryData.divisionId : undefined;
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
            ...(divisionId === undefined ? {} : { divisionId }),
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
