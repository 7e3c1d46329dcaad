import type { IncomingMessage } from '@ledgerbus/bus';
import { inbox } from '@ledgerbus/db';
import type { MappingContext } from '../context';
import { heldRecordsRepository } from '../db/held-records.repository';
import { settingsAppliedRepository } from '../db/settings-applied.repository';
import { syncLogRepository } from '../db/sync-log.repository';
import { holdChangeOf, syncLogLine } from '../domain/sync-log';
import { onRunEvent } from '../use-cases/runs';

export const SYNC_EVENTS_CONSUMER = 'mapping.sync-log';

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

function countsOf(v: unknown): { succeeded: number; failed: number; skipped: number } | undefined {
  const c = asRecord(v);
  if (Object.keys(c).length === 0) return undefined;
  const n = (x: unknown) => (typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : 0);
  return { succeeded: n(c.succeeded), failed: n(c.failed), skipped: n(c.skipped) };
}

/**
 * Every `sync.events.v1` event, whatever its type, becomes one sync-log line (type,
 * tenant, platform id, QBO id, outcome, reason); `*.held` holds the record until a later
 * outcome of the same entity and platform id releases it; events with a run id build the
 * runs and their phases. `settings.applied` is not a sync-log line: it records the settings
 * version a worker applies (`appliedBy` of the settings API).
 */
export function syncEventHandler(ctx: MappingContext) {
  return async (message: IncomingMessage): Promise<void> => {
    const { event } = message;
    await inbox.once(ctx.knex, { consumer: SYNC_EVENTS_CONSUMER, eventId: event.id }, async (trx) => {
      const line = syncLogLine(event.type, message.key, event.data);
      const data = asRecord(event.data);
      if (event.type === 'settings.applied') {
        // Parsed by the topic's contract before the handler runs.
        const applied = event.data as { tenantId: string; divisionId?: string; service: string; version: number; at: string };
        await settingsAppliedRepository.record(trx, { tenantId: applied.tenantId, divisionId: applied.divisionId }, applied.service, applied.version, new Date(applied.at));
        return;
      }
      // The fact's own time when it carries one, else when the event was published.
      const at = typeof data.at === 'string' && !Number.isNaN(Date.parse(data.at)) ? new Date(data.at) : new Date(event.time);
      const id = await syncLogRepository.insert(trx, event.id, at, line, event.data);
      if (id === undefined) return;
      const hold = holdChangeOf(line);
      if (hold?.kind === 'hold') {
        const divisionId = typeof data.divisionId === 'string' ? data.divisionId : null;
        const version = typeof data.version === 'number' && Number.isInteger(data.version) ? data.version : null;
        await heldRecordsRepository.hold(trx, { tenantId: line.tenantId, divisionId, entity: hold.entity, platformId: hold.platformId, reason: hold.reason, version, at, entryId: id });
      } else if (hold?.kind === 'release') {
        await heldRecordsRepository.release(trx, line.tenantId, hold.entity, hold.platformId);
      }
      if (line.runId === null) return;
      // A sync run's owner answer or a record outcome moves the run on (runs of other services are only logged).
      await onRunEvent(ctx, trx, event.type, data, id, at);
      const counts = countsOf(data.counts);
      const error = typeof data.error === 'string' ? data.error : undefined;
      switch (event.type) {
        case 'sync.run_started':
          await syncLogRepository.touchRun(trx, line.tenantId, line.runId, { startedAt: at, status: 'running', ...(typeof data.kind === 'string' ? { kind: data.kind } : {}) });
          break;
        case 'sync.run_completed':
          await syncLogRepository.touchRun(trx, line.tenantId, line.runId, {
            endedAt: at,
            status: typeof data.status === 'string' ? data.status : 'succeeded',
            ...(counts === undefined ? {} : { counts }),
            ...(error === undefined ? {} : { error }),
          });
          break;
        case 'sync.phase_started':
          if (line.phase !== null) await syncLogRepository.touchPhase(trx, line.tenantId, line.runId, line.phase, { startedAt: at });
          break;
        case 'sync.phase_completed':
          if (line.phase !== null) {
            await syncLogRepository.touchPhase(trx, line.tenantId, line.runId, line.phase, {
              endedAt: at,
              ...(counts === undefined ? {} : { counts }),
              ...(error === undefined ? {} : { error }),
            });
          }
          break;
        default:
          if (line.outcome === 'succeeded' || line.outcome === 'failed' || line.outcome === 'skipped') {
            await syncLogRepository.countOutcome(trx, line.tenantId, line.runId, line.phase, line.outcome);
          }
      }
    });
  };
}
