/**
 * Nothing is lost across a SIGKILL of the delivery service: the service runs as a child process,
 * is killed with kill -9 while attempts are in flight at the receiver, and a second process on
 * the same database and consumer group carries on. Every event arrives at least once (the ones in
 * flight at the kill arrive again, with the same webhook-id), in order per key.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { CloudEvent, TopicDefinition } from '@ledgerbus/contracts';
import { syncEvents } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import { generateKeyRingKey, mintToken } from '@ledgerbus/kit';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName, waitFor } from '@ledgerbus/testing';
import { invoicePushed, JWT_SECRET } from './support/harness';
import type { Receiver } from './support/receiver';
import { firstArrivalOrder, startReceiver } from './support/receiver';

jest.setTimeout(240_000);

const LEASE_MS = 3_000;
const schema = uniqueName('webhooks_kill').slice(0, 60);
const topic: TopicDefinition = { ...syncEvents, name: uniqueName('test.webhooks.kill'), partitions: 3 };
const groupPrefix = uniqueName('webhooks-kill-');
const secretKey = generateKeyRingKey('kill');
let db: Database;
let bus: MessageBus;
let receiver: Receiver;
const children: Child[] = [];

interface Child {
  process: ChildProcessWithoutNullStreams;
  port: Promise<number>;
  exited: Promise<number | null>;
}

function startChild(owner: string): Child {
  const root = path.resolve(__dirname, '../../..');
  // node itself (not the tsx wrapper, which forks) so that SIGKILL hits the service's process.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/service-process.ts')], {
    cwd: root,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json'),
      DATABASE_URL: databaseUrlFromEnv(),
      KAFKA_BROKERS: kafkaBrokersFromEnv().join(','),
      JWT_SECRET,
      WH_SCHEMA: schema,
      WH_TOPIC: topic.name,
      WH_GROUP_PREFIX: groupPrefix,
      WH_SECRET_KEY: secretKey,
      WH_OWNER: owner,
      WH_LEASE_MS: String(LEASE_MS),
    },
  });
  let buffer = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const m = /READY (\d+)/.exec(buffer);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`child exited (${String(code)}) before it was ready`)));
  });
  port.catch(() => undefined);
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = { process: child, port, exited };
  children.push(started);
  return started;
}

beforeAll(async () => {
  db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 2 } });
  bus = createKafkaBus({ brokers: kafkaBrokersFromEnv(), clientId: 'webhooks-kill-test' });
  await bus.ensureTopics([topic]);
  receiver = await startReceiver();
});

afterAll(async () => {
  for (const c of children) {
    if (c.process.exitCode === null && c.process.signalCode === null) {
      c.process.kill('SIGKILL');
      await c.exited;
    }
  }
  await bus.close();
  await receiver.close();
  await db.knex.raw('drop schema if exists ?? cascade', [schema]);
  await db.destroy();
});

it('delivers every event at least once, in order per key, when the delivery service is SIGKILLed mid-delivery', async () => {
  const tenant = `kill${Date.now().toString(36)}`;
  const first = startChild('replica-a');
  const port = await first.port;
  const token = await mintToken(JWT_SECRET, { sub: `admin@${tenant}`, tenant, role: 'admin' });
  const created = await fetch(`http://127.0.0.1:${port}/v1/tenants/${tenant}/webhook-endpoints`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${receiver.url}/hooks/kill` }),
  });
  expect(created.status).toBe(201);
  const { secret } = (await created.json()) as { secret: string };
  receiver.setSecrets('/hooks/kill', [secret]);
  // Slow answers, so that attempts are in flight when the process dies.
  receiver.behave(() => ({ status: 204, delayMs: 300 }));

  const keys = [tenant, `${tenant}/east`, `${tenant}/west`];
  const published = new Map<string, string[]>(keys.map((k) => [k, []]));
  const publish = async (perKey: number): Promise<void> => {
    for (let i = 0; i < perKey; i++) {
      for (const key of keys) {
        const event: CloudEvent = invoicePushed(key);
        await bus.publish(topic, [{ key, event }]);
        published.get(key)!.push(event.id);
      }
    }
  };
  await publish(15);

  await waitFor(() => receiver.requests.length >= 12 && receiver.inProgress > 0, { timeoutMs: 60_000, intervalMs: 5, description: 'attempts in flight at the receiver' });
  // Not answered yet when the process dies: the service cannot have recorded them.
  const inFlight = receiver.requests.filter((r) => r.status === 0).map((r) => r.webhookId);
  const killedAt = Date.now();
  first.process.kill('SIGKILL');
  await first.exited;
  expect(inFlight.length).toBeGreaterThan(0);

  // More events while no replica runs; then another replica takes over the leases and the consumer group.
  await publish(10);
  startChild('replica-b');
  const all = [...published.values()].flat();
  await waitFor(() => new Set(receiver.delivered('/hooks/kill').map((r) => r.webhookId)).size === all.length, {
    timeoutMs: 150_000,
    intervalMs: 100,
    description: `all ${all.length} events delivered after the takeover`,
  });

  const toEndpoint = receiver.requests.filter((r) => r.path === '/hooks/kill');
  expect(toEndpoint.every((r) => r.verified)).toBe(true);
  // The attempts cut by the kill were made again, after it, by the other replica (same webhook-id).
  for (const id of inFlight) {
    expect(receiver.delivered('/hooks/kill').some((r) => r.webhookId === id && r.at > killedAt)).toBe(true);
  }
  for (const key of keys) {
    const ofKey = toEndpoint.filter((r) => r.event.data.tenantId === tenant && (published.get(key) ?? []).includes(r.webhookId));
    expect(firstArrivalOrder(ofKey)).toEqual(published.get(key));
  }
  // The delivery log: every delivery delivered, the cut ones with the successful attempt of replica-b.
  const rows = await db.knex('webhook_deliveries').select('event_id', 'status');
  expect(rows).toHaveLength(all.length);
  expect(rows.every((r: { status: string }) => r.status === 'delivered')).toBe(true);
  const owners = await db.knex('webhook_attempts').distinct('owner').pluck('owner');
  expect(owners.sort()).toEqual(['replica-a', 'replica-b']);
});
