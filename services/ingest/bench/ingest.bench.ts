/**
 * Ingestion benchmark on loopback against a real Kafka broker and PostgreSQL:
 *   1. HTTP: the ingest service, built by its factory in a child process and listening on
 *      127.0.0.1, is sent invoices at a fixed rate for a bounded time (open loop: a request is due
 *      on schedule whether or not the earlier ones were answered; a pool of keep-alive connections
 *      carries them), spread over several tenants. Prints throughput and the p50/p99/max latency
 *      from a request's due time to its 202 (records durable on the topic).
 *   2. Baseline, in the same run: the same records published straight to Kafka with the bus (one
 *      `publish` per request's records, acks from all replicas) at the same rate; latency to the
 *      acknowledgement.
 * Both end by counting the records on their topic (end offsets).
 *
 *   npm run bench:ingest
 * Environment: BENCH_RATE (records/s, 500), BENCH_SECONDS (20), BENCH_BATCH (records per request,
 * 1), BENCH_TENANTS (10), BENCH_CONNECTIONS (64), KAFKA_BROKERS, DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { createKafkaBus } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, platformCustomers, platformInvoices, platformPayments, syncEvents } from '@ledgerbus/contracts';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, mintToken } from '@ledgerbus/kit';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName } from '@ledgerbus/testing';
import { Kafka, logLevel } from 'kafkajs';
import { createIngestService } from '../src/app';

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BATCH = Math.max(1, Math.min(500, Number(process.env.BENCH_BATCH ?? 1)));
const TENANTS = Number(process.env.BENCH_TENANTS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const TICK_MS = 5;
const SECRET = 'ingest-bench-secret-0123456789-abcdefgh';
const brokers = kafkaBrokersFromEnv();

/** What the parent hands the child that runs the service. */
interface ServeConfig {
  schema: string;
  topics: Record<'customers' | 'invoices' | 'payments' | 'events', string>;
  groupPrefix: string;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;

function invoice(seq: number): Record<string, unknown> {
  return {
    invoiceId: `inv-${seq}`,
    number: `B-${seq}`,
    customerId: `cust-${seq % 200}`,
    txnDate: '2026-06-01',
    dueDate: '2026-07-01',
    lines: [
      { productId: 'svc-1', description: 'Monthly service', quantity: '1', unitPrice: '149.00' },
      { productId: 'hw-7', description: 'Replacement part', quantity: '3', unitPrice: '12.50', taxable: true },
    ],
  };
}

const recordsOf = (seq: number): Array<Record<string, unknown>> => Array.from({ length: BATCH }, (_, i) => invoice(seq * BATCH + i));

// --- the service, in its own process -------------------------------------------------------

async function serve(config: ServeConfig): Promise<void> {
  const named = (t: TopicDefinition, name: string): TopicDefinition => ({ ...t, name, partitions: 6 });
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema: config.schema, pool: { max: 10 } });
  const bus = createKafkaBus({ brokers, clientId: 'ingest-bench-service' });
  const service = await createIngestService({
    db,
    bus,
    logger: createLogger({ name: 'ingest-bench', level: 'warn' }),
    jwt: { secret: SECRET },
    groupPrefix: config.groupPrefix,
    topics: {
      customers: named(platformCustomers, config.topics.customers),
      invoices: named(platformInvoices, config.topics.invoices),
      payments: named(platformPayments, config.topics.payments),
      events: named(syncEvents, config.topics.events),
    },
    // The bench measures the door, not the limiter: far above the offered rate.
    config: { rateLimit: 1_000_000 },
  });
  await service.start();
  const address = await service.http.listen({ port: 0, host: '127.0.0.1' });
  // The parent asks for this process's CPU time around the measured run.
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.(process.cpuUsage());
  });
  process.stdout.write(`ready ${address}\n`);
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await service.stopConsumers();
  await service.http.close();
  await bus.close();
  await db.knex.raw('drop schema if exists ?? cascade', [db.schema]);
  await db.destroy();
}

async function startService(config: ServeConfig): Promise<{ child: ChildProcess; address: string }> {
  // The same file under the same loader (tsx), in serve mode.
  const child = spawn(process.execPath, [...process.execArgv, ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []), __filename, '--serve'], {
    env: { ...process.env, INGEST_BENCH_SERVE: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const lines = createInterface({ input: child.stdout! });
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the service did not start within 120 s')), 120_000);
    lines.on('line', (line) => {
      if (!line.startsWith('ready ')) return;
      clearTimeout(timer);
      resolve(line.slice('ready '.length));
    });
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
  });
  return { child, address };
}

// --- load -----------------------------------------------------------------------------------

interface RunResult {
  requests: number;
  failures: Map<string, number>;
  elapsedMs: number;
  latencies: number[];
}

/**
 * Makes `total` requests at RATE records/s (BATCH records each), each due on schedule whatever the
 * earlier ones do; a request's latency counts from when it was due, so a queue in front of a slow
 * server shows in it. Resolves when every one answered.
 */
async function openLoop(send: (seq: number) => Promise<void>): Promise<RunResult> {
  const requestsPerSecond = RATE / BATCH;
  const total = Math.max(1, Math.round(requestsPerSecond * SECONDS));
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const pending: Array<Promise<void>> = [];
  let sent = 0;
  const started = performance.now();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * requestsPerSecond) + 1);
    for (; sent < due; sent++) {
      const dueAt = started + (sent / requestsPerSecond) * 1000;
      pending.push(
        send(sent).then(
          () => void latencies.push(performance.now() - dueAt),
          (err: unknown) => {
            const reason = err instanceof Error ? err.message : String(err);
            failures.set(reason, (failures.get(reason) ?? 0) + 1);
          },
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(pending);
  return { requests: total, failures, elapsedMs: performance.now() - started, latencies: latencies.sort((a, b) => a - b) };
}

function post(agent: Agent, url: URL, token: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 202 ? resolve() : reject(new Error(`${res.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 160)}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function report(name: string, what: string, r: RunResult): void {
  const failed = [...r.failures.values()].reduce((a, b) => a + b, 0);
  console.log(`${name}: ${r.requests} requests × ${BATCH} record(s) in ${(r.elapsedMs / 1000).toFixed(1)} s, ${failed} failed`);
  console.log(`  throughput: ${Math.round(((r.requests - failed) * BATCH) / (r.elapsedMs / 1000))} records/s (offered ${RATE}/s)`);
  console.log(`  latency to ${what}: p50 ${ms(percentile(r.latencies, 50))}, p99 ${ms(percentile(r.latencies, 99))}, max ${ms(r.latencies.at(-1) ?? Number.NaN)}`);
  for (const [reason, n] of r.failures) console.log(`  failed ${n}×: ${reason}`);
}

/** The service process's CPU time so far (user + system), in ms. */
function serviceCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (usage: NodeJS.CpuUsage) => resolve((usage.user + usage.system) / 1000));
    child.send('cpu');
  });
}

async function recordsOn(topic: string): Promise<number> {
  const admin = new Kafka({ clientId: 'ingest-bench-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const config: ServeConfig = {
    schema: uniqueName('ingest_bench').slice(0, 60),
    topics: {
      customers: uniqueName('test.bench.ingest.customers'),
      invoices: uniqueName('test.bench.ingest.invoices'),
      payments: uniqueName('test.bench.ingest.payments'),
      events: uniqueName('test.bench.ingest.events'),
    },
    groupPrefix: `${uniqueName('bench')}.`,
  };
  const baselineTopic: TopicDefinition = { ...platformInvoices, name: uniqueName('test.bench.ingest.baseline'), partitions: 6 };
  const baselineBus = createKafkaBus({ brokers, clientId: 'ingest-bench-baseline' });
  const { child, address } = await startService(config);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  try {
    await baselineBus.ensureTopics([baselineTopic]);
    const tenants = Array.from({ length: TENANTS }, (_, i) => `bench-tenant-${i}`);
    const tokens = await Promise.all(tenants.map((tenant) => mintToken(SECRET, { sub: `svc-${tenant}`, tenant, role: 'viewer', svc: true, scope: 'ingest' })));
    const urls = tenants.map((tenant) => new URL(`${address}/v1/tenants/${tenant}/invoices`));
    const bodyOf = (seq: number): string => JSON.stringify(BATCH === 1 ? invoice(seq) : { records: recordsOf(seq) });
    const [load1] = loadavg();
    console.log(`ingest bench: ${RATE} records/s for ${SECONDS} s, ${BATCH} record(s) per request, ${TENANTS} tenants, ${CONNECTIONS} keep-alive connections, Kafka ${brokers.join(',')}, service (own process) at ${address}; ${cpus().length} cores, load average ${load1?.toFixed(1)}`);

    // Warm-up (not measured): connections, topic metadata, the JIT of both processes.
    for (let i = 0; i < 200; i++) {
      await post(agent, urls[i % TENANTS]!, tokens[i % TENANTS]!, JSON.stringify(invoice(-1 - i)));
      await baselineBus.publish(baselineTopic, [{ key: 'warm', event: createEvent({ type: 'invoice.upserted', source: 'bench', data: { ...invoice(-1 - i), tenantId: 'warm', version: 1 } }) }]);
    }
    const warmHttp = await recordsOn(config.topics.invoices);
    const warmBaseline = await recordsOn(baselineTopic.name);

    const cpuBefore = await serviceCpuMs(child);
    const http = await openLoop((seq) => post(agent, urls[seq % TENANTS]!, tokens[seq % TENANTS]!, bodyOf(seq)));
    const cpuAfter = await serviceCpuMs(child);
    const httpOnTopic = (await recordsOn(config.topics.invoices)) - warmHttp;

    // The same records, as a platform using Kafka directly would publish them (versioning them itself).
    const baseline = await openLoop(async (seq) => {
      const tenant = tenants[seq % TENANTS]!;
      await baselineBus.publish(
        baselineTopic,
        recordsOf(seq).map((r) => ({ key: tenant, event: createEvent({ type: 'invoice.upserted', source: 'bench', tenantid: tenant, data: { ...r, tenantId: tenant, version: 1 } }) })),
      );
    });
    const baselineOnTopic = (await recordsOn(baselineTopic.name)) - warmBaseline;

    report('HTTP (POST …/invoices → 202)', '202', http);
    console.log(`  on the topic: ${httpOnTopic} records; service CPU ${((cpuAfter - cpuBefore) / http.requests).toFixed(2)} ms per request (${((cpuAfter - cpuBefore) / (http.elapsedMs / 1000) / 10).toFixed(0)}% of a core)`);
    report('baseline (bus.publish straight to Kafka)', 'ack', baseline);
    console.log(`  on the topic: ${baselineOnTopic} records`);
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await baselineBus.close();
  }
}

const serveConfig = process.argv.includes('--serve') ? process.env.INGEST_BENCH_SERVE : undefined;
(serveConfig === undefined ? main() : serve(JSON.parse(serveConfig) as ServeConfig)).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
