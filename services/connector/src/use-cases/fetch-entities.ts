/**
 * Batched reads of full entities by id (one `select … where Id in (…)` per entity and chunk of up to
 * 1,000 ids, QBO's page size; one query alone is sent as a plain query, several as batch calls of
 * 30), entity type by entity type: a type QBO refuses to query (unsupported, a bad name) is
 * reported in `failed` with its reason instead of failing the others. Errors worth retrying (throttling,
 * 5xx, network, auth) still throw, so the whole delivery is retried.
 */
import { LedgerbusError } from '@ledgerbus/kit';
import type { QboClient, QboEntity } from '@ledgerbus/qbo';
import { MAX_PAGE_SIZE, QueryBuilder } from '@ledgerbus/qbo';

/** QBO returns at most a page (1,000 rows) per query. */
const IDS_PER_QUERY = MAX_PAGE_SIZE;
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
        queries.push({ entity, query: new QueryBuilder(entity).whereIn('Id', chunk).maxResults(MAX_PAGE_SIZE) });
      }
    } catch (err) {
      failed.set(entity, { reason: 'invalid_entity', code: err instanceof LedgerbusError ? err.code : 'invalid_entity', message: (err as Error).message.slice(0, 300) });
    }
  }
  const keep = (entity: string, entities: readonly unknown[]): void => {
    const byId = found.get(entity) ?? new Map<string, Record<string, unknown>>();
    for (const e of entities) {
      const record = e as QboEntity & Record<string, unknown>;
      if (typeof record.Id === 'string') byId.set(record.Id, record);
    }
    found.set(entity, byId);
  };
  const only = queries.length === 1 ? queries[0] : undefined;
  if (only !== undefined) {
    // One query: a plain query call (the same one CorePlus call as a batch of one, and no batch budget used).
    try {
      keep(only.entity, (await client.query(only.query)).entities);
    } catch (err) {
      if (!permanentQueryError(err)) throw err;
      failed.set(only.entity, { reason: 'unsupported_entity', code: err.code, message: err.message.slice(0, 300) });
    }
    return { found, failed };
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
      keep(q.entity, result.queryResponse?.entities ?? []);
    }
  }
  return { found, failed };
}
