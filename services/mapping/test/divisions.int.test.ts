/**
 * Divisions (seed 001) in mapping's links and sync log, on a real Kafka broker and real
 * PostgreSQL: the test publishes on `sync.links.v1` and `sync.events.v1` what customer-sync and
 * the push workers publish for two divisions of one tenant (two companies) and reads the outcome
 * through the HTTP API.
 */
import { createEvent, syncEvents, syncLinks } from '@ledgerbus/contracts';
import { uniqueName, waitFor } from '@ledgerbus/testing';
import type { KafkaHarness } from './kafka-harness';
import { startKafkaHarness } from './kafka-harness';

const T = uniqueName('div').replace(/_/g, '-');
const EAST = '4620816365170001';
const WEST = '4620816365170002';

let h: KafkaHarness;
beforeAll(async () => {
  h = await startKafkaHarness();
});
afterAll(async () => {
  await h.close();
});

async function get(url: string) {
  const res = await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${T}/${url}`, headers: { authorization: `Bearer ${await h.token(T, 'viewer')}` } });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}

type LinkDoc = { entity: string; platformId: string; qboId: string | null; divisionId: string | null; status: string };
type EntryDoc = { type: string; platformId: string | null; divisionId: string | null; eventId: string };

describe('links and the sync log of a tenant with two divisions', () => {
  it('keeps the same platform id linked in two divisions apart, and lists and reads them by ?division=', async () => {
    const at = new Date().toISOString();
    const link = (divisionId: string, realmId: string, qboId: string) =>
      createEvent({ type: 'link.created', source: 'ledgerbus/customer-sync', tenantid: T, data: { tenantId: T, divisionId, realmId, entity: 'customer', platformId: 'c-1', qboId, at } });
    await h.bus.publish(syncLinks, [
      { key: T, event: link('east', EAST, '11') },
      { key: T, event: link('west', WEST, '22') },
    ]);
    const all = await waitFor(async () => {
      const links = (await get('links?entity=customer')).body.links as LinkDoc[];
      return links.length === 2 ? links : undefined;
    }, { timeoutMs: 20_000, description: 'both links stored' });
    expect(all.map((l) => [l.divisionId, l.platformId, l.qboId]).sort()).toEqual([['east', 'c-1', '11'], ['west', 'c-1', '22']]);

    const east = (await get('links?division=east')).body.links as LinkDoc[];
    expect(east).toEqual([expect.objectContaining({ divisionId: 'east', platformId: 'c-1', qboId: '11' })]);
    expect((await get('links/customer/c-1?division=west')).body).toMatchObject({ status: 'linked', qboId: '22', divisionId: 'west' });
    // The tenant itself has no link of c-1.
    expect((await get('links/customer/c-1')).body).toMatchObject({ status: 'not_linked' });

    // An unlink in one division leaves the other's link.
    await h.bus.publish(syncLinks, [{ key: T, event: createEvent({ type: 'link.removed', source: 'ledgerbus/customer-sync', tenantid: T, data: { tenantId: T, divisionId: 'east', realmId: EAST, entity: 'customer', platformId: 'c-1', qboId: '11', at: new Date().toISOString() } }) }]);
    await waitFor(async () => (await get('links/customer/c-1?division=east')).body.status === 'not_linked', { timeoutMs: 20_000, description: 'east unlinked' });
    expect((await get('links/customer/c-1?division=west')).body).toMatchObject({ status: 'linked', qboId: '22' });
  });

  it('keeps the division of every sync-log entry and filters the log with ?division=', async () => {
    const event = (divisionId: string | undefined, realmId: string, platformId: string) =>
      createEvent({
        type: 'customer.synced',
        source: 'ledgerbus/customer-sync',
        tenantid: T,
        data: { tenantId: T, ...(divisionId === undefined ? {} : { divisionId }), realmId, direction: 'to_qbo', action: 'created', platformId, qboId: '5', at: new Date().toISOString() },
      });
    const events = [event('east', EAST, 'e-1'), event('west', WEST, 'w-1'), event(undefined, EAST, 't-1')];
    await h.bus.publish(syncEvents, events.map((e) => ({ key: T, event: e })));
    const entries = await waitFor(async () => {
      const res = await get('sync-log?entity=customer');
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      const list = res.body.entries as EntryDoc[];
      return events.every((e) => list.some((x) => x.eventId === e.id)) ? list : undefined;
    }, { timeoutMs: 90_000, description: 'the three entries (the shared sync.events.v1 carries other tests\' traffic)' });
    expect(entries.filter((e) => events.some((x) => x.id === e.eventId)).map((e) => [e.platformId, e.divisionId]).sort()).toEqual([['e-1', 'east'], ['t-1', null], ['w-1', 'west']]);
    const west = (await get('sync-log?division=west')).body.entries as EntryDoc[];
    expect(west.map((e) => e.platformId)).toEqual(['w-1']);
    expect(west[0]).toMatchObject({ divisionId: 'west' });
  });
});
