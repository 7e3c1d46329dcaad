/**
 * Sync runs as mapping orchestrates them, against real PostgreSQL: the phase owners'
 * answers and record outcomes are published as the owners publish them (the contract of
 * sync.events.v1); the owners themselves are proven in their own packages and end to end
 * in services/embedded.
 */
import type { CloudEvent } from '@ledgerbus/contracts';
import { waitFor } from '@ledgerbus/testing';
import { tickRuns } from '../src/use-cases/runs';
import type { Harness } from './harness';
import { seedReference, startHarness } from './harness';

const REALM = '9130350000000011';
let h: Harness;
let n = 0;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** A fresh connected tenant per test, with reference data. */
async function tenant(options: { invoices?: boolean; payments?: boolean } = {}): Promise<{ id: string; admin: string }> {
  n += 1;
  const id = `runs-t${n}`;
  const realm = `${REALM}${n}`;
  await h.connect(id, realm);
  await seedReference(h, realm);
  const admin = await h.token(id, 'admin', { sub: `alice-${n}` });
  if (options.invoices || options.payments) {
    const etag = String((await call('GET', `/v1/tenants/${id}/settings`, admin)).headers.etag);
    const res = await call('PUT', `/v1/tenants/${id}/settings`, admin, {
      invoices: { enabled: options.invoices ?? false },
      payments: { enabled: options.payments ?? false },
      accounts: { income: '4', expense: '6', deposit: '1' },
    }, { 'if-match': etag });
    expect(res.statusCode).toBe(200);
  }
  return { id, admin };
}

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  return h.service.http.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(body === undefined ? {} : { payload: body as object }) });
}

async function runEvents(runId: string): Promise<CloudEvent[]> {
  return (await h.events('sync.events.v1')).filter((e) => (e.data as { runId?: string }).runId === runId && e.source === 'ledgerbus/mapping');
}

async function requested(runId: string, phase: string): Promise<CloudEvent[]> {
  return (await runEvents(runId)).filter((e) => e.type === 'sync.phase_requested' && (e.data as { phase: string }).phase === phase);
}

async function waitRequested(runId: string, phase: string, count = 1): Promise<CloudEvent> {
  let found: CloudEvent[] = [];
  await waitFor(async () => (found = await requested(runId, phase)).length >= count, { description: `${phase} requested ${count}×` });
  return found[found.length - 1] as CloudEvent;
}

async function answer(t: string, runId: string, phase: string, figures: { considered: number; alreadyCurrent: number; queued: number; skipped?: Record<string, number>; error?: { code: string; message: string } }) {
  await h.publishSyncEvent(t, 'sync.phase_scanned', { runId, phase, service: 'test', ...figures, at: new Date().toISOString() });
}

async function getRun(t: { id: string; admin: string }, runId: string) {
  const res = await call('GET', `/v1/tenants/${t.id}/sync-runs/${runId}`, t.admin);
  expect(res.statusCode).toBe(200);
  return res.json();
}

const at = () => new Date().toISOString();

describe('a sync run', () => {
  it('goes through its phases in order, counts each record once and ends partially_failed when a record failed', async () => {
    const t = await tenant({ invoices: true });
    const start = await call('POST', `/v1/tenants/${t.id}/sync-runs`, t.admin);
    expect(start.statusCode).toBe(202);
    const runId = start.json().runId as string;
    expect(start.headers.location).toBe(`/v1/tenants/${t.id}/sync-runs/${runId}`);
    expect(start.json()).toMatchObject({ kind: 'manual', status: 'running', startedBy: { type: 'user', id: `alice-${n}` } });
    expect(start.json().phases.map((p: { phase: string; status: string }) => `${p.phase}:${p.status}`)).toEqual(['inbound:running', 'customers:pending', 'invoices:pending', 'payments:pending']);

    // Only the inbound phase was requested: customers wait until it has settled.
    await waitRequested(runId, 'inbound');
    expect(await requested(runId, 'customers')).toHaveLength(0);
    await answer(t.id, runId, 'inbound', { considered: 12, alreadyCurrent: 0, queued: 0 });

    await waitRequested(runId, 'customers');
    await answer(t.id, runId, 'customers', { considered: 5, alreadyCurrent: 3, queued: 2 });
    await h.publishSyncEvent(t.id, 'customer.synced', { realmId: '1', direction: 'to_qbo', action: 'created', platformId: 'c1', qboId: '58', runId, at: at() });
    // The invoices phase does not start while a queued customer has no outcome.
    expect(await requested(runId, 'invoices')).toHaveLength(0);
    await h.publishSyncEvent(t.id, 'customer.sync_failed', { direction: 'to_qbo', platformId: 'c2', code: 'qbo_validation', message: 'bad name', retriable: false, runId, at: at() });

    const inv = await waitRequested(runId, 'invoices');
    expect(inv.data).toMatchObject({ phase: 'invoices', mode: 'sync', requestedBy: `alice-${n}` });
    await answer(t.id, runId, 'invoices', { considered: 4, alreadyCurrent: 1, queued: 3 });
    await h.publishSyncEvent(t.id, 'invoice.pushed', { realmId: '1', platformId: 'i1', version: 1, qboId: '130', action: 'created', runId, at: at() });
    // A dependency wait is not an outcome: the phase keeps waiting for i2.
    await h.publishSyncEvent(t.id, 'invoice.held', { platformId: 'i2', version: 1, reason: 'customer_not_synced', message: 'waits', runId, at: at() });
    await h.publishSyncEvent(t.id, 'invoice.skipped', { platformId: 'i3', version: 1, filter: 'sync_data_after', message: 'old', runId, at: at() });
    expect((await getRun(t, runId)).phases[2]).toMatchObject({ status: 'running', summary: { queued: 3, settled: 2 } });
    // The same outcome twice (at-least-once) still counts once.
    const dup = await h.publishSyncEvent(t.id, 'invoice.pushed', { realmId: '1', platformId: 'i1', version: 1, qboId: '130', action: 'created', runId, at: at() });
    expect(dup.id).toBeDefined();
    await h.publishSyncEvent(t.id, 'invoice.pushed', { realmId: '1', platformId: 'i2', version: 1, qboId: '131', action: 'created', runId, at: at() });

    await waitFor(async () => (await getRun(t, runId)).status !== 'running', { description: 'run ended' });
    const run = await getRun(t, runId);
    expect(run.status).toBe('partially_failed');
    expect(run.phases.map((p: { phase: string; status: string }) => `${p.phase}:${p.status}`)).toEqual(['inbound:completed', 'customers:completed', 'invoices:completed', 'payments:skipped']);
    expect(run.phases[0].summary).toMatchObject({ considered: 12, queued: 0 });
    expect(run.phases[1].summary).toEqual({ considered: 5, alreadyCurrent: 3, pushed: 1, skipped: { total: 0, reasons: {} }, held: { total: 0, reasons: {} }, failed: { total: 1, reasons: { qbo_validation: 1 } }, queued: 2, settled: 2 });
    expect(run.phases[2].summary).toEqual({ considered: 4, alreadyCurrent: 1, pushed: 2, skipped: { total: 1, reasons: { sync_data_after: 1 } }, held: { total: 0, reasons: {} }, failed: { total: 0, reasons: {} }, queued: 3, settled: 3 });
    expect(run.phases[3].note).toMatch(/payments are off/);
    for (const p of run.phases.slice(0, 3)) expect(Date.parse(p.endedAt)).toBeGreaterThanOrEqual(Date.parse(p.startedAt));

    // Every failure is listed with its reason.
    const failed = await call('GET', `/v1/tenants/${t.id}/sync-runs/${runId}/records?outcome=failed`, t.admin);
    expect(failed.json().records).toEqual([expect.objectContaining({ phase: 'customers', entity: 'customer', platformId: 'c2', outcome: 'failed', reason: 'qbo_validation' })]);

    // The run's events, in order, for integrators.
    const types = (await runEvents(runId)).map((e) => `${e.type}${(e.data as { phase?: string }).phase ? `:${(e.data as { phase: string }).phase}` : ''}`);
    expect(types).toEqual([
      'sync.run_started',
      'sync.phase_started:inbound',
      'sync.phase_requested:inbound',
      'sync.phase_completed:inbound',
      'sync.phase_started:customers',
      'sync.phase_requested:customers',
      'sync.phase_completed:customers',
      'sync.phase_started:invoices',
      'sync.phase_requested:invoices',
      'sync.phase_completed:invoices',
      'sync.run_completed',
    ]);
    const completed = (await runEvents(runId)).find((e) => e.type === 'sync.run_completed');
    expect(completed?.data).toMatchObject({ status: 'partially_failed', counts: { succeeded: 3, failed: 1, skipped: 1 } });
    // The sync log shows the run's outcomes with its id.
    const log = await call('GET', `/v1/tenants/${t.id}/sync-log?runId=${runId}&entity=invoice`, t.admin);
    expect(log.json().entries.length).toBeGreaterThanOrEqual(3);
  });

  it('answers 409 with the running run, honours Idempotency-Key, and can be cancelled', async () => {
    const t = await tenant();
    const first = await call('POST', `/v1/tenants/${t.id}/sync-runs`, t.admin, undefined, { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(202);
    const again = await call('POST', `/v1/tenants/${t.id}/sync-runs`, t.admin, undefined, { 'idempotency-key': 'k-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json().runId).toBe(first.json().runId);
    const second = await call('POST', `/v1/tenants/${t.id}/sync-runs`, t.admin);
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'run_in_progress', details: { runId: first.json().runId } });

    const svc = await h.token(t.id, 'admin', { sub: 'svc-ci', svc: true });
    const cancel = await call('DELETE', `/v1/tenants/${t.id}/sync-runs/${first.json().runId}`, svc);
    expect(cancel.statusCode).toBe(202);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', cancelRequestedBy: 'svc-ci' });
    expect(cancel.json().phases.map((p: { status: string }) => p.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect((await call('DELETE', `/v1/tenants/${t.id}/sync-runs/${first.json().runId}`, svc)).statusCode).toBe(409);

    // A service account starts the next one.
    const next = await call('POST', `/v1/tenants/${t.id}/sync-runs`, svc);
    expect(next.statusCode).toBe(202);
    expect(next.json().startedBy).toEqual({ type: 'service', id: 'svc-ci' });
    const list = await call('GET', `/v1/tenants/${t.id}/sync-runs`, t.admin);
    expect(list.json().runs.map((r: { runId: string }) => r.runId)).toEqual([next.json().runId, first.json().runId]);
    // Another tenant's run does not exist for this one.
    const other = await tenant();
    expect((await call('GET', `/v1/tenants/${other.id}/sync-runs/${next.json().runId}`, other.admin)).statusCode).toBe(404);
  });

  it('refuses a company that is not connected', async () => {
    n += 1;
    const id = `runs-t${n}`;
    const admin = await h.token(id, 'admin');
    const res = await call('POST', `/v1/tenants/${id}/sync-runs`, admin);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('not_connected');
  });

  it('asks a silent owner again, and ends a phase that makes no progress as failed, with the reason', async () => {
    const t = await tenant();
    const runId = (await call('POST', `/v1/tenants/${t.id}/sync-runs`, t.admin)).json().runId as string;
    await waitRequested(runId, 'inbound');
    await tickRuns(h.service.context, { reRequestMs: 0, stallMs: 60_000 });
    await waitRequested(runId, 'inbound', 2);
    await answer(t.id, runId, 'inbound', { considered: 0, alreadyCurrent: 0, queued: 0 });
    await waitRequested(runId, 'customers');
    await answer(t.id, runId, 'customers', { considered: 2, alreadyCurrent: 0, queued: 2 });
    await h.publishSyncEvent(t.id, 'customer.synced', { realmId: '1', direction: 'to_qbo', action: 'created', platformId: 'c1', qboId: '58', runId, at: at() });
    await tickRuns(h.service.context, { reRequestMs: 0, stallMs: 0 });
    const run = await getRun(t, runId);
    expect(run.status).toBe('partially_failed');
    expect(run.phases[1]).toMatchObject({ status: 'failed', summary: { queued: 2, settled: 1, pushed: 1 } });
    expect(run.phases[1].note).toMatch(/1 queued record\(s\) had no outcome/);
    expect(run.error).toMatch(/^customers: /);
  });

  it('an owner that cannot run its phase fails the phase, and the run goes on', async () => {
    const t = await tenant();
    const runId = (await call('POST', `/v1/tenants/${t.id}/sync-runs`, t.admin)).json().runId as string;
    await waitRequested(runId, 'inbound');
    await answer(t.id, runId, 'inbound', { considered: 0, alreadyCurrent: 0, queued: 0, error: { code: 'reauthorization_required', message: 'reconnect' } });
    await waitRequested(runId, 'customers');
    await answer(t.id, runId, 'customers', { considered: 0, alreadyCurrent: 0, queued: 0 });
    await waitFor(async () => (await getRun(t, runId)).status !== 'running', { description: 'run ended' });
    const run = await getRun(t, runId);
    expect(run.status).toBe('partially_failed');
    expect(run.phases[0]).toMatchObject({ status: 'failed', note: 'reauthorization_required: reconnect' });
  });
});

describe('Enable Integration and the rules of seed 004', () => {
  it('refuses settings that break a rule, naming the field', async () => {
    const t = await tenant();
    const etag = String((await call('GET', `/v1/tenants/${t.id}/settings`, t.admin)).headers.etag);
    const noAccounts = await call('PUT', `/v1/tenants/${t.id}/settings`, t.admin, { invoices: { enabled: true } }, { 'if-match': etag });
    expect(noAccounts.statusCode).toBe(422);
    expect(noAccounts.json().error.details.violations.map((v: { field: string; code: string }) => `${v.field}:${v.code}`)).toEqual(['accounts.income:income_account_required', 'accounts.expense:expense_account_required']);
    const noCustomers = await call('PUT', `/v1/tenants/${t.id}/settings`, t.admin, { entities: { customers: 'off' }, invoices: { enabled: true }, accounts: { income: '4', expense: '6' } }, { 'if-match': etag });
    expect(noCustomers.json().error.details.violations.map((v: { field: string }) => v.field)).toEqual(['invoices.enabled']);
    const noDeposit = await call('PUT', `/v1/tenants/${t.id}/settings`, t.admin, { invoices: { enabled: true }, payments: { enabled: true }, accounts: { income: '4', expense: '6' } }, { 'if-match': etag });
    expect(noDeposit.json().error.details.violations.map((v: { field: string }) => v.field)).toEqual(['accounts.deposit']);
  });

  it('enables: 422 while something blocks, then starts the initial run; disable holds and cancels', async () => {
    const t = await tenant();
    // Nothing on yet: customers default to to_qbo, so enabling is possible; turn them off to see the blocker.
    let etag = String((await call('GET', `/v1/tenants/${t.id}/settings`, t.admin)).headers.etag);
    expect((await call('PUT', `/v1/tenants/${t.id}/settings`, t.admin, { entities: { customers: 'off' } }, { 'if-match': etag })).statusCode).toBe(200);
    const blocked = await call('POST', `/v1/tenants/${t.id}/integration/enable`, t.admin);
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.details.violations[0]).toMatchObject({ field: 'entities.customers', code: 'nothing_to_synchronize' });

    etag = String((await call('GET', `/v1/tenants/${t.id}/settings`, t.admin)).headers.etag);
    expect((await call('PUT', `/v1/tenants/${t.id}/settings`, t.admin, { invoices: { enabled: true }, accounts: { income: '4', expense: '6' } }, { 'if-match': etag })).statusCode).toBe(200);
    const status = await call('GET', `/v1/tenants/${t.id}/integration`, t.admin);
    expect(status.json()).toMatchObject({ enabled: true, blockers: [], entities: { customers: { on: true, direction: 'to_qbo' }, invoices: { on: true }, payments: { on: false, direction: 'off' } }, activeRun: null });

    const enabled = await call('POST', `/v1/tenants/${t.id}/integration/enable`, t.admin, undefined, { 'idempotency-key': 'enable-1' });
    expect(enabled.statusCode).toBe(202);
    expect(enabled.json()).toMatchObject({ kind: 'enable', status: 'running' });
    expect((await call('GET', `/v1/tenants/${t.id}/integration`, t.admin)).json().activeRun.runId).toBe(enabled.json().runId);

    const disabled = await call('POST', `/v1/tenants/${t.id}/integration/disable`, t.admin);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ enabled: false, activeRun: null, lastRun: { runId: enabled.json().runId, status: 'cancelled' } });
    // The workers get it as a settings version: integration.enabled false.
    const settings = (await h.events('mapping.settings.v1')).filter((e) => (e.data as { settings?: { settings?: { integration?: { enabled: boolean } } } }).settings?.settings?.integration?.enabled === false);
    expect(settings.length).toBeGreaterThan(0);
  });
});

describe('bulk retry', () => {
  it('retries the records whose latest outcome is failed, as one run limited to them', async () => {
    const t = await tenant({ invoices: true });
    await h.publishSyncEvent(t.id, 'invoice.push_failed', { platformId: 'i1', version: 1, code: 'qbo_unavailable', message: 'x', retriable: true, at: at() });
    await h.publishSyncEvent(t.id, 'invoice.push_failed', { platformId: 'i2', version: 1, code: 'qbo_unavailable', message: 'x', retriable: true, at: at() });
    await h.publishSyncEvent(t.id, 'invoice.pushed', { realmId: '1', platformId: 'i2', version: 1, qboId: '9', action: 'created', at: at() });
    await h.publishSyncEvent(t.id, 'invoice.push_failed', { platformId: 'i3', version: 1, code: 'qbo_validation', message: 'x', retriable: false, at: at() });

    const bad = await call('POST', `/v1/tenants/${t.id}/sync-log/retry`, t.admin, { outcome: 'exploded' });
    expect(bad.statusCode).toBe(400);
    const res = await call('POST', `/v1/tenants/${t.id}/sync-log/retry`, t.admin, { entity: 'invoice', code: 'qbo_unavailable' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ kind: 'retry' });
    expect(res.json().phases.map((p: { phase: string }) => p.phase)).toEqual(['invoices']);
    const req = await waitRequested(res.json().runId, 'invoices');
    // i2 was pushed since its failure, i3 failed with another code.
    expect(req.data).toMatchObject({ mode: 'retry', recordIds: ['i1'] });
    await answer(t.id, res.json().runId, 'invoices', { considered: 1, alreadyCurrent: 0, queued: 1 });
    await h.publishSyncEvent(t.id, 'invoice.pushed', { realmId: '1', platformId: 'i1', version: 1, qboId: '10', action: 'created', runId: res.json().runId, at: at() });
    await waitFor(async () => (await getRun(t, res.json().runId)).status === 'succeeded', { description: 'retry run succeeded' });

    const nothing = await call('POST', `/v1/tenants/${t.id}/sync-log/retry`, t.admin, { entity: 'invoice', code: 'qbo_unavailable' });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error.code).toBe('nothing_to_retry');
  });
});
