/**
 * The factory as the embedded stack builds it: the in-memory bus and PGlite (one session, no
 * LISTEN), with a receiver on loopback. An event on sync.events reaches the endpoint signed; a
 * failure is retried; the endpoint disabled by its failure run says so on the topic.
 */
import { createMemoryBus } from '@ledgerbus/bus';
import type { MemoryBus } from '@ledgerbus/bus';
import { createEvent, syncEvents } from '@ledgerbus/contracts';
import { createDatabase } from '@ledgerbus/db';
import type { Database } from '@ledgerbus/db';
import { createKeyRing, createLogger, generateKeyRingKey, mintToken } from '@ledgerbus/kit';
import { readMemoryTopic, waitFor } from '@ledgerbus/testing';
import type { WebhooksService } from '../src';
import { createWebhooksService } from '../src';
import { TEST_CONFIG } from './support/harness';
import type { Receiver } from './support/receiver';
import { startReceiver } from './support/receiver';

const SECRET = 'embedded-webhooks-secret-0123456789-abcd';

describe('the webhooks service on the in-memory bus and PGlite', () => {
  let db: Database;
  let bus: MemoryBus;
  let service: WebhooksService;
  let receiver: Receiver;
  beforeAll(async () => {
    db = await createDatabase({ pglite: {} }, { schema: 'webhooks' });
    bus = createMemoryBus();
    receiver = await startReceiver();
    service = await createWebhooksService({
      db,
      bus,
      logger: createLogger({ name: 'webhooks-embedded', level: 'silent' }),
      jwt: { secret: SECRET },
      keys: createKeyRing(generateKeyRingKey('embedded')),
      config: { ...TEST_CONFIG, disableAfterFailures: 2 },
      relayPollIntervalMs: 50,
    });
    await service.start();
  });
  afterAll(async () => {
    await service.stopConsumers();
    await service.http.close();
    await service.drainOutbox();
    await bus.close();
    await db.destroy();
    await receiver.close();
  });

  const api = async (method: 'POST' | 'GET', url: string, payload?: object) => {
    const authorization = `Bearer ${await mintToken(SECRET, { sub: 'admin@acme', tenant: 'acme', role: 'admin' })}`;
    return service.http.inject({ method, url, headers: { authorization }, ...(payload === undefined ? {} : { payload }) });
  };
  const pushed = (platformId: string) =>
    createEvent({ type: 'invoice.pushed', source: 'test', data: { tenantId: 'acme', realmId: '1', platformId, version: 1, qboId: '77', action: 'created', at: new Date().toISOString() } });

  it('delivers signed, retries a failure, and disables an endpoint whose failures run on', async () => {
    const good = (await api('POST', '/v1/tenants/acme/webhook-endpoints', { url: `${receiver.url}/hooks/good` })).json<{ id: string; secret: string }>();
    const bad = (await api('POST', '/v1/tenants/acme/webhook-endpoints', { url: `${receiver.url}/hooks/bad`, eventTypes: ['invoice.*'] })).json<{ id: string; secret: string }>();
    receiver.setSecrets('/hooks/good', [good.secret]);
    receiver.setSecrets('/hooks/bad', [bad.secret]);
    receiver.behave(({ path, attemptOfThisId }) => (path === '/hooks/bad' ? { status: 500 } : attemptOfThisId === 1 ? { status: 502 } : { status: 204 }));

    const event = pushed('i-1');
    await bus.publish(syncEvents, [{ key: 'acme', event }]);
    await waitFor(() => receiver.delivered('/hooks/good').some((r) => r.webhookId === event.id), { description: 'delivered after one retry' });
    expect(receiver.requests.filter((r) => r.path === '/hooks/good' && r.webhookId === event.id).map((r) => r.status)).toEqual([502, 204]);

    const disabled = await waitFor(async () => {
      const e = (await api('GET', `/v1/tenants/acme/webhook-endpoints/${bad.id}`)).json<{ enabled: boolean; disabledReason: string | null }>();
      return e.enabled ? undefined : e;
    }, { description: 'the failing endpoint disabled' });
    expect(disabled.disabledReason).toBe('consecutive_failures');
    // The outbox relay publishes it shortly after the commit.
    const notices = await waitFor(async () => {
      const found = (await readMemoryTopic(bus.broker, syncEvents.name)).filter((m) => m.event?.type === 'webhook.endpoint_disabled');
      return found.length > 0 ? found : undefined;
    }, { description: 'webhook.endpoint_disabled on the topic' });
    expect(notices.map((m) => (m.event?.data as { endpointId: string }).endpointId)).toEqual([bad.id]);
    // … and the other endpoint is told.
    await waitFor(() => receiver.delivered('/hooks/good').some((r) => r.event.type === 'webhook.endpoint_disabled'), { description: 'the notice delivered' });
  });
});
