/**
 * PostgreSQL connections cut under load (issue 13): while platform customers flow, the
 * test terminates every connection of this service's pool (`pg_terminate_backend`, only the
 * backends whose application_name is this test's schema: nobody else's) again and again.
 * Consumers, the outbox relay and its LISTEN connection all see 57P01 / "Connection
 * terminated unexpectedly". Nothing may be dead-lettered and every customer must land in
 * the sandbox exactly once.
 */
import { dlqTopicName } from '@ledgerbus/contracts';
import { createDatabase } from '@ledgerbus/db';
import type { Database } from '@ledgerbus/db';
import { OUTBOX_DEAD_TABLE } from '@ledgerbus/db';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, waitFor } from '@ledgerbus/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Harness } from './harness';
import { startHarness } from './harness';

const CUSTOMERS = 60;

let h: Harness;
let killer: Database;
beforeAll(async () => {
  h = await startHarness();
  // The killer's own connection: another application_name, so it never cuts itself.
  killer = await createDatabase({ url: databaseUrlFromEnv() }, { schema: 'public', applicationName: 'ledgerbus:test-killer', pool: { max: 1 } });
});
afterAll(async () => {
  await killer?.destroy();
  await h?.close();
});

/** Messages on the DLQ of each of the service's topics (0 for a DLQ that does not exist). */
async function deadLetters(): Promise<Record<string, number>> {
  const admin = new Kafka({ clientId: 'db-cut-test', brokers: kafkaBrokersFromEnv(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const out: Record<string, number> = {};
    for (const topic of Object.values(h.topics)) {
      const dlq = dlqTopicName(topic.name);
      if (!existing.has(dlq)) continue;
      const offsets = await admin.fetchTopicOffsets(dlq);
      out[dlq] = offsets.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

it('dead-letters nothing and lands every customer exactly once while its database connections are cut again and again', async () => {
  const tenant = `tenant-cut-${Date.now().toString(36)}`;
  const realm = h.newRealm();
  await h.setup(tenant, realm, { entities: { customers: 'to_qbo' } });
  const application = `ledgerbus:${h.db.schema}`;

  const synced = () => new Set(h.eventsOf('customer.synced', (d) => d.tenantId === tenant).map((e) => e.data.platformId)).size;
  let cutting = true;
  let terminated = 0;
  const cuts = (async () => {
    while (cutting) {
      // pg_terminate_backend in the select list, never in WHERE: the planner may evaluate a
      // WHERE function before the application_name filter and cut everybody's connections.
      const result = await killer.knex.raw<{ rows: Array<{ pid: number; cut: boolean }> }>(
        'select pid, pg_terminate_backend(pid) as cut from pg_stat_activity where application_name = ? and pid <> pg_backend_pid()',
        [application],
      );
      terminated += result.rows.filter((r) => r.cut).length;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();

  try {
    for (let i = 0; i < CUSTOMERS; i++) {
      await h.upsertCustomer(tenant, { customerId: `cut-${i}`, displayName: `Cut Customer ${i}` });
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 400)); // keep cutting while they are handled
    }
    // Cuts go on until half of the customers are synced, or for 90 s at most: progress while
    // every connection dies each 100 ms depends on the machine's speed (17 s alone; a loaded CI
    // run once made less than half in 120 s), so the test asserts safety while cutting
    // (nothing dead-lettered, failed or duplicated) and liveness once the cuts stop.
    await waitFor(() => synced() >= CUSTOMERS / 2, { timeoutMs: 90_000, description: 'half of the customers synced while connections are being cut' }).catch(() => {
      console.warn(`db-connections-cut: ${synced()} of ${CUSTOMERS} customers synced after 90 s of cuts (${terminated} connections cut); stopping the cuts`);
    });
  } finally {
    cutting = false;
    await cuts;
  }

  await waitFor(() => synced() === CUSTOMERS, {
    timeoutMs: 120_000,
    description: `${CUSTOMERS} customer.synced events once the cuts stopped`,
  });
  expect(terminated).toBeGreaterThan(5);
  const names = (h.sandbox.admin.entities(realm, 'Customer') as Array<{ DisplayName: string }>).map((c) => c.DisplayName).sort();
  expect(names).toEqual(Array.from({ length: CUSTOMERS }, (_, i) => `Cut Customer ${i}`).sort());
  expect(h.eventsOf('customer.sync_failed', (d) => d.tenantId === tenant)).toEqual([]);
  expect(Object.values(await deadLetters()).reduce((a, b) => a + b, 0)).toBe(0);
  expect(await h.db.knex(OUTBOX_DEAD_TABLE).count<Array<{ count: string }>>('* as count')).toEqual([{ count: '0' }]);
}, 300_000);
