/**
 * Held and skipped records, their retry, and the settings versions the workers apply, on a
 * real Kafka broker and real PostgreSQL. The test publishes on `sync.events.v1` what the push
 * workers and customer-sync publish (`invoice.held`, `payment.skipped`, `settings.applied` …)
 * and reads the outcome through the mapping service's HTTP API.
 */
import type { CloudEvent } from '@ledgerbus/contracts';
import { createEvent, syncEvents } from '@ledgerbus/contracts';
import { uniqueName, waitFor } from '@ledgerbus/testing';
import type { KafkaHarness } from './kafka-harness';
import { startKafkaHarness } from './kafka-harness';

const run = uniqueName('held').replace(/_/g, '-');
const T = `${run}-a`;
const OTHER = `${run}-b`;
const REALM = '4620816365171234';

let h: KafkaHarness;

beforeAll(async () => {
  h = await startKafkaHarness();
});
afterAll(async () => {
  await h.close();
});

let tick = 0;
/** Increasing fact times, so later events are newer. */
function at(): string {
  tick += 1;
  return new Date(Date.UTC(2031, 0, 1) + tick * 1000).toISOString();
}

interface Entry {
  id: string;
  eventId: string;
  type: string;
  entity: string;
  platformId: string | null;
  outcome: string;
  reason: string | null;
  retryRequestedBy: string | null;
  data: Record<string, unknown>;
}

async function get(tenant: string, url: string) {
  return h.service.http.inject({ method: 'GET', url: `/v1/tenants/${tenant}/${url}`, headers: { authorization: `Bearer ${await h.token(tenant, 'viewer')}` } });
}

/** Publishes events on sync.events.v1 (keyed by tenant, as the workers do) and waits until the sync log has the last one. */
async function publish(tenant: string, events: Array<{ type: string; data: Record<string, unknown> }>): Promise<CloudEvent[]> {
  const cloudEvents = events.map((e) => createEvent({ type: e.type, source: 'test/invoice-push', tenantid: tenant, data: { tenantId: tenant, at: at(), ...e.data } }));
  await h.bus.publish(
    syncEvents,
    cloudEvents.map((event) => ({ key: tenant, event })),
  );
  const last = cloudEvents[cloudEvents.length - 1];
  if (last !== undefined && last.type !== 'settings.applied') await entryOf(tenant, last.id);
  return cloudEvents;
}

async function entryOf(tenant: string, eventId: string): Promise<Entry> {
  return waitFor(
    async () => {
      const res = await get(tenant, 'sync-log?limit=500');
      return res.json<{ entries: Entry[] }>().entries.find((e) => e.eventId === eventId);
    },
    // The first entry waits for the service's consumer group to join the shared topic (seconds; more on a loaded CI machine).
    { timeoutMs: 90_000, description: `sync-log entry of event ${eventId}` },
  );
}

interface Summary {
  tenantId: string;
  held: { total: number; byEntity: Record<string, { total: number; byReason: Record<string, number> }> };
}
async function summary(tenant: string): Promise<Summary> {
  const res = await get(tenant, 'sync-log/summary');
  expect(res.statusCode).toBe(200);
  return res.json<Summary>();
}

const held = (entity: 'invoice' | 'payment', platformId: string, reason: string) => ({
  type: `${entity}.held`,
  data: { platformId, version: 1, reason, message: `held: ${reason}` },
});

describe('held and skipped records in the sync log', () => {
  it('logs a filter skip as "skipped" with the filter as its reason, not as a success', async () => {
    const [skipped] = await publish(T, [{ type: 'invoice.skipped', data: { platformId: 'inv-old', version: 1, filter: 'sync_data_after', message: 'dated before 2030-01-01' } }]);
    const entry = await entryOf(T, skipped!.id);
    expect(entry).toMatchObject({ type: 'invoice.skipped', entity: 'invoice', platformId: 'inv-old', outcome: 'skipped', reason: 'sync_data_after' });
    const listed = (await get(T, 'sync-log?outcome=skipped')).json<{ entries: Entry[] }>().entries;
    expect(listed.map((e) => e.eventId)).toContain(skipped!.id);
    expect((await get(T, 'sync-log?outcome=succeeded')).json<{ entries: Entry[] }>().entries.map((e) => e.eventId)).not.toContain(skipped!.id);
  });

  it('logs held records as "held" with their reason and counts those still held by entity and reason', async () => {
    const events = await publish(T, [
      held('invoice', 'inv-1', 'sync_disabled'),
      held('invoice', 'inv-2', 'sync_disabled'),
      held('invoice', 'inv-3', 'settings_missing'),
      held('payment', 'pay-1', 'not_connected'),
    ]);
    const entries = await Promise.all(events.map((e) => entryOf(T, e.id)));
    expect(entries.map((e) => [e.type, e.platformId, e.outcome, e.reason])).toEqual([
      ['invoice.held', 'inv-1', 'held', 'sync_disabled'],
      ['invoice.held', 'inv-2', 'held', 'sync_disabled'],
      ['invoice.held', 'inv-3', 'held', 'settings_missing'],
      ['payment.held', 'pay-1', 'held', 'not_connected'],
    ]);
    // Another tenant's held record is not counted here.
    await publish(OTHER, [held('invoice', 'inv-1', 'sync_disabled')]);

    expect(await summary(T)).toEqual({
      tenantId: T,
      held: {
        total: 4,
        byEntity: {
          invoice: { total: 3, byReason: { sync_disabled: 2, settings_missing: 1 } },
          payment: { total: 1, byReason: { not_connected: 1 } },
        },
      },
    });
    expect((await summary(OTHER)).held.total).toBe(1);

    // Held again for another reason: still one record, now counted under the new reason.
    await publish(T, [held('invoice', 'inv-3', 'sync_disabled')]);
    expect((await summary(T)).held.byEntity.invoice).toEqual({ total: 3, byReason: { sync_disabled: 3 } });
  });

  it('stops counting a record once it is pushed, fails, is removed or skipped, and only for the same entity', async () => {
    await publish(T, [
      { type: 'invoice.pushed', data: { platformId: 'inv-1', version: 1, realmId: REALM, qboId: '130', action: 'created' } },
      { type: 'invoice.push_failed', data: { platformId: 'inv-2', version: 1, realmId: REALM, code: 'invalid_reference', message: 'Account 4 is inactive', retriable: false } },
      // A payment with the id of a held invoice does not release the invoice.
      { type: 'payment.pushed', data: { platformId: 'inv-3', version: 1, realmId: REALM, qboId: '77', action: 'created' } },
      { type: 'payment.voided', data: { platformId: 'pay-1', version: 2, qboId: '12' } },
    ]);
    expect((await summary(T)).held).toEqual({ total: 1, byEntity: { invoice: { total: 1, byReason: { sync_disabled: 1 } } } });

    await publish(T, [{ type: 'invoice.skipped', data: { platformId: 'inv-3', version: 1, filter: 'market_segment', message: 'segment West only' } }]);
    expect((await summary(T)).held).toEqual({ total: 0, byEntity: {} });

    await publish(T, [held('invoice', 'inv-4', 'customer_not_synced'), { type: 'invoice.deleted', data: { platformId: 'inv-4', version: 2 } }]);
    expect((await summary(T)).held.total).toBe(0);
  });

  it('answers the summary of a tenant with nothing held with zero, and another tenant\'s token with 404', async () => {
    const empty = `${run}-empty`;
    expect(await summary(empty)).toEqual({ tenantId: empty, held: { total: 0, byEntity: {} } });
    const res = await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${T}/sync-log/summary`, headers: { authorization: `Bearer ${await h.token(OTHER, 'admin')}` } });
    expect(res.statusCode).toBe(404);
  });
});

describe('retrying skipped and held records from the sync log', () => {
  async function retry(tenant: string, entryId: string) {
    return h.service.http.inject({ method: 'POST', url: `/v1/tenants/${tenant}/sync-log/${entryId}/retry`, headers: { authorization: `Bearer ${await h.token(tenant, 'admin', { sub: 'carol' })}` } });
  }
  /** The `sync.retry_requested` command for an entry, as it came back from sync.events.v1 into the sync log. */
  async function commandFor(tenant: string, entryId: string): Promise<Entry> {
    return waitFor(
      async () => {
        const entries = (await get(tenant, 'sync-log?outcome=requested&limit=500')).json<{ entries: Entry[] }>().entries;
        return entries.find((e) => e.type === 'sync.retry_requested' && e.data.entryId === entryId);
      },
      { timeoutMs: 30_000, description: `sync.retry_requested for entry ${entryId}` },
    );
  }

  it('publishes sync.retry_requested with the skipped or held type for the push engine', async () => {
    const [skipped, heldPayment] = await publish(T, [
      { type: 'invoice.skipped', data: { platformId: 'inv-20', version: 3, filter: 'sync_data_after', message: 'dated before 2030-01-01' } },
      { type: 'payment.held', data: { platformId: 'pay-20', divisionId: 'east', version: 1, reason: 'sync_disabled', message: 'payments are off' } },
    ]);
    const skippedEntry = await entryOf(T, skipped!.id);
    const heldEntry = await entryOf(T, heldPayment!.id);

    for (const [entry, failedType, entity, platformId, division] of [
      [skippedEntry, 'invoice.skipped', 'invoice', 'inv-20', undefined],
      [heldEntry, 'payment.held', 'payment', 'pay-20', 'east'],
    ] as const) {
      const res = await retry(T, entry.id);
      expect(res.statusCode).toBe(202);
      expect(res.json()).toMatchObject({ id: entry.id, outcome: entry.outcome, retryRequestedBy: 'carol' });
      const command = await commandFor(T, entry.id);
      expect(command.data).toMatchObject({ tenantId: T, entryId: entry.id, failedEventId: entry.eventId, failedType, entity, platformId, requestedBy: 'carol' });
      // The division of a held record travels with the command (for the worker that routes by division).
      expect(command.data.divisionId).toBe(division);
    }
    // The retry is a request: the record stays counted as held until its outcome arrives.
    expect((await summary(T)).held.byEntity.payment).toEqual({ total: 1, byReason: { sync_disabled: 1 } });
  });

  it('still refuses to retry a success with 409 not_retriable', async () => {
    const [pushed] = await publish(T, [{ type: 'invoice.pushed', data: { platformId: 'inv-21', version: 1, realmId: REALM, qboId: '131', action: 'created' } }]);
    const res = await retry(T, (await entryOf(T, pushed!.id)).id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('not_retriable');
  });
});

describe('settings versions the workers apply (appliedBy)', () => {
  interface SettingsDocument {
    version: number;
    appliedBy: Record<string, number>;
  }
  const applied = (service: string, version: number, divisionId?: string) => ({
    type: 'settings.applied',
    data: { service, version, ...(divisionId === undefined ? {} : { divisionId }) },
  });
  async function settings(tenant: string, division?: string): Promise<SettingsDocument> {
    const res = await get(tenant, `settings${division === undefined ? '' : `?division=${division}`}`);
    expect(res.statusCode).toBe(200);
    return res.json<SettingsDocument>();
  }
  async function appliedBy(tenant: string, expected: Record<string, number>, division?: string): Promise<void> {
    await waitFor(async () => JSON.stringify((await settings(tenant, division)).appliedBy) === JSON.stringify(expected), {
      timeoutMs: 30_000,
      description: `appliedBy ${JSON.stringify(expected)}`,
    });
  }
  const S = `${run}-s`;

  it('shows no worker before any reported a version', async () => {
    expect(await settings(S)).toMatchObject({ version: 1, appliedBy: {} });
  });

  it('shows the newest settings version each worker reported, per tenant and division, never going back', async () => {
    await publish(S, [applied('invoice-push', 2), applied('payment-push', 3), applied('customer-sync', 3)]);
    await appliedBy(S, { 'customer-sync': 3, 'invoice-push': 2, 'payment-push': 3 });

    await publish(S, [applied('invoice-push', 3)]);
    await appliedBy(S, { 'customer-sync': 3, 'invoice-push': 3, 'payment-push': 3 });

    // An older report (a redelivery, a replica that was behind) does not lower it; the marker after it shows it was consumed.
    await publish(S, [applied('payment-push', 1), applied('customer-sync', 4)]);
    await appliedBy(S, { 'customer-sync': 4, 'invoice-push': 3, 'payment-push': 3 });

    // A division's settings are its own document.
    await publish(S, [applied('invoice-push', 2, 'east')]);
    await appliedBy(S, { 'invoice-push': 2 }, 'east');
    expect((await settings(S)).appliedBy).toEqual({ 'customer-sync': 4, 'invoice-push': 3, 'payment-push': 3 });
    await appliedBy(OTHER, {});
  });

  it('keeps settings.applied out of the sync log', async () => {
    const [event] = await publish(S, [applied('customer-sync', 5)]);
    await appliedBy(S, { 'customer-sync': 5, 'invoice-push': 3, 'payment-push': 3 });
    const entries = (await get(S, 'sync-log?limit=500')).json<{ entries: Entry[] }>().entries;
    expect(entries.filter((e) => e.type === 'settings.applied' || e.eventId === event!.id)).toEqual([]);
  });
});
