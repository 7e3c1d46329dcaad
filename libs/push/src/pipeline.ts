import type { DependencyState } from './dependencies';
import { dependencyOutcome, readDependencies } from './dependencies';
import { markerOf } from './lookup';
import { writeToQbo } from './pipeline-write';
import { removeInQbo } from './remove';
import type { Prepared } from './pipeline-write';
import type { Linked, PushSpec } from './spec';
import type { PushContext, PushJob, PushOutcome, Pusher } from './types';

/** The linked QBO ids of a round, as a spec reads them. */
function linkedOf(state: DependencyState): Linked {
  return {
    id(entity, platformId) {
      const id = state.links.get(entity)?.get(platformId);
      if (id === undefined) throw new Error(`${entity} ${platformId} is not linked`);
      return id;
    },
    of: (entity) => state.links.get(entity) ?? new Map<string, string>(),
  };
}

/**
 * The push pipeline every record type shares, around its declarative spec:
 * parse → dependencies / wait → filter → body → in-doubt look-up → adopt / update / create → removes.
 * Several creates of a round go out in one batch call; reads are coalesced per round.
 */
export function createSpecPusher<R, K>(spec: PushSpec<R, K>): Pusher {
  const dependenciesOf = (record: R): Array<{ entity: string; platformId: string }> =>
    spec.dependencies.flatMap((d) => d.ids(record).map((platformId) => ({ entity: d.entity, platformId })));

  /** Parse every payload; an upsert whose payload the contract refuses fails for good. */
  function parseAll(jobs: readonly PushJob[], outcomes: Map<string, PushOutcome>): Map<string, R> {
    const records = new Map<string, R>();
    for (const j of jobs) {
      if (!j.payload) continue;
      try {
        records.set(j.recordId, spec.schema.parse(j.payload));
      } catch (err) {
        if (j.op === 'upsert') outcomes.set(j.recordId, { kind: 'failed', code: `invalid_${spec.entity}`, message: String(err), retriable: false });
      }
    }
    return records;
  }

  /** The upserts that may go to QBO now, with their bodies; every other upsert gets its outcome here. */
  async function prepare(ctx: PushContext, jobs: readonly PushJob[], records: Map<string, R>, state: DependencyState, outcomes: Map<string, PushOutcome>): Promise<Array<Prepared<K>>> {
    const linked = linkedOf(state);
    const prepared: Array<Prepared<K>> = [];
    for (const job of jobs.filter((j) => j.op === 'upsert')) {
      const record = records.get(job.recordId);
      if (record === undefined || outcomes.has(job.recordId)) continue;
      let outcome = spec.filter(ctx.settings, record);
      for (const d of spec.dependencies) outcome ??= dependencyOutcome(state, d.entity, d.ids(record));
      const built = outcome ? { outcome } : await spec.body(ctx, record, { linked, marker: markerOf(spec.entity, ctx.tenantId, job.recordId) });
      if ('outcome' in built) {
        outcomes.set(job.recordId, built.outcome);
        continue;
      }
      const key = spec.findKey(ctx.settings, record, linked);
      prepared.push({ job, body: built.body, ...(built.docNumber !== undefined ? { docNumber: built.docNumber } : {}), ...(key !== undefined ? { key } : {}) });
    }
    return prepared;
  }

  return {
    entity: spec.entity,
    enabled: (settings) => spec.enabled(settings),
    dependencies(payload) {
      try {
        return dependenciesOf(spec.schema.parse(payload));
      } catch {
        return [];
      }
    },

    async push(ctx, jobs) {
      const outcomes = new Map<string, PushOutcome>();
      const records = parseAll(jobs, outcomes);
      const wanted = spec.dependencies.map((d) => ({ entity: d.entity, ids: [...records.values()].flatMap((r) => d.ids(r)) }));
      const state = await readDependencies(ctx.links, wanted);
      const prepared = await prepare(ctx, jobs, records, state, outcomes);
      await writeToQbo(spec, ctx, prepared, outcomes);
      // Voids and deletes: the QBO id from the push state, else found by the record's key.
      const linked = linkedOf(state);
      for (const job of jobs.filter((j) => j.op !== 'upsert')) {
        let qboId = job.qboId;
        const record = records.get(job.recordId);
        const key = !qboId && record !== undefined ? spec.findKey(ctx.settings, record, linked) : undefined;
        if (key !== undefined) qboId = (await spec.find(ctx, [{ recordId: job.recordId, key }])).get(job.recordId)?.Id ?? null;
        outcomes.set(job.recordId, await removeInQbo(ctx, job, qboId, spec));
      }
      return outcomes;
    },
  };
}
