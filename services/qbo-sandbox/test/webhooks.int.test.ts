/**
 * The webhook dispatcher against real HTTP receivers on 127.0.0.1 ephemeral ports.
 * Signatures are checked independently of the sandbox's own code.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { SandboxClock } from '../src/clock';
import { createWebhookDispatcher } from '../src/webhooks';
import type { WebhookDispatcherPart, WebhookSettings } from '../src/webhooks';
import type { ChangeOperation, CompanyDirectory, EntityChange } from '../src/types';

const REALM = '9341452913645722';
const OTHER_REALM = '4620816365229178';
const VERIFIER = 'f3b2c1d0-sandbox-verifier-token';

interface TestDirectory extends CompanyDirectory {
  emit(change: Partial<EntityChange> & { entity: string; id: string; operation: ChangeOperation }): void;
}

function testDirectory(clock: SandboxClock): TestDirectory {
  const listeners = new Set<(c: EntityChange) => void>();
  const companies = [
    { realmId: REALM, companyName: 'A', ownerEmail: 'a@example.com' },
    { realmId: OTHER_REALM, companyName: 'B', ownerEmail: 'b@example.com' },
  ];
  return {
    listCompanies: () => companies,
    getCompany: (realmId) => companies.find((c) => c.realmId === realmId),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(change) {
      const full: EntityChange = { realmId: REALM, lastUpdated: clock.now().toISOString(), ...change };
      for (const l of listeners) l(full);
    },
  };
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are asserted field by field
  json: any;
}

interface Receiver {
  url: string;
  requests: Received[];
  close(): Promise<void>;
}

/** A real HTTP receiver; `respond(n)` decides the answer to the n-th request (0-based). */
async function receiver(respond: (n: number, req: Received) => number | 'hang' = () => 200): Promise<Receiver> {
  const requests: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const received: Received = { headers: req.headers, body, json: JSON.parse(body) };
      const answer = respond(requests.length, received);
      requests.push(received);
      if (answer === 'hang') {
        hanging.push(res);
        return;
      }
      res.statusCode = answer;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    requests,
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function verifySignature(r: Received, verifier = VERIFIER): boolean {
  const expected = createHmac('sha256', verifier).update(Buffer.from(r.body, 'utf8')).digest();
  const given = Buffer.from(String(r.headers['intuit-signature']), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Harness {
  clock: SandboxClock;
  directory: TestDirectory;
  hooks: WebhookDispatcherPart;
}

const open: Array<{ close(): Promise<void> }> = [];

function harness(settings: Partial<WebhookSettings> = {}, timeScale = 1000): Harness {
  const clock = new SandboxClock({ timeScale, start: new Date('2026-03-01T12:00:00Z') });
  const directory = testDirectory(clock);
  const hooks = createWebhookDispatcher({ directory, clock, settings });
  open.push(hooks);
  return { clock, directory, hooks };
}

async function listening(respond?: (n: number, req: Received) => number | 'hang'): Promise<Receiver> {
  const r = await receiver(respond);
  open.push(r);
  return r;
}

afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

describe('sandbox webhooks: payloads and signature', () => {
  it('sends the legacy eventNotifications format, batched per realm, signed with the verifier token', async () => {
    const { directory, hooks } = harness({ batchWindowSeconds: 60 });
    const r = await listening();
    hooks.configureEndpoint({ appId: 'app-1', url: r.url, verifierToken: VERIFIER, format: 'legacy' });
    directory.emit({ entity: 'Customer', id: '58', operation: 'Create' });
    directory.emit({ entity: 'Invoice', id: '130', operation: 'Void' });
    directory.emit({ entity: 'Customer', id: '7', operation: 'Merge', deletedId: '27' });
    directory.emit({ realmId: OTHER_REALM, entity: 'Payment', id: '9', operation: 'Delete' });
    await waitFor(() => r.requests.length === 1);
    expect(await hooks.waitIdle()).toBe(true);
    expect(r.requests).toHaveLength(1);
    const [req] = r.requests as [Received];
    expect(verifySignature(req)).toBe(true);
    expect(verifySignature(req, 'another-token')).toBe(false);
    expect(req.headers).toMatchObject({
      'content-type': 'application/json',
      'intuit-notification-schema-version': '0.1',
      'user-agent': 'intuit_notification_server/0.1',
    });
    expect(req.headers['intuit-t-id']).toBeTruthy();
    expect(req.json).toEqual({
      eventNotifications: [
        {
          realmId: REALM,
          dataChangeEvent: {
            entities: [
              { name: 'Customer', id: '58', operation: 'Create', lastUpdated: expect.any(String) },
              { name: 'Invoice', id: '130', operation: 'Void', lastUpdated: expect.any(String) },
              { name: 'Customer', id: '7', operation: 'Merge', deletedId: '27', lastUpdated: expect.any(String) },
            ],
          },
        },
        {
          realmId: OTHER_REALM,
          dataChangeEvent: { entities: [{ name: 'Payment', id: '9', operation: 'Delete', lastUpdated: expect.any(String) }] },
        },
      ],
    });
  });

  it('sends the CloudEvents array format with qbo.<entity>.<verb>.v1 types, signed the same way', async () => {
    const { directory, hooks } = harness({ batchWindowSeconds: 60 });
    const r = await listening();
    hooks.configureEndpoint({ appId: 'app-ce', url: r.url, verifierToken: VERIFIER, format: 'cloudevents' });
    directory.emit({ entity: 'Customer', id: '58', operation: 'Create' });
    directory.emit({ entity: 'Invoice', id: '130', operation: 'Void' });
    directory.emit({ entity: 'Customer', id: '7', operation: 'Merge', deletedId: '27' });
    directory.emit({ entity: 'Item', id: '3', operation: 'Update' });
    directory.emit({ entity: 'Payment', id: '9', operation: 'Delete' });
    await waitFor(() => r.requests.length === 1);
    const [req] = r.requests as [Received];
    expect(verifySignature(req)).toBe(true);
    expect(Array.isArray(req.json)).toBe(true);
    expect(req.json.map((e: { type: string }) => e.type)).toEqual([
      'qbo.customer.created.v1',
      'qbo.invoice.voided.v1',
      'qbo.customer.merged.v1',
      'qbo.item.updated.v1',
      'qbo.payment.deleted.v1',
    ]);
    expect(req.json[0]).toEqual({
      specversion: '1.0',
      id: expect.any(String),
      source: expect.stringMatching(/^intuit\./),
      type: 'qbo.customer.created.v1',
      datacontenttype: 'application/json',
      time: expect.any(String),
      intuitentityid: '58',
      intuitaccountid: REALM,
      data: {},
    });
    expect(req.json[2].data).toEqual({ deletedid: '27' });
    expect(new Set(req.json.map((e: { id: string }) => e.id)).size).toBe(5);
  });

  it('notifies only the realms and entities an endpoint subscribed to', async () => {
    const { directory, hooks } = harness({ batchWindowSeconds: 0 });
    const r = await listening();
    hooks.configureEndpoint({ appId: 'app-f', url: r.url, verifierToken: VERIFIER, realmIds: [OTHER_REALM], entities: ['Invoice'] });
    directory.emit({ entity: 'Invoice', id: '1', operation: 'Create' });
    directory.emit({ realmId: OTHER_REALM, entity: 'Customer', id: '2', operation: 'Create' });
    directory.emit({ realmId: OTHER_REALM, entity: 'Invoice', id: '3', operation: 'Create' });
    expect(await hooks.waitIdle()).toBe(true);
    expect(r.requests.map((q) => q.json.eventNotifications[0].dataChangeEvent.entities[0].id)).toEqual(['3']);
  });
});

describe('sandbox webhooks: retries and order', () => {
  it('retries a delivery after HTTP 500 on the back-off schedule (sandbox time) until the receiver answers 200', async () => {
    const { directory, hooks } = harness({ batchWindowSeconds: 0 });
    const r = await listening((n) => (n < 3 ? 500 : 200));
    hooks.configureEndpoint({ appId: 'app-r', url: r.url, verifierToken: VERIFIER });
    directory.emit({ entity: 'Customer', id: '58', operation: 'Update' });
    await waitFor(() => hooks.deliveries({ status: 'delivered' }).length === 1);
    const [d] = hooks.deliveries();
    expect(d!.attempts.map((a) => a.status)).toEqual([500, 500, 500, 200]);
    const times = d!.attempts.map((a) => Date.parse(a.at));
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(10_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(20_000);
    expect(gaps[2]).toBeGreaterThanOrEqual(30_000);
    expect(d!.attempts.every((a) => a.latencyMs >= 0)).toBe(true);
    expect(new Set(r.requests.map((q) => q.body)).size).toBe(1);
    expect(r.requests.every((q) => verifySignature(q))).toBe(true);
  });

  it('holds later deliveries for an endpoint until the failing one succeeds, keeping their order', async () => {
    const { directory, hooks } = harness({ batchWindowSeconds: 0 });
    const r = await listening((n) => (n < 2 ? 503 : 200));
    hooks.configureEndpoint({ appId: 'app-o', url: r.url, verifierToken: VERIFIER });
    for (const id of ['1', '2', '3']) directory.emit({ entity: 'Invoice', id, operation: 'Update' });
    expect(await hooks.waitIdle()).toBe(true);
    const ids = r.requests.map((q) => q.json.eventNotifications[0].dataChangeEvent.entities[0].id);
    expect(ids).toEqual(['1', '1', '1', '2', '3']);
    expect(hooks.deliveries().map((d) => [d.changes[0]!.id, d.status, d.attempts.length])).toEqual([
      ['1', 'delivered', 3],
      ['2', 'delivered', 1],
      ['3', 'delivered', 1],
    ]);
  });

  it('counts a receiver slower than the response timeout as a failed attempt and retries', async () => {
    const { directory, hooks } = harness({ batchWindowSeconds: 0, responseTimeoutMs: 150 });
    const r = await listening((n) => (n === 0 ? 'hang' : 200));
    hooks.configureEndpoint({ appId: 'app-t', url: r.url, verifierToken: VERIFIER });
    directory.emit({ entity: 'Customer', id: '1', operation: 'Create' });
    await waitFor(() => hooks.deliveries({ status: 'delivered' }).length === 1);
    const [d] = hooks.deliveries();
    expect(d!.attempts.map((a) => [a.status, a.error])).toEqual([
      [undefined, 'timeout'],
      [200, undefined],
    ]);
    expect(d!.attempts[0]!.latencyMs).toBeGreaterThanOrEqual(140);
  });

  it('gives a delivery up after the cut-off and moves on to the next one', async () => {
    const { directory, hooks } = harness(
      { batchWindowSeconds: 0, retryScheduleSeconds: [10, 20], retryRepeatSeconds: 30, giveUpAfterSeconds: 80 },
      100,
    );
    const r = await listening((_n, req) => (req.json.eventNotifications[0].dataChangeEvent.entities[0].id === 'bad' ? 500 : 200));
    hooks.configureEndpoint({ appId: 'app-g', url: r.url, verifierToken: VERIFIER });
    directory.emit({ entity: 'Customer', id: 'bad', operation: 'Create' });
    directory.emit({ entity: 'Customer', id: 'good', operation: 'Create' });
    expect(await hooks.waitIdle()).toBe(true);
    const [bad, good] = hooks.deliveries();
    // attempts at 0, 10, 30 and 60 s (plus latency); the next (90 s) would pass the 80 s cut-off
    expect(bad!.status).toBe('failed');
    expect(bad!.attempts).toHaveLength(4);
    expect(good!.status).toBe('delivered');
  });

  it('retries at once after the clock is advanced past a long back-off', async () => {
    const { clock, directory, hooks } = harness({ batchWindowSeconds: 0, retryScheduleSeconds: [3600] }, 1);
    const r = await listening((n) => (n === 0 ? 500 : 200));
    hooks.configureEndpoint({ appId: 'app-a', url: r.url, verifierToken: VERIFIER });
    directory.emit({ entity: 'Customer', id: '1', operation: 'Create' });
    await waitFor(() => r.requests.length === 1);
    await waitFor(() => hooks.deliveries()[0]!.attempts.length === 1);
    expect(hooks.isIdle()).toBe(false);
    clock.advance(3600_000);
    await waitFor(() => hooks.deliveries({ status: 'delivered' }).length === 1, 3000);
    expect(r.requests).toHaveLength(2);
  });
});

describe('sandbox webhooks: drop knob', () => {
  async function runWithDrops(seed: number) {
    const { directory, hooks } = harness({ batchWindowSeconds: 0.05, dropRate: 0.3, dropSeed: seed });
    const r = await listening();
    hooks.configureEndpoint({ appId: 'app-d', url: r.url, verifierToken: VERIFIER });
    for (let i = 1; i <= 200; i += 1) directory.emit({ entity: 'Invoice', id: String(i), operation: 'Create' });
    expect(await hooks.waitIdle()).toBe(true);
    const delivered: string[] = r.requests.flatMap((q) => q.json.eventNotifications.flatMap((n: { dataChangeEvent: { entities: Array<{ id: string }> } }) => n.dataChangeEvent.entities.map((e: { id: string }) => e.id)));
    const dropped = hooks.dropped().map((d) => d.change.id);
    return { delivered, dropped };
  }

  it('drops about the configured share of notifications, the same ones for the same seed, and logs them', async () => {
    const a = await runWithDrops(42);
    const b = await runWithDrops(42);
    const c = await runWithDrops(7);
    expect(a.dropped.length).toBeGreaterThan(40);
    expect(a.dropped.length).toBeLessThan(80);
    expect(new Set([...a.delivered, ...a.dropped]).size).toBe(200);
    expect(a.delivered.length + a.dropped.length).toBe(200);
    expect(a.delivered).toEqual([...a.delivered].sort((x, y) => Number(x) - Number(y)));
    expect(b.dropped).toEqual(a.dropped);
    expect(c.dropped).not.toEqual(a.dropped);
  });
});

describe('sandbox webhooks: admin routes', () => {
  it('configures an endpoint, waits for idle and reads the delivery log over HTTP', async () => {
    const { directory, hooks } = harness();
    const app = Fastify();
    await app.register(hooks.plugin);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    open.push(app);
    const r = await listening();
    const put = await fetch(`${base}/_sandbox/webhooks/endpoints/app-http`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: r.url, verifierToken: VERIFIER, format: 'cloudevents' }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ appId: 'app-http', format: 'cloudevents' });
    const bad = await fetch(`${base}/_sandbox/webhooks/endpoints/app-x`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"url":"nope"}' });
    expect(bad.status).toBe(400);

    directory.emit({ entity: 'Customer', id: '5', operation: 'Update' });
    await fetch(`${base}/_sandbox/webhooks/flush`, { method: 'POST' });
    const idle = await (await fetch(`${base}/_sandbox/webhooks/wait-idle?timeoutMs=5000`, { method: 'POST' })).json();
    expect(idle).toEqual({ idle: true });
    const log = (await (await fetch(`${base}/_sandbox/webhooks/deliveries?appId=app-http`)).json()) as { count: number; deliveries: unknown[] };
    expect(log.count).toBe(1);
    expect(log.deliveries[0]).toMatchObject({ status: 'delivered', format: 'cloudevents', attempts: [{ status: 200 }] });
    expect(r.requests).toHaveLength(1);

    const patched = await fetch(`${base}/_sandbox/webhooks/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dropRate: 1 }),
    });
    expect(patched.status).toBe(200);
    directory.emit({ entity: 'Customer', id: '6', operation: 'Update' });
    const dropped = (await (await fetch(`${base}/_sandbox/webhooks/dropped`)).json()) as { count: number; dropped: Array<{ change: unknown }> };
    expect(dropped.count).toBe(1);
    expect(dropped.dropped[0]!.change).toMatchObject({ entity: 'Customer', id: '6' });

    hooks.reset();
    expect(hooks.deliveries()).toHaveLength(0);
    expect(hooks.listEndpoints()).toHaveLength(0);
  });
});
