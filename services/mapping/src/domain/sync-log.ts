/** Reads any `sync.events.v1` event into one sync-log line (no I/O). */
export const OUTCOMES = ['succeeded', 'failed', 'skipped', 'held', 'requested', 'info'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface SyncLogLine {
  tenantId: string;
  /** The division the outcome is about (its `divisionId`), null for the tenant's own. */
  divisionId: string | null;
  type: string;
  entity: string;
  platformId: string | null;
  qboId: string | null;
  outcome: Outcome;
  reason: string | null;
  runId: string | null;
  phase: string | null;
}

const INFO_PREFIXES = ['sync.run_', 'sync.phase_', 'connection.', 'settings.', 'webhook.'];

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function outcomeOf(type: string): Outcome {
  if (type === 'sync.retry_requested' || type.endsWith('_requested')) return 'requested';
  if (/(^|[._])failed$/.test(type) || type.endsWith('_failed')) return 'failed';
  // A filter the admin chose (sync-after date, market segment): not pushed, and not a success either.
  if (type.endsWith('.skipped')) return 'skipped';
  // Not pushed yet: waits for a connection, settings, the feature, a dependency (`reason`).
  if (type.endsWith('.held')) return 'held';
  if (INFO_PREFIXES.some((p) => type.startsWith(p)) && !type.endsWith('_failed')) return 'info';
  return 'succeeded';
}

export function syncLogLine(type: string, tenantKey: string, dataIn: unknown): SyncLogLine {
  const data = asRecord(dataIn);
  const entity = type.split('.')[0] ?? type;
  const tenantId = str(data.tenantId) ?? tenantKey.split('/')[0] ?? tenantKey;
  const platformId =
    str(data.platformId) ?? str(data[`${entity}Id`]) ?? str(data.recordId) ?? str(asRecord(data.platform).id) ?? null;
  const qboId = str(data.qboId) ?? str(data.qboEntityId) ?? str(asRecord(data.qbo).id) ?? null;
  const error = data.error;
  // A skip's reason is the filter that skipped it (its message stays in `data`).
  const reason = str(data.reason) ?? str(data.filter) ?? str(error) ?? str(asRecord(error).message) ?? str(data.message) ?? null;
  return {
    tenantId,
    divisionId: str(data.divisionId),
    type,
    entity,
    platformId,
    qboId,
    outcome: outcomeOf(type),
    reason,
    runId: str(data.runId),
    phase: str(data.phase),
  };
}

/**
 * The outcomes that end a hold: a later event of these types for the same entity and platform
 * id means the record is no longer waiting (pushed, failed, voided or deleted, skipped by a
 * filter; `synced` / `sync_failed` for customers).
 */
const RELEASING_SUFFIXES = ['pushed', 'push_failed', 'voided', 'deleted', 'skipped', 'synced', 'sync_failed'];

export type HoldChange = { kind: 'hold'; entity: string; platformId: string; reason: string } | { kind: 'release'; entity: string; platformId: string };

/** What a sync-log line does to the record's held state: holds it, releases it, or nothing. */
export function holdChangeOf(line: SyncLogLine): HoldChange | undefined {
  if (line.platformId === null) return undefined;
  const suffix = line.type.slice(line.entity.length + 1);
  if (line.outcome === 'held') return { kind: 'hold', entity: line.entity, platformId: line.platformId, reason: line.reason ?? 'unknown' };
  if (RELEASING_SUFFIXES.includes(suffix)) return { kind: 'release', entity: line.entity, platformId: line.platformId };
  return undefined;
}
