/**
 * Record versions: one row per (tenant, entity, platform id). `assigned_version` is the highest
 * version handed out or sent by a client, so an assigned version is above every earlier one;
 * `accepted_version` moves only after the topic acknowledged the record. Versions of many
 * requests are allocated in one statement that locks the rows it reads (see `allocate`).
 */
import type { Knex } from 'knex';
import type { EntityName } from '../domain/entities';
import { groupCommit } from '../group-commit';

export interface VersionRequest {
  platformId: string;
  /** The client's version; undefined: assign the next one. */
  clientVersion: number | undefined;
}

/** A version for the record, or why its client version is refused. */
export type VersionAnswer = { version: number } | { superseded: number };

/** The version requests of one HTTP request, in the order of its records. */
export interface AllocationRequest {
  tenantId: string;
  entity: EntityName;
  requests: readonly VersionRequest[];
}

export interface AcceptedRecord {
  platformId: string;
  version: number;
  eventType: string;
  divisionId: string | undefined;
}

/** The records of one HTTP request that are durable on their topic. */
export interface AcceptedBatch {
  tenantId: string;
  entity: EntityName;
  accepted: readonly AcceptedRecord[];
  at: Date;
}

export interface StoredRecord {
  platformId: string;
  acceptedVersion: number | null;
  acceptedType: string | null;
  divisionId: string | null;
  acceptedAt: Date | null;
}

/** Deadlocks and serialization failures between two writers of the same records: run again. */
const RETRIED_SQLSTATES = new Set(['40P01', '40001']);

const asNumber = (value: string | number | null): number | null => (value === null ? null : Number(value));
const keyOf = (tenantId: string, entity: string, platformId: string): string => `${tenantId}\u0000${entity}\u0000${platformId}`;

/**
 * The version rule, one record at a time in request order: a client version is kept unless it is
 * below the accepted one (`superseded`, and it changes nothing); a missing one is the highest
 * version so far plus one. Returns the answers and the record's highest version after them.
 */
export function assignInOrder(
  state: { assigned: number; accepted: number | null },
  requests: ReadonlyArray<number | undefined>,
): { answers: VersionAnswer[]; assigned: number } {
  let assigned = state.assigned;
  const answers = requests.map((clientVersion): VersionAnswer => {
    if (clientVersion === undefined) return { version: (assigned += 1) };
    if (state.accepted !== null && clientVersion < state.accepted) return { superseded: state.accepted };
    assigned = Math.max(assigned, clientVersion);
    return { version: clientVersion };
  });
  return { answers, assigned };
}

/**
 * What one record's requests do to its highest version, as SQL can apply it without knowing it:
 * with n missing versions in all and c_j the client versions (each after n_j missing ones), the
 * new highest version is n + max(old, max_j(c_j - n_j)) — the sequential rule above, since
 * "+1" and "max" commute. A superseded c_j is below the accepted version, itself at most the old
 * highest, so it changes nothing here either.
 */
function effectOf(requests: ReadonlyArray<number | undefined>): { nulls: number; floor: number | null } {
  let nulls = 0;
  let floor: number | null = null;
  for (const clientVersion of requests) {
    if (clientVersion === undefined) nulls += 1;
    else floor = Math.max(floor ?? Number.NEGATIVE_INFINITY, clientVersion - nulls);
  }
  return { nulls, floor };
}

interface AllocatedRow {
  tenant_id: string;
  entity: string;
  platform_id: string;
  old_assigned: string | number;
  accepted: string | number | null;
}

export const recordsRepository = {
  /**
   * Versions for every request, in one statement (autocommit): new records are inserted with
   * their final highest version, existing ones are locked (`for update`, in key order) and moved
   * on; the statement returns each record's highest version before it, from which every answer is
   * derived in request order. A record that another writer inserted during the statement is not
   * seen by it: its requests run again.
   */
  async allocate(knex: Knex, batch: readonly AllocationRequest[]): Promise<VersionAnswer[][]> {
    const perKey = new Map<string, { tenantId: string; entity: string; platformId: string; versions: Array<number | undefined> }>();
    for (const request of batch) {
      for (const r of request.requests) {
        const key = keyOf(request.tenantId, request.entity, r.platformId);
        let entry = perKey.get(key);
        if (entry === undefined) perKey.set(key, (entry = { tenantId: request.tenantId, entity: request.entity, platformId: r.platformId, versions: [] }));
        entry.versions.push(r.clientVersion);
      }
    }
    const before = new Map<string, { assigned: number; accepted: number | null }>();
    let missing = [...perKey.keys()].sort();
    for (let attempt = 1; missing.length > 0; attempt++) {
      const rows = missing.map((key) => {
        const e = perKey.get(key)!;
        const { nulls, floor } = effectOf(e.versions);
        return { tenant_id: e.tenantId, entity: e.entity, platform_id: e.platformId, nulls, floor };
      });
      let result: AllocatedRow[];
      try {
        ({ rows: result } = await knex.raw<{ rows: AllocatedRow[] }>(
          `with input as (
             select * from jsonb_to_recordset(?::jsonb) as v(tenant_id text, entity text, platform_id text, nulls bigint, floor bigint)
           ),
           inserted as (
             insert into records (tenant_id, entity, platform_id, assigned_version)
             select tenant_id, entity, platform_id, greatest(0, coalesce(floor, 0)) + nulls from input
             order by tenant_id, entity, platform_id
             on conflict do nothing
             returning tenant_id, entity, platform_id, 0::bigint as old_assigned, null::bigint as accepted
           ),
           locked as (
             select r.tenant_id, r.entity, r.platform_id, r.assigned_version, r.accepted_version
             from records r join input i on i.tenant_id = r.tenant_id and i.entity = r.entity and i.platform_id = r.platform_id
             order by r.tenant_id, r.entity, r.platform_id
             for update of r
           ),
           updated as (
             update records r set assigned_version = greatest(l.assigned_version, coalesce(i.floor, l.assigned_version)) + i.nulls
             from locked l join input i on i.tenant_id = l.tenant_id and i.entity = l.entity and i.platform_id = l.platform_id
             where r.tenant_id = l.tenant_id and r.entity = l.entity and r.platform_id = l.platform_id
             returning r.tenant_id, r.entity, r.platform_id, l.assigned_version as old_assigned, l.accepted_version as accepted
           )
           select * from inserted union all select * from updated`,
          [JSON.stringify(rows)],
        ));
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (attempt >= 5 || typeof code !== 'string' || !RETRIED_SQLSTATES.has(code)) throw err;
        continue;
      }
      for (const row of result) before.set(keyOf(row.tenant_id, row.entity, row.platform_id), { assigned: Number(row.old_assigned), accepted: asNumber(row.accepted) });
      missing = missing.filter((key) => !before.has(key));
      if (missing.length > 0 && attempt >= 5) throw new Error(`could not allocate versions for ${missing.length} record(s) after ${attempt} attempts`);
    }
    // Each record's requests, in the order they were handed in, take their versions from its state before.
    const answersByKey = new Map<string, VersionAnswer[]>();
    for (const [key, entry] of perKey) answersByKey.set(key, assignInOrder(before.get(key)!, entry.versions).answers);
    return batch.map((request) => request.requests.map((r) => answersByKey.get(keyOf(request.tenantId, request.entity, r.platformId))!.shift()!));
  },

  /**
   * The records are on their topic: each record's accepted version becomes the highest of the
   * old one and these (and its operation the one of that version), in one statement.
   */
  async markAccepted(knex: Knex, batches: readonly AcceptedBatch[]): Promise<void> {
    // One row per record: the highest version, the last handed in at that version.
    const newest = new Map<string, { tenant_id: string; entity: string; platform_id: string; version: number; type: string; division_id: string | null; at: string }>();
    for (const batch of batches) {
      for (const r of batch.accepted) {
        const key = keyOf(batch.tenantId, batch.entity, r.platformId);
        const prev = newest.get(key);
        if (prev === undefined || r.version >= prev.version) {
          newest.set(key, { tenant_id: batch.tenantId, entity: batch.entity, platform_id: r.platformId, version: r.version, type: r.eventType, division_id: r.divisionId ?? null, at: batch.at.toISOString() });
        }
      }
    }
    if (newest.size === 0) return;
    await knex.raw(
      `update records r set accepted_version = v.version, accepted_type = v.type, division_id = v.division_id, accepted_at = v.at
       from jsonb_to_recordset(?::jsonb) as v(tenant_id text, entity text, platform_id text, version bigint, type text, division_id text, at timestamptz)
       where r.tenant_id = v.tenant_id and r.entity = v.entity and r.platform_id = v.platform_id
         and (r.accepted_version is null or r.accepted_version <= v.version)`,
      [JSON.stringify([...newest.values()])],
    );
  },

  async find(knex: Knex, tenantId: string, entity: EntityName, platformId: string): Promise<StoredRecord | undefined> {
    const row = await knex('records')
      .where({ tenant_id: tenantId, entity, platform_id: platformId })
      .whereNotNull('accepted_version')
      .first<{ platform_id: string; accepted_version: string | number; accepted_type: string | null; division_id: string | null; accepted_at: Date | string | null } | undefined>();
    if (row === undefined) return undefined;
    return {
      platformId: row.platform_id,
      acceptedVersion: asNumber(row.accepted_version),
      acceptedType: row.accepted_type,
      divisionId: row.division_id,
      acceptedAt: row.accepted_at === null ? null : new Date(row.accepted_at),
    };
  },
};

export interface RecordVersions {
  /** Versions for one request's records (shares a statement with the requests that arrive meanwhile). */
  allocate(request: AllocationRequest): Promise<VersionAnswer[]>;
  /** Marks one request's records accepted (shares a statement likewise). */
  markAccepted(batch: AcceptedBatch): Promise<void>;
}

/** The repository behind group commit: concurrent requests share one statement each way. */
export function createRecordVersions(knex: Knex, options: { maxRecords?: number } = {}): RecordVersions {
  const maxWeight = options.maxRecords ?? 5000;
  return {
    allocate: groupCommit<AllocationRequest, VersionAnswer[]>((batch) => recordsRepository.allocate(knex, batch), { maxWeight, weight: (r) => r.requests.length }),
    markAccepted: groupCommit<AcceptedBatch, void>(
      async (batches) => {
        await recordsRepository.markAccepted(knex, batches);
        return batches.map(() => undefined);
      },
      { maxWeight, weight: (b) => b.accepted.length },
    ),
  };
}
