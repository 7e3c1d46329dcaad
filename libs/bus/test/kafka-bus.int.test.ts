import { kafkaBrokersFromEnv, readTopic } from '@ledgerbus/testing';
import { createKafkaBus } from '../src';
import { describeBusContract } from './bus-contract';

// jest's project-level testTimeout is not applied per project; Kafka group joins need more than 5 s on a busy machine.
jest.setTimeout(60_000);

const brokers = kafkaBrokersFromEnv();

describeBusContract('Kafka', () => ({
  newBus: () => createKafkaBus({ brokers, clientId: 'bus-contract-test' }),
  readTopic: (topic, options) => readTopic(brokers, topic, options),
  timeoutMs: 30_000,
}));
