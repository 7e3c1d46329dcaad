/** Reads any `sync.events.v1` event into one sync-log line (no I/O). */
export type Outcome = 'succeeded' | 'failed' | 'requested' | 'info';

export interface SyncLogLine {
  tenantId: string;
  type: string;
  entity: string;
  platformId: string | null;
  qboId: string | null;
  outcome: Outcome;
  reason: string | null;
  runId: string | null;
  phase: string | null;
}

const INFO_PREFIXES = ['sync.run_', 'sync.phase_', 'connection.', 'settings.'];

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
  const reason = str(data.reason) ?? str(error) ?? str(asRecord(error).message) ?? str(data.message) ?? null;
  return {
    tenantId,
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
