/**
 * The push engine end to end on real PostgreSQL and the in-memory bus, with a scripted
 * pusher: what lands in `push_jobs` and on the topics for every outcome, a version that
 * arrives while the previous one is being pushed, waits against attempts, dead letters,
 * retries on request, and one 30-job round written by one statement.
 */
import type { CloudEvent } from '@ledgerbus/contracts';
import { dlqTopicName } from '@ledgerbus/contracts';
import { LedgerbusError } from '@ledgerbus/kit';
import { waitFor } from '@ledgerbus/testing';
import type { PushJob, PushOp, PushOutcome } from '../src';
import type { Harness, JobState, Script, Tuning } from './support/engine-harness';
import { SERVICE, invoiceData, startHarness } from './support/engine-harness';

const running: Harness[] = [];

async function start(script: Script, tuning?: Tuning): Promise<Harness> {
  const h = await startHarness(script, tuning);
  running.push(h);
  return h;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.stop()));
});

/** One way a round can end for a job, with what must follow from it. `n` numbers the record. */
interface Case {
  name: string;
  op: PushOp;
  /** `undefined`: the pusher gives no outcome for the job. */
  outcome(n: number): PushOutcome | undefined;
  state(n: number): Partial<JobState>;
  /** The event on the events topic (besides tenantId, platformId, version, realmId, at); none while the job is pending. */
  event?(n: number): { type: string; data: Record<string, unknown> };
  /** The event on the links topic (besides tenantId, realmId, entity, platformId, at). */
  link?(n: number): { type: string; data: Record<string, unknown> };
  /** The code in the dead letter's headers, when the job is dead-lettered. */
  deadLetter?: string;
}

const idOf = (n: number): string => `inv-${n}`;
const qboIdOf = (n: number): string => String(1000 + n);

const CASES: Case[] = [
  {
    name: 'pushed (created)',
    op: 'upsert',
    outcome: (n) => ({ kind: 'pushed', qboId: qboIdOf(n), syncToken: '0', docNumber: `LB-${n}`, action: 'created' }),
    state: (n) => ({ status: 'done', inDoubt: false, attempts: 1, lastCode: null, lastMessage: null, qboId: qboIdOf(n), docNumber: `LB-${n}`, syncToken: '0', qboState: 'created', pushedVersion: 1, pushedOp: 'upsert' }),
    event: (n) => ({ type: 'invoice.pushed', data: { qboId: qboIdOf(n), docNumber: `LB-${n}`, syncToken: '0', action: 'created' } }),
    link: (n) => ({ type: 'link.created', data: { qboId: qboIdOf(n) } }),
  },
  {
    name: 'voided',
    op: 'void',
    outcome: (n) => ({ kind: 'removed', how: 'voided', qboId: qboIdOf(n), syncToken: '4' }),
    state: () => ({ status: 'done', inDoubt: false, attempts: 1, lastCode: null, syncToken: '4', qboState: 'voided', pushedVersion: 1, pushedOp: 'void' }),
    event: (n) => ({ type: 'invoice.voided', data: { qboId: qboIdOf(n) } }),
  },
  {
    name: 'deleted',
    op: 'delete',
    outcome: (n) => ({ kind: 'removed', how: 'deleted', qboId: qboIdOf(n) }),
    state: () => ({ status: 'done', inDoubt: false, attempts: 1, lastCode: null, syncToken: null, qboState: 'deleted', pushedVersion: 1, pushedOp: 'delete' }),
    event: (n) => ({ type: 'invoice.deleted', data: { qboId: qboIdOf(n) } }),
    link: (n) => ({ type: 'link.removed', data: { qboId: qboIdOf(n) } }),
  },
  {
    name: 'skipped',
    op: 'upsert',
    outcome: () => ({ kind: 'skipped', filter: 'market_segment', message: 'market segment wholesale is not synced' }),
    state: () => ({ status: 'skipped', inDoubt: false, attempts: 1, lastCode: 'market_segment', lastMessage: 'market segment wholesale is not synced', qboId: null, qboState: null, pushedVersion: null }),
    event: () => ({ type: 'invoice.skipped', data: { filter: 'market_segment', message: 'market segment wholesale is not synced' } }),
  },
  {
    name: 'failed for good',
    op: 'upsert',
    outcome: () => ({ kind: 'failed', code: 'business_validation', message: 'Invalid account reference', retriable: false }),
    state: () => ({ status: 'failed', inDoubt: false, attempts: 1, lastCode: 'business_validation', lastMessage: 'Invalid account reference', qboId: null, pushedVersion: null }),
    event: () => ({ type: 'invoice.push_failed', data: { code: 'business_validation', message: 'Invalid account reference', retriable: false, attempts: 1 } }),
    deadLetter: 'business_validation',
  },
  {
    name: 'failed, to be retried',
    op: 'upsert',
    outcome: () => ({ kind: 'failed', code: 'qbo_unavailable', message: 'QBO answered 503', retriable: true }),
    state: () => ({ status: 'pending', inDoubt: true, attempts: 1, lastCode: 'qbo_unavailable', lastMessage: 'QBO answered 503', deferred: true, pushedVersion: null }),
  },
  {
    name: 'waiting for a dependency',
    op: 'upsert',
    outcome: () => ({ kind: 'wait', code: 'customer_not_synced', message: 'customer c1 has no QBO link yet' }),
    state: () => ({ status: 'pending', inDoubt: false, attempts: 0, lastCode: 'customer_not_synced', lastMessage: 'customer c1 has no QBO link yet', deferred: true, pushedVersion: null }),
    event: () => ({ type: 'invoice.held', data: { reason: 'customer_not_synced', message: 'customer c1 has no QBO link yet' } }),
  },
  {
    name: 'no outcome from the pusher',
    op: 'upsert',
    outcome: () => undefined,
    state: () => ({ status: 'pending', inDoubt: true, attempts: 1, lastCode: 'no_outcome', deferred: true, pushedVersion: null }),
  },
];

const caseOf = (n: number): Case => CASES[n % CASES.length]!;
const numberOf = (recordId: string): number => Number(recordId.slice('inv-'.length));

/** What the pusher answers for a record of the table: its case's outcome. */
const byCase = (job: PushJob): PushOutcome | undefined => caseOf(numberOf(job.recordId)).outcome(numberOf(job.recordId));
const dataOf = (e: CloudEvent): Record<string, unknown> => e.data as Record<string, unknown>;

/**
 * Wait until records `ns` are in their case's state, then check every event, link and
 * dead letter their outcomes must have produced — and that nothing else was produced for them.
 */
async function expectLanded(h: Harness, ns: number[]): Promise<void> {
  const ids = new Set(ns.map(idOf));
  const ours = (e: CloudEvent): boolean => ids.has(String(e.subject));
  await waitFor(
    async () => {
      const states = await h.states();
      for (const n of ns) expect({ n, ...states.get(idOf(n)) }).toMatchObject({ n, recordId: idOf(n), version: 1, op: caseOf(n).op, ...caseOf(n).state(n) });
      return true;
    },
    { timeoutMs: 30_000, description: 'every record in the state its outcome leads to' },
  );
  await h.settled();

  const base = (n: number): Record<string, unknown> => ({ tenantId: h.tenantId, platformId: idOf(n), version: 1, realmId: h.realmId, at: expect.any(String) });
  const envelope = (n: number, type: string, data: Record<string, unknown>): Partial<CloudEvent> => ({ type, source: `ledgerbus/${SERVICE}`, subject: idOf(n), tenantid: h.tenantId, data });
  const sortById = (a: Partial<CloudEvent>, b: Partial<CloudEvent>): number => String(a.subject).localeCompare(String(b.subject)) || String(a.type).localeCompare(String(b.type));

  const expectedEvents = ns.flatMap((n) => {
    const e = caseOf(n).event?.(n);
    return e ? [envelope(n, e.type, { ...base(n), ...e.data })] : [];
  });
  expect((await h.events()).filter(ours).sort(sortById)).toEqual(expectedEvents.sort(sortById).map((e) => expect.objectContaining(e)));

  const expectedLinks = ns.flatMap((n) => {
    const l = caseOf(n).link?.(n);
    return l ? [envelope(n, l.type, { tenantId: h.tenantId, realmId: h.realmId, entity: 'invoice', platformId: idOf(n), at: expect.any(String), ...l.data })] : [];
  });
  expect((await h.links()).filter(ours).sort(sortById)).toEqual(expectedLinks.sort(sortById).map((e) => expect.objectContaining(e)));

  const deadLettered = ns.filter((n) => caseOf(n).deadLetter);
  const dlq = (await h.deadLetters(deadLettered.length)).map((m) => [JSON.parse(m.value!.toString()).invoiceId, m.headers.dlq_error_code]);
  expect(dlq.filter(([id]) => ids.has(id)).sort()).toEqual(deadLettered.map((n) => [idOf(n), caseOf(n).deadLetter]).sort());
}

describe('push engine', () => {
  it('records every kind of outcome in push_jobs and says so on the events and links topics', async () => {
    // Version 2 voids the invoice that version 1 created.
    const h = await start((job) => (job.version === 2 ? { kind: 'removed', how: 'voided', ...(job.qboId ? { qboId: job.qboId } : {}), syncToken: '1' } : byCase(job)));
    const ns = CASES.map((_, n) => n);
    await h.publish(ns.map((n) => ({ id: idOf(n), op: caseOf(n).op })));
    await expectLanded(h, ns);
    expect(new Set(h.pusher.calls.map((c) => c.realmId))).toEqual(new Set([h.realmId]));

    // A void of a pushed invoice: QBO's state changes, the QBO id and DocNumber stay.
    const created = CASES.findIndex((c) => c.name === 'pushed (created)');
    await h.publish([{ id: idOf(created), op: 'void', version: 2 }]);
    await waitFor(async () => (await h.state(idOf(created))).pushedVersion === 2, { description: 'version 2 pushed' });
    expect(h.pusher.seen(idOf(created)).at(-1)).toMatchObject({
      op: 'void',
      version: 2,
      qboId: qboIdOf(created),
      qboDocNumber: `LB-${created}`,
      qboSyncToken: '0',
      qboState: 'created',
      pushedVersion: 1,
      // A void keeps the latest upsert's data.
      payload: invoiceData(h.tenantId, idOf(created), 1),
    });
    expect(await h.state(idOf(created))).toMatchObject({
      status: 'done',
      op: 'void',
      qboId: qboIdOf(created),
      docNumber: `LB-${created}`,
      realmId: h.realmId,
      syncToken: '1',
      qboState: 'voided',
      pushedVersion: 2,
      pushedOp: 'void',
    });
    await h.settled();
    expect((await h.events()).filter((e) => e.subject === idOf(created)).map((e) => [e.type, dataOf(e).version])).toEqual([
      ['invoice.pushed', 1],
      ['invoice.voided', 2],
    ]);
    // The link was made once, when the QBO id was new.
    expect((await h.links()).filter((e) => e.subject === idOf(created)).map((e) => e.type)).toEqual(['link.created']);
  });

  it('records the push of version 1 that finishes after version 2 arrived, and pushes version 2 next with its QBO id', async () => {
    const h = await start(async (job) => {
      await (job.version === 1 ? first : second).opened;
      return { kind: 'pushed', qboId: '501', syncToken: String(job.version - 1), docNumber: 'LB-501', action: job.version === 1 ? 'created' : 'updated' };
    });
    const first = h.gate();
    const second = h.gate();
    await h.publish([{ id: 'inv-1', version: 1 }]);
    await waitFor(() => h.pusher.calls.length === 1, { description: 'the push of version 1 in flight' });

    await h.publish([{ id: 'inv-1', version: 2, fields: { number: 'N-1-v2' } }]);
    await waitFor(async () => (await h.state('inv-1')).version === 2, { description: 'version 2 taken in' });
    first.open();
    await waitFor(() => h.pusher.calls.length === 2, { description: 'the push of version 2' });

    expect(h.pusher.calls[1]!.jobs).toEqual([
      expect.objectContaining({ recordId: 'inv-1', version: 2, attempts: 1, inDoubt: false, qboId: '501', qboSyncToken: '0', qboDocNumber: 'LB-501', qboState: 'created', pushedVersion: 1, payload: expect.objectContaining({ number: 'N-1-v2' }) }),
    ]);
    // While version 2 is in flight: version 1's push state is recorded, the job is still to do.
    expect(await h.state('inv-1')).toMatchObject({ status: 'pending', version: 2, qboId: '501', syncToken: '0', docNumber: 'LB-501', qboState: 'created', pushedVersion: 1, realmId: h.realmId });

    second.open();
    await waitFor(async () => (await h.state('inv-1')).status === 'done', { description: 'version 2 done' });
    expect(await h.state('inv-1')).toMatchObject({ version: 2, attempts: 1, inDoubt: false, qboId: '501', syncToken: '1', pushedVersion: 2, lastCode: null });
    await h.settled();
    expect((await h.events()).map((e) => [e.type, dataOf(e).version, dataOf(e).action])).toEqual([
      ['invoice.pushed', 1, 'created'],
      ['invoice.pushed', 2, 'updated'],
    ]);
    expect((await h.links()).map((e) => [e.type, dataOf(e).qboId])).toEqual([['link.created', '501']]);
    expect(h.pusher.calls).toHaveLength(2);
  });

  it('does not count rounds spent waiting for a dependency as attempts: after 10 waits a transient error is still retried up to maxAttempts', async () => {
    const h = await start((job) => (h.pusher.seen(job.recordId).length <= 10 ? { kind: 'wait', code: 'customer_not_synced', message: 'customer c1 has no QBO link yet' } : { kind: 'failed', code: 'qbo_unavailable', message: 'QBO answered 503', retriable: true }), {
      maxAttempts: 3,
      backoff: { baseMs: 5, maxMs: 20 },
    });
    const [source] = await h.publish([{ id: 'inv-1' }]);
    const [dead] = await h.deadLetters(1);

    // Each claim counts one attempt; a round that only waited gives it back.
    expect(h.pusher.seen('inv-1').map((j) => j.attempts)).toEqual([...Array<number>(10).fill(1), 1, 2, 3]);
    expect(await h.state('inv-1')).toMatchObject({ status: 'failed', attempts: 3, inDoubt: true, lastCode: 'qbo_unavailable' });
    expect(dead?.headers).toMatchObject({ dlq_error_code: 'qbo_unavailable', dlq_attempts: '3', dlq_source_topic: h.topics.invoices.name, ce_id: source!.id });
    await h.settled();
    // The first wait says the record is held (once, not on each of the 10 waits), then the failure.
    expect((await h.events()).map((e) => [e.type, e.data])).toEqual([
      ['invoice.held', expect.objectContaining({ platformId: 'inv-1', reason: 'customer_not_synced' })],
      ['invoice.push_failed', expect.objectContaining({ platformId: 'inv-1', code: 'qbo_unavailable', retriable: true, attempts: 3 })],
    ]);
  });

  it('fails a job that waited longer than maxWaitMs with the code it waited on, and dead-letters it', async () => {
    const maxWaitMs = 400;
    const h = await start(() => ({ kind: 'wait', code: 'invoice_not_synced', message: 'invoice inv-0 has no QBO link yet' }), { maxWaitMs, backoff: { baseMs: 5, maxMs: 20 } });
    const [source] = await h.publish([{ id: 'inv-1' }]);
    const [dead] = await h.deadLetters(1);

    expect(dead?.topic).toBe(dlqTopicName(h.topics.invoices.name));
    expect(dead?.headers).toMatchObject({ dlq_error_code: 'invoice_not_synced', dlq_error_message: 'invoice inv-0 has no QBO link yet', dlq_source_topic: h.topics.invoices.name, dlq_handler: SERVICE, ce_id: source!.id });
    expect(JSON.parse(dead!.value!.toString())).toMatchObject({ tenantId: h.tenantId, invoiceId: 'inv-1', op: 'upsert', version: 1, payload: source!.data });
    const state = await h.state('inv-1');
    expect(state).toMatchObject({ status: 'failed', inDoubt: false, attempts: 0, lastCode: 'invoice_not_synced' });
    expect(h.pusher.seen('inv-1').length).toBeGreaterThan(1);

    await h.settled();
    const [held, failed] = await h.events();
    expect(held).toMatchObject({ type: 'invoice.held', data: { platformId: 'inv-1', reason: 'invoice_not_synced' } });
    expect(failed).toMatchObject({ type: 'invoice.push_failed', data: { platformId: 'inv-1', code: 'invoice_not_synced', retriable: true } });
    // Not before the bound: it failed maxWaitMs after it began to wait (less 1 ms: the event's
    // `at` is read a moment before the engine measures the wait, both in whole milliseconds).
    expect(Date.parse(String(dataOf(failed!).at)) - state.waitingSince.getTime()).toBeGreaterThanOrEqual(maxWaitMs - 1);
  });

  it('fails a job on a non-retriable error after one attempt and dead-letters it', async () => {
    const h = await start(() => ({ kind: 'failed', code: 'business_validation', message: 'Invalid account reference', retriable: false }));
    const [source] = await h.publish([{ id: 'inv-1' }]);
    const [dead] = await h.deadLetters(1);

    expect(dead?.headers).toMatchObject({ dlq_error_code: 'business_validation', dlq_error_message: 'Invalid account reference', dlq_attempts: '1', dlq_handler: SERVICE, ce_id: source!.id });
    expect(await h.state('inv-1')).toMatchObject({ status: 'failed', attempts: 1, inDoubt: false, lastCode: 'business_validation' });
    expect(h.pusher.calls).toHaveLength(1);
    await h.settled();
    expect((await h.events()).map((e) => [e.type, e.data])).toEqual([
      ['invoice.push_failed', expect.objectContaining({ platformId: 'inv-1', code: 'business_validation', retriable: false, attempts: 1 })],
    ]);
  });

  it('pushes a failed record again when sync.retry_requested names it', async () => {
    const h = await start((job) =>
      h.pusher.seen(job.recordId).length === 1
        ? { kind: 'failed', code: 'business_validation', message: 'Invalid account reference', retriable: false }
        : { kind: 'pushed', qboId: '77', syncToken: '0', action: 'created' },
    );
    await h.publish([{ id: 'inv-1' }]);
    await h.deadLetters(1);
    await h.settled();
    const [failed] = await h.events();
    expect(failed?.type).toBe('invoice.push_failed');

    await h.publishEvent('sync.retry_requested', {
      tenantId: h.tenantId,
      entryId: 'entry-1',
      failedEventId: failed!.id,
      failedType: failed!.type,
      entity: 'invoice',
      platformId: 'inv-1',
      requestedBy: 'admin@example.com',
      at: new Date().toISOString(),
    });
    await waitFor(async () => (await h.state('inv-1')).status === 'done', { description: 'inv-1 pushed after the retry request' });

    expect(h.pusher.seen('inv-1').map((j) => j.attempts)).toEqual([1, 1]);
    expect(await h.state('inv-1')).toMatchObject({ attempts: 1, inDoubt: false, lastCode: null, qboId: '77', qboState: 'created', pushedVersion: 1 });
    await h.settled();
    expect((await h.events()).map((e) => e.type)).toEqual(['invoice.push_failed', 'invoice.pushed']);
  });

  it('keeps the QBO id of a record voided after a look-up found it, and keeps a skipped record in doubt after an uncertain write', async () => {
    const h = await start((job) => {
      if (job.recordId === 'inv-void') return { kind: 'removed', how: 'voided', qboId: '88', syncToken: '3' };
      const seen = h.pusher.seen(job.recordId).length;
      if (seen === 1) return { kind: 'failed', code: 'qbo_unavailable', message: 'the response was lost', retriable: true };
      if (seen === 2) return { kind: 'skipped', filter: 'sync_data_after', message: 'the invoice is older than the sync start date' };
      return { kind: 'pushed', qboId: '89', action: 'adopted' };
    }, { backoff: { baseMs: 5, maxMs: 20 } });
    await h.publish([{ id: 'inv-void', op: 'void' }, { id: 'inv-doubt' }]);
    await waitFor(async () => (await h.state('inv-doubt')).status === 'skipped', { description: 'inv-doubt skipped' });
    // The void had no QBO id stored: the one the look-up found is kept for later versions.
    expect(await h.state('inv-void')).toMatchObject({ status: 'done', qboId: '88', qboState: 'voided', syncToken: '3' });
    // The lost response may have created the invoice: the skip leaves it in doubt.
    expect(await h.state('inv-doubt')).toMatchObject({ inDoubt: true, lastCode: 'sync_data_after' });

    await h.settled();
    const skipped = (await h.events()).find((e) => e.type === 'invoice.skipped');
    await h.publishEvent('sync.retry_requested', {
      tenantId: h.tenantId,
      entryId: 'entry-2',
      failedEventId: skipped!.id,
      failedType: skipped!.type,
      entity: 'invoice',
      platformId: 'inv-doubt',
      requestedBy: 'admin@example.com',
      at: new Date().toISOString(),
    });
    await waitFor(async () => (await h.state('inv-doubt')).status === 'done', { description: 'inv-doubt pushed after the retry request' });
    // So the pusher is told to look it up before creating it again.
    expect(h.pusher.seen('inv-doubt').map((j) => j.inDoubt)).toEqual([false, true, true]);
    expect(await h.state('inv-doubt')).toMatchObject({ inDoubt: false, qboId: '89' });
  });

  it('writes the outcomes of a 30-job round with a mix of every kind, each to its own row', async () => {
    const h = await start(async (job) => {
      if (job.recordId === 'inv-first') {
        await held.opened;
        return { kind: 'pushed', qboId: '999', action: 'created' };
      }
      return byCase(job);
    });
    const held = h.gate();
    // Hold the tenant's first round while 30 more records come in: the next round takes all 30.
    await h.publish([{ id: 'inv-first' }]);
    await waitFor(() => h.pusher.calls.length === 1, { description: 'the first round in flight' });
    const ns = Array.from({ length: 30 }, (_, n) => n);
    await h.publish(ns.map((n) => ({ id: idOf(n), op: caseOf(n).op })));
    await waitFor(async () => (await h.states()).size === 31, { description: '30 records taken in' });
    held.open();

    await waitFor(() => h.pusher.calls.length >= 2, { description: 'the round of 30' });
    expect(h.pusher.calls[1]!.jobs.map((j) => j.recordId).sort()).toEqual(ns.map(idOf).sort());
    await expectLanded(h, ns);
    expect(h.pusher.calls).toHaveLength(2);
  });

  it('holds records while the entity is off, the tenant is not connected or has no settings, says so once, and pushes them when the settings allow it', async () => {
    const h = await start((job) => ({ kind: 'pushed', qboId: `q-${job.recordId}`, action: 'created' }));
    await h.publishSettings(2, { invoicesEnabled: false });
    await waitFor(async () => (await h.engine.readModel.settings(h.tenantId))?.version === 2, { description: 'settings v2 (invoices off)' });
    await h.publish([{ id: 'inv-1' }, { id: 'inv-2' }]);
    const allIn = async (status: string): Promise<boolean> => {
      const states = [...(await h.states()).values()];
      return states.length === 2 && states.every((j) => j.status === status);
    };
    await waitFor(() => allIn('held'), { description: 'both held' });
    expect(await h.state('inv-1')).toMatchObject({ status: 'held', attempts: 0, lastCode: 'sync_disabled' });

    // Disconnected: held again for the new reason (one more event each), not skipped.
    await h.publishSettings(3, { realmId: null });
    await waitFor(async () => (await h.state('inv-1')).lastCode === 'not_connected', { description: 'held as not connected' });
    // Republishing the same version while held changes nothing and is not lost.
    await h.publish([{ id: 'inv-2' }]);

    await h.publishSettings(4, {});
    await waitFor(() => allIn('done'), { description: 'both pushed once the settings allow it' });
    expect(h.pusher.calls.flatMap((c) => c.jobs.map((j) => j.recordId)).sort()).toEqual(['inv-1', 'inv-2']);
    await h.settled();
    const byRecord = async (id: string): Promise<string[]> => (await h.events()).filter((e) => e.subject === id).map((e) => `${e.type}:${typeof dataOf(e).reason === 'string' ? String(dataOf(e).reason) : ''}`);
    expect(await byRecord('inv-1')).toEqual(['invoice.held:sync_disabled', 'invoice.held:not_connected', 'invoice.pushed:']);
    expect(await h.deadLetters()).toHaveLength(0);
    // Each worker says which settings version it applies, once per version.
    expect((await h.settingsApplied()).map((e) => (e.data as { version: number; service: string }).version)).toEqual([1, 2, 3, 4]);
    expect((await h.settingsApplied())[0]?.data).toMatchObject({ tenantId: h.tenantId, service: SERVICE });
  });

  it('holds a round whose access token needs reauthorization without using attempts, and pushes it after connection.connected', async () => {
    let revoked = true;
    const h = await start(() =>
      revoked ? { kind: 'failed', code: 'reauthorization_required', message: 'the QBO connection needs an admin to reconnect', retriable: false } : { kind: 'pushed', qboId: '5', action: 'created' },
      { maxAttempts: 2, backoff: { baseMs: 5, maxMs: 20 } },
    );
    await h.publish([{ id: 'inv-1' }]);
    await waitFor(async () => (await h.state('inv-1')).status === 'held', { description: 'held for reauthorization' });
    // Nothing retries a held record by itself: it waits for the connection.
    const seen = h.pusher.seen('inv-1').length;
    await new Promise((r) => setTimeout(r, 300));
    expect(h.pusher.seen('inv-1')).toHaveLength(seen);
    expect(await h.state('inv-1')).toMatchObject({ status: 'held', attempts: 0, lastCode: 'reauthorization_required' });

    revoked = false;
    await h.publishEvent('connection.connected', { tenantId: h.tenantId, realmId: h.realmId, at: new Date().toISOString() });
    await waitFor(async () => (await h.state('inv-1')).status === 'done', { description: 'pushed after the reconnect' });
    await h.settled();
    expect((await h.events()).map((e) => e.type)).toEqual(['invoice.held', 'invoice.pushed']);
    expect(await h.deadLetters()).toHaveLength(0);
  });

  it('hands the pusher no QBO id of a record pushed to another company: in doubt, to be looked up in the current one', async () => {
    const h = await start((job, ctx) => ({ kind: 'pushed', qboId: `${ctx.realmId}-${job.version}`, action: job.qboId ? 'updated' : 'created' }));
    await h.publish([{ id: 'inv-1' }]);
    await waitFor(async () => (await h.state('inv-1')).status === 'done', { description: 'v1 pushed to the first company' });
    expect(await h.state('inv-1')).toMatchObject({ realmId: h.realmId, qboId: `${h.realmId}-1` });

    await h.publishSettings(2, { realmId: '4620816365' });
    await waitFor(async () => (await h.engine.readModel.settings(h.tenantId))?.settings.realmId === '4620816365', { description: 'the tenant connected to another company' });
    await h.publish([{ id: 'inv-1', version: 2 }]);
    await waitFor(async () => (await h.state('inv-1')).version === 2 && (await h.state('inv-1')).status === 'done', { description: 'v2 pushed' });

    const [first, second] = h.pusher.seen('inv-1');
    expect(first).toMatchObject({ realmId: null, qboId: null });
    expect(second).toMatchObject({ realmId: '4620816365', qboId: null, qboSyncToken: null, qboState: null, pushedVersion: null, inDoubt: true });
    expect(await h.state('inv-1')).toMatchObject({ realmId: '4620816365', qboId: '4620816365-2' });
    await h.settled();
    // The link names the new company's object.
    expect((await h.links()).map((e) => (e.data as { realmId: string; qboId: string }).qboId)).toEqual([`${h.realmId}-1`, '4620816365-2']);
  });

  it("fails a record at once when its customer's sync failed, and pushes it on its own once the customer is linked", async () => {
    const h = await start(async (job, ctx) => {
      const customerId = String(job.payload?.customerId);
      if ((await ctx.links.get('customer', [customerId])).has(customerId)) return { kind: 'pushed', qboId: '42', action: 'created' };
      const failure = (await ctx.links.failures('customer', [customerId])).get(customerId);
      if (failure) return { kind: 'failed', code: 'customer_sync_failed', message: failure.message, retriable: false };
      return { kind: 'wait', code: 'customer_not_synced', message: 'not linked yet' };
    });
    h.pusher.dependencies = (payload): Array<{ entity: string; platformId: string }> => [{ entity: 'customer', platformId: String(payload.customerId) }];
    await h.publish([{ id: 'inv-1' }]);
    await waitFor(async () => (await h.state('inv-1')).lastCode === 'customer_not_synced', { description: 'waiting on its customer' });

    await h.publishEvent('customer.sync_failed', { tenantId: h.tenantId, direction: 'to_qbo', platformId: 'c1', code: 'qbo_validation', message: 'QBO refused the name', retriable: false, at: new Date().toISOString() });
    // Long back-off in this harness: only the failure event can bring the record back this fast.
    await waitFor(async () => (await h.state('inv-1')).status === 'failed', { timeoutMs: 10_000, description: 'failed at once' });
    expect(await h.state('inv-1')).toMatchObject({ lastCode: 'customer_sync_failed', lastMessage: 'QBO refused the name' });

    await h.publishLink({ tenantId: h.tenantId, realmId: h.realmId, entity: 'customer', platformId: 'c1', qboId: '7', at: new Date().toISOString() });
    await waitFor(async () => (await h.state('inv-1')).status === 'done', { description: 'pushed once the customer is linked' });
    await h.settled();
    expect((await h.events()).map((e) => e.type)).toEqual(['invoice.held', 'invoice.push_failed', 'invoice.pushed']);
  });

  it('does not spend an attempt when its own database goes away mid-round: the job waits and is pushed after', async () => {
    const h = await start(
      (job) => {
        if (h.pusher.seen(job.recordId).length <= 3) throw new LedgerbusError('database_unavailable', 'Connection terminated unexpectedly', { retriable: true });
        return { kind: 'pushed', qboId: '61', action: 'created' };
      },
      { maxAttempts: 2, backoff: { baseMs: 5, maxMs: 20 } },
    );
    await h.publish([{ id: 'inv-1' }]);
    await waitFor(async () => (await h.state('inv-1')).status === 'done', { description: 'pushed once the database is back' });
    // Three rounds lost to the database, yet every claim saw attempt 1: none was spent.
    expect(h.pusher.seen('inv-1').map((j) => j.attempts)).toEqual([1, 1, 1, 1]);
    await h.settled();
    expect((await h.events()).map((e) => e.type)).toEqual(['invoice.pushed']);
  });
});
