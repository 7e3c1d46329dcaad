/**
 * Webhook benchmark (loopback, bounded, stops by itself):
 * 1. intake: signed webhooks POSTed at a steady rate (default 1,000 req/s for 5 s) → requests/s
 *    and latency to the 200 (each 200 means the notification is on Kafka, acks=all);
 * 2. end to end: one change per webhook at a low rate (QBO's per-realm limits apply to the
 *    fetch) → latency from the POST to the full entity on qbo.changes.v1.
 * Needs Kafka at KAFKA_BROKERS (default 127.0.0.1:9092) and PostgreSQL at DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Agent } from 'node:http';
import { createKafkaBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, mintToken } from '@ledgerbus/kit';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName } from '@ledgerbus/testing';
import { createConnectorService } from '../src/app';
import { prefixedTopics } from '../src/context';
import { createTokenKeyRing, generateTokenKey } from '../src/domain/token-crypto';
import { createIntuitOAuth } from '../src/intuit/intuit-oauth';
import { postSignedWebhook } from './signed-post';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const E2E_COUNT = Number(process.env.BENCH_E2E_COUNT ?? 100);
const E2E_RATE = Number(process.env.BENCH_E2E_RATE ?? 20);
const E2E_REALMS = Number(process.env.BENCH_E2E_REALMS ?? 4);
const VERIFIER = 'bench-verifier';
const SECRET = 'bench-secret-bench-secret-bench-secret-xx';
const CLIENT = { clientId: 'ABbenchClient', clientSecret: 'benchSecret' };

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
interface Generated {
  total: number;
  elapsed: number;
  statuses: Record<string, number>;
  lateStarts: number;
  latencies: number[];
}

/** Runs bench/load-generator.ts in its own node process and returns what it measured. */
function runLoadGenerator(env: Record<string, string>): Promise<Generated> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'load-generator.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Generated);
    });
  });
}

async function main(): Promise<void> {
  const sandbox = createSandbox({ settings: { oauth: { autoApprove: true }, limits: { enabled: false } } });
  const sandboxUrl = await sandbox.listen(0);
  const port = 18000 + Math.floor(Math.random() * 1000);
  const base = `http://127.0.0.1:${port}`;
  sandbox.oauth.registerClient({ ...CLIENT, redirectUris: [`${base}/v1/oauth/callback`] });
  const schema = uniqueName('connector_bench').slice(0, 60);
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema });
  const logger = createLogger({ name: 'connector-bench', level: (process.env.BENCH_LOG_LEVEL as 'warn' | 'debug' | undefined) ?? 'warn' });
  const topics = prefixedTopics(`bench.${uniqueName('wh')}.`);
  const bus = createKafkaBus({ brokers: kafkaBrokersFromEnv(), clientId: 'connector-bench', logger });
  const service = await createConnectorService({
    db,
    bus,
    logger,
    jwt: { secret: SECRET },
    keys: createTokenKeyRing(generateTokenKey('k1')),
    intuit: createIntuitOAuth({ ...CLIENT, redirectUri: `${base}/v1/oauth/callback`, environment: 'sandbox', endpoints: { authorize: `${sandboxUrl}/connect/oauth2`, token: `${sandboxUrl}/oauth2/v1/tokens/bearer`, revoke: `${sandboxUrl}/v2/oauth2/tokens/revoke`, userinfo: `${sandboxUrl}/v1/openid_connect/userinfo` } }),
    qboBaseUrl: sandboxUrl,
    settings: { stateSecret: SECRET, webhookVerifierTokens: [VERIFIER], cdcIntervalMs: 3_600_000, snapshotEntities: [] },
    groupPrefix: `${uniqueName('bench')}.`,
    relayPollIntervalMs: 50,
    // Fresh topics: the benchmark never reads (or leaves behind for others) a shared backlog.
    topics,
  });
  // Time inside the connector per webhook (request parsed → response written), to tell it apart
  // from time spent queued in sockets and the generator on a busy machine.
  const serverMs: number[] = [];
  const arrived = new WeakMap<object, number>();
  service.http.addHook('onRequest', async (request) => {
    if (request.url === '/v1/webhooks/intuit') arrived.set(request, performance.now());
  });
  service.http.addHook('onResponse', async (request) => {
    const t0 = arrived.get(request);
    if (t0 !== undefined && serverMs.length < 100_000) serverMs.push(performance.now() - t0);
  });
  await service.start();
  await service.http.listen({ port, host: '127.0.0.1' });
  const hook = new URL(`${base}/v1/webhooks/intuit`);

  try {
    // --- 1. intake at a steady rate (notifications for a realm nobody connected: recorded, not fetched),
    //        offered by a separate process (its own event loop), latency counted from when each request was due.
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const cpuBefore = process.cpuUsage();
    const generated = await runLoadGenerator({ TARGET_URL: hook.toString(), RATE: String(RATE), SECONDS: String(SECONDS), VERIFIER, REALM: '1000000001' });
    const cpu = process.cpuUsage(cpuBefore);
    loop.disable();
    const latencies = generated.latencies.sort((a, b) => a - b);
    const failures = generated.total - latencies.length;
    console.log(`intake: ${generated.total} webhooks offered at ${RATE}/s over ${generated.elapsed.toFixed(2)} s → ${(latencies.length / generated.elapsed).toFixed(0)} req/s answered 200, ${failures} not 200 (${JSON.stringify(generated.statuses)}), ${generated.lateStarts} sent >10 ms late by the generator`);
    const stats = service.intake.stats();
    const waits = stats.waitsMs.sort((a, b) => a - b);
    console.log(`intake: waiting for Kafka's ack inside the request (ms): p50 ${pct(waits, 50).toFixed(2)}  p99 ${pct(waits, 99).toFixed(2)}; connector event-loop delay (ms): p50 ${(loop.percentile(50) / 1e6).toFixed(1)}  p99 ${(loop.percentile(99) / 1e6).toFixed(1)}  max ${(loop.max / 1e6).toFixed(1)}; connector CPU ${((cpu.user + cpu.system) / 1e3).toFixed(0)} ms`);
    console.log(`intake: ${stats.messages} notifications in ${stats.sends} produce requests (${(stats.messages / Math.max(1, stats.sends)).toFixed(1)} per send); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`intake latency to 200 (ms): p50 ${pct(latencies, 50).toFixed(2)}  p90 ${pct(latencies, 90).toFixed(2)}  p99 ${pct(latencies, 99).toFixed(2)}  max ${pct(latencies, 100).toFixed(2)}`);
    const inside = serverMs.sort((a, b) => a - b);
    console.log(`intake time inside the connector, request parsed → 200 written (ms): p50 ${pct(inside, 50).toFixed(2)}  p90 ${pct(inside, 90).toFixed(2)}  p99 ${pct(inside, 99).toFixed(2)}  max ${pct(inside, 100).toFixed(2)} (the rest of the latency to 200 is spent in sockets and the generator)`);

    // --- 2. webhook → full entity on qbo.changes.v1
    // Spread over realms: QBO allows 10 requests/s per realm, and every webhook costs the fetcher one batch read,
    // so one realm alone cannot go faster than that (Intuit itself batches a realm's changes into few deliveries).
    const realms: string[] = [];
    for (let k = 0; k < E2E_REALMS; k++) {
      const realmId = String(9_100_000_000 + Math.floor(Math.random() * 1e6));
      realms.push(realmId);
      sandbox.admin.createCompany({ realmId, companyName: `Bench Co ${k}` });
      const tenant = `bench-${k}`;
      const owner = await mintToken(SECRET, { sub: 'bench', tenant, role: 'owner' });
      const first = await fetch(`${base}/v1/tenants/${tenant}/connection/connect-url?redirect=true`, { headers: { authorization: `Bearer ${owner}` }, redirect: 'manual' });
      const authorize = new URL(first.headers.get('location')!);
      authorize.searchParams.set('sandbox_auto_approve', realmId);
      const consent = await fetch(authorize, { redirect: 'manual' });
      // The state cookie connect-url set goes back with the callback, as a browser's would.
      const cb = await fetch(consent.headers.get('location')!, { headers: { cookie: first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') } });
      if (cb.status !== 200) throw new Error(`connect failed: ${cb.status}`);
    }

    // Wait for each realm's first CDC poll (right after its connect), or it would carry some of the changes below
    // (as source "cdc", and the webhook's fetch would then find the version already published).
    const polled = async (): Promise<boolean> => {
      const rows: Array<{ cdc_next_at: Date | null }> = await db.knex('connections').whereIn('realm_id', realms).select('cdc_next_at');
      return rows.length === realms.length && rows.every((r) => r.cdc_next_at !== null && new Date(r.cdc_next_at).getTime() > Date.now() + 60_000);
    };
    const pollDeadline = Date.now() + 30_000;
    while (!(await polled()) && Date.now() < pollDeadline) await new Promise((r) => setTimeout(r, 100));

    const sentAt = new Map<string, number>();
    const e2e: number[] = [];
    const sub = await bus.subscribe({
      groupId: uniqueName('bench-e2e'),
      topics: [topics.changes],
      fromBeginning: false,
      handler: async (message) => {
        const data = message.event.data as { realmId: string; entityId: string; source: string };
        const t0 = sentAt.get(`${data.realmId}/${data.entityId}`);
        if (data.source === 'webhook' && t0 !== undefined) {
          e2e.push(performance.now() - t0);
          sentAt.delete(`${data.realmId}/${data.entityId}`);
        }
      },
    });
    await new Promise((r) => setTimeout(r, 3000));
    for (let i = 0; i < E2E_COUNT; i++) {
      const realmId = realms[i % realms.length]!;
      const c = sandbox.store.create(realmId, 'Customer', { DisplayName: `Bench ${i}` }) as { Id: string };
      const body = JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name: 'Customer', id: c.Id, operation: 'Create', lastUpdated: new Date().toISOString() }] } }] });
      sentAt.set(`${realmId}/${c.Id}`, performance.now());
      await postSignedWebhook(agent, hook, VERIFIER, body);
      await new Promise((r) => setTimeout(r, 1000 / E2E_RATE));
    }
    const deadline = Date.now() + 30_000;
    while (e2e.length < E2E_COUNT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await sub.stop();
    e2e.sort((a, b) => a - b);
    console.log(`webhook → entity on qbo.changes.v1: ${e2e.length}/${E2E_COUNT} at ${E2E_RATE}/s over ${E2E_REALMS} realms; latency (ms): p50 ${pct(e2e, 50).toFixed(1)}  p99 ${pct(e2e, 99).toFixed(1)}  max ${pct(e2e, 100).toFixed(1)}`);
  } finally {
    await service.stopConsumers();
    await service.http.close();
    await service.drainOutbox().catch(() => undefined);
    await bus.close();
    await db.knex.raw('drop schema if exists ?? cascade', [schema]).catch(() => undefined);
    await db.destroy();
    await sandbox.close();
    agent.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
