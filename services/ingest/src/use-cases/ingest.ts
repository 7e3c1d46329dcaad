/**
 * Takes a request's records: checks each against its contract, gives each a version, publishes
 * the valid ones on their topic and waits for the acknowledgement, then records them as
 * accepted. The answer names every record: accepted (with version and status URL) or rejected
 * (with index, field and code); none valid is a 422 with the same list.
 */
import type { OutgoingMessage } from '@ledgerbus/bus';
import { createEvent } from '@ledgerbus/contracts';
import { LedgerbusError, UnavailableError } from '@ledgerbus/kit';
import type { IngestContext } from '../context';
import { EVENT_SOURCE } from '../context';
import type { AcceptedRecord } from '../db/records.repository';
import type { EntityName, Operation } from '../domain/entities';
import { ENTITIES } from '../domain/entities';
import type { RejectedRecord, ValidRecord } from '../domain/records';
import { parseRecords } from '../domain/records';

export interface AcceptedAnswer {
  index: number;
  platformId: string;
  version: number;
  status: 'accepted';
  statusUrl: string;
}

export interface IngestAnswerBody {
  accepted: AcceptedAnswer[];
  rejected: RejectedRecord[];
}

/** What the route sends: 202 with both lists, or 422 when no record is valid. */
export type IngestAnswer =
  | { statusCode: 202; body: IngestAnswerBody }
  | { statusCode: 422; body: { error: { code: string; message: string; details: { rejected: RejectedRecord[] } } } };

export interface IngestInput {
  tenantId: string;
  entity: EntityName;
  operation: Operation;
  /** The records as sent (one, or the items of `records`). */
  raw: readonly unknown[];
}

export function statusUrlOf(tenantId: string, entity: EntityName, platformId: string): string {
  return `/v1/tenants/${encodeURIComponent(tenantId)}/records/${entity}/${encodeURIComponent(platformId)}`;
}

const byIndex = <T extends { index: number }>(a: T, b: T): number => a.index - b.index;

export async function ingestRecords(ctx: IngestContext, input: IngestInput): Promise<IngestAnswer> {
  const { tenantId, entity } = input;
  const spec = ENTITIES[entity];
  const { records, rejected } = parseRecords(spec, input.operation, tenantId, input.raw);

  const versions = records.length === 0 ? [] : await ctx.versions.allocate({ tenantId, entity, requests: records.map((r) => ({ platformId: r.platformId, clientVersion: r.clientVersion })) });
  const ready: Array<{ record: ValidRecord; version: number }> = [];
  records.forEach((record, i) => {
    const answer = versions[i]!;
    if ('superseded' in answer) {
      rejected.push({
        index: record.index,
        field: 'version',
        code: 'version_superseded',
        message: `version ${record.clientVersion} is below version ${answer.superseded}, already accepted for ${spec.singular} ${record.platformId}; send a higher version or leave it out`,
      });
    } else {
      ready.push({ record, version: answer.version });
    }
  });
  rejected.sort(byIndex);
  ctx.metrics.records(entity, 'rejected', new Set(rejected.map((r) => r.index)).size);

  if (ready.length === 0) {
    ctx.logger.info({ tenantId, entity, rejected: rejected.length }, 'ingest: no valid record');
    return {
      statusCode: 422,
      body: { error: { code: 'records_rejected', message: `no ${spec.singular} of the request is valid: see details.rejected`, details: { rejected } } },
    };
  }

  const messages: OutgoingMessage[] = ready.map(({ record, version }) => ({
    // Keyed by tenant like every platform topic: a tenant's records keep their order.
    key: tenantId,
    event: createEvent({ type: record.eventType, source: EVENT_SOURCE, subject: record.platformId, tenantid: tenantId, data: { ...record.data, version } }),
  }));
  const started = performance.now();
  try {
    await ctx.publisher.publish(ctx.topics[entity], messages);
  } catch (err) {
    if (err instanceof LedgerbusError && err.statusCode < 500) throw err;
    ctx.logger.warn({ tenantId, entity, records: messages.length, err }, 'ingest: records not acknowledged by the bus');
    throw new UnavailableError('bus_unavailable', 'the records could not be made durable; send them again', err);
  }
  ctx.metrics.publishSeconds(entity, (performance.now() - started) / 1000);

  const accepted: AcceptedRecord[] = ready.map(({ record, version }) => ({ platformId: record.platformId, version, eventType: record.eventType, divisionId: record.divisionId }));
  await ctx.versions.markAccepted({ tenantId, entity, accepted, at: ctx.clock() });
  ctx.metrics.records(entity, 'accepted', ready.length);
  ctx.logger.info({ tenantId, entity, operation: input.operation, accepted: ready.length, rejected: rejected.length }, 'ingest: records accepted');

  return {
    statusCode: 202,
    body: {
      accepted: ready
        .map(({ record, version }) => ({ index: record.index, platformId: record.platformId, version, status: 'accepted' as const, statusUrl: statusUrlOf(tenantId, entity, record.platformId) }))
        .sort(byIndex),
      rejected,
    },
  };
}
