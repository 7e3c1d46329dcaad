import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { createMemoryBus, decodeEvent } from '@ledgerbus/bus';
import { ValidationError, createLogger } from '@ledgerbus/kit';
import type { Database } from '../src';
import { createDatabase, createOutboxRelay, inbox, migrate, openPglite, outbox, outboxMigrations } from '../src';
import { brokenLinkMessage, freshTopic, linkMessage, messagesFor, perKeyFirstSeen, seqOf, waitFor, writeOutboxRow } from './helpers';

const serviceMigrations = outboxMigrations([
  {
    name: '0001_things',
    async up(knex) {
      await knex.schema.createTable('things', (t) => {
        t.text('id').primary();
        t.integer('version').notNullable();
      });
    },
  },
]);

describe('libs/db on PGlite (embedded PostgreSQL)', () => {
  let pglite: PGlite;
  const opened: Database[] = [];

  beforeAll(async () => {
    pglite = await openPglite();
  });

  afterEach(async () => {
    for (const db of opened.splice(0)) await db.destroy();
  });

  afterAll(async () => {
    await pglite.close();
  });

  async function open(schema: string): Promise<Database> {
    const db = await createDatabase({ pglite: { instance: pglite } }, { schema });
    opened.push(db);
    return db;
  }

  it('applies a service migration list once and reports nothing to do the second time', async () => {
    const db = await open('svc_migrate');
    const first = await migrate(db.knex, { schema: 'svc_migrate', migrations: serviceMigrations });
    const second = await migrate(db.knex, { schema: 'svc_migrate', migrations: serviceMigrations });
    expect(first.applied).toEqual(['ledgerbus_db_0001_outbox_inbox', 'ledgerbus_db_0002_outbox_dead', '0001_things']);
    expect(second.applied).toEqual([]);
    const tables = await db.knex('pg_tables').where({ schemaname: 'svc_migrate' }).pluck('tablename');
    expect(tables.sort()).toEqual(['inbox', 'knex_migrations', 'knex_migrations_lock', 'outbox', 'outbox_dead', 'things']);
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it('adds outbox_dead to a schema migrated before it existed, after the service migrations already applied', async () => {
    const db = await open('svc_upgrade');
    const [outboxAndInbox, , ...mine] = serviceMigrations;
    await migrate(db.knex, { schema: 'svc_upgrade', migrations: [outboxAndInbox!, ...mine] });
    await db.knex.transaction((trx) => outbox.enqueue(trx, freshTopic(), [linkMessage('t1', 0)]));

    const upgrade = await migrate(db.knex, { schema: 'svc_upgrade', migrations: serviceMigrations });

    expect(upgrade.applied).toEqual(['ledgerbus_db_0002_outbox_dead']);
    expect(await outbox.deadRows(db.knex)).toEqual([]);
    expect(await db.knex('outbox').count<Array<{ count: number }>>('* as count')).toEqual([{ count: 1 }]);
  });

  it('keeps several services in their own schemas on one shared PGlite instance, even with interleaved transactions', async () => {
    const a = await open('svc_a');
    const b = await open('svc_b');
    await migrate(a.knex, { schema: 'svc_a', migrations: serviceMigrations });
    await migrate(b.knex, { schema: 'svc_b', migrations: serviceMigrations });

    // Both transactions are open at the same time; each must see only its own schema.
    await Promise.all([
      a.knex.transaction(async (trx) => {
        await trx('things').insert({ id: 'a1', version: 1 });
        await new Promise((resolve) => setImmediate(resolve));
        await trx('things').insert({ id: 'a2', version: 1 });
      }),
      b.knex.transaction(async (trx) => {
        await trx('things').insert({ id: 'b1', version: 1 });
        await new Promise((resolve) => setImmediate(resolve));
        await trx('things').insert({ id: 'b2', version: 1 });
      }),
      b.knex.transaction(async (trx) => {
        await trx('things').insert({ id: 'b3', version: 1 });
        throw new Error('rolled back');
      }).catch(() => undefined),
    ]);

    expect(await a.knex('things').orderBy('id').pluck('id')).toEqual(['a1', 'a2']);
    expect(await b.knex('things').orderBy('id').pluck('id')).toEqual(['b1', 'b2']);
  });

  it('publishes committed outbox rows in per-key order and nothing from a rolled-back transaction', async () => {
    const db = await open('svc_outbox');
    await migrate(db.knex, { schema: 'svc_outbox', migrations: serviceMigrations });
    const bus = createMemoryBus();
    const topic = freshTopic();
    await bus.ensureTopics([topic]);

    await db.knex
      .transaction(async (trx) => {
        await trx('things').insert({ id: 'lost', version: 1 });
        await outbox.enqueue(trx, topic, [linkMessage('lost-tenant', 0)]);
        throw new Error('business rule failed');
      })
      .catch(() => undefined);
    const sent = messagesFor(['t1', 't2', 't3'], 250);
    await db.knex.transaction(async (trx) => {
      await trx('things').insert({ id: 'kept', version: 1 });
      await outbox.enqueue(trx, topic, sent);
    });

    const relay = createOutboxRelay({ knex: db.knex, bus, schema: 'svc_outbox', batchSize: 40, topics: [topic] });
    await relay.drain();

    const records = bus.broker.records(topic.name).map((r) => {
      const event = decodeEvent(r.headers, r.value);
      return { key: r.key!, seq: seqOf(event), id: event.id };
    });
    expect(records).toHaveLength(250);
    expect(records.some((r) => r.key === 'lost-tenant')).toBe(false);
    expect(new Set(records.map((r) => r.id))).toEqual(new Set(sent.map((m) => m.event.id)));
    const perKey = perKeyFirstSeen(records);
    for (const [key, seqs] of perKey) {
      const expected = sent.filter((m) => m.key === key).map((m) => seqOf(m.event));
      expect(seqs).toEqual(expected);
    }
    expect(await db.knex('outbox').count<Array<{ count: number }>>('* as count')).toEqual([{ count: 0 }]);
    expect(relay.stats.published).toBe(250);
  });

  it('rejects an event that breaks its contract before anything is written', async () => {
    const db = await open('svc_invalid');
    await migrate(db.knex, { schema: 'svc_invalid', migrations: serviceMigrations });
    const topic = freshTopic();
    const bad = brokenLinkMessage('t1', 0);

    const attempt = db.knex.transaction(async (trx) => {
      await trx('things').insert({ id: 'x', version: 1 });
      await outbox.enqueue(trx, topic, [linkMessage('t1', 1), bad]);
    });

    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await db.knex('things').count<Array<{ count: number }>>('* as count')).toEqual([{ count: 0 }]);
    expect(await db.knex('outbox').count<Array<{ count: number }>>('* as count')).toEqual([{ count: 0 }]);
  });

  it('moves rows the bus rejects for good to outbox_dead with the reason, publishes the rows around them in order and keeps running', async () => {
    const db = await open('svc_dead');
    await migrate(db.knex, { schema: 'svc_dead', migrations: serviceMigrations });
    const bus = createMemoryBus();
    const topic = freshTopic();
    await bus.ensureTopics([topic]);
    const broken = brokenLinkMessage('t1', 2);
    const lost = linkMessage('t3', 0);
    await db.knex.transaction(async (trx) => {
      await outbox.enqueue(trx, topic, [linkMessage('t1', 0), linkMessage('t2', 0), linkMessage('t1', 1)]);
      await writeOutboxRow(trx, topic.name, broken);
      await writeOutboxRow(trx, 'test.db-outbox-nowhere.v1', lost);
      await outbox.enqueue(trx, topic, [linkMessage('t1', 3), linkMessage('t2', 1)]);
    });
    const lines: string[] = [];
    const logger = createLogger({ name: 'relay-test', level: 'info', destination: { write: (line: string) => lines.push(line) } });
    const relay = createOutboxRelay({ knex: db.knex, bus, schema: 'svc_dead', topics: [topic], pollIntervalMs: 20, logger });
    relay.start();
    try {
      await waitFor(async () => (await db.knex('outbox').count<Array<{ count: number }>>('* as count'))[0]?.count === 0, { what: 'the outbox to empty' });

      const published = () => bus.broker.records(topic.name).map((r) => ({ key: r.key!, seq: seqOf(decodeEvent(r.headers, r.value)) }));
      expect(perKeyFirstSeen(published())).toEqual(
        new Map([
          ['t1', [0, 1, 3]],
          ['t2', [0, 1]],
        ]),
      );
      expect(published()).toHaveLength(5);
      const dead = await outbox.deadRows(db.knex);
      expect(dead).toMatchObject([
        { topic: topic.name, key: 't1', event: { id: broken.event.id }, errorCode: 'contract_violation', errorDetails: { issues: [{ path: 'data.realmId' }] } },
        { topic: 'test.db-outbox-nowhere.v1', key: 't3', event: { id: lost.event.id }, errorCode: 'outbox_unknown_topic' },
      ]);
      expect(dead[0]!.errorMessage).toContain(topic.name);
      expect(dead[0]!.failedAt).toBeInstanceOf(Date);
      expect(relay.stats).toMatchObject({ published: 5, deadLettered: 2, failures: 0 });
      const errors = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.level === 50);
      expect(errors).toMatchObject([
        { topic: topic.name, eventId: broken.event.id, code: 'contract_violation', fields: ['data.realmId'] },
        { topic: 'test.db-outbox-nowhere.v1', eventId: lost.event.id, code: 'outbox_unknown_topic' },
      ]);
      expect(lines.join('\n')).not.toContain('not-a-realm');

      await db.knex.transaction((trx) => outbox.enqueue(trx, topic, [linkMessage('t1', 4)]));
      await waitFor(() => published().length === 6, { what: 'a row written after the dead ones' });
      expect(perKeyFirstSeen(published()).get('t1')).toEqual([0, 1, 3, 4]);
    } finally {
      await relay.stop();
    }
  });

  it('runs the loop: a row committed after start is published without calling drain', async () => {
    const db = await open('svc_loop');
    await migrate(db.knex, { schema: 'svc_loop', migrations: serviceMigrations });
    const bus = createMemoryBus();
    const topic = freshTopic();
    const relay = createOutboxRelay({ knex: db.knex, bus, schema: 'svc_loop', pollIntervalMs: 20, topics: [topic] });
    relay.start();
    try {
      await db.knex.transaction((trx) => outbox.enqueue(trx, topic, [linkMessage('t9', 0)]));
      await waitFor(() => bus.broker.records(topic.name).length > 0, { what: 'the relay to publish the row' });
      expect(bus.broker.records(topic.name)).toHaveLength(1);
      expect(await db.knex('outbox').count<Array<{ count: number }>>('* as count')).toEqual([{ count: 0 }]);
    } finally {
      await relay.stop();
    }
  });

  it('applies an event once per consumer through the inbox, and again after a failed effect', async () => {
    const db = await open('svc_inbox');
    await migrate(db.knex, { schema: 'svc_inbox', migrations: serviceMigrations });
    const apply = (eventId: string, consumer = 'things-handler') =>
      inbox.once(db.knex, { consumer, eventId }, async (trx) => {
        await trx('things').insert({ id: `${consumer}:${eventId}`, version: 1 });
        return 'applied';
      });

    expect(await apply('e1')).toEqual({ duplicate: false, result: 'applied' });
    expect(await apply('e1')).toEqual({ duplicate: true });
    expect(await apply('e1', 'other-handler')).toEqual({ duplicate: false, result: 'applied' });

    await expect(inbox.once(db.knex, { consumer: 'things-handler', eventId: 'e2' }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await apply('e2')).toEqual({ duplicate: false, result: 'applied' });
    expect((await db.knex('things').orderBy('id').pluck('id'))).toEqual(['other-handler:e1', 'things-handler:e1', 'things-handler:e2']);
  });

  it('persists in a data directory shared by two services and reopens it with the outbox rows intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledgerbus-pglite-'));
    try {
      const a = await createDatabase({ pglite: { dataDir: dir } }, { schema: 'svc_dir_a' });
      const b = await createDatabase({ pglite: { dataDir: dir } }, { schema: 'svc_dir_b' });
      await migrate(a.knex, { schema: 'svc_dir_a', migrations: serviceMigrations });
      await migrate(b.knex, { schema: 'svc_dir_b', migrations: serviceMigrations });
      const topic = freshTopic();
      await a.knex.transaction((trx) => outbox.enqueue(trx, topic, [linkMessage('t1', 0), linkMessage('t1', 1)]));
      await a.destroy();
      // b still uses the instance; a's schema is still there.
      expect(await b.knex('svc_dir_a.outbox').count<Array<{ count: number }>>('* as count')).toEqual([{ count: 2 }]);
      await b.destroy();

      const reopened = await createDatabase({ pglite: { dataDir: dir } }, { schema: 'svc_dir_a' });
      try {
        const bus = createMemoryBus();
        const relay = createOutboxRelay({ knex: reopened.knex, bus, schema: 'svc_dir_a', topics: [topic] });
        await relay.drain();
        expect(bus.broker.records(topic.name).map((r) => seqOf(decodeEvent(r.headers, r.value)))).toEqual([0, 1]);
      } finally {
        await reopened.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
