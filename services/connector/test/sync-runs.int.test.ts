import type { IncomingMessage } from '@ledgerbus/bus';
import { createEvent } from '@ledgerbus/contracts';
import type { EventData, syncEvents } from '@ledgerbus/contracts';
import { uniqueName, waitFor } from '@ledgerbus/testing';
import { connectThroughRedirects, createHarness, uniqueRealmId } from './harness';
import type { Harness } from './harness';

type PhaseRequested = EventData<typeof syncEvents, 'sync.phase_requested'>;
type PhaseScanned = EventData<typeof syncEvents, 'sync.phase_scanned'>;

interface Change {
  realmId: string;
  entity: string;
  entityId: string;
  source: string;
  syncToken?: string;
}

describe('connector: the inbound phase of a sync run (sync.phase_requested → CDC catch-up → sync.phase_scanned)', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  /** Connects the tenant and waits for its snapshot and first CDC poll, so that the stored watermark is set. */
  async function connected(realmId: string, division?: string): Promise<string> {
    h.sandbox.admin.createCompany({ realmId, companyName: `Co ${realmId}` });
    const tenant = `t-${realmId}`;
    const admin = await h.token({ sub: 'alice', tenant, role: 'admin' });
    expect((await connectThroughRedirects(h.instances[0]!, admin, tenant, realmId, division)).status).toBe(200);
    await waitFor(
      async () => {
        const row = await h.instances[0]!.db.knex('connections').where({ realm_id: realmId }).first<{ snapshot_completed_at: Date | null; cdc_next_at: Date | null } | undefined>();
        // The first poll moves the next one an hour (the harness's interval) ahead.
        return row?.snapshot_completed_at != null && row.cdc_next_at != null && new Date(row.cdc_next_at).getTime() > Date.now() + 60_000;
      },
      { timeoutMs: 30_000, description: 'the snapshot and the first CDC poll' },
    );
    return tenant;
  }

  /** Publishes a phase request as mapping would; returns its runId. */
  async function request(tenant: string, overrides: Partial<PhaseRequested> & { type?: string } = {}): Promise<string> {
    const { type = 'sync.phase_requested', ...fields } = overrides;
    const data: PhaseRequested = { tenantId: tenant, runId: uniqueName('run'), phase: 'inbound', mode: 'sync', requestedBy: 'alice', at: new Date().toISOString(), ...fields };
    const key = data.divisionId === undefined ? tenant : `${tenant}/${data.divisionId}`;
    await h.instances[0]!.bus.publish(h.topics.events, [{ key, event: createEvent({ type, source: 'ledgerbus/mapping', tenantid: tenant, data }) }]);
    return data.runId;
  }

  async function answersOf(tenant: string): Promise<PhaseScanned[]> {
    const tail = await h.tail(h.topics.events);
    return tail.messages.filter((m) => m.event.type === 'sync.phase_scanned' && (m.event.data as PhaseScanned).tenantId === tenant).map((m) => m.event.data as PhaseScanned);
  }

  async function answerTo(runId: string, timeoutMs = 60_000): Promise<PhaseScanned> {
    const tail = await h.tail(h.topics.events);
    return waitFor(
      async () => tail.messages.map((m) => m.event).find((e) => e.type === 'sync.phase_scanned' && (e.data as PhaseScanned).runId === runId)?.data as PhaseScanned | undefined,
      { timeoutMs, intervalMs: 100, description: `the answer to run ${runId}` },
    );
  }

  async function changesOf(realmId: string): Promise<Change[]> {
    const tail = await h.tail(h.topics.changes);
    return tail.messages.filter((m: IncomingMessage) => m.key === realmId).map((m) => m.event.data as Change);
  }

  const cdcCalls = (realmId: string): number => Object.values(h.sandbox.admin.calls(realmId)['GET cdc'] ?? {}).reduce((a, b) => a + b, 0);

  it('catches up a connected company from its watermark: the changes are on qbo.changes when the answer counts them, and a redelivery answers the same without polling', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    const tenant = await connected(realmId);
    await h.tail(h.topics.changes);

    // Changes made in QBO after the last poll: people and reference data.
    const store = h.sandbox.store;
    const expected = new Set<string>();
    const made = (entity: string, object: unknown): void => {
      const o = object as { Id: string; SyncToken: string };
      expected.add(`${entity}/${o.Id}/${o.SyncToken}`);
    };
    h.sandbox.clock.advance(1_000);
    for (let i = 0; i < 3; i++) made('Customer', store.create(realmId, 'Customer', { DisplayName: `Caught Up ${i}` }));
    made('Employee', store.create(realmId, 'Employee', { DisplayName: 'Erin Caught', GivenName: 'Erin', FamilyName: 'Caught' }));
    made('Class', store.create(realmId, 'Class', { Name: 'Caught Class' }));
    made('PaymentMethod', store.create(realmId, 'PaymentMethod', { Name: 'Caught Method' }));
    const income = h.sandbox.admin.entities(realmId, 'Account').find((a) => (a as { AccountType?: string }).AccountType === 'Income') as { Id: string };
    made('Item', store.create(realmId, 'Item', { Name: 'Caught Item', Type: 'Service', IncomeAccountRef: { value: income.Id } }));
    const cdcBefore = cdcCalls(realmId);

    const runId = await request(tenant);
    const answer = await answerTo(runId);
    expect(answer).toMatchObject({ tenantId: tenant, runId, phase: 'inbound', service: 'connector', considered: expected.size, alreadyCurrent: 0, queued: 0 });
    expect(answer.error).toBeUndefined();
    expect(answer.divisionId).toBeUndefined();
    expect(cdcCalls(realmId)).toBeGreaterThan(cdcBefore);
    // The answer names the request as its cause and carries its correlation id.
    const events = (await h.tail(h.topics.events)).messages.map((m) => m.event);
    const requested = events.find((e) => e.type === 'sync.phase_requested' && (e.data as PhaseRequested).runId === runId)!;
    const scanned = events.find((e) => e.type === 'sync.phase_scanned' && (e.data as PhaseScanned).runId === runId)!;
    expect(scanned).toMatchObject({ causationid: requested.id, correlationid: requested.correlationid ?? requested.id, tenantid: tenant });

    // Durable on qbo.changes before the answer: every change is there, from CDC, once.
    await (await h.tail(h.topics.changes)).settled(500);
    const cdc = (await changesOf(realmId)).filter((c) => c.source === 'cdc').map((c) => `${c.entity}/${c.entityId}/${c.syncToken}`);
    expect(new Set(cdc)).toEqual(expected);
    expect(cdc).toHaveLength(expected.size);

    // The same request again (a redelivery): the same figures, no second read of QBO.
    const cdcAfter = cdcCalls(realmId);
    await request(tenant, { runId });
    await waitFor(async () => (await answersOf(tenant)).filter((a) => a.runId === runId).length === 2, { timeoutMs: 60_000, description: 'the second answer' });
    const both = (await answersOf(tenant)).filter((a) => a.runId === runId);
    expect(both[1]).toEqual(both[0]);
    expect(cdcCalls(realmId)).toBe(cdcAfter);
  });

  it("answers a division's request for the division's connection, keyed by tenant/division", async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    const tenant = await connected(realmId, 'east');
    h.sandbox.clock.advance(1_000);
    h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'East Side Ltd' });

    // The tenant as a whole has no connection; its division has.
    const whole = await answerTo(await request(tenant));
    expect(whole.error?.code).toBe('not_connected');
    const runId = await request(tenant, { divisionId: 'east' });
    const answer = await answerTo(runId);
    expect(answer).toMatchObject({ tenantId: tenant, divisionId: 'east', runId, considered: 1 });
    expect(answer.error).toBeUndefined();
    const tail = await h.tail(h.topics.events);
    expect(tail.messages.find((m) => m.event.type === 'sync.phase_scanned' && (m.event.data as PhaseScanned).runId === runId)?.key).toBe(`${tenant}/east`);
  });

  it('answers not_connected for a tenant without a connection, without calling QBO', async () => {
    h = await createHarness();
    const tenant = `t-${uniqueRealmId()}`;
    const runId = await request(tenant);
    const answer = await answerTo(runId);
    expect(answer).toMatchObject({ tenantId: tenant, runId, phase: 'inbound', service: 'connector', considered: 0, alreadyCurrent: 0, queued: 0, error: { code: 'not_connected' } });
    expect(answer.error?.message).toMatch(/no connected QBO company/);
  });

  it('answers reauthorization_required when the grant is revoked during the catch-up, and at once while the connection waits for an admin', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    const tenant = await connected(realmId);
    // Intuit revoked the grant and the access token is due: the catch-up's refresh gets invalid_grant.
    h.sandbox.oauth.revokeRealm(realmId);
    await h.instances[0]!.db.knex('connections').where({ tenant_id: tenant }).update({ access_expires_at: new Date(Date.now() - 1000) });
    const cdcBefore = cdcCalls(realmId);

    const first = await answerTo(await request(tenant));
    expect(first).toMatchObject({ considered: 0, error: { code: 'reauthorization_required' } });
    expect(((await h.instances[0]!.db.knex('connections').where({ tenant_id: tenant }).first()) as { status: string }).status).toBe('reauthorization_required');

    const second = await answerTo(await request(tenant));
    expect(second).toMatchObject({ considered: 0, error: { code: 'reauthorization_required' } });
    expect(second.error?.message).toMatch(/reconnect/);
    expect(cdcCalls(realmId)).toBe(cdcBefore);
  });

  it('ignores other phases and other event types: only the inbound request of the tenant is answered', async () => {
    h = await createHarness();
    const tenant = `t-${uniqueRealmId()}`;
    const customers = await request(tenant, { phase: 'customers' });
    const payments = await request(tenant, { phase: 'payments' });
    await h.instances[0]!.bus.publish(h.topics.events, [
      { key: tenant, event: createEvent({ type: 'sync.phase_started', source: 'ledgerbus/mapping', tenantid: tenant, data: { tenantId: tenant, runId: customers, phase: 'inbound', at: new Date().toISOString() } }) },
    ]);
    // Same key, same partition: once the inbound request is answered, the ones before it were handled.
    const inbound = await request(tenant);
    await answerTo(inbound);
    await (await h.tail(h.topics.events)).settled(1000);
    const answers = await answersOf(tenant);
    expect(answers.map((a) => a.runId)).toEqual([inbound]);
    expect(answers.some((a) => a.runId === customers || a.runId === payments)).toBe(false);
  });

  it('waits for a poll of the realm in flight (its lease) before catching up, so nothing is published twice', async () => {
    h = await createHarness();
    const realmId = uniqueRealmId();
    const tenant = await connected(realmId);
    h.sandbox.clock.advance(1_000);
    const made = h.sandbox.store.create(realmId, 'Customer', { DisplayName: 'Leased Ltd' }) as { Id: string };
    // Another replica's poll holds the realm's lease.
    const knex = h.instances[0]!.db.knex;
    await knex('connections').where({ tenant_id: tenant }).update({ cdc_lease_owner: 'other-replica', cdc_lease_until: new Date(Date.now() + 60_000) });

    const runId = await request(tenant);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await answersOf(tenant)).some((a) => a.runId === runId)).toBe(false);
    expect((await changesOf(realmId)).some((c) => c.entityId === made.Id && c.source === 'cdc')).toBe(false);

    await knex('connections').where({ tenant_id: tenant }).update({ cdc_lease_owner: null, cdc_lease_until: null });
    const answer = await answerTo(runId);
    expect(answer).toMatchObject({ considered: 1 });
    expect(answer.error).toBeUndefined();
    await (await h.tail(h.topics.changes)).settled(500);
    expect((await changesOf(realmId)).filter((c) => c.entityId === made.Id && c.entity === 'Customer' && c.source === 'cdc')).toHaveLength(1);
  });

  it('retries a QBO outage under the retry policy, then answers with its error so that the run is not left waiting', async () => {
    h = await createHarness({}, { retry: { maxAttempts: 2, initialDelayMs: 50, maxDelayMs: 100 } });
    const realmId = uniqueRealmId();
    const tenant = await connected(realmId);
    h.sandbox.admin.updateSettings({ faults: { perRealm: { [realmId]: { errorRate503: 1 } } } });
    const before = h.sandbox.admin.calls(realmId)['GET cdc']?.['503'] ?? 0;

    const runId = await request(tenant);
    const answer = await answerTo(runId, 90_000);
    expect(answer).toMatchObject({ runId, considered: 0, error: { code: 'qbo_unavailable' } });
    // QBO was asked again (the client's own retries, then the consumer's), and the answer came only after.
    expect((h.sandbox.admin.calls(realmId)['GET cdc']?.['503'] ?? 0) - before).toBeGreaterThan(1);
    // Not stored as a scan: a later request for the run reads QBO again.
    expect(await h.instances[0]!.db.knex('sync_phase_scans').where({ run_id: runId })).toHaveLength(0);
  });
});
