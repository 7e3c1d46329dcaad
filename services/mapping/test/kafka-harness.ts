/**
 * The mapping service on real Kafka and real PostgreSQL (a fresh schema and fresh consumer
 * groups per harness). The service reads and writes the registry's topics (it takes no
 * topic names), so tests use their own tenants and realms and assert on those only.
 */
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import { connectorConnections, qboChanges, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, mintToken } from '@ledgerbus/kit';
import type { Logger, Role } from '@ledgerbus/kit';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName } from '@ledgerbus/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { MappingService } from '../src/app';
import { createMappingService } from '../src/app';
import { JWT_SECRET } from './harness';

/** The consumer groups `createMappingService` subscribes (`<groupPrefix>mapping.<name>`) and their topics. */
const CONSUMED = [
  { name: 'reference-data', topic: qboChanges.name },
  { name: 'connections', topic: connectorConnections.name },
  { name: 'links', topic: syncLinks.name },
  { name: 'sync-log', topic: syncEvents.name },
] as const;

export interface KafkaHarness {
  service: MappingService;
  db: Database;
  bus: MessageBus;
  brokers: string[];
  logger: Logger;
  token(tenant: string, role: Role, options?: { sub?: string; svc?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The shared registry topics hold every earlier test's messages; a fresh group would start
 * by replaying all of them. Its groups are committed at the current end first, as a
 * deployment's groups are after they caught up: the service then sees what comes next.
 */
async function startGroupsAtTheEnd(brokers: string[], groupPrefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'mapping-it-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    // The real end offsets: `resetOffsets({ earliest: false })` commits -1 ("no offset"), which a consumer
    // subscribed `fromBeginning` reads as "start at the beginning" — replaying every earlier test's traffic.
    for (const c of CONSUMED) {
      const ends = await admin.fetchTopicOffsets(c.topic);
      await admin.setOffsets({ groupId: `${groupPrefix}mapping.${c.name}`, topic: c.topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}

export async function startKafkaHarness(): Promise<KafkaHarness> {
  const brokers = kafkaBrokersFromEnv();
  const schema = uniqueName('mapping_it').slice(0, 60);
  const logger = createLogger({ name: 'mapping-it', level: 'silent' });
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 5 } });
  const bus = createKafkaBus({ brokers, clientId: 'mapping-it', logger });
  await bus.ensureTopics([qboChanges, connectorConnections, syncLinks, syncEvents]);
  const groupPrefix = `${uniqueName('mit')}.`;
  await startGroupsAtTheEnd(brokers, groupPrefix);
  const service = await createMappingService({ db, bus, logger, jwt: { secret: JWT_SECRET }, groupPrefix, relayPollIntervalMs: 100 });
  await service.start();
  await service.http.ready();
  return {
    service,
    db,
    bus,
    brokers,
    logger,
    token: (tenant, role, options = {}) => mintToken(JWT_SECRET, { sub: options.sub ?? `${role}@${tenant}`, tenant, role, svc: options.svc ?? false }),
    async close() {
      await service.stopConsumers();
      await service.http.close();
      await service.drainOutbox();
      await bus.close();
      await db.knex.raw('drop schema if exists ?? cascade', [schema]);
      await db.destroy();
    },
  };
}
