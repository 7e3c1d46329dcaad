/**
 * An outcome names the platform event it answers (issue 16): `invoice.pushed` carries the
 * `invoice.upserted` it pushed as its CloudEvents `causationid`, and that event's flow
 * (its correlation id, else its own id) as `correlationid` — also after a newer version.
 */
import type { CloudEvent } from '@ledgerbus/contracts';
import { waitFor } from '@ledgerbus/testing';
import type { Harness } from './support/engine-harness';
import { startHarness } from './support/engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('causation of push outcomes', () => {
  it('names the platform event of the pushed version as the cause of the outcome', async () => {
    const harness = await startHarness(() => ({ kind: 'pushed', qboId: 'q-1', action: 'created' }));
    h = harness;
    const [first] = await harness.publish([{ id: 'inv-1', version: 1 }]);
    await waitFor(async () => (await harness.state('inv-1')).status === 'done', { timeoutMs: 30_000, description: 'pushed' });
    const [second] = await harness.publish([{ id: 'inv-1', version: 2 }]);
    await waitFor(async () => (await harness.state('inv-1')).pushedVersion === 2, { timeoutMs: 30_000, description: 'version 2 pushed' });
    await harness.settled();
    const pushed = (await harness.events()).filter((e: CloudEvent) => e.type === 'invoice.pushed');
    expect(pushed.map((e) => [(e.data as { version: number }).version, e.causationid, e.correlationid])).toEqual([
      [1, first?.id, first?.id],
      [2, second?.id, second?.id],
    ]);
  });
});
