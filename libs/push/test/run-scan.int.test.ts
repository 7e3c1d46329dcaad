/**
 * A sync run's phase on the push engine (issue 14), on real PostgreSQL and the in-memory bus
 * with a scripted pusher: what `sync.phase_requested` queues and counts, the figures of
 * `sync.phase_scanned`, the runId on every outcome of a queued job, redelivered requests, and
 * the scan waiting for (and being handed) the lease of a tenant whose round is in flight.
 */
import type { CloudEvent } from '@ledgerbus/contracts';
import { waitFor } from '@ledgerbus/testing';
import type { Harness, Script, Tuning } from './support/engine-harness';
import { SERVICE, startHarness } from './support/engine-harness';

type Data = Record<string, unknown>;

const running: Harness[] = [];

async function start(script: Script, tuning?: Tuning): Promise<Harness> {
  const h = await startHarness(script, tuning);
  running.push(h);
  return h;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.stop()));
});

const dataOf = (e: CloudEvent): Data => e.data as Data;

/** Publish `sync.phase_requested` for the invoices phase, as mapping would. */
async function requestPhase(h: Harness, runId: string, extra: Data = {}): Promise<void> {
  await h.publishEvent('sync.phase_requested', { tenantId: h.tenantId, runId, phase: 'invoices', requestedBy: 'admin-1', at: new Date().toISOString(), ...extra });
}

/** The engine's `sync.phase_scanned` answers for a run, once there are `count` of them. */
async function scansOf(h: Harness, runId: string, count = 1): Promise<Data[]> {
  let found: Data[] = [];
  await waitFor(async () => {
    found = (await h.events()).filter((e) => e.type === 'sync.phase_scanned' && dataOf(e).runId === runId).map(dataOf);
    return found.length >= count;
  }, { description: `${count} phase_scanned of ${runId}` });
  return found;
}

/** The outcome events that carry the runId, as "record:type", sorted. */
async function outcomesOf(h: Harness, runId: string): Promise<string[]> {
  return (await h.events())
    .filter((e) => e.type !== 'sync.phase_scanned' && dataOf(e).runId === runId)
    .map((e) => `${String(e.subject)}:${e.type}`)
    .sort();
}

/** Every job of the tenant has its outcome (none pending); with `count`, once there are that many jobs. */
async function allSettled(h: Harness, count = 0): Promise<boolean> {
  const states = [...(await h.states()).values()];
  return states.length >= count && states.every((s) => s.status !== 'pending');
}

describe('a sync run phase on the push engine', () => {
  it('queues the jobs that are not current (failed, skipped), counts the current ones, and gives each queued job one outcome with the runId; a redelivered request gives the same figures and queues nothing again', async () => {
    const h = await start((job) => {
      const first = h.pusher.seen(job.recordId).length === 1;
      if (job.recordId === 'inv-failed' && first) return { kind: 'failed', code: 'business_validation', message: 'Invalid account reference', retriable: false };
      if (job.recordId === 'inv-skipped' && first) return { kind: 'skipped', filter: 'market_segment', message: 'market segment wholesale is not synced' };
      return { kind: 'pushed', qboId: `q-${job.recordId}`, action: job.qboId ? 'updated' : 'created' };
    });
    await h.publish([{ id: 'inv-1' }, { id: 'inv-2' }, { id: 'inv-failed' }, { id: 'inv-skipped' }]);
    await waitFor(() => allSettled(h, 4), { description: 'the first outcomes' });
    expect((await h.state('inv-failed')).status).toBe('failed');

    // The same request delivered twice (a redelivery after a lost commit).
    await requestPhase(h, 'run-1');
    await requestPhase(h, 'run-1');
    const scans = await scansOf(h, 'run-1', 2);
    for (const s of scans) expect(s).toMatchObject({ tenantId: h.tenantId, runId: 'run-1', phase: 'invoices', service: SERVICE, considered: 4, alreadyCurrent: 2, queued: 2 });
    expect(scans[0]).not.toHaveProperty('divisionId');

    await waitFor(async () => (await h.state('inv-failed')).status === 'done' && (await h.state('inv-skipped')).status === 'done', { description: 'the queued jobs pushed' });
    await h.settled();
    expect(await outcomesOf(h, 'run-1')).toEqual(['inv-failed:invoice.pushed', 'inv-skipped:invoice.pushed']);
    // Current jobs were not handed to the pusher again; queued ones once more each.
    expect(h.pusher.calls.flatMap((c) => c.jobs.map((j) => j.recordId)).sort()).toEqual(['inv-1', 'inv-2', 'inv-failed', 'inv-failed', 'inv-skipped', 'inv-skipped']);
    expect(h.pusher.seen('inv-failed')[1]).toMatchObject({ runId: 'run-1', attempts: 1 });
    // The run stays on the row after the outcome (a later redelivery recognises it); others have none.
    expect(await h.state('inv-failed')).toMatchObject({ runId: 'run-1', status: 'done', lastCode: null });
    expect(await h.state('inv-1')).toMatchObject({ runId: null, status: 'done' });

    // A new run right after: everything current, nothing queued, nothing pushed.
    await requestPhase(h, 'run-2');
    expect((await scansOf(h, 'run-2'))[0]).toMatchObject({ considered: 4, alreadyCurrent: 4, queued: 0 });
    expect(await allSettled(h)).toBe(true);
    expect(h.pusher.calls.flatMap((c) => c.jobs)).toHaveLength(6);
    expect(await outcomesOf(h, 'run-2')).toEqual([]);
  });

  it('waits for the round in flight, is handed the lease between two rounds, and counts what that round pushed as current', async () => {
    const h = await start(
      async (job) => {
        if (job.recordId === 'inv-first') await inFlight.opened;
        return { kind: 'pushed', qboId: `q-${job.recordId}`, action: 'created' };
      },
      { batchSize: 5 },
    );
    const inFlight = h.gate();
    await h.publish([{ id: 'inv-first' }]);
    await waitFor(() => h.pusher.calls.length === 1, { description: 'the first round in flight' });
    const ids = Array.from({ length: 40 }, (_, n) => `inv-${n}`);
    await h.publish(ids.map((id) => ({ id })));
    await waitFor(async () => (await h.states()).size === 41, { description: '40 more records taken in' });

    await requestPhase(h, 'run-1');
    // The scan asks the push loop for the lease, and tags nothing while the round is in flight.
    const lease = async (): Promise<{ owner: string; wanted_by: string | null } | undefined> =>
      (await h.knex('push_leases').where({ tenant_id: h.tenantId }).first()) as { owner: string; wanted_by: string | null } | undefined;
    await waitFor(async () => (await lease())?.wanted_by?.includes(':scan:') === true, { description: 'the scan waiting for the lease' });
    expect([...(await h.states()).values()].filter((s) => s.runId !== null)).toEqual([]);
    expect((await h.events()).filter((e) => e.type === 'sync.phase_scanned')).toEqual([]);

    inFlight.open();
    // Handed over after that round: the 40 waiting jobs are still pending and queued by the run
    // (a push loop that kept the lease for its whole slice would have pushed them first).
    expect((await scansOf(h, 'run-1'))[0]).toMatchObject({ considered: 41, alreadyCurrent: 1, queued: 40 });
    await waitFor(() => allSettled(h), { description: 'the 40 pushed' });
    await h.settled();
    expect(await outcomesOf(h, 'run-1')).toEqual(ids.map((id) => `${id}:invoice.pushed`).sort());
    expect(h.pusher.seen('inv-first')).toHaveLength(1);
    expect(await lease()).toBeUndefined();
  });

  it('queues held jobs while the entity is off: each is held again and says so with the runId, though it was held for that reason before', async () => {
    const h = await start((job) => ({ kind: 'pushed', qboId: `q-${job.recordId}`, action: 'created' }));
    await h.publishSettings(2, { invoicesEnabled: false });
    await waitFor(async () => (await h.engine.readModel.settings(h.tenantId))?.version === 2, { description: 'settings v2 (invoices off)' });
    await h.publish([{ id: 'inv-1' }, { id: 'inv-2' }]);
    await waitFor(async () => [...(await h.states()).values()].every((s) => s.status === 'held') && (await h.states()).size === 2, { description: 'both held' });

    await requestPhase(h, 'run-1');
    expect((await scansOf(h, 'run-1'))[0]).toMatchObject({ considered: 2, alreadyCurrent: 0, queued: 2 });
    await waitFor(async () => (await outcomesOf(h, 'run-1')).length === 2, { description: 'held with the run' });
    expect(await outcomesOf(h, 'run-1')).toEqual(['inv-1:invoice.held', 'inv-2:invoice.held']);
    const held = (await h.events()).filter((e) => e.subject === 'inv-1').map((e) => [e.type, dataOf(e).reason, dataOf(e).runId]);
    expect(held).toEqual([
      ['invoice.held', 'sync_disabled', undefined],
      ['invoice.held', 'sync_disabled', 'run-1'],
    ]);
    expect(await h.state('inv-1')).toMatchObject({ status: 'held', lastCode: 'sync_disabled', runId: 'run-1', attempts: 0 });
    expect(h.pusher.calls).toHaveLength(0);

    // A newer version of a queued record keeps the run: its outcome still counts for it.
    await h.publishSettings(3, { invoicesEnabled: true });
    await h.publish([{ id: 'inv-2', version: 2 }]);
    await waitFor(async () => (await h.state('inv-1')).status === 'done' && (await h.state('inv-2')).pushedVersion === 2, { description: 'pushed once invoices are on' });
    await h.settled();
    expect(await h.state('inv-2')).toMatchObject({ runId: 'run-1', version: 2 });
    const pushed = (await h.events()).filter((e) => e.type === 'invoice.pushed').map((e) => [e.subject, dataOf(e).version, dataOf(e).runId]);
    expect(pushed).toEqual(expect.arrayContaining([['inv-1', 1, 'run-1'], ['inv-2', 2, 'run-1']]));
    expect(pushed.every(([, , runId]) => runId === 'run-1')).toBe(true);
  });

  it('limits the scan to recordIds and to the division named (no division: the tenant\'s own records)', async () => {
    const h = await start((job) => ({ kind: 'pushed', qboId: `q-${job.recordId}`, action: 'created' }));
    // The north division has no settings here: its records are held (settings_missing).
    await h.publish([{ id: 'inv-1' }, { id: 'inv-2' }, { id: 'inv-n1', fields: { divisionId: 'north' } }]);
    await waitFor(() => allSettled(h, 3), { description: 'first outcomes' });
    await h.knex('push_jobs').where({ tenant_id: h.tenantId, record_id: 'inv-2' }).update({ status: 'failed', last_code: 'business_validation' });

    await requestPhase(h, 'run-ids', { recordIds: ['inv-1', 'inv-2', 'inv-n1', 'inv-unknown'], mode: 'retry' });
    expect((await scansOf(h, 'run-ids'))[0]).toMatchObject({ considered: 2, alreadyCurrent: 1, queued: 1 });
    await requestPhase(h, 'run-north', { divisionId: 'north' });
    expect((await scansOf(h, 'run-north'))[0]).toMatchObject({ divisionId: 'north', considered: 1, alreadyCurrent: 0, queued: 1 });
    await waitFor(async () => (await outcomesOf(h, 'run-north')).length === 1 && (await outcomesOf(h, 'run-ids')).length === 1, { description: 'the outcomes of both runs' });
    expect(await outcomesOf(h, 'run-ids')).toEqual(['inv-2:invoice.pushed']);
    expect(await outcomesOf(h, 'run-north')).toEqual(['inv-n1:invoice.held']);
    expect(await h.state('inv-1')).toMatchObject({ runId: null });
    expect(await h.state('inv-n1')).toMatchObject({ runId: 'run-north', lastCode: 'settings_missing' });
  });
});
