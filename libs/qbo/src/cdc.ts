/**
 * Change Data Capture with window splitting. QBO's `/cdc?changedSince=` returns at most
 * 1000 objects and has no upper bound; results are grouped by entity and ordered by
 * LastUpdatedTime, oldest first. So a response that hits the cap is a complete prefix:
 * every change older than its newest object T (per capped entity) is in it. `readCdc`
 * covers the window [since, now) by halving: a sub-window [start, end) is complete when
 * the read at `start` is under the cap, or when it is capped but T > end; otherwise the
 * window is split, the right half re-read from its own start, and everything is merged
 * and deduplicated on (entity, Id, SyncToken). Reads at the same `changedSince` are made
 * once. Look-backs beyond 30 days are refused before anything is sent.
 */
import { QboCdcLookbackError, QboError } from './errors';

export interface CdcChange {
  entity: string;
  id: string;
  /** Absent on deleted stubs. */
  syncToken: string | undefined;
  deleted: boolean;
  /** MetaData.LastUpdatedTime as epoch ms, when present. */
  lastUpdated: number | undefined;
  data: Record<string, unknown>;
}

export interface CdcPage {
  /** Objects per entity, in response order. */
  entities: Map<string, Record<string, unknown>[]>;
  /** The response's `time`, epoch ms. */
  serverTime: number | undefined;
}

export interface CdcOptions {
  /** Objects per response at which QBO truncates. Default 1000. */
  maxObjects?: number;
  /** Longest look-back QBO serves, in days. Default 30. */
  maxLookBackDays?: number;
  /** Each re-read starts this much before its half, so boundary ties are never lost. Default 1000 ms. */
  overlapMs?: number;
  /** Windows narrower than this are not split further (error). Default 2000 ms. */
  minWindowMs?: number;
  now?: () => number;
}

export interface CdcResult {
  changes: CdcChange[];
  /** Server time of the first read: the next `changedSince` watermark. */
  asOf: Date;
  /** Number of /cdc requests made. */
  reads: number;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

const QUERY_RESPONSE_META = new Set(['startPosition', 'maxResults', 'totalCount']);

/** Parses a `/cdc` body: `{"CDCResponse":[{"QueryResponse":[{"Customer":[…]},…]}],"time":…}`. */
export function parseCdcResponse(body: unknown): CdcPage {
  const entities = new Map<string, Record<string, unknown>[]>();
  const root = asRecord(body);
  const responses = Array.isArray(root?.CDCResponse) ? (root.CDCResponse as unknown[]) : [];
  for (const response of responses) {
    const qrs = asRecord(response)?.QueryResponse;
    for (const qr of Array.isArray(qrs) ? qrs : qrs === undefined ? [] : [qrs]) {
      const rec = asRecord(qr);
      if (!rec) continue;
      for (const [key, value] of Object.entries(rec)) {
        if (QUERY_RESPONSE_META.has(key) || !Array.isArray(value)) continue;
        const list = entities.get(key) ?? [];
        for (const item of value) {
          const obj = asRecord(item);
          if (obj) list.push(obj);
        }
        entities.set(key, list);
      }
    }
  }
  const time = root?.time;
  const serverTime = typeof time === 'string' ? Date.parse(time) : typeof time === 'number' ? time : undefined;
  return { entities, serverTime: serverTime !== undefined && !Number.isNaN(serverTime) ? serverTime : undefined };
}

function lastUpdated(obj: Record<string, unknown>): number | undefined {
  const meta = asRecord(obj.MetaData);
  const raw = meta?.LastUpdatedTime;
  if (typeof raw !== 'string') return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : t;
}

function toChange(entity: string, obj: Record<string, unknown>): CdcChange | undefined {
  const id = obj.Id;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  const syncToken = obj.SyncToken;
  return {
    entity,
    id: String(id),
    syncToken: typeof syncToken === 'string' || typeof syncToken === 'number' ? String(syncToken) : undefined,
    deleted: obj.status === 'Deleted',
    lastUpdated: lastUpdated(obj),
    data: obj,
  };
}

/** Newest time through which a capped page is known complete; undefined when not capped. */
export function completeThrough(page: CdcPage, maxObjects: number): number | undefined {
  const groups = [...page.entities.entries()];
  const total = groups.reduce((n, [, list]) => n + list.length, 0);
  let capped = groups.filter(([, list]) => list.length >= maxObjects);
  if (capped.length === 0 && total >= maxObjects) capped = groups.slice(-1); // the cut fell in the last group
  if (capped.length === 0) return undefined;
  let through = Infinity;
  for (const [, list] of capped) {
    const times = list.map(lastUpdated).filter((t): t is number => t !== undefined);
    through = Math.min(through, times.length === 0 ? -Infinity : Math.max(...times));
  }
  return through;
}

export function checkLookBack(changedSince: Date, options: CdcOptions = {}): void {
  const days = options.maxLookBackDays ?? 30;
  const now = (options.now ?? Date.now)();
  if (now - changedSince.getTime() > days * 86_400_000) throw new QboCdcLookbackError(changedSince, days);
}

/**
 * Reads every change since `changedSince`, splitting windows that hit the cap. `fetchPage`
 * performs one `/cdc` call for a given changedSince (epoch ms).
 */
export async function readCdc(changedSince: Date, fetchPage: (changedSinceMs: number) => Promise<CdcPage>, options: CdcOptions = {}): Promise<CdcResult> {
  checkLookBack(changedSince, options);
  const maxObjects = options.maxObjects ?? 1000;
  const overlapMs = options.overlapMs ?? 1000;
  const minWindowMs = Math.max(options.minWindowMs ?? 2000, 2 * overlapMs + 1);
  const now = options.now ?? Date.now;
  const pages = new Map<number, Promise<CdcPage>>();
  const read = (at: number): Promise<CdcPage> => {
    let page = pages.get(at);
    if (!page) {
      page = fetchPage(at);
      pages.set(at, page);
    }
    return page;
  };
  const merged = new Map<string, CdcChange>();
  const collect = (page: CdcPage): void => {
    for (const [entity, list] of page.entities) {
      for (const obj of list) {
        const change = toChange(entity, obj);
        if (!change) continue;
        const key = `${entity}\u0000${change.id}\u0000${change.deleted ? 'deleted' : (change.syncToken ?? '')}`;
        if (!merged.has(key)) merged.set(key, change);
      }
    }
  };

  const since = changedSince.getTime();
  const first = await read(since);
  const horizon = Math.max(first.serverTime ?? 0, now());

  const cover = async (start: number, end: number): Promise<void> => {
    const page = await read(start);
    const through = completeThrough(page, maxObjects);
    if (through === undefined || (end !== Infinity && through > end)) {
      collect(page);
      return;
    }
    const upper = end === Infinity ? horizon : end;
    if (upper - start < minWindowMs) {
      throw new QboError(
        'qbo_cdc_window_unsplittable',
        `CDC: more than ${maxObjects} changes between ${new Date(start).toISOString()} and ${new Date(upper).toISOString()}; the window cannot be split further`,
        { retriable: false, details: { start: new Date(start).toISOString(), end: new Date(upper).toISOString(), maxObjects } },
      );
    }
    const mid = start + Math.floor((upper - start) / 2);
    collect(page); // what it holds is real; the halves fill what it cut
    await cover(start, mid);
    await cover(mid - overlapMs, end);
  };

  await cover(since, Infinity);
  const changes = [...merged.values()].sort(
    (a, b) => (a.lastUpdated ?? 0) - (b.lastUpdated ?? 0) || a.entity.localeCompare(b.entity) || a.id.localeCompare(b.id),
  );
  return { changes, asOf: new Date(first.serverTime ?? horizon), reads: pages.size };
}
