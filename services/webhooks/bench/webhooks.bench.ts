/**
 * Outbound webhook benchmark on this machine (real Kafka and PostgreSQL, a node:http receiver on
 * loopback), three paths to the same receiver in one run:
 *   1. baseline POST: a plain keep-alive POST loop of the same bodies (what HTTP alone costs);
 *   2. baseline bus: publish on a sync.events topic → a bare consumer of the bus (what Kafka alone costs);
 *   3. webhooks: publish on sync.events → intake → delivery row → signed POST → receiver, at a
 *      paced rate, then a burst (all events at once) for throughput.
 * Latency is from just before `bus.publish` (or the POST) to the request's arrival at the receiver.
 * Loopback only, bounded by BENCH_EVENTS; stops by itself.
 *
 *   npm run bench:webhooks-out   (BENCH_EVENTS 400, BENCH_RATE 100/s, BENCH_KEYS 8; DATABASE_URL, KAFKA_BROKERS)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKafkaBus } from '@ledgerbus/bus';
import type { CloudEvent, TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, syncEvents } from '@ledgerbus/contracts';
import { createDatabase } from '@ledgerbus/db';
import { createKeyRing, createLogger, generateKeyRingKey, mintToken } from '@ledgerbus/kit';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName, waitFor } from '@ledgerbus/testing';
import { createWebhooksService } from '../src/app';

const N = Math.min(Number(process.env.BENCH_EVENTS ?? 400), 5_000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const KEYS = Number(process.env.BENCH_KEYS ?? 8);
const TENANT = 'bench';
const JWT_SECRET = 'bench-secret-0123456789-0123456789-abcdef';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(name: string, latencies: number[], extra = ''): void {
  const s = [...latencies].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(34)} n=${String(s.length).padStart(5)}  p50 ${percentile(s, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(s, 99).toFixed(1).padStart(7)} ms  max ${percentile(s, 100).toFixed(1).padStart(7)} ms${extra}`,
  );
}

function invoicePushed(i: number): { key: string; event: CloudEvent } {
  const division = `d${i % KEYS}`;
  return {
    key: `${TENANT}/${division}`,
    event: createEvent({
      type: 'invoice.pushed',
      source: 'bench/invoice-push',
      tenantid: TENANT,
      data: { tenantId: TENANT, divisionId: division, realmId: '9130350000000001', platformId: `inv-${i}`, version: 1, qboId: String(10_000 + i), action: 'created', at: new Date().toISOString() },
    }),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Calls `send(i)` for i < n at `rate` per second (no faster; catches up after a slow call). */
async function paced(n: number, rate: number, send: (i: number) => Promise<void>): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    await send(i);
  }
}

async function main(): Promise<void> {
  const brokers = kafkaBrokersFromEnv();
  // The receiver: records when each webhook-id (or baseline id) first arrived, answers 204.
  const arrivals = new Map<string, number>();
  let webhookRequests = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.headers['webhook-id'] !== undefined) webhookRequests += 1;
      const id = String(req.headers['webhook-id'] ?? req.headers['x-bench-id'] ?? '');
      if (!arrivals.has(id)) arrivals.set(id, performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const schema = uniqueName('webhooks_bench').slice(0, 60);
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 10 } });
  const bus = createKafkaBus({ brokers, clientId: 'webhooks-bench' });
  const events: TopicDefinition = { ...syncEvents, name: uniqueName('test.webhooks.bench'), partitions: 6 };
  const plain: TopicDefinition = { ...syncEvents, name: uniqueName('test.webhooks.bench.plain'), partitions: 6 };
  await bus.ensureTopics([events, plain]);
  const service = await createWebhooksService({
    db,
    bus,
    logger: createLogger({ name: 'webhooks-bench', level: 'warn' }),
    jwt: { secret: JWT_SECRET },
    keys: createKeyRing(generateKeyRingKey('bench')),
    config: { allowLoopback: true },
    groupPrefix: uniqueName('webhooks-bench-'),
    topics: { events },
  });
  await service.start();
  const token = await mintToken(JWT_SECRET, { sub: 'admin@bench', tenant: TENANT, role: 'admin' });
  const created = await service.http.inject({ method: 'POST', url: `/v1/tenants/${TENANT}/webhook-endpoints`, headers: { authorization: `Bearer ${token}` }, payload: { url: receiverUrl } });
  if (created.statusCode !== 201) throw new Error(`endpoint not created: ${created.body}`);
  console.log(`webhooks bench: ${N} events, ${RATE}/s paced, ${KEYS} keys, 1 endpoint, default service config (concurrency 16, poll 500 ms), one replica`);

  try {
    // 1. Baseline: a plain POST loop of the same bodies to the same receiver.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const postLatencies: number[] = [];
    await paced(N, RATE, async (i) => {
      const body = JSON.stringify(invoicePushed(i).event);
      const id = `baseline-${i}`;
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const req = http.request(receiverUrl, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-bench-id': id, 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.on('error', reject);
        req.end(body);
      });
      postLatencies.push(arrivals.get(id)! - t0);
    });
    agent.destroy();
    report('baseline: plain POST (to arrival)', postLatencies);

    // 2. Baseline: Kafka alone, publish → a bare consumer.
    const consumed = new Map<string, number>();
    const sub = await bus.subscribe({
      groupId: uniqueName('webhooks-bench-plain'),
      topics: [plain],
      fromBeginning: true,
      handler: async (m) => {
        if (!consumed.has(m.event.id)) consumed.set(m.event.id, performance.now());
      },
    });
    const warm = invoicePushed(-1);
    await bus.publish(plain, [warm]);
    await waitFor(() => consumed.has(warm.event.id), { timeoutMs: 60_000, description: 'the plain consumer joined' });
    const busSent = new Map<string, number>();
    await paced(N, RATE, async (i) => {
      const m = invoicePushed(i);
      busSent.set(m.event.id, performance.now());
      await bus.publish(plain, [m]);
    });
    await waitFor(() => [...busSent.keys()].every((id) => consumed.has(id)), { timeoutMs: 60_000, description: 'plain consumer caught up' });
    await sub.stop();
    report('baseline: Kafka publish → consumer', [...busSent].map(([id, t0]) => consumed.get(id)! - t0));

    // Warm-up of the webhooks path (consumer group joined, connections open).
    const first = invoicePushed(-2);
    await bus.publish(events, [first]);
    await waitFor(() => arrivals.has(first.event.id), { timeoutMs: 60_000, description: 'the first webhook arrived' });

    // 3a. Webhooks at a paced rate.
    const sent = new Map<string, number>();
    await paced(N, RATE, async (i) => {
      const m = invoicePushed(i);
      sent.set(m.event.id, performance.now());
      await bus.publish(events, [m]);
    });
    await waitFor(() => [...sent.keys()].every((id) => arrivals.has(id)), { timeoutMs: 120_000, intervalMs: 20, description: 'paced webhooks delivered' });
    report(`webhooks: publish → receiver @${RATE}/s`, [...sent].map(([id, t0]) => arrivals.get(id)! - t0));

    // 3b. Webhooks, a burst: every event published at once (batches of 100).
    const burst = Array.from({ length: N }, (_, i) => invoicePushed(N + i));
    const burstStart = performance.now();
    const burstSent = new Map<string, number>();
    for (let i = 0; i < burst.length; i += 100) {
      const chunk = burst.slice(i, i + 100);
      const t0 = performance.now();
      for (const m of chunk) burstSent.set(m.event.id, t0);
      await bus.publish(events, chunk);
    }
    await waitFor(() => [...burstSent.keys()].every((id) => arrivals.has(id)), { timeoutMs: 180_000, intervalMs: 20, description: 'burst delivered' });
    const last = Math.max(...[...burstSent.keys()].map((id) => arrivals.get(id)!));
    const seconds = (last - burstStart) / 1000;
    report('webhooks: burst publish → receiver', [...burstSent].map(([id, t0]) => arrivals.get(id)! - t0), `  (${N} in ${seconds.toFixed(2)} s = ${(N / seconds).toFixed(0)}/s)`);
    const distinct = 1 + sent.size + burstSent.size;
    console.log(`webhook requests at the receiver: ${webhookRequests} for ${distinct} events (${webhookRequests - distinct} duplicates)`);
  } finally {
    await service.stopConsumers();
    await service.http.close();
    await service.drainOutbox();
    await bus.close();
    await db.knex.raw('drop schema if exists ?? cascade', [schema]);
    await db.destroy();
    receiver.closeAllConnections();
    receiver.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
