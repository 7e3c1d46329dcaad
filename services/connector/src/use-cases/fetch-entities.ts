/**
 * Batched reads of full entities by id (one `select … where Id in (…)` per entity and chunk, 30 per
 * batch call), entity type by entity type: a type QBO refuses to query (unsupported, a bad name) is
 * reported in `failed` with its reason instead of failing the others. Errors worth retrying (throttling,
 * 5xx, network, auth) still throw, so the whole delivery is retried.
 */
import { LedgerbusError } from '@ledgerbus/kit';
import type { QboClient, QboEntity } from '@ledgerbus/qbo';
import { QueryBuilder } from '@ledgerbus/qbo';

const IDS_PER_QUERY = 100;
const QUERIES_PER_BATCH = 30;

export interface EntityReadFailure {
  /** Stable reason: `unsupported_entity` (QBO refused the query) or `invalid_entity` (not a QBO entity name). */
  reason: 'unsupported_entity' | 'invalid_entity';
  /** The error's code (`qbo_validation` …), never an entity body. */
  code: string;
  message: string;
}

export interface EntityReads {
  found: Map<string, Map<string, Record<string, unknown>>>;
  /** Entity types that could not be read at all. */
  failed: Map<string, EntityReadFailure>;
}

/** An error that says "this query will never work", as opposed to "try again" (throttled, 5xx, auth). */
function permanentQueryError(err: unknown): err is LedgerbusError {
  return err instanceof LedgerbusError && !err.retriable && err.code !== 'qbo_auth' && err.code !== 'reauthorization_required';
}

export async function readEntities(client: QboClient, wanted: ReadonlyMap<string, ReadonlySet<string>>): Promise<EntityReads> {
  const found = new Map<string, Map<string, Record<string, unknown>>>();
  const failed = new Map<string, EntityReadFailure>();
  const queries: Array<{ entity: string; query: QueryBuilder }> = [];
  for (const [entity, ids] of wanted) {
    const list = [...ids];
    try {
      for (let i = 0; i < list.length; i += IDS_PER_QUERY) {
        const chunk = list.slice(i, i + IDS_PER_QUERY);
        queries.push({ entity, query: new QueryBuilder(entity).whereIn('Id', chunk).maxResults(1000) });
      }
    } catch (err) {
      failed.set(entity, { reason: 'invalid_entity', code: err instanceof LedgerbusError ? err.code : 'invalid_entity', message: (err as Error).message.slice(0, 300) });
    }
  }
  for (let i = 0; i < queries.length; i += QUERIES_PER_BATCH) {
    const slice = queries.slice(i, i + QUERIES_PER_BATCH);
    const results = await client.batch(slice.map((q, n) => ({ bId: `q${n}`, query: q.query })));
    for (const result of results) {
      const index = Number(result.bId.slice(1));
      const q = slice[index];
      if (q === undefined) continue;
      if (!result.ok) {
        if (!permanentQueryError(result.error)) throw result.error as Error;
        failed.set(q.entity, { reason: 'unsupported_entity', code: result.error.code, message: result.error.message.slice(0, 300) });
        continue;
      }
      const byId = found.get(q.entity) ?? new Map<string, Record<string, unknown>>();
      for (const entity of result.queryResponse?.entities ?? []) {
        const record = entity as QboEntity & Record<string, unknown>;
        if (typeof record.Id === 'string') byId.set(record.Id, record);
      }
      found.set(q.entity, byId);
    }
  }
  return { found, failed };
}
