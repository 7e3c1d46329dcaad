import type { MessageBus, OutgoingMessage } from '@ledgerbus/bus';
import { createMemoryBus } from '@ledgerbus/bus';
import { createEvent, platformCustomers } from '@ledgerbus/contracts';
import { createBatchingPublisher } from '../src/publisher';

const customer = (id: string): OutgoingMessage => ({
  key: 't',
  event: createEvent({ type: 'customer.upserted', source: 'test', data: { tenantId: 't', customerId: id, displayName: id, version: 1 } }),
});

/** The memory bus with its sends counted and, while `gate` is set, held. */
function countingBus() {
  const inner = createMemoryBus();
  const sends: number[] = [];
  let gate: Promise<void> | undefined;
  let failNext = false;
  const bus: MessageBus = {
    ...inner,
    async publish(topic, messages) {
      sends.push(messages.length);
      if (gate !== undefined) await gate;
      if (failNext) {
        failNext = false;
        throw new Error('broker gone');
      }
      return inner.publish(topic, messages);
    },
  };
  return {
    bus,
    inner,
    sends,
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    failNext: () => void (failNext = true),
  };
}

describe('the batching publisher', () => {
  it('sends the requests that arrive during a send together in the next one, each request whole and in order', async () => {
    const b = countingBus();
    await b.inner.ensureTopics([platformCustomers]);
    const publisher = createBatchingPublisher(b.bus);
    const release = b.hold();
    const first = publisher.publish(platformCustomers, [customer('a')]);
    const rest = [publisher.publish(platformCustomers, [customer('b'), customer('c')]), publisher.publish(platformCustomers, [customer('d')])];
    release();
    await Promise.all([first, ...rest]);
    expect(b.sends).toEqual([1, 3]);
    const ids = b.inner.broker.records(platformCustomers.name).map((r) => (JSON.parse(r.value!.toString()) as { customerId: string }).customerId);
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rejects every request of a failed send and goes on with the next ones', async () => {
    const b = countingBus();
    await b.inner.ensureTopics([platformCustomers]);
    const publisher = createBatchingPublisher(b.bus);
    b.failNext();
    await expect(publisher.publish(platformCustomers, [customer('x')])).rejects.toThrow('broker gone');
    await expect(publisher.publish(platformCustomers, [customer('y')])).resolves.toBeUndefined();
  });

  it('refuses a request whose event breaks the contract without failing the others', async () => {
    const b = countingBus();
    await b.inner.ensureTopics([platformCustomers]);
    const publisher = createBatchingPublisher(b.bus);
    const bad = { key: 't', event: createEvent({ type: 'customer.upserted', source: 'test', data: { tenantId: 't' } }) };
    await expect(publisher.publish(platformCustomers, [bad])).rejects.toThrow(/does not match its schema/);
    await expect(publisher.publish(platformCustomers, [customer('ok')])).resolves.toBeUndefined();
  });

  it('keeps a send within maxMessages, never splitting a request', async () => {
    const b = countingBus();
    await b.inner.ensureTopics([platformCustomers]);
    const publisher = createBatchingPublisher(b.bus, { maxMessages: 3 });
    const release = b.hold();
    const all = [publisher.publish(platformCustomers, [customer('1')]), publisher.publish(platformCustomers, [customer('2'), customer('3')]), publisher.publish(platformCustomers, [customer('4'), customer('5')])];
    release();
    await Promise.all(all);
    expect(b.sends).toEqual([1, 2, 2]);
  });
});
