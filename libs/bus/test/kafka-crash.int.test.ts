import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createEvent } from '@ledgerbus/contracts';
import type { Database, Migration } from '@ledgerbus/db';
import { createDatabase, migrate, outboxMigrations } from '@ledgerbus/db';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, testTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import { z } from 'zod';
import { createKafkaBus } from '../src';

jest.setTimeout(120_000);

const brokers = kafkaBrokersFromEnv();
const databaseUrl = databaseUrlFromEnv();
const root = path.resolve(__dirname, '../../..');

interface Child {
  process: ChildProcessWithoutNullStreams;
  lines: string[];
  exited: Promise<number | null>;
}

function startConsumer(env: Record<string, string>): Child {
  // node itself (not the tsx wrapper, which forks) so that SIGKILL hits the consumer process.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/crash-consumer.ts')], {
    cwd: root,
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json'), KAFKA_BROKERS: brokers.join(','), DATABASE_URL: databaseUrl },
  });
  const lines: string[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, lines, exited };
}

describe('a consumer killed after its effect and before its commit', () => {
  const schema = uniqueName('crash');
  const children: Child[] = [];
  let db: Database;

  beforeAll(async () => {
    db = await createDatabase({ url: databaseUrl }, { schema });
    // The inbox table of @ledgerbus/db, and the effect the consumer applies through it.
    const effects: Migration = {
      name: '0001_effects',
      async up(knex) {
        await knex.schema.createTable('effects', (t) => {
          t.increments('id');
          t.text('event_id').notNullable();
          t.text('amount').notNullable();
        });
      },
    };
    await migrate(db.knex, { schema, migrations: outboxMigrations([effects]) });
  });

  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await db.knex.raw('drop schema if exists ?? cascade', [schema]);
    await db.destroy();
  });

  it('gets the message again after a restart, and the inbox makes the effect happen once', async () => {
    const topicName = uniqueName('test.crash');
    const topic = testTopic(topicName, z.object({ amount: z.string() }), { partitions: 1 });
    const bus = createKafkaBus({ brokers });
    await bus.ensureTopics([topic]);
    const event = createEvent({ type: 'test.happened', source: '/crash-test', data: { amount: '125.50' } });
    await bus.publish(topic, [{ key: 'tenant-1', event }]);
    await bus.close();
    const env = { CRASH_SCHEMA: schema, CRASH_TOPIC: topicName, CRASH_GROUP: uniqueName('crash-group') };

    const first = startConsumer({ ...env, CRASH_MODE: 'hang' });
    children.push(first);
    await waitFor(() => first.lines.includes(`APPLIED ${event.id}`), { timeoutMs: 60_000, description: 'the first consumer to apply the effect', intervalMs: 50 });
    first.process.kill('SIGKILL');
    await first.exited;
    expect(first.process.signalCode).toBe('SIGKILL');

    const second = startConsumer({ ...env, CRASH_MODE: 'normal' });
    children.push(second);
    await waitFor(() => second.lines.includes(`DUPLICATE ${event.id}`), { timeoutMs: 60_000, description: 'the restarted consumer to get the message again', intervalMs: 50 });
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const deliveries = [...first.lines, ...second.lines].filter((l) => l === `DELIVERED ${event.id}`);
    expect(deliveries).toHaveLength(2);
    expect(await db.knex('effects').select('event_id', 'amount')).toEqual([{ event_id: event.id, amount: '125.50' }]);
    expect(await db.knex('inbox').select('consumer', 'event_id')).toEqual([{ consumer: 'crash-consumer', event_id: event.id }]);
  });
});
