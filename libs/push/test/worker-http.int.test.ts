/**
 * A push worker as its main.ts runs it (`runPushWorker` with an environment), in process, on
 * real Kafka and PostgreSQL: its HTTP server answers the probes, and `/metrics` shows the push
 * backlog as `push_jobs` holds it. The pusher is scripted; nothing here talks to QBO.
 */
import { createServer } from 'node:net';
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, effectiveSettingsSchema, mappingSettings, platformInvoices, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName, waitFor } from '@ledgerbus/testing';
import type { RunningPushWorker } from '../src';
import { createPushService, runPushWorker } from '../src';
import { scriptedPusher } from './support/engine-harness';

const copy = (t: TopicDefinition, short: string): TopicDefinition => ({ ...t, name: `${uniqueName(`test.${short}`)}.v1`, partitions: 3 });
const topics = { invoices: copy(platformInvoices, 'inv'), settings: copy(mappingSettings, 'set'), links: copy(syncLinks, 'links'), events: copy(syncEvents, 'events') };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A label set as `samples` keys it: sorted by name, whatever order prom-client prints them in. */
const L = (labels: Record<string, string>): string =>
  Object.entries({ service: 'invoice-push', entity: 'invoice', ...labels })
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');

/** The samples of one metric in Prometheus' text format, by their label set (see `L`). */
function samples(text: string, name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)$`).exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
    out.set(L(labels), Number(match[2]));
  }
  return out;
}

describe('a push worker over HTTP', () => {
  const schema = uniqueName('push_http');
  const offTenant = uniqueName('tenant-off');
  const noSettingsTenant = uniqueName('tenant-none');
  const waitingTenant = uniqueName('tenant-wait');
  let worker: RunningPushWorker;
  let bus: MessageBus;
  let db: Database;
  /** What runPushWorker handed the service from its environment. */
  let tuning: Record<string, unknown> | undefined;

  beforeAll(async () => {
    const port = await freePort();
    // The pusher answers "wait" for every job it is handed: those jobs stay pending.
    const pusher = scriptedPusher(() => ({ kind: 'wait', code: 'customer_not_synced', message: 'customer c1 is not in QBO yet' }));
    worker = await runPushWorker({
      name: 'invoice-push',
      envPrefix: 'INVOICE_PUSH',
      env: {
        DATABASE_URL: databaseUrlFromEnv(),
        KAFKA_BROKERS: kafkaBrokersFromEnv().join(','),
        KAFKA_GROUP_PREFIX: uniqueName('g'),
        LOG_LEVEL: 'silent',
        QBO_BASE_URL: 'http://127.0.0.1:9/v3',
        CONNECTOR_URL: 'http://127.0.0.1:9',
        CONNECTOR_SERVICE_TOKEN: 'not-used-by-this-test',
        QBO_LIMITER_SCHEMA: `${schema}_limits`,
        INVOICE_PUSH_DB_SCHEMA: schema,
        INVOICE_PUSH_PORT: String(port),
        INVOICE_PUSH_HOST: '127.0.0.1',
        INVOICE_PUSH_MAX_ATTEMPTS: '3',
      },
      signals: { signals: [], exit: () => undefined },
      createService: (deps) => {
        tuning = deps.tuning;
        return createPushService(
          { service: 'invoice-push', pusher, sourceTopic: topics.invoices, recordIdField: 'invoiceId' },
          { ...deps, sourceTopic: topics.invoices, tuning: { ...deps.tuning, topics: { settings: topics.settings, links: topics.links, events: topics.events } } },
        );
      },
    });
    bus = createKafkaBus({ brokers: kafkaBrokersFromEnv(), clientId: uniqueName('test') });
    db = await createDatabase({ url: databaseUrlFromEnv() }, { schema });
  });

  afterAll(async () => {
    await worker?.shutdown.shutdown('test done');
    await bus?.close();
    await db?.destroy();
  });

  const get = (path: string): Promise<Response> => fetch(`${worker.url}${path}`, { signal: AbortSignal.timeout(10_000) });
  const publish = async (topic: TopicDefinition, key: string, type: string, data: unknown[]): Promise<void> => {
    await bus.publish(topic, data.map((d) => ({ key, event: createEvent({ type, source: 'test/platform', data: d }) })));
  };
  const settings = (tenantId: string, invoices: boolean) => ({
    tenantId,
    version: 1,
    updatedAt: new Date().toISOString(),
    settings: effectiveSettingsSchema.parse({ settings: { invoices: { enabled: invoices }, payments: { enabled: false } }, mappings: {}, realmId: '9130000000000001' }),
  });
  const invoice = (tenantId: string, id: string) => ({ tenantId, invoiceId: id, number: id, customerId: 'c1', txnDate: '2024-02-01', version: 1, lines: [{ productId: 'p1', productName: 'Visit', quantity: '1', unitPrice: '30.00' }] });

  /** What `push_jobs` holds, keyed as the gauge's labels print. */
  async function tableCounts(): Promise<Map<string, number>> {
    const rows = await db.knex('push_jobs').select('status', 'last_code').count<Array<{ status: string; last_code: string | null; count: string }>>('* as count').groupBy('status', 'last_code');
    const out = new Map<string, number>();
    for (const r of rows) {
      const reason = ['held', 'failed', 'skipped'].includes(r.status) ? (r.last_code ?? 'unknown') : '';
      const key = L({ status: r.status, reason });
      out.set(key, (out.get(key) ?? 0) + Number(r.count));
    }
    return out;
  }

  it('answers /healthz, and /readyz once its consumers are subscribed and its database and broker answer', async () => {
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { consumers: 'ok', db: 'ok', bus: 'ok' } });
  });

  it('hands the service its tuning from the environment: INVOICE_PUSH_MAX_ATTEMPTS (the attempts a record gets for transient errors), the concurrency and the group prefix', () => {
    expect(tuning).toEqual({ concurrency: 4, groupPrefix: expect.stringMatching(/^g/), maxAttempts: 3 });
  });

  it('shows the push backlog of push_jobs on /metrics: jobs by status and reason, and the oldest pending age', async () => {
    await publish(topics.settings, offTenant, 'settings.state', [settings(offTenant, false)]);
    await publish(topics.settings, waitingTenant, 'settings.state', [settings(waitingTenant, true)]);
    await publish(topics.invoices, offTenant, 'invoice.upserted', [invoice(offTenant, 'o1'), invoice(offTenant, 'o2'), invoice(offTenant, 'o3')]);
    await publish(topics.invoices, noSettingsTenant, 'invoice.upserted', [invoice(noSettingsTenant, 'n1'), invoice(noSettingsTenant, 'n2')]);
    await publish(topics.invoices, waitingTenant, 'invoice.upserted', [invoice(waitingTenant, 'w1')]);

    const jobs = L({ status: 'held', reason: 'sync_disabled' });
    let text = '';
    await waitFor(
      async () => {
        text = await (await get('/metrics')).text();
        const gauge = samples(text, 'ledgerbus_push_jobs');
        return gauge.get(jobs) === 3 && gauge.get(L({ status: 'held', reason: 'settings_missing' })) === 2 && (samples(text, 'ledgerbus_push_outcomes_total').get(L({ outcome: 'wait' })) ?? 0) >= 1;
      },
      { timeoutMs: 60_000, description: 'three jobs held as sync_disabled, two as settings_missing and a wait on /metrics' },
    );

    // Every series of the gauge matches the table (statuses with no job read 0), and nothing names a tenant.
    const gauge = samples(text, 'ledgerbus_push_jobs');
    const table = await tableCounts();
    for (const [labels, count] of table) expect({ labels, count: gauge.get(labels) }).toEqual({ labels, count });
    for (const [labels, count] of gauge) if (!table.has(labels)) expect({ labels, count }).toEqual({ labels, count: 0 });
    expect(gauge.get(L({ status: 'pending', reason: '' }))).toBe(1);
    expect(text).not.toContain(offTenant);
    expect(text).not.toContain(waitingTenant);
    expect(samples(text, 'ledgerbus_push_records_ingested_total').get(L({}))).toBe(6);
    expect(samples(text, 'ledgerbus_push_backlog_query_success').get(L({}))).toBe(1);

    // The oldest pending job (w1, waiting for its customer) ages: the gauge follows the table's waiting_since.
    const ageInTable = async (): Promise<number> =>
      Number((await db.knex.raw<{ rows: Array<{ age: string }> }>("select extract(epoch from now() - min(waiting_since)) as age from push_jobs where status = 'pending'")).rows[0]?.age);
    const ageOnMetrics = async (): Promise<number> => samples(await (await get('/metrics')).text(), 'ledgerbus_push_oldest_pending_age_seconds').get(L({})) ?? NaN;
    const first = await ageOnMetrics();
    const before = await ageInTable();
    expect(Math.abs(first - before)).toBeLessThan(2);
    await waitFor(async () => (await ageOnMetrics()) >= first + 1, { timeoutMs: 10_000, description: 'the oldest pending age grows' });
    expect(Math.abs((await ageOnMetrics()) - (await ageInTable()))).toBeLessThan(2);
  });
});
