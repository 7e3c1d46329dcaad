import { kafkaBrokersFromEnv, readTopic } from '@ledgerbus/testing';
import { createKafkaBus } from '../src';
import { describeBusContract } from './bus-contract';

const brokers = kafkaBrokersFromEnv();

describeBusContract('Kafka', () => ({
  newBus: () => createKafkaBus({ brokers, clientId: 'bus-contract-test' }),
  readTopic: (topic, options) => readTopic(brokers, topic, options),
  timeoutMs: 30_000,
}));
