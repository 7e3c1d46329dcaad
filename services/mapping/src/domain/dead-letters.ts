import { DLQ_HEADERS } from '@ledgerbus/bus';
import type { RawRecord } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { dlqTopicName, tenantId as tenantIdSchema, tenantKey, topicRegistry } from '@ledgerbus/contracts';

/** pending: as it died; replayed: republished to its source topic by an admin (who, when). */
export const DEAD_LETTER_STATUSES = ['pending', 'replayed'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

/** The platform's input topics (`platform.*` in the registry): their dead letters are what an admin can see and replay. */
export function deadLetterSourceTopics(registry: readonly TopicDefinition[] = topicRegistry): TopicDefinition[] {
  return registry.filter((t) => t.name.startsWith('platform.'));
}

/** `platform.invoices.v1.dlq` → `platform.invoices.v1`. */
export function sourceTopicOf(dlqTopic: string): string {
  const suffix = dlqTopicName('');
  return dlqTopic.endsWith(suffix) ? dlqTopic.slice(0, -suffix.length) : dlqTopic;
}

/** Whose dead letter it is; `tenantId` null when it cannot be told (then only ops see it, in the table). */
export type DeadLetterOwner = { tenantId: string; divisionId: string | null } | { tenantId: null; why: string };

// A tenant id with a control character (a NUL above all) cannot be stored as text nor be a signed-in tenant.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function fromKey(key: string | null): { tenantId: string; divisionId: string | null } | undefined {
  if (key === null || CONTROL.test(key) || !tenantKey.safeParse(key).success) return undefined;
  const [tenantId, divisionId] = key.split('/');
  return { tenantId: tenantId!, divisionId: divisionId ?? null };
}

function fromPayload(value: Buffer | null): { tenantId: string; divisionId: string | null } | undefined {
  if (value === null || value.length === 0) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { tenantId, divisionId } = data as { tenantId?: unknown; divisionId?: unknown };
  if (typeof tenantId !== 'string' || CONTROL.test(tenantId) || !tenantIdSchema.safeParse(tenantId).success) return undefined;
  return { tenantId, divisionId: typeof divisionId === 'string' && divisionId.length > 0 && !CONTROL.test(divisionId) ? divisionId : null };
}

/**
 * The tenant of a dead letter: the message key ("tenant" or "tenant/division", how every
 * platform topic is keyed), else the payload's `tenantId`. When both name a tenant and
 * they differ (a `key_mismatch`), neither is trusted: showing it to either tenant could
 * show one tenant another's record, so it has no tenant and only ops see it.
 */
export function ownerOfDeadLetter(key: string | null, value: Buffer | null): DeadLetterOwner {
  const byKey = fromKey(key);
  const byPayload = fromPayload(value);
  if (byKey !== undefined && byPayload !== undefined && byKey.tenantId !== byPayload.tenantId) {
    return { tenantId: null, why: 'the key and the payload name different tenants' };
  }
  if (byKey !== undefined) return { tenantId: byKey.tenantId, divisionId: byKey.divisionId ?? byPayload?.divisionId ?? null };
  if (byPayload !== undefined) return byPayload;
  return { tenantId: null, why: 'neither a tenant key nor a payload tenantId' };
}

/** The CloudEvents binary-mode headers a consumer needs to parse a message again. */
const REQUIRED_CE_HEADERS = ['ce_specversion', 'ce_id', 'ce_source', 'ce_type'] as const;

/**
 * Why republishing a dead letter would not help, or null when it can be replayed. A dead
 * letter without the CloudEvents headers would be dead-lettered again by the consumer
 * (`undecodable_message`); the push workers' own dead letters are such: their value is the
 * push job, not the platform's event, and the failed push is retried from the sync log.
 */
export function notReplayableReason(headers: Record<string, string>): string | null {
  const missing = REQUIRED_CE_HEADERS.filter((h) => headers[h] === undefined);
  if (missing.length === 0) return null;
  return `not a CloudEvent (no ${missing.join(', ')}): the consumer would dead-letter it again; a failed push is retried from the sync log (POST …/sync-log/{id}/retry)`;
}

const DLQ_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(DLQ_HEADERS));

/** The headers the message had on its source topic: its own (the ce_* among them), without what dead-lettering added. */
export function originalHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !DLQ_HEADER_NAMES.has(name)));
}

/** A dead letter as the consumer stores it. */
export interface NewDeadLetter {
  dlqTopic: string;
  dlqPartition: number;
  dlqOffset: string;
  tenantId: string | null;
  divisionId: string | null;
  sourceTopic: string;
  sourcePartition: number | null;
  sourceOffset: string | null;
  eventId: string | null;
  eventType: string | null;
  code: string;
  message: string;
  handler: string | null;
  attempts: number | null;
  failedAt: Date;
  receivedAt: Date;
  key: string | null;
  value: Buffer | null;
  /** Every header of the DLQ record (the original ones and the dlq_* diagnostics). */
  headers: Record<string, string>;
  notReplayableReason: string | null;
}

/** Text headers to text columns: PostgreSQL text refuses NUL, and a header is whatever the producer sent. */
function text(value: string | undefined, max: number): string | null {
  if (value === undefined) return null;
  // eslint-disable-next-line no-control-regex
  return value.replace(/\u0000/g, '\uFFFD').slice(0, max);
}

function integer(value: string | undefined, digits: number): string | null {
  return value !== undefined && new RegExp(`^[0-9]{1,${digits}}$`).test(value) ? value : null;
}

/**
 * A DLQ record → what is stored. The source topic is the DLQ's own name without `.dlq`,
 * never the `dlq_source_topic` header: a replay publishes there, and a header (which anyone
 * who can write to the DLQ sets) must not choose the topic an admin's replay writes to.
 */
export function deadLetterOf(record: RawRecord, receivedAt: Date): { deadLetter: NewDeadLetter; owner: DeadLetterOwner } {
  const h = record.headers;
  const owner = ownerOfDeadLetter(record.key, record.value);
  const failedAtHeader = h[DLQ_HEADERS.failedAt];
  const failedAt = failedAtHeader === undefined ? undefined : new Date(failedAtHeader);
  const attempts = integer(h[DLQ_HEADERS.attempts], 9);
  const sourcePartition = integer(h[DLQ_HEADERS.sourcePartition], 9);
  return {
    owner,
    deadLetter: {
      dlqTopic: record.topic,
      dlqPartition: record.partition,
      dlqOffset: record.offset,
      tenantId: owner.tenantId,
      divisionId: owner.tenantId === null ? null : owner.divisionId,
      sourceTopic: sourceTopicOf(record.topic),
      sourcePartition: sourcePartition === null ? null : Number(sourcePartition),
      sourceOffset: integer(h[DLQ_HEADERS.sourceOffset], 18),
      eventId: text(h.ce_id, 500),
      eventType: text(h.ce_type, 200),
      code: text(h[DLQ_HEADERS.errorCode], 200) ?? 'unknown',
      message: text(h[DLQ_HEADERS.errorMessage], 4000) ?? '',
      handler: text(h[DLQ_HEADERS.handler], 200),
      attempts: attempts === null ? null : Number(attempts),
      failedAt: failedAt !== undefined && !Number.isNaN(failedAt.getTime()) ? failedAt : receivedAt,
      receivedAt,
      key: record.key,
      value: record.value,
      headers: { ...h },
      notReplayableReason: notReplayableReason(h),
    },
  };
}
