/**
 * Runs whose process died are taken over, not left `running`: onboarding runs (owner +
 * heartbeat on `onboarding_runs`) and the customers of sync runs (`run_leases`). Real Kafka
 * (renamed topics), real PostgreSQL (fresh schema), the QBO sandbox. The process that dies is
 * either simulated (a stale heartbeat written into the row) or real: customer-sync started as a
 * child process on the same schema, topics and sandbox (test/fixtures/service-process.ts) and
 * SIGKILLed mid-run; this process's service is the replica that carries on.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { mintToken } from '@ledgerbus/kit';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, waitFor } from '@ledgerbus/testing';
import type { Harness } from './harness';
import { JWT_SECRET, startHarness } from './harness';

// 5 s (beats every 1.7 s): with 1.5 s, a loaded CI machine once let a live owner miss its heartbeat
// window, so a run was taken over twice (the assertion on `takeovers: 1` failed while the test passes alone).
const STALE_AFTER_MS = 5_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ onboarding: { staleAfterMs: STALE_AFTER_MS }, runs: { pollMs: 100, leaseMs: 2_000, inFlightGraceMs: 2_000 } });
});
afterAll(async () => {
  await h?.close();
});

let n = 0;
function tenant(): string {
  n += 1;
  return `tenant-to-${Date.now().toString(36)}-${n}`;
}
const address = { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' };

interface RunView {
  runId: string;
  status: string;
  phase: string | null;
  progress: { listed: number; decided: number; toDecide: number | null };
  counts: Record<string, number> | null;
  error: { code: string; message: string } | null;
}

async function runRow(t: string, runId: string): Promise<Record<string, unknown>> {
  return (await h.db.knex('onboarding_runs').where({ tenant_id: t, run_id: runId }).first()) as Record<string, unknown>;
}
async function ended(t: string, runId: string): Promise<RunView> {
  const token = await h.token(t);
  return waitFor(
    async () => {
      const res = await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${t}/onboarding/runs/${runId}`, headers: { authorization: `Bearer ${token}` } });
      const view = res.json<RunView>();
      return res.statusCode === 200 && view.status !== 'running' ? view : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 200, description: `onboarding run ${runId} ended` },
  );
}
function qboCustomers(realm: string, count: number): void {
  for (let i = 0; i < count; i++) h.sandbox.store.create(realm, 'Customer', { DisplayName: `Onboard ${i}`, BillAddr: { Line1: `${i} Main St`, City: 'Springfield', CountrySubDivisionCode: 'IL', Country: 'US' } });
}
function importedOnce(t: string, count: number): void {
  const imported = h.events.filter((e) => e.type === 'customer.imported' && e.data.tenantId === t);
  const perRecord = new Map<string, number>();
  for (const e of imported) perRecord.set(String(e.data.qboId), (perRecord.get(String(e.data.qboId)) ?? 0) + 1);
  expect(perRecord.size).toBe(count);
  expect([...perRecord.values()].every((c) => c === 1)).toBe(true);
}

describe('an onboarding run whose owner stopped beating', () => {
  it('is taken over in its decide phase and completes without listing QBO again, deciding each record once', async () => {
    const t = tenant();
    const realm = h.newRealm();
    qboCustomers(realm, 40);
    await h.setup(t, realm, { entities: { customers: 'from_qbo' } });
    // What a dead process left: it listed the company (here: a manual run lists and proposes), started
    // deciding in auto mode, decided 10 records, and stopped beating. (Its heartbeat is in the future
    // while the test lays this out, so that the run is not taken over half-made.)
    const token = await h.token(t);
    const listing = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/runs`, headers: { authorization: `Bearer ${token}` }, payload: { mode: 'manual' } });
    expect(await ended(t, listing.json<RunView>().runId)).toMatchObject({ status: 'succeeded', counts: { proposed: 40 } });
    const runId = randomUUID();
    await h.db.knex('onboarding_runs').insert({
      tenant_id: t,
      run_id: runId,
      realm_id: realm,
      mode: 'auto',
      status: 'running',
      phase: 'decide',
      listed: 40,
      decided: 0,
      to_decide: 40,
      owner: 'customer-sync:dead-host:1:dead',
      heartbeat_at: new Date(Date.now() + 3_600_000),
      started_at: new Date(Date.now() - 3_700_000),
      updated_at: new Date(Date.now() - 3_600_000),
    });
    await h.db.knex('onboarding_records').where({ tenant_id: t }).update({ run_id: runId });
    const first = (await h.db.knex('onboarding_records').where({ tenant_id: t }).orderBy('qbo_id').limit(10)) as Array<{ qbo_id: string }>;
    for (const r of first) {
      const res = await h.service.http.inject({ method: 'POST', url: `/v1/tenants/${t}/onboarding/records/customer/${r.qbo_id}/import`, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(200);
    }
    const callsBefore = h.callCount(realm);
    await h.db.knex('onboarding_runs').where({ tenant_id: t, run_id: runId }).update({ heartbeat_at: new Date(Date.now() - 3_600_000) });

    const run = await ended(t, runId);
    expect(run).toMatchObject({ status: 'succeeded', phase: 'decide', error: null, progress: { listed: 40, decided: 40, toDecide: 40 }, counts: { imported: 40 } });
    expect(await runRow(t, runId)).toMatchObject({ takeovers: 1, owner: expect.not.stringContaining('dead-host') });
    expect(h.callCount(realm)).toBe(callsBefore); // resumed from the stored proposals: no QBO read
    const completed = await h.waitEvent('sync.run_completed', (d) => d.runId === runId);
    expect(completed.data).toMatchObject({ tenantId: t, status: 'succeeded' });
    // The dead owner had started the decide phase: it is completed once, not started again.
    expect(h.eventsOf('sync.phase_started', (d) => d.runId === runId)).toHaveLength(0);
    expect(h.eventsOf('sync.phase_completed', (d) => d.runId === runId).map((e) => [e.data.phase, e.data.counts])).toEqual([['decide', { succeeded: 40, failed: 0, skipped: 0 }]]);
    await waitFor(() => h.events.filter((e) => e.type === 'customer.imported' && e.data.tenantId === t).length >= 40, { timeoutMs: 30_000, description: '40 imported events' });
    importedOnce(t, 40);
  });

  it('is ended failed with a reason an admin can act on when its company is no longer connected', async () => {
    const t = tenant();
    const realm = h.newRealm();
    const other = h.newRealm();
    await h.setup(t, other, { entities: { customers: 'from_qbo' } });
    const runId = randomUUID();
    await h.db.knex('onboarding_runs').insert({
      tenant_id: t,
      run_id: runId,
      realm_id: realm,
      mode: 'auto',
      status: 'running',
      phase: 'list',
      owner: null, // a run from before owners: its last update counts
      started_at: new Date(Date.now() - 120_000),
      updated_at: new Date(Date.now() - 60_000),
    });
    const run = await ended(t, runId);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'onboarding_owner_lost' } });
    expect(run.error?.message).toMatch(new RegExp(`company ${realm} is no longer connected.*start a new run`));
    const completed = await h.waitEvent('sync.run_completed', (d) => d.runId === runId);
    expect(completed.data).toMatchObject({ tenantId: t, status: 'failed', error: expect.stringMatching(/^onboarding_owner_lost: /) });
    expect(h.eventsOf('sync.phase_completed', (d) => d.runId === runId).map((e) => [e.data.phase, e.data.error])).toEqual([['list', expect.stringMatching(/^onboarding_owner_lost: /)]]);
    expect(h.callCount(realm) + h.callCount(other)).toBe(0);
  });
});

interface Child {
  process: ChildProcessWithoutNullStreams;
  port: Promise<number>;
  exited: Promise<number | null>;
}

/** customer-sync in a process of its own, on this harness's schema, topics and sandbox. */
function startChild(owner: string, leaseMs: number): Child {
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
      CS_SCHEMA: h.shared.schema,
      CS_TOPIC_PREFIX: h.shared.topicPrefix,
      CS_GROUP_PREFIX: `${h.shared.groupPrefix}child.${owner}.`,
      CS_QBO_URL: h.shared.sandboxUrl,
      CS_QBO_TOKEN: h.shared.token,
      CS_OWNER: owner,
      CS_LEASE_MS: String(leaseMs),
      CS_STALE_AFTER_MS: String(STALE_AFTER_MS),
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
  return { process: child, port, exited };
}

async function kill(child: Child): Promise<void> {
  child.process.kill('SIGKILL');
  await child.exited;
}

describe('a process SIGKILLed mid-run', () => {
  jest.setTimeout(180_000);

  it('leaves its onboarding run to another replica, which completes it', async () => {
    const t = tenant();
    const realm = h.newRealm();
    qboCustomers(realm, 120);
    await h.setup(t, realm, { entities: { customers: 'from_qbo' } });
    const child = startChild(`customer-sync:child-onb:${randomUUID().slice(0, 6)}`, 2_000);
    try {
      const port = await child.port;
      // Slow QBO: the child is still listing when it is killed.
      h.sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { latencyMinMs: 2_000, latencyMaxMs: 2_000 } } } });
      const token = await mintToken(JWT_SECRET, { sub: `admin@${t}`, tenant: t, role: 'admin' });
      const res = await fetch(`http://127.0.0.1:${port}/v1/tenants/${t}/onboarding/runs`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'auto' }) });
      expect(res.status).toBe(202);
      const { runId } = (await res.json()) as RunView;
      await waitFor(async () => (await runRow(t, runId)).phase === 'list', { timeoutMs: 30_000, description: 'the child listing' });
      const owner = (await runRow(t, runId)).owner;
      await kill(child);
      h.sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { latencyMinMs: 0, latencyMaxMs: 0 } } } });

      const run = await ended(t, runId);
      expect(run).toMatchObject({ status: 'succeeded', error: null, progress: { listed: 120, decided: 120 }, counts: { imported: 120 } });
      const row = await runRow(t, runId);
      expect(row).toMatchObject({ takeovers: 1 });
      expect(row.owner).not.toBe(owner);
      await waitFor(() => h.events.filter((e) => e.type === 'customer.imported' && e.data.tenantId === t).length >= 120, { timeoutMs: 30_000, description: '120 imported events' });
      importedOnce(t, 120);
      expect(h.eventsOf('sync.run_completed', (d) => d.runId === runId).map((e) => e.data.status)).toEqual(['succeeded']);
    } finally {
      h.sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { latencyMinMs: 0, latencyMaxMs: 0 } } } });
      if (child.process.exitCode === null) await kill(child);
    }
  });

  it('leaves the customers of its sync run to another replica once its lease expires: each pushed once, each with one outcome', async () => {
    const t = tenant();
    const realm = h.newRealm();
    const owner = `customer-sync:child-run:${randomUUID().slice(0, 6)}`;
    // Two replicas from the start (each in consumer groups of its own: both see every message).
    const child = startChild(owner, 2_000);
    try {
      await child.port;
      await h.setup(t, realm, { entities: { customers: 'off' } });
      for (let i = 0; i < 30; i++) await h.upsertCustomer(t, { customerId: `k-${i}`, displayName: `Killed Run ${i}`, email: `k${i}@run.test`, billingAddress: address });
      await waitFor(async () => (await h.db.knex('directory').where({ tenant_id: t, entity: 'customer' })).length === 30, { timeoutMs: 30_000, description: '30 customers in the directory' });
      await h.publishSettings(t, realm, 2, { entities: { customers: 'to_qbo' } });
      // The child's loop holds the scope's lease (it renews it; this process's worker may not take it while it lives).
      await h.db.knex.raw(`insert into run_leases (tenant_id, owner, until) values (?, ?, now() + interval '30 seconds')`, [t, `${owner}:0`]);
      h.sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { latencyMinMs: 150, latencyMaxMs: 150 } } } });
      const runId = randomUUID();
      await h.publish(h.topics.syncEvents, t, 'sync.phase_requested', { tenantId: t, runId, phase: 'customers', requestedBy: 'svc:mapping', at: new Date().toISOString() });
      await waitFor(async () => (await h.db.knex('run_members').where({ run_id: runId }).whereNotNull('outcome')).length >= 5, { timeoutMs: 60_000, description: 'the child pushing' });
      await kill(child);
      const byChild = (await h.db.knex('run_members').where({ run_id: runId }).whereNotNull('outcome')).length;
      expect(byChild).toBeLessThan(30);

      await waitFor(async () => (await h.db.knex('run_members').where({ run_id: runId }).whereNull('outcome')).length === 0, { timeoutMs: 90_000, description: 'every member settled' });
      const outcomes = () => h.events.filter((e) => ['customer.synced', 'customer.sync_failed', 'customer.held'].includes(e.type) && e.data.runId === runId);
      await waitFor(() => new Set(outcomes().map((e) => e.data.platformId)).size === 30, { timeoutMs: 30_000, description: '30 outcomes' });
      const marker = randomUUID();
      await h.publish(h.topics.syncEvents, t, 'sync.phase_requested', { tenantId: t, runId: marker, phase: 'customers', recordIds: ['none'], requestedBy: 'svc:mapping', at: new Date().toISOString() });
      await h.waitEvent('sync.phase_scanned', (d) => d.runId === marker);
      // One outcome per customer; the outbox relay may publish an event twice when its process dies between
      // publishing and marking it (at-least-once: the same CloudEvent id, which consumers dedupe).
      const ids = new Map<string, Set<string>>();
      for (const e of outcomes()) ids.set(String(e.data.platformId), new Set([...(ids.get(String(e.data.platformId)) ?? []), e.id]));
      expect(ids.size).toBe(30);
      expect([...ids.values()].every((set) => set.size === 1)).toBe(true);
      expect(outcomes().every((e) => e.type === 'customer.synced' && e.data.action === 'created')).toBe(true);
      const ledger = h.sandbox.admin.entities(realm, 'Customer') as Array<{ DisplayName: string }>;
      expect(ledger.map((c) => c.DisplayName).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `Killed Run ${i}`).sort());
      expect(await h.db.knex('customer_links').where({ tenant_id: t, status: 'active' })).toHaveLength(30);
    } finally {
      h.sandbox.admin.updateSettings({ faults: { perRealm: { [realm]: { latencyMinMs: 0, latencyMaxMs: 0 } } } });
      if (child.process.exitCode === null) await kill(child);
    }
  });
});
