/** Batched reads of full entities by id (one `select … where Id in (…)` per entity and chunk, 30 per batch call). */
import type { QboClient, QboEntity } from '@ledgerbus/qbo';
import { QueryBuilder } from '@ledgerbus/qbo';

const IDS_PER_QUERY = 100;
const QUERIES_PER_BATCH = 30;

export async function readEntities(client: QboClient, wanted: ReadonlyMap<string, ReadonlySet<string>>): Promise<Map<string, Map<string, Record<string, unknown>>>> {
  const queries: Array<{ entity: string; query: QueryBuilder }> = [];
  for (const [entity, ids] of wanted) {
    const list = [...ids];
    for (let i = 0; i < list.length; i += IDS_PER_QUERY) {
      const chunk = list.slice(i, i + IDS_PER_QUERY);
      queries.push({ entity, query: new QueryBuilder(entity).whereIn('Id', chunk).maxResults(1000) });
    }
  }
  const found = new Map<string, Map<string, Record<string, unknown>>>();
  for (let i = 0; i < queries.length; i += QUERIES_PER_BATCH) {
    const slice = queries.slice(i, i + QUERIES_PER_BATCH);
    const results = await client.batch(slice.map((q, n) => ({ bId: `q${n}`, query: q.query })));
    for (const result of results) {
      const index = Number(result.bId.slice(1));
      const q = slice[index];
      if (q === undefined) continue;
      if (!result.ok) throw result.error;
      const byId = found.get(q.entity) ?? new Map<string, Record<string, unknown>>();
      for (const entity of result.queryResponse?.entities ?? []) {
        const record = entity as QboEntity & Record<string, unknown>;
        if (typeof record.Id === 'string') byId.set(record.Id, record);
      }
      found.set(q.entity, byId);
    }
  }
  return found;
}
