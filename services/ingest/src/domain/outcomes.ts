/**
 * What a `sync.events.v1` event says about one platform record, as the status view keeps it.
 * Only outcomes of records sent to QBO count (`customer.synced` from QBO, runs, connections and
 * metrics are not about a platform record's push). No I/O here.
 */
import type { CloudEvent } from '@ledgerbus/contracts';
import type { EntityName } from './entities';
import { entityOfOutcome } from './entities';

export const SYNC_STATES = ['waiting', 'pushed', 'held', 'failed', 'skipped', 'voided', 'deleted'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export interface Outcome {
  tenantId: string;
  entity: EntityName;
  platformId: string;
  divisionId: string | null;
  state: Exclude<SyncState, 'waiting'>;
  /** The record version the outcome is for (null when the event does not say). */
  version: number | null;
  qboId: string | null;
  docNumber: string | null;
  action: string | null;
  reason: string | null;
  code: string | null;
  message: string | null;
  retriable: boolean | null;
  runId: string | null;
  eventType: string;
  eventId: string;
  at: Date;
}

/** The state each outcome suffix stands for. */
const STATE_OF: Record<string, Outcome['state']> = {
  pushed: 'pushed',
  synced: 'pushed',
  push_failed: 'failed',
  sync_failed: 'failed',
  held: 'held',
  skipped: 'skipped',
  voided: 'voided',
  deleted: 'deleted',
};

type Data = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

export function outcomeOf(event: CloudEvent): Outcome | undefined {
  const entity = entityOfOutcome(event.type);
  const state = STATE_OF[event.type.slice(event.type.indexOf('.') + 1)];
  const data = event.data as Data;
  if (entity === undefined || state === undefined || typeof data !== 'object' || data === null) return undefined;
  // Customers flow both ways: only outcomes of a platform record pushed to QBO are this record's sync state.
  if (entity === 'customers' && data.direction !== undefined && data.direction !== 'to_qbo') return undefined;
  const platformId = text(data.platformId);
  const tenantId = text(data.tenantId);
  if (platformId === null || tenantId === null) return undefined;
  return {
    tenantId,
    entity,
    platformId,
    divisionId: text(data.divisionId),
    state,
    version: typeof data.version === 'number' ? data.version : null,
    qboId: text(data.qboId),
    docNumber: text(data.docNumber),
    action: text(data.action),
    // A hold's reason, or the filter that skipped it.
    reason: text(data.reason) ?? text(data.filter),
    code: text(data.code),
    message: text(data.message),
    retriable: typeof data.retriable === 'boolean' ? data.retriable : null,
    runId: text(data.runId),
    eventType: event.type,
    eventId: event.id,
    at: new Date(text(data.at) ?? event.time),
  };
}

/** True when `a` is a later word on the record than `b`: a higher version, or the same one told later. */
export function supersedes(a: Outcome, b: Outcome): boolean {
  const va = a.version ?? -1;
  const vb = b.version ?? -1;
  return va > vb || (va === vb && a.at.getTime() >= b.at.getTime());
}
