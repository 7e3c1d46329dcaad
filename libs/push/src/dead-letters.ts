import type { MessageBus } from '@ledgerbus/bus';
import { DLQ_HEADERS } from '@ledgerbus/bus';
import { dlqTopicName } from '@ledgerbus/contracts';
import type { Logger } from '@ledgerbus/kit';
import type { DeadLetter } from './outcome-plan';

export interface DeadLetterOptions {
  bus: MessageBus;
  /** The platform topic of the records: its `<topic>.dlq` takes them. */
  sourceTopic: string;
  /** The field of the record id in the dead letter's value ("invoiceId"). */
  recordIdField: string;
  /** The service that gave up (`dlq_handler`). */
  service: string;
  logger: Logger;
}

/**
 * Records that failed for good go to `<source topic>.dlq` with the bus's `dlq_*` headers and
 * the original event's id (`ce_id`); the value is the push job (tenant, record id, op, version,
 * payload). Best effort: the failure is already recorded in `push_jobs` and on `sync.events.v1`,
 * and an admin retries it from the sync log.
 */
export function createDeadLetters(options: DeadLetterOptions): (deadLetters: readonly DeadLetter[], at: string) => Promise<void> {
  const { bus, sourceTopic, recordIdField, service, logger } = options;
  return async (deadLetters, at) => {
    if (deadLetters.length === 0) return;
    try {
      await bus.publishRaw(
        dlqTopicName(sourceTopic),
        deadLetters.map((d) => ({
          key: d.job.tenantId,
          value: Buffer.from(JSON.stringify({ tenantId: d.job.tenantId, [recordIdField]: d.job.recordId, op: d.job.op, version: d.job.version, payload: d.job.payload })),
          headers: {
            [DLQ_HEADERS.errorCode]: d.code,
            [DLQ_HEADERS.errorMessage]: d.message.slice(0, 4000),
            [DLQ_HEADERS.sourceTopic]: sourceTopic,
            [DLQ_HEADERS.handler]: service,
            [DLQ_HEADERS.attempts]: String(d.job.attempts),
            [DLQ_HEADERS.failedAt]: at,
            ce_id: d.job.eventId,
          },
        })),
      );
    } catch (err) {
      logger.warn({ err }, 'dead letters not published (the failures are recorded and on sync.events)');
    }
  };
}
