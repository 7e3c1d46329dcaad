/**
 * An endpoint that keeps failing is disabled after the configured run of failed attempts, with
 * `webhook.endpoint_disabled` on sync.events (and so to the tenant's other endpoints); enabled
 * again, a replay of the gap brings everything it missed.
 */
import { readTopic, waitFor } from '@ledgerbus/testing';
import type { Harness, Json } from './support/harness';
import { invoicePushed, startHarness } from './support/harness';

jest.setTimeout(120_000);

let h: Harness;
beforeAll(async () => {
  // Three failed attempts in a row, however young the run: disabled.
  h = await startHarness({ config: { disableAfterFailures: 3, disableAfterMs: 0 } });
});
afterAll(async () => {
  await h.close();
});

it('disables an endpoint after its run of failures, says so on sync.events, and a replay after re-enabling fills the gap', async () => {
  const tenant = `dis${Date.now().toString(36)}`;
  const start = new Date(Date.now() - 60_000);
  const bad = await h.createEndpoint(tenant, 'bad', { description: 'ERP bridge' });
  await h.createEndpoint(tenant, 'watcher', { eventTypes: ['webhook.*'] });
  let badIsDown = true;
  h.receiver.behave(({ path }) => (path === '/hooks/bad' && badIsDown ? { status: 503 } : { status: 204 }));

  const first = [invoicePushed(tenant), invoicePushed(tenant)];
  await h.publish(tenant, first);

  const endpointUrl = `/v1/tenants/${tenant}/webhook-endpoints/${bad.id}`;
  const disabled = await waitFor(async () => {
    const e = (await h.api('GET', endpointUrl)).body!;
    return e.enabled === false ? e : undefined;
  }, { timeoutMs: 20_000, description: 'the endpoint disabled' });
  expect(disabled).toMatchObject({ disabledReason: 'consecutive_failures', consecutiveFailures: 3, disabledAt: expect.any(String), failingSince: expect.any(String) });
  // Its three attempts were all it got (the first event's: the second waited behind it).
  const badRequests = (): Json[] => h.receiver.requests.filter((r) => r.path === '/hooks/bad');
  expect(badRequests().map((r) => [r.webhookId, r.status])).toEqual([
    [first[0]!.id, 503],
    [first[0]!.id, 503],
    [first[0]!.id, 503],
  ]);

  // The event, on the topic and at the tenant's other endpoint, signed.
  const notice = await waitFor(() => h.receiver.delivered('/hooks/watcher').find((r) => r.event.type === 'webhook.endpoint_disabled'), {
    timeoutMs: 20_000,
    description: 'webhook.endpoint_disabled delivered to the other endpoint',
  });
  expect(notice.event.data).toEqual({
    tenantId: tenant,
    endpointId: bad.id,
    origin: h.receiver.url,
    description: 'ERP bridge',
    reason: 'consecutive_failures',
    consecutiveFailures: 3,
    failingSince: disabled.failingSince,
    lastStatusCode: 503,
    lastError: 'http_503',
    at: disabled.disabledAt,
  });
  const onTopic = await readTopic(h.brokers, h.events.name, { untilIdleMs: 1_000 });
  const disabledEvents = onTopic.filter((m) => m.event?.type === 'webhook.endpoint_disabled');
  expect(disabledEvents).toHaveLength(1);
  expect(disabledEvents[0]).toMatchObject({ key: tenant, event: { source: 'ledgerbus/webhooks', tenantid: tenant, subject: bad.id } });

  // Its pending deliveries were given up; the log says why.
  const log = (await h.api('GET', `${endpointUrl}/deliveries`)).body!;
  expect(log.items.map((d: Json) => [d.eventId, d.status, d.lastError])).toEqual([
    [first[1]!.id, 'failed', 'endpoint_disabled'],
    [first[0]!.id, 'failed', 'endpoint_disabled'],
  ]);
  // A replay into a disabled endpoint is refused.
  const refused = await h.api('POST', `${endpointUrl}/replay`, { from: start.toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
  expect(refused.status).toBe(409);
  expect(refused.body?.error.code).toBe('endpoint_disabled');

  // An event while it is disabled is not queued for it.
  const whileDisabled = invoicePushed(tenant);
  await h.publish(tenant, [whileDisabled]);
  await waitFor(async () => (await h.db.knex('webhook_events').where({ event_id: whileDisabled.id }).first()) !== undefined, { description: 'the event stored' });
  expect(await h.db.knex('webhook_deliveries').where({ endpoint_id: bad.id, event_id: whileDisabled.id })).toEqual([]);

  // The receiver is fixed; the admin enables the endpoint and replays the gap.
  badIsDown = false;
  const enabled = await h.api('PATCH', endpointUrl, { enabled: true });
  expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0, failingSince: null });
  const replay = await h.api('POST', `${endpointUrl}/replay`, { from: start.toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
  expect(replay.status).toBe(202);
  // The two given-up events, the one of the gap, and the endpoint_disabled notice itself.
  expect(replay.body).toEqual({ replayed: 4, alreadyPending: 0 });
  const expected = [first[0]!.id, first[1]!.id, whileDisabled.id, notice.webhookId];
  await waitFor(() => expected.every((id) => h.receiver.delivered('/hooks/bad').some((r) => r.webhookId === id)), { timeoutMs: 20_000, description: 'the gap delivered' });
  expect((await h.api('GET', endpointUrl)).body).toMatchObject({ enabled: true, consecutiveFailures: 0 });
});
