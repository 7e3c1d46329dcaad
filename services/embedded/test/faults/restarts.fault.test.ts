/**
 * Fault suite (issue 13), `npm run test:faults`: PostgreSQL restarted and, separately, the
 * Kafka broker stopped and started while records flow, on a private PostgreSQL cluster
 * (initdb in a temp dir) and a private broker (deploy/local/kafka.sh on its own ports), so
 * the shared servers of the other tests are never disturbed. customer-sync and the push
 * workers (invoice-push, payment-push) run in this process with their factories against
 * them, each against its QBO sandbox. Afterwards: nothing on any `.dlq` topic of the
 * broker, no row in any `outbox_dead` of the cluster, every customer, invoice and payment
 * in its sandbox exactly once; `/readyz` answered 503 (db failed) promptly while the
 * database was down and 200 after, and a route reading the database 503 database_unavailable
 * with Retry-After (not 500).
 */
import { randomUUID } from 'node:crypto';
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { uniqueName, waitFor } from '@ledgerbus/testing';
import { Kafka, logLevel } from 'kafkajs';
import { knex as createKnex } from 'knex';
import type { Harness } from '../../../customer-sync/test/harness';
import { startHarness } from '../../../customer-sync/test/harness';
import type { Company, Topics, Workers } from '../../../payment-push/test/support/harness';
import * as push from '../../../payment-push/test/support/harness';
import type { PrivateKafka, PrivatePostgres } from './infra';
import { startPrivateKafka, startPrivatePostgres } from './infra';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** How long PostgreSQL stays down (FAULTS_PG_DOWN_MS overrides; the issue asks for 5–60 s). */
const PG_DOWN_MS = Number(process.env.FAULTS_PG_DOWN_MS ?? 8_000);
/** How long the broker stays down after its shutdown. */
const KAFKA_DOWN_MS = Number(process.env.FAULTS_KAFKA_DOWN_MS ?? 3_000);
/** Customers per burst, and invoices (and as many payments) per tenant per burst. */
const CUSTOMERS = 40;
const RECORDS = 60;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface PushTenant {
  tenantId: string;
  company: Company;
  prefix: string;
}

let pg: PrivatePostgres;
let kafka: PrivateKafka;
let cs: Harness;
let pushSandbox: Sandbox;
let pushBus: MessageBus;
let pushTopics: Topics;
let workers: Workers | undefined;
const pushTenants: PushTenant[] = [];
let csTenant: string;
let csRealm: string;
/** Customers published to customer-sync, invoices (and payments) per push tenant so far. */
let customersSent = 0;
let recordsSent = 0;

beforeAll(async () => {
  [pg, kafka] = await Promise.all([startPrivatePostgres(), startPrivateKafka()]);
  // Read by the harnesses when they start (databaseUrlFromEnv, kafkaBrokersFromEnv): the private servers.
  process.env.DATABASE_URL = pg.url;
  process.env.KAFKA_BROKERS = kafka.brokers.join(',');

  cs = await startHarness();
  csTenant = uniqueName('faults');
  csRealm = cs.newRealm();
  await cs.setup(csTenant, csRealm, { entities: { customers: 'to_qbo' } });

  pushSandbox = push.createSandbox({ settings: { limits: { enabled: false } } });
  const baseUrl = await pushSandbox.listen(0);
  pushBus = createKafkaBus({ brokers: kafka.brokers, clientId: uniqueName('faults-push'), consumer: { sessionTimeout: 6_000, rebalanceTimeout: 6_000 } });
  pushTopics = push.freshTopics();
  await pushBus.ensureTopics(Object.values(pushTopics));
  for (let t = 0; t < 2; t++) {
    const c = push.company(pushSandbox, baseUrl, `Faults ${t}`);
    const tenantId = uniqueName(`faults${t}`);
    const item = await c.qbo.create('Item', { Name: 'Service', Type: 'Service', IncomeAccountRef: { value: c.accountIdOf('Income') } }, { requestId: uniqueName('it') });
    const prefix = `F${t}-`;
    await push.publishSettings(pushBus, pushTopics, tenantId, c.realmId, {
      settings: { invoices: { enabled: true }, payments: { enabled: true }, entities: { items: 'off' }, documentPrefixes: { invoices: { prefix } } },
      mappings: { defaults: { oneTimeItemId: item.Id, recurringItemId: item.Id } },
    });
    await push.linkCustomers(pushBus, pushTopics, tenantId, c, ['c1', 'c2', 'c3']);
    pushTenants.push({ tenantId, company: c, prefix });
  }
  workers = await push.startWorkers({
    topics: pushTopics,
    schema: uniqueName('faults_push'),
    bus: pushBus,
    groupPrefix: uniqueName('g'),
    baseUrl,
    tokens: new Map(pushTenants.map((t) => [t.company.realmId, t.company.token])),
    // Payments wait for their invoices' links for as long as the suite runs.
    tuning: { maxWaitMs: 240_000 },
  });
}, 240_000);

afterAll(async () => {
  await workers?.stop().catch(() => undefined);
  await pushBus?.close().catch(() => undefined);
  await pushSandbox?.close().catch(() => undefined);
  await cs?.close().catch(() => undefined);
  await Promise.all([pg?.destroy(), kafka?.destroy()]);
}, 120_000);

/** Publish, trying again while the broker is not back yet. */
async function publishing(what: string, send: () => Promise<unknown>): Promise<void> {
  await waitFor(
    async () => {
      await send();
      return true;
    },
    { timeoutMs: 90_000, intervalMs: 500, description: what },
  );
}

async function sendCustomers(n: number): Promise<void> {
  const from = customersSent;
  customersSent += n;
  for (let i = from; i < from + n; i++) {
    await publishing(`customer ${i}`, () => cs.upsertCustomer(csTenant, { customerId: `f-${i}`, displayName: `Fault Customer ${i}` }));
  }
}

async function sendRecords(n: number): Promise<void> {
  const from = recordsSent;
  recordsSent += n;
  for (const { tenantId } of pushTenants) {
    const invoices = Array.from({ length: n }, (_, k) => {
      const i = from + k;
      return { tenantId, invoiceId: `i${i}`, number: String(100000 + i), customerId: `c${(i % 3) + 1}`, txnDate: '2024-05-01', version: 1, lines: [{ productId: 'p', quantity: '1', unitPrice: '20.00' }] };
    });
    await publishing('invoices', () => push.publish(pushBus, pushTopics.invoices, tenantId, 'invoice.upserted', invoices));
    const payments = Array.from({ length: n }, (_, k) => {
      const i = from + k;
      return { tenantId, paymentId: `p${i}`, customerId: `c${(i % 3) + 1}`, amount: '5.00', date: '2024-05-02', reference: `R${i}`, appliedTo: [{ invoiceId: `i${i}`, amount: '5.00' }], version: 1 };
    });
    await publishing('payments', () => push.publish(pushBus, pushTopics.payments, tenantId, 'payment.recorded', payments));
  }
}

const qboCustomers = (): Json[] => cs.sandbox.admin.entities(csRealm, 'Customer');
const ledger = (t: PushTenant, entity: 'Invoice' | 'Payment'): Json[] => pushSandbox.admin.entities(t.company.realmId, entity);
const pushed = (): number => pushTenants.reduce((s, t) => s + ledger(t, 'Invoice').length + ledger(t, 'Payment').length, 0);

/** Every record sent so far is in its sandbox exactly once. */
async function expectAllLandedOnce(): Promise<void> {
  await waitFor(
    () => {
      if (qboCustomers().length >= customersSent && pushed() >= recordsSent * 2 * pushTenants.length) return true;
      throw new Error(`${qboCustomers().length}/${customersSent} customers, ${pushed()}/${recordsSent * 2 * pushTenants.length} invoices and payments`);
    },
    { timeoutMs: 180_000, intervalMs: 500, description: 'every record in its sandbox' },
  );
  const names = qboCustomers().map((c) => String(c.DisplayName)).sort();
  expect(names).toEqual(Array.from({ length: customersSent }, (_, i) => `Fault Customer ${i}`).sort());
  for (const t of pushTenants) {
    const docNumbers = ledger(t, 'Invoice').map((i) => String(i.DocNumber));
    expect({ tenant: t.tenantId, invoices: docNumbers.length, distinct: new Set(docNumbers).size }).toEqual({ tenant: t.tenantId, invoices: recordsSent, distinct: recordsSent });
    const refs = ledger(t, 'Payment').map((p) => String(p.PaymentRefNum));
    expect({ tenant: t.tenantId, payments: refs.length, distinct: new Set(refs).size }).toEqual({ tenant: t.tenantId, payments: recordsSent, distinct: recordsSent });
  }
  expect(cs.eventsOf('customer.sync_failed')).toEqual([]);
}

/** Messages on every `.dlq` topic of the private broker (it holds only this suite's topics). */
async function deadLetters(): Promise<Record<string, number>> {
  const admin = new Kafka({ clientId: 'faults-dlq', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const out: Record<string, number> = {};
    for (const topic of (await admin.listTopics()).filter((name) => name.endsWith('.dlq'))) {
      out[topic] = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

/** Rows in every `outbox_dead` table of the private cluster. */
async function deadOutboxRows(): Promise<Record<string, number>> {
  const k = createKnex({ client: 'pg', connection: pg.url, pool: { min: 0, max: 1 } });
  try {
    const tables = (await k.raw<{ rows: Array<{ table_schema: string }> }>("select table_schema from information_schema.tables where table_name = 'outbox_dead'")).rows;
    const out: Record<string, number> = {};
    for (const { table_schema: schema } of tables) {
      const [row] = await k(`${schema}.outbox_dead`).count<Array<{ count: string }>>('* as count');
      out[schema] = Number(row?.count ?? 0);
    }
    return out;
  } finally {
    await k.destroy();
  }
}

function expectNothingDead(dlq: Record<string, number>, outbox: Record<string, number>): void {
  expect(Object.entries(dlq).filter(([, n]) => n > 0)).toEqual([]);
  expect(Object.entries(outbox).filter(([, n]) => n > 0)).toEqual([]);
  expect(Object.keys(outbox).length).toBeGreaterThanOrEqual(3); // customer-sync's and both push schemas were looked at
}

it(`restarts PostgreSQL (down ${PG_DOWN_MS} ms) while records flow: /readyz says so, nothing is dead-lettered, everything lands once`, async () => {
  const sending = Promise.all([sendCustomers(CUSTOMERS), sendRecords(RECORDS)]);
  await waitFor(() => qboCustomers().length > 0 && pushed() > 0, { timeoutMs: 60_000, description: 'the first records pushed' });

  const token = await cs.token(csTenant);
  const run = { method: 'GET' as const, url: `/v1/tenants/${csTenant}/onboarding/runs/${randomUUID()}`, headers: { authorization: `Bearer ${token}` } };
  await pg.stop();
  const stoppedAt = Date.now();
  // A route that reads the database answers 503 database_unavailable with Retry-After, not 500.
  const during = await cs.service.http.inject(run);
  expect({ status: during.statusCode, retryAfter: during.headers['retry-after'], code: during.json<Json>().error?.code }).toEqual({ status: 503, retryAfter: '5', code: 'database_unavailable' });
  const probeStarted = Date.now();
  const ready = await cs.service.http.inject({ method: 'GET', url: '/readyz' });
  const probeMs = Date.now() - probeStarted;
  expect(ready.statusCode).toBe(503);
  expect(ready.json<Json>()).toMatchObject({ status: 'not_ready', checks: { db: 'failed', bus: 'ok' } });
  expect(probeMs).toBeLessThan(5_000);
  // More work arrives while the database is down.
  await sendCustomers(CUSTOMERS);
  await pause(Math.max(0, PG_DOWN_MS - (Date.now() - stoppedAt)));
  await pg.start();
  await sending;
  await waitFor(async () => (await cs.service.http.inject({ method: 'GET', url: '/readyz' })).statusCode === 200, { timeoutMs: 30_000, description: '/readyz 200 again' });
  expect((await cs.service.http.inject(run)).statusCode).toBe(404); // no such run: the route works again

  await expectAllLandedOnce();
  expectNothingDead(await deadLetters(), await deadOutboxRows());
}, 300_000);

it(`stops the Kafka broker and starts it again (down ${KAFKA_DOWN_MS} ms after its shutdown) under load: nothing is dead-lettered, everything lands once`, async () => {
  const before = { customers: qboCustomers().length, pushed: pushed() };
  await Promise.all([sendCustomers(CUSTOMERS), sendRecords(RECORDS)]);
  await waitFor(() => qboCustomers().length > before.customers && pushed() > before.pushed, { timeoutMs: 60_000, description: 'the burst being pushed' });

  await kafka.stop();
  await pause(KAFKA_DOWN_MS);
  await kafka.start();
  // And more once it is back (the producers reconnect).
  await Promise.all([sendCustomers(CUSTOMERS), sendRecords(RECORDS)]);

  await expectAllLandedOnce();
  expectNothingDead(await deadLetters(), await deadOutboxRows());
}, 300_000);
