/**
 * The operator CLI as an operator runs it: `bin/ledgerbus.js` as a subprocess (node + tsx, like
 * `npx ledgerbus`) against the embedded stack started here (every service on free ports, the
 * sandbox's demo company connected through OAuth and configured through the settings API, a few
 * platform records — one invoice for an unknown customer, one invoice that is not a valid
 * contract — and a webhook endpoint on a loopback receiver). Each assertion compares what the
 * CLI printed with what the services' APIs say.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { OutgoingMessage } from '@ledgerbus/bus';
import { encodeEvent } from '@ledgerbus/bus';
import { createLedgerbusClient } from '@ledgerbus/client';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent, platformCustomers, platformInvoices, platformPayments } from '@ledgerbus/contracts';
import { createLogger, mintToken } from '@ledgerbus/kit';
import { waitFor } from '@ledgerbus/testing';
import type { Stack } from '../../../services/embedded/src/index';
import { buildDataset, configureTenant, connectDemoCompany, startStack } from '../../../services/embedded/src/index';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'tools/cli/bin/ledgerbus.js');
const JWT_SECRET = 'cli-test-secret-cli-test-secret-cli-test';
const TENANT = 'cli-tenant';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

let stack: Stack;
let adminToken: string;
let receiver: Server;
let endpointId: string;
let badInvoiceEventId: string;

/** Runs `ledgerbus <args>` with the stack's URLs in the environment (as an operator's shell would have them). */
function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Result> {
  const urls = {
    LEDGERBUS_CONNECTOR_URL: stack.urls.connector,
    LEDGERBUS_MAPPING_URL: stack.urls.mapping,
    LEDGERBUS_CUSTOMER_SYNC_URL: stack.urls.customerSync,
    LEDGERBUS_INGEST_URL: stack.urls.ingest,
    LEDGERBUS_WEBHOOKS_URL: stack.urls.webhooks,
    // Nothing listens here: the embedded stack runs without the metrics service and its workers serve no HTTP.
    LEDGERBUS_METRICS_URL: 'http://127.0.0.1:9',
    LEDGERBUS_INVOICE_PUSH_URL: 'http://127.0.0.1:9',
    LEDGERBUS_PAYMENT_PUSH_URL: 'http://127.0.0.1:9',
  };
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...urls };
  const merged = { ...base, ...env };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: merged });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const withSecret = { JWT_SECRET };
const api = async (url: string, init: RequestInit = {}): Promise<Json> => {
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${adminToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Json;
};
const mapping = (path: string) => `${stack.urls.mapping}/v1/tenants/${TENANT}${path}`;

function messages(type: string, records: unknown[]): OutgoingMessage[] {
  return records.map((data) => ({ key: TENANT, event: createEvent({ type, source: 'platform/cli-test', tenantid: TENANT, data }) }));
}
async function publish(topic: TopicDefinition, batch: OutgoingMessage[]): Promise<void> {
  await stack.bus.publish(topic, batch);
}

beforeAll(async () => {
  stack = await startStack({
    logger: createLogger({ name: 'cli-test', level: 'silent' }),
    ports: { sandbox: 0, connector: 0, mapping: 0, customerSync: 0, metrics: 0, ingest: 0, webhooks: 0 },
    jwtSecret: JWT_SECRET,
    metrics: false,
    // The invoice for an unknown customer fails after this wait (twice: once pushed, once retried).
    pushMaxWaitMs: 8_000,
  });
  adminToken = await mintToken(JWT_SECRET, { sub: 'cli-test-admin', tenant: TENANT, role: 'owner' }, '1h');
  await connectDemoCompany({ connectorUrl: stack.urls.connector, mappingUrl: stack.urls.mapping, tenantId: TENANT, realmId: stack.company.realmId, ownerToken: adminToken });
  const today = stack.sandbox.admin.now().toISOString().slice(0, 10);
  const syncDataAfter = new Date(Date.parse(`${today}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);
  await configureTenant({ mappingUrl: stack.urls.mapping, tenantId: TENANT, adminToken, prefixes: { invoices: 'CLI-', payments: 'CLIP-' }, syncDataAfter });

  // A webhook endpoint on a loopback receiver that takes every delivery.
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const client = createLedgerbusClient({ tenant: TENANT, token: adminToken, urls: { webhooks: stack.urls.webhooks, mapping: stack.urls.mapping, ingest: stack.urls.ingest } });
  endpointId = (await client.webhookEndpoints.create({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, eventTypes: ['customer.*', 'invoice.*'] })).id;

  // A few records (the data set's last invoice is for an unknown customer), and one invoice that is not a valid contract.
  const dataset = buildDataset({ tenantId: TENANT, today, customers: 4, invoices: 3, payments: 2 });
  await publish(platformCustomers, messages('customer.upserted', dataset.customers));
  await publish(platformInvoices, messages('invoice.upserted', dataset.invoices));
  await publish(platformPayments, messages('payment.recorded', dataset.payments));
  const bad = createEvent({
    type: 'invoice.upserted',
    source: 'platform/cli-test',
    tenantid: TENANT,
    data: { tenantId: TENANT, invoiceId: 'inv-no-lines', number: 'BAD-1', customerId: 'c-1', txnDate: today, lines: [], version: 1 },
  });
  badInvoiceEventId = bad.id;
  const encoded = encodeEvent(bad);
  await stack.bus.publishRaw(platformInvoices.name, [{ key: TENANT, value: encoded.value, headers: encoded.headers }]);

  let settled: Json = {};
  let lastLog: unknown;
  let lettersBefore = -1;
  // Settled: the orphan invoice failed, the payments were pushed, the bad one is a dead letter.
  await waitFor(
    async () => {
      const failed = (await api(mapping('/sync-log?outcome=failed'))).entries as Json[];
      const pushed = (await api(mapping('/sync-log?outcome=succeeded&entity=payment'))).entries as Json[];
      const letters = (await api(mapping('/dead-letters'))).deadLetters as Json[];
      lastLog = ((await api(mapping('/sync-log?limit=20'))).entries as Json[]).map((e) => `${e.type}:${e.platformId}:${e.reason}`);
      settled = { failed: failed.map((e) => `${e.entity}:${e.platformId}:${e.reason}`), paymentsPushed: pushed.length, deadLetters: letters.length };
      // Every consumer of platform.invoices.v1 dead-letters the bad invoice: done when their count stops moving.
      const stable = letters.length > 0 && letters.length === lettersBefore;
      lettersBefore = letters.length;
      return failed.some((e) => e.platformId === 'inv-orphan') && pushed.length === dataset.payments.length && stable;
    },
    { timeoutMs: 120_000, description: 'the records settled', intervalMs: 1_000 },
  ).catch((err: unknown) => {
    throw new Error(`${String(err)}; state: ${JSON.stringify(settled)}; log: ${JSON.stringify(lastLog)}`);
  });
}, 240_000);

afterAll(async () => {
  await stack?.shutdown('test done');
  await new Promise((r) => receiver?.close(r));
});

describe('ledgerbus, the operator CLI', () => {
  it('has --help on every command, exits 0 with it, and 2 on an unknown command or flag', async () => {
    const commands = [[], ['status'], ['tenants'], ['sync'], ['sync', 'start'], ['sync', 'watch'], ['sync', 'list'], ['retry'], ['dlq'], ['dlq', 'list'], ['dlq', 'show'], ['dlq', 'replay'], ['webhooks'], ['webhooks', 'deliveries'], ['webhooks', 'replay'], ['token']];
    const results = await Promise.all(commands.map((c) => cli([...c, '--help'])));
    results.forEach((r, i) => {
      expect([commands[i]?.join(' '), r.code, r.stdout]).toEqual([commands[i]?.join(' '), 0, expect.stringContaining(`Usage: ledgerbus ${commands[i]?.join(' ')}`.trimEnd())]);
    });
    expect(results[0]?.stdout).toMatch(/Exit codes: 0 success; 1 failure/);
    expect(results[1]?.stdout).toMatch(/Kafka consumer lag is not\s+shown/);
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('mints a development token from JWT_SECRET that the services accept, and refuses without the secret', async () => {
    const r = await cli(['token', '--tenant', TENANT, '--role', 'viewer', '--sub', 'ops-alice'], withSecret);
    expect(r.code).toBe(0);
    const token = r.stdout.trim();
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(payload).toMatchObject({ sub: 'ops-alice', tenant: TENANT, role: 'viewer' });
    const read = await fetch(mapping('/settings'), { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    const write = await fetch(mapping('/integration/disable'), { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(write.status).toBe(403);

    const none = await cli(['token', '--tenant', TENANT]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/set JWT_SECRET/);
    expect(none.stdout).toBe('');
  });

  it('reports services, backlog and the tenant in status --json, and exits 1 when a service does not answer', async () => {
    const skip = ['--skip', 'metrics,invoice-push,payment-push'];
    const r = await cli(['status', '--json', '--tenant', TENANT, ...skip], withSecret);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout) as Json;
    expect(Object.fromEntries((status.services as Json[]).map((s) => [s.service, s.state]))).toEqual({
      connector: 'ready',
      mapping: 'ready',
      'customer-sync': 'ready',
      ingest: 'ready',
      webhooks: 'ready',
      metrics: 'skipped',
      'invoice-push': 'skipped',
      'payment-push': 'skipped',
    });
    const connection = (await api(`${stack.urls.connector}/v1/tenants/${TENANT}/connection`)).connection as Json;
    expect(status.tenant.connection).toMatchObject({ status: 'connected', realmId: stack.company.realmId, companyName: connection.companyName });
    expect(status.tenant.integration.enabled).toBe(true);
    expect(status.tenant.deadLettersPending).toBe(((await api(mapping('/dead-letters?status=pending&limit=500'))).deadLetters as Json[]).length);
    expect(status.tenant.deadLettersPending).toBeGreaterThan(0);
    expect(status.backlog.webhookDeliveriesPending).toEqual(expect.any(Number));
    expect(status.lag).toMatchObject({ measured: false });
    // The deployment's QBO usage, read with the platform's service account minted for a tenant-less call, equals the connector's.
    expect(status.qboUsage).toBeNull(); // a tenant admin's token may not read the deployment's usage

    const down = await cli(['status', '--json'], withSecret);
    expect(down.code).toBe(1);
    const all = JSON.parse(down.stdout) as Json;
    expect((all.services as Json[]).find((s) => s.service === 'invoice-push')).toMatchObject({ state: 'down' });
    expect(all.qboUsage.thisMonth.core).toBeGreaterThan(0);
  });

  it('starts a run with sync start and follows it with sync watch to its end, phase by phase, as the API reports it', async () => {
    const started = await cli(['sync', 'start', '--json', '--tenant', TENANT], withSecret);
    expect(started.code).toBe(0);
    const run = JSON.parse(started.stdout) as Json;
    expect(run).toMatchObject({ kind: 'manual', tenantId: TENANT });

    const watched = await cli(['sync', 'watch', run.runId, '--tenant', TENANT, '--interval', '200'], withSecret);
    const ended = await api(mapping(`/sync-runs/${run.runId}`));
    expect(['succeeded', 'partially_failed']).toContain(ended.status);
    expect(watched.code).toBe(ended.status === 'succeeded' ? 0 : 3);
    const lines = watched.stdout.trim().split('\n');
    // Not a terminal: one line per change, then the ended run in full: its header and one bar per phase.
    const last = lines.slice(-5);
    expect(last[0]).toBe(`run ${run.runId} (manual) ${ended.status}`);
    for (const [i, phase] of (ended.phases as Json[]).entries()) {
      expect(last[i + 1]).toMatch(new RegExp(`^${phase.phase}\\s+\\[[#-]{24}\\]\\s+.*${phase.status}\\s+pushed ${phase.summary.pushed}, current ${phase.summary.alreadyCurrent}, failed ${phase.summary.failed.total}`));
    }
    // The invoice for an unknown customer fails again in this run.
    const invoices = (ended.phases as Json[]).find((p) => p.phase === 'invoices')!;
    expect(invoices.summary.failed.reasons.customer_not_synced).toBeGreaterThanOrEqual(1);

    const list = await cli(['sync', 'list', '--tenant', TENANT], withSecret);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(run.runId);
  });

  it('retries the failed invoices by code in one retry run and exits by its outcome', async () => {
    const r = await cli(['retry', '--tenant', TENANT, '--entity', 'invoice', '--code', 'customer_not_synced', '--watch', '--json', '--interval', '200'], withSecret);
    const run = JSON.parse(r.stdout) as Json;
    expect(run.kind).toBe('retry');
    const ended = await api(mapping(`/sync-runs/${run.runId}`));
    expect(ended.status).toBe(run.status);
    // The customer is still unknown: the invoice fails again, and the run says so.
    const invoices = (ended.phases as Json[]).find((p) => p.phase === 'invoices')!;
    expect(invoices.summary).toMatchObject({ considered: 1, failed: { total: 1, reasons: { customer_not_synced: 1 } } });
    expect(r.code).toBe(ended.status === 'partially_failed' ? 3 : 1);

    const bad = await cli(['retry', '--tenant', TENANT, '--from', 'yesterday'], withSecret);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from must be an ISO date-time/);
  });

  it('lists and shows the dead-lettered invoice with its reason', async () => {
    const r = await cli(['dlq', 'list', '--json', '--tenant', TENANT], withSecret);
    expect(r.code).toBe(0);
    const letters = (JSON.parse(r.stdout) as Json).deadLetters as Json[];
    const direct = (await api(mapping('/dead-letters'))).deadLetters as Json[];
    expect(letters.map((d) => d.id)).toEqual(direct.map((d) => d.id));
    // The invoice without lines, refused by the contract (the failed pushes are dead letters too, not replayable).
    const bad = letters.filter((d) => d.eventId === badInvoiceEventId);
    expect(bad.length).toBeGreaterThan(0);
    for (const d of bad) expect(d).toMatchObject({ sourceTopic: platformInvoices.name, code: 'contract_violation', status: 'pending', replayable: true });

    const human = await cli(['dlq', 'show', bad[0]!.id, '--tenant', TENANT], withSecret);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`dead letter ${bad[0]!.id} (pending)`);
    expect(human.stdout).toMatch(/reason:\s+contract_violation/);

    const replayed = await cli(['dlq', 'replay', bad[0]!.id, '--json', '--tenant', TENANT], withSecret);
    expect(replayed.code).toBe(0);
    expect((JSON.parse(replayed.stdout) as Json).results).toEqual([expect.objectContaining({ id: bad[0]!.id, outcome: 'replayed', sourceTopic: platformInvoices.name })]);
    expect(await api(mapping(`/dead-letters/${bad[0]!.id}`))).toMatchObject({ status: 'replayed', replayedBy: 'ledgerbus-cli' });
    const refused = await cli(['dlq', 'replay', '--tenant', TENANT], withSecret);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/name what to replay/);

    const missing = await cli(['dlq', 'show', '999999999', '--tenant', TENANT], withSecret);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/HTTP 404/);
  });

  it("lists the tenant's webhook deliveries as the webhooks service records them", async () => {
    await waitFor(async () => ((await api(`${stack.urls.webhooks}/v1/tenants/${TENANT}/webhook-endpoints/${endpointId}/deliveries?status=delivered`)).items as Json[]).length > 0, {
      timeoutMs: 60_000,
      description: 'a delivered webhook',
    });
    const r = await cli(['webhooks', 'deliveries', '--json', '--tenant', TENANT, '--limit', '200'], withSecret);
    expect(r.code).toBe(0);
    const listed = (JSON.parse(r.stdout) as Json).deliveries as Json[];
    const direct = (await api(`${stack.urls.webhooks}/v1/tenants/${TENANT}/webhook-endpoints/${endpointId}/deliveries?limit=200`)).items as Json[];
    expect(listed.map((d) => d.id).sort()).toEqual(direct.map((d) => d.id).sort());
    const delivered = listed.find((d) => d.eventType === 'customer.synced' && d.status === 'delivered' && d.endpointId === endpointId)!;
    expect(delivered).toBeDefined();

    const replay = await cli(['webhooks', 'replay', delivered.id, '--endpoint', endpointId, '--tenant', TENANT], withSecret);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain(`queued again: ${delivered.id}`);
    const after = await api(`${stack.urls.webhooks}/v1/tenants/${TENANT}/webhook-endpoints/${endpointId}/deliveries/${delivered.id}`);
    expect(after.replays).toBe(Number(delivered.replays) + 1);
  });

  it('shows each named tenant with its connection and integration', async () => {
    const r = await cli(['tenants', '--json', '--tenant', `${TENANT},nobody-here`], withSecret);
    expect(r.stderr).toBe('');
    const rows = (JSON.parse(r.stdout) as Json).tenants as Json[];
    expect(rows.find((t) => t.tenant === TENANT)).toMatchObject({ connection: 'connected', realm: stack.company.realmId, integration: 'enabled', error: null });
    const other = rows.find((t) => t.tenant === 'nobody-here')!;
    expect(other.connection === 'not_connected' || other.error !== null).toBe(true);
    expect(r.code).toBe(other.error === null ? 0 : 1);
  });

  it('exits non-zero with the reason on stderr when the token is refused', async () => {
    const r = await cli(['sync', 'list', '--tenant', TENANT, '--token', 'not-a-jwt']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ledgerbus: .*HTTP 401/);
    const json = await cli(['dlq', 'list', '--json', '--tenant', TENANT, '--token', 'not-a-jwt']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr).error.code).toEqual(expect.any(String));
    const noTenant = await cli(['dlq', 'list'], withSecret);
    expect(noTenant.code).toBe(2);
    expect(noTenant.stderr).toMatch(/--tenant/);
  });
});
