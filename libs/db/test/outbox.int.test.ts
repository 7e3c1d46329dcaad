import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { IncomingMessage, MessageBus, Subscription } from '@ledgerbus/bus';
import { createKafkaBus, runWithMessageContext } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { Knex } from 'knex';
import type { Database } from '../src';
import { createDatabase, createOutboxRelay, inbox, migrate, outbox, outboxChannel, outboxMigrations } from '../src';
import { brokenLinkMessage, freshTopic, linkMessage, messagesFor, perKeyFirstSeen, seqOf, uniqueName, waitFor, writeOutboxRow } from './helpers';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const ROOT = join(__dirname, '..', '..', '..');

jest.setTimeout(120_000);

const migrations = outboxMigrations([
  {
    name: '0001_effects',
    async up(knex) {
      await knex.schema.createTable('effects', (t) => {
        t.text('event_id').primary(); // a second effect of one event would violate this
        t.text('key').notNullable();
        t.integer('seq').notNullable();
      });
    },
  },
]);

interface Delivery {
  key: string;
  seq: number;
  id: string;
  /** The inbox found the event already applied. */
  duplicate: boolean;
}

/**
 * A consumer group on `topic` that applies every event through the inbox. A delivery is
 * recorded once its handling is over (the effect committed, or the duplicate suppressed),
 * so a wait on `deliveries` also waits for their effects.
 */
async function startConsumer(bus: MessageBus, db: Database, topic: TopicDefinition) {
  const deliveries: Delivery[] = [];
  const subscription: Subscription = await bus.subscribe({
    groupId: uniqueName('db-int-group'),
    topics: [topic],
    fromBeginning: true,
    handlerName: 'effects',
    handler: async (message: IncomingMessage) => {
      const seq = seqOf(message.event);
      const outcome = await inbox.once(db.knex, { consumer: 'effects', eventId: message.event.id }, async (trx) => {
        await trx('effects').insert({ event_id: message.event.id, key: message.key, seq });
      });
      deliveries.push({ key: message.key, seq, id: message.event.id, duplicate: outcome.duplicate });
    },
  });
  return { deliveries, duplicates: () => deliveries.filter((d) => d.duplicate).length, stop: () => subscription.stop() };
}

async function countRows(knex: Knex, table: string): Promise<number> {
  const [row] = await knex(table).count<Array<{ count: string }>>('* as count');
  return Number(row?.count ?? 0);
}

/** A loopback port nothing listens on: a Kafka bus pointed there finds no broker. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function runRelayChild(env: Record<string, string>): { done: Promise<number | null>; lines: string[]; pid: number; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'relay-child.ts')], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.check.json'), DATABASE_URL, KAFKA_BROKERS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { done, lines, pid: child.pid!, stderr: () => err };
}

describe('outbox, relay and inbox on PostgreSQL with Kafka', () => {
  let schema: string;
  let db: Database;
  let bus: MessageBus;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeEach(async () => {
    schema = uniqueName('db_int');
    db = await createDatabase({ url: DATABASE_URL }, { schema });
    await migrate(db.knex, { schema, migrations });
    bus = createKafkaBus({ brokers: KAFKA_BROKERS.split(','), clientId: 'db-int-test' });
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    await bus.close();
    await db.knex.raw('drop schema if exists ?? cascade', [schema]);
    await db.destroy();
  });

  it('runs migrations idempotently, concurrently from two replicas, with the migrations table in the service schema', async () => {
    const replica = await createDatabase({ url: DATABASE_URL }, { schema });
    cleanups.push(() => replica.destroy());
    const more = [...migrations, { name: '0002_more', up: (k: Knex) => k.schema.createTable('more', (t) => t.increments('id')) }];

    const [a, b] = await Promise.all([migrate(db.knex, { schema, migrations: more }), migrate(replica.knex, { schema, migrations: more })]);

    expect([...a.applied, ...b.applied]).toEqual(['0002_more']);
    expect((await migrate(db.knex, { schema, migrations: more })).applied).toEqual([]);
    const tables = await db.knex('pg_tables').where({ schemaname: schema }).orderBy('tablename').pluck('tablename');
    expect(tables).toEqual(['effects', 'inbox', 'knex_migrations', 'knex_migrations_lock', 'more', 'outbox', 'outbox_dead']);
    expect(await db.knex('knex_migrations').orderBy('id').pluck('name')).toEqual([
      'ledgerbus_db_0001_outbox_inbox',
      'ledgerbus_db_0002_outbox_dead',
      '0001_effects',
      '0002_more',
    ]);
  });

  it('stamps an event enqueued while a message is handled with that message as its cause and the flow\'s correlation id', async () => {
    const topic = freshTopic();
    const context = { correlationId: 'corr-flow-1', eventId: 'evt-handled-1', topic: 'platform.invoices.v1', partition: 0, offset: '7', heartbeat: async () => undefined };
    await runWithMessageContext(context, () => db.knex.transaction((trx) => outbox.enqueue(trx, topic, [linkMessage('caused', 0)])));
    await db.knex.transaction((trx) => outbox.enqueue(trx, topic, [linkMessage('uncaused', 0)]));
    const rows: Array<{ key: string; event: string | Record<string, unknown> }> = await db.knex('outbox').where({ topic: topic.name }).select('key', 'event');
    const eventOf = (key: string) => {
      const raw = rows.find((r) => r.key === key)?.event;
      return (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
    };
    expect(eventOf('caused')).toMatchObject({ causationid: 'evt-handled-1', correlationid: 'corr-flow-1' });
    expect(eventOf('uncaused')).not.toHaveProperty('causationid');
    await db.knex('outbox').where({ topic: topic.name }).delete();
  });

  it('publishes nothing from a rolled-back transaction and the events of a committed one, woken by NOTIFY', async () => {
    const topic = freshTopic();
    await bus.ensureTopics([topic]);
    const consumer = await startConsumer(bus, db, topic);
    cleanups.push(() => consumer.stop());
    // A poll interval far beyond the wait below: only NOTIFY can wake the relay in time.
    const relay = createOutboxRelay({ knex: db.knex, bus, schema, topics: [topic], pollIntervalMs: 120_000 });
    relay.start();
    cleanups.push(() => relay.stop());
    // Let this relay's LISTEN (on its schema's channel, not any other test's) and its first (empty) pass happen before the writes.
    const listenQuery = `listen "${outboxChannel(schema)}"`;
    await waitFor(async () => (await db.knex.raw<{ rows: unknown[] }>('select 1 from pg_stat_activity where query = ?', [listenQuery])).rows.length > 0, {
      what: 'the relay to LISTEN',
    });

    await expect(
      db.knex.transaction(async (trx) => {
        await outbox.enqueue(trx, topic, [linkMessage('rolled-back', 0)]);
        throw new Error('business rule failed after enqueue');
      }),
    ).rejects.toThrow('business rule failed');
    const committed = [linkMessage('committed', 0), linkMessage('committed', 1)];
    await db.knex.transaction((trx) => outbox.enqueue(trx, topic, committed));

    await waitFor(() => consumer.deliveries.length >= 2, { timeoutMs: 15_000, what: 'the committed events handled' });
    await waitFor(async () => (await countRows(db.knex, 'outbox')) === 0, { what: 'the outbox to empty' });
    expect(consumer.deliveries.map((d) => [d.key, d.seq])).toEqual([
      ['committed', 0],
      ['committed', 1],
    ]);
    expect(await countRows(db.knex, 'effects')).toBe(2);
  });

  it('delivers every committed event exactly once in effect, in per-key order, when the relay process is SIGKILLed mid-batch and restarted', async () => {
    const topic = freshTopic(6);
    await bus.ensureTopics([topic]);
    const keys = Array.from({ length: 24 }, (_, i) => `tenant-${i}`);
    const sent = messagesFor(keys, 3000);
    for (let i = 0; i < sent.length; i += 500) {
      await db.knex.transaction((trx) => outbox.enqueue(trx, topic, sent.slice(i, i + 500)));
    }
    const consumer = await startConsumer(bus, db, topic);
    cleanups.push(() => consumer.stop());
    const childEnv = { SCHEMA: schema, TOPIC: topic.name, PARTITIONS: '6', BATCH_SIZE: '250' };

    // First relay: publishes two batches, then hangs after publishing the third, before its delete commits.
    const first = runRelayChild({ ...childEnv, HANG_AFTER_PUBLISHES: '3' });
    cleanups.push(async () => process.kill(first.pid, 'SIGKILL'));
    await waitFor(() => first.lines.includes('hung'), { timeoutMs: 60_000, what: `the first relay to hang (stderr: ${first.stderr()})` });
    process.kill(first.pid, 'SIGKILL');
    expect(await first.done).toBeNull(); // killed by the signal, not exited
    expect(await countRows(db.knex, 'outbox')).toBe(3000 - 500); // batch 3 was published but not deleted

    const second = runRelayChild(childEnv);
    expect(await second.done).toBe(0);
    expect(second.lines).toContain('drained 2500');
    expect(await countRows(db.knex, 'outbox')).toBe(0);

    await waitFor(async () => (await countRows(db.knex, 'effects')) === 3000 && consumer.deliveries.length >= 3250, {
      timeoutMs: 60_000,
      what: 'every event applied',
    });
    // At least once: the third batch reached the topic twice; every event at least once.
    expect(consumer.deliveries.length).toBe(3250);
    expect(new Set(consumer.deliveries.map((d) => d.id))).toEqual(new Set(sent.map((m) => m.event.id)));
    // Per-key order: each key's events first arrive in the order they were written.
    const firstSeen = perKeyFirstSeen(consumer.deliveries);
    for (const key of keys) {
      expect(firstSeen.get(key)).toEqual(sent.filter((m) => m.key === key).map((m) => seqOf(m.event)));
    }
    // Idempotent consumer: 250 redeliveries suppressed, one effect per event.
    expect(consumer.duplicates()).toBe(250);
    expect(await countRows(db.knex, 'effects')).toBe(3000);
    expect(await countRows(db.knex, 'inbox')).toBe(3000);
  });

  it('keeps per-key order with two relays running at once while writers keep committing, and the standby takes over when the leader stops', async () => {
    const topic = freshTopic(6);
    await bus.ensureTopics([topic]);
    const consumer = await startConsumer(bus, db, topic);
    cleanups.push(() => consumer.stop());
    const other = await createDatabase({ url: DATABASE_URL }, { schema });
    cleanups.push(() => other.destroy());
    const relayA = createOutboxRelay({ knex: db.knex, bus, schema, topics: [topic], batchSize: 20, pollIntervalMs: 10 });
    const relayB = createOutboxRelay({ knex: other.knex, bus, schema, topics: [topic], batchSize: 20, pollIntervalMs: 10 });
    relayA.start();
    relayB.start();
    cleanups.push(() => relayA.stop(), () => relayB.stop());

    const keys = ['k1', 'k2', 'k3', 'k4'];
    const next = new Map(keys.map((k) => [k, 0]));
    const write = async (rounds: number) => {
      for (let round = 0; round < rounds; round++) {
        await db.knex.transaction(async (trx) => {
          const batch = keys.flatMap((key) => {
            const seq = next.get(key)!;
            next.set(key, seq + 2);
            return [linkMessage(key, seq), linkMessage(key, seq + 1)];
          });
          await outbox.enqueue(trx, topic, batch);
        });
      }
    };
    await write(40);
    await waitFor(() => relayA.stats.published + relayB.stats.published > 0, { what: 'a relay to publish' });
    // Stop whichever leads now; the other one must carry on.
    const [leader, standby] = relayA.stats.published > 0 ? [relayA, relayB] : [relayB, relayA];
    await leader.stop();
    await write(40);

    await waitFor(() => consumer.deliveries.length >= 640, { timeoutMs: 60_000, what: 'all 640 events' });
    // The relay counts a batch after its delete committed: wait for the count too, not only the empty table.
    await waitFor(async () => (await countRows(db.knex, 'outbox')) === 0 && relayA.stats.published + relayB.stats.published >= 640, {
      what: 'the outbox to empty and the relays to count what they published',
    });
    expect(standby.stats.published).toBeGreaterThan(0);
    expect(relayA.stats.published + relayB.stats.published).toBe(640);
    for (const key of keys) {
      const seqs = consumer.deliveries.filter((d) => d.key === key).map((d) => d.seq);
      expect(seqs).toEqual(Array.from({ length: 160 }, (_, i) => i));
    }
  });

  it('moves a row whose event breaks its topic contract to outbox_dead and publishes the valid rows around it in order, and keeps running', async () => {
    const topic = freshTopic();
    await bus.ensureTopics([topic]);
    const consumer = await startConsumer(bus, db, topic);
    cleanups.push(() => consumer.stop());
    const broken = brokenLinkMessage('k1', 2);
    await db.knex.transaction(async (trx) => {
      await outbox.enqueue(trx, topic, [linkMessage('k1', 0), linkMessage('k2', 0), linkMessage('k1', 1)]);
      await writeOutboxRow(trx, topic.name, broken);
      await outbox.enqueue(trx, topic, [linkMessage('k1', 3), linkMessage('k2', 1), linkMessage('k1', 4)]);
    });
    const relay = createOutboxRelay({ knex: db.knex, bus, schema, topics: [topic], pollIntervalMs: 50 });
    relay.start();
    cleanups.push(() => relay.stop());

    await waitFor(() => consumer.deliveries.length >= 6, { what: 'the six valid events handled' });
    await waitFor(async () => (await countRows(db.knex, 'outbox')) === 0, { what: 'the outbox to empty' });
    const seqs = (key: string) => consumer.deliveries.filter((d) => d.key === key).map((d) => d.seq);
    expect(seqs('k1')).toEqual([0, 1, 3, 4]);
    expect(seqs('k2')).toEqual([0, 1]);
    expect(consumer.deliveries.some((d) => d.id === broken.event.id)).toBe(false);
    const dead = await outbox.deadRows(db.knex);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      topic: topic.name,
      key: 'k1',
      event: { id: broken.event.id, data: { realmId: 'not-a-realm' } },
      errorCode: 'contract_violation',
      errorDetails: { issues: [{ path: 'data.realmId' }] },
    });
    expect(relay.stats).toMatchObject({ published: 6, deadLettered: 1, failures: 0 });

    // Still running: a row written now goes out without anyone calling drain.
    await db.knex.transaction((trx) => outbox.enqueue(trx, topic, [linkMessage('k1', 5)]));
    await waitFor(() => consumer.deliveries.length >= 7, { what: 'a row written after the dead one' });
    expect(seqs('k1')).toEqual([0, 1, 3, 4, 5]);
  });

  it('keeps the rows while the broker is unreachable and publishes them in order once it is back', async () => {
    const topic = freshTopic();
    await bus.ensureTopics([topic]);
    const consumer = await startConsumer(bus, db, topic);
    cleanups.push(() => consumer.stop());
    const unreachable = createKafkaBus({ brokers: [`127.0.0.1:${await closedPort()}`], clientId: 'db-int-unreachable' });
    cleanups.push(() => unreachable.close());
    let broker: MessageBus = unreachable;
    const switchable: MessageBus = { ...bus, publish: (t, messages) => broker.publish(t, messages) };
    const sent = messagesFor(['k1', 'k2'], 6);
    await db.knex.transaction((trx) => outbox.enqueue(trx, topic, sent));
    const relay = createOutboxRelay({ knex: db.knex, bus: switchable, schema, topics: [topic], pollIntervalMs: 50, maxBackoffMs: 200 });
    relay.start();
    cleanups.push(() => relay.stop());

    await waitFor(() => relay.stats.failures >= 2, { timeoutMs: 60_000, what: 'two failed attempts against the unreachable broker' });
    expect(await countRows(db.knex, 'outbox')).toBe(6);
    expect(await outbox.deadRows(db.knex)).toEqual([]);
    expect(relay.stats).toMatchObject({ published: 0, deadLettered: 0 });

    broker = bus;
    await waitFor(() => consumer.deliveries.length >= 6, { what: 'the kept rows handled once the broker is back' });
    await waitFor(async () => (await countRows(db.knex, 'outbox')) === 0, { what: 'the outbox to empty' });
    for (const key of ['k1', 'k2']) {
      expect(consumer.deliveries.filter((d) => d.key === key).map((d) => d.seq)).toEqual([0, 1, 2]);
    }
    expect(relay.stats).toMatchObject({ published: 6, deadLettered: 0 });
  });

  it('suppresses duplicates in the database when parallel transactions apply the same event id', async () => {
    const applyOnce = (i: number) =>
      inbox.once(db.knex, { consumer: 'effects', eventId: 'same-event' }, async (trx) => {
        await trx('effects').insert({ event_id: `attempt-${i}`, key: 'k', seq: i });
        return i;
      });

    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => applyOnce(i)));

    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(outcomes.filter((o) => o.duplicate)).toHaveLength(19);
    expect(await countRows(db.knex, 'effects')).toBe(1);
    expect(await db.knex('inbox').select('consumer', 'event_id')).toEqual([{ consumer: 'effects', event_id: 'same-event' }]);
  });
});
