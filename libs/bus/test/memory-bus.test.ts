import { readMemoryTopic } from '@ledgerbus/testing';
import { createMemoryBus, MemoryBroker } from '../src';
import { describeBusContract } from './bus-contract';

describeBusContract('in-memory', () => {
  const broker = new MemoryBroker();
  return {
    newBus: () => createMemoryBus({ broker }),
    readTopic: (topic, options) => readMemoryTopic(broker, topic, options),
    timeoutMs: 5_000,
  };
});
