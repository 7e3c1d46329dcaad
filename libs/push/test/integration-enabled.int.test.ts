/**
 * "Disable integration" / "Enable Integration" on the push engine (issue 14), on real
 * PostgreSQL with a scripted pusher: while the integration is disabled records are held
 * (`sync_disabled`) and nothing is pushed; enabling it does not release them on its own —
 * the enable run's phase does, so that its figures count them as pushed by the run (and
 * invoices go after their customers). An ordinary settings change still releases held records.
 */
import type { CloudEvent } from '@ledgerbus/contracts';
import { waitFor } from '@ledgerbus/testing';
import type { Harness } from './support/engine-harness';
import { startHarness } from './support/engine-harness';

const running: Harness[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.stop()));
});

const pushed = (h: Harness): string[] => h.pusher.calls.flatMap((c) => c.jobs.map((j) => j.recordId)).sort();
const data = (e: CloudEvent): Record<string, unknown> => e.data as Record<string, unknown>;

async function version(h: Harness, v: number): Promise<void> {
  await waitFor(async () => (await h.settingsApplied()).some((e) => data(e).version === v), { description: `settings version ${v} applied` });
}

describe('the integration switch on the push engine', () => {
  it('holds records while disabled, keeps them held when enabled, and the enable run pushes them with its runId', async () => {
    const h = await startHarness(() => ({ kind: 'pushed', qboId: 'q-1', action: 'created' }));
    running.push(h);
    await h.publishSettings(2, { integrationEnabled: false });
    await version(h, 2);
    await h.publish([{ id: 'inv-1' }, { id: 'inv-2' }]);
    await waitFor(async () => (await h.state('inv-2')).status === 'held' && (await h.state('inv-1')).status === 'held', { timeoutMs: 30_000, description: 'both held' });
    expect((await h.state('inv-1')).lastCode).toBe('sync_disabled');
    const held = (await h.events()).filter((e) => e.type === 'invoice.held');
    expect(held.map((e) => data(e).reason)).toEqual(['sync_disabled', 'sync_disabled']);
    expect(String(data(held[0] as CloudEvent).message)).toMatch(/integration .* is not enabled/);

    await h.publishSettings(3, { integrationEnabled: true });
    await version(h, 3);
    // Several poll rounds later: still held, nothing pushed (the run releases them).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await h.state('inv-1')).status).toBe('held');
    expect(pushed(h)).toEqual([]);

    await h.publishEvent('sync.phase_requested', { tenantId: h.tenantId, runId: 'enable-1', phase: 'invoices', requestedBy: 'admin', at: new Date().toISOString() });
    await waitFor(async () => (await h.state('inv-1')).status === 'done' && (await h.state('inv-2')).status === 'done', { timeoutMs: 30_000, description: 'pushed by the run' });
    await h.settled();
    const outcomes = (await h.events()).filter((e) => e.type === 'invoice.pushed');
    expect(outcomes.map((e) => data(e).runId)).toEqual(['enable-1', 'enable-1']);
    expect(pushed(h)).toEqual(['inv-1', 'inv-2']);
  });

  it('still releases held records on an ordinary settings change (invoices turned on)', async () => {
    const h = await startHarness(() => ({ kind: 'pushed', qboId: 'q-1', action: 'created' }));
    running.push(h);
    await h.publishSettings(2, { invoicesEnabled: false });
    await version(h, 2);
    await h.publish([{ id: 'inv-1' }]);
    await waitFor(async () => (await h.state('inv-1')).status === 'held', { timeoutMs: 30_000, description: 'held' });
    await h.publishSettings(3, { invoicesEnabled: true });
    await waitFor(async () => (await h.state('inv-1')).status === 'done', { timeoutMs: 30_000, description: 'released and pushed' });
    expect(pushed(h)).toEqual(['inv-1']);
  });
});
