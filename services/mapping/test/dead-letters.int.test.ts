/**
 * Dead letters of the platform topics through mapping's API, on a real Kafka broker and real
 * PostgreSQL: a consumer of platform.invoices.v1 (the bus's own runner) dead-letters bad
 * invoices to platform.invoices.v1.dlq; mapping stores them per tenant, lists them with
 * their reason, and replays them to platform.invoices.v1 as they were.
 */
import type { Subscription } from '@ledgerbus/bus';
import { DLQ_HEADERS, encodeEvent } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import { createEvent, dlqTopicName, platformInvoices } from '@ledgerbus/contracts';
import type { ReadMessage } from '@ledgerbus/testing';
import { readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import { Kafka, logLevel } from 'kafkajs';
import { deadLetterHandler } from '../src/handlers/dead-letter.handler';
import type { KafkaHarness } from './kafka-harness';
import { startKafkaHarness } from './kafka-harness';

const T = uniqueName('dl').replace(/_/g, '-');
const OTHER = uniqueName('dlo').replace(/_/g, '-');
const INTAKE = 'test.invoice-intake';

interface DeadLetterDoc {
  id: string;
  eventId: string | null;
  sourceTopic: string;
  code: string;
  message: string;
  handler: string | null;
  attempts: number | null;
  status: string;
  replayable: boolean;
  notReplayableReason: string | null;
  replayedAt: string | null;
  replayedBy: string | null;
}

let h: KafkaHarness;
let intake: Subscription;

beforeAll(async () => {
  h = await startKafkaHarness();
  // A consumer of platform.invoices.v1 as any worker has one: the runner dead-letters what it cannot take.
  // Its group starts at the topic's end (earlier tests' invoices are not this test's).
  const groupId = uniqueName('invoice-intake');
  const admin = new Kafka({ clientId: 'dead-letters-it', brokers: h.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    // The real end offsets (resetOffsets commits -1, which a fromBeginning consumer reads as the beginning).
    const ends = await admin.fetchTopicOffsets(platformInvoices.name);
    await admin.setOffsets({ groupId, topic: platformInvoices.name, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
  } finally {
    await admin.disconnect();
  }
  intake = await h.bus.subscribe({ groupId, topics: [platformInvoices], handlerName: INTAKE, handler: async () => undefined, retry: { maxAttempts: 1 } });
});
afterAll(async () => {
  await intake.stop();
  await h.close();
});

const auth = async (tenant: string, role: 'viewer' | 'admin', options: { sub?: string; svc?: boolean } = {}) => ({
  authorization: `Bearer ${await h.token(tenant, role, options)}`,
});

async function get(tenant: string, path: string, as: { tenant?: string; role?: 'viewer' | 'admin' } = {}) {
  const res = await h.service.http.inject({ method: 'GET', url: `/v1/tenants/${tenant}/${path}`, headers: await auth(as.tenant ?? tenant, as.role ?? 'viewer') });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}

async function replay(tenant: string, body: unknown, options: { role?: 'viewer' | 'admin'; sub?: string; svc?: boolean } = {}) {
  const res = await h.service.http.inject({
    method: 'POST',
    url: `/v1/tenants/${tenant}/dead-letters/replay`,
    headers: await auth(tenant, options.role ?? 'admin', { ...(options.sub === undefined ? {} : { sub: options.sub }), ...(options.svc === undefined ? {} : { svc: options.svc }) }),
    payload: body as Record<string, unknown>,
  });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}

const listOf = async (tenant: string, query = ''): Promise<DeadLetterDoc[]> => (await get(tenant, `dead-letters${query}`)).body.deadLetters as DeadLetterDoc[];

/** Waits until the tenant's list has `count` dead letters of this event id; returns them, oldest first. */
async function deadLettersOf(tenant: string, eventId: string, count = 1): Promise<DeadLetterDoc[]> {
  return waitFor(
    async () => {
      const found = (await listOf(tenant, '?limit=500')).filter((d) => d.eventId === eventId);
      return found.length >= count ? found.reverse() : undefined;
    },
    { timeoutMs: 60_000, description: `${count} dead letter(s) of ${eventId} in ${tenant}'s list` },
  );
}

/** The copies of an event on platform.invoices.v1 (the original and any replay), read to the topic's end. */
async function onInvoicesTopic(eventId: string): Promise<ReadMessage[]> {
  const messages = await readTopic(h.brokers, platformInvoices.name, { untilIdleMs: 500, timeoutMs: 60_000 });
  return messages.filter((m) => m.headers.ce_id === eventId);
}

function invoice(tenantId: string, overrides: Record<string, unknown> = {}): CloudEvent {
  return createEvent({
    type: 'invoice.upserted',
    source: 'test/platform',
    tenantid: tenantId,
    data: {
      tenantId,
      invoiceId: uniqueName('inv'),
      number: 'INV-1',
      customerId: 'c-1',
      txnDate: '2030-01-15',
      lines: [{ productId: 'p-1', quantity: '1', unitPrice: '10.00' }],
      version: 1,
      ...overrides,
    },
  });
}

/** Publishes bytes the way a platform integrator's producer would (nothing validates them on the way in). */
async function publishRawEvent(key: string, event: CloudEvent, value?: Buffer): Promise<{ headers: Record<string, string>; value: Buffer | null }> {
  const encoded = encodeEvent(event);
  const sent = { headers: encoded.headers, value: value ?? encoded.value };
  await h.bus.publishRaw(platformInvoices.name, [{ key, value: sent.value, headers: sent.headers }]);
  return sent;
}

describe('dead letters of the platform topics', () => {
  const bad = invoice(T, { lines: [] });
  let sent: { headers: Record<string, string>; value: Buffer | null };
  let first: DeadLetterDoc;

  it("lists an invoice that the consumer dead-lettered in its tenant's dead letters, with its reason and the message as it was", async () => {
    sent = await publishRawEvent(T, bad);

    [first] = (await deadLettersOf(T, bad.id)) as [DeadLetterDoc];
    expect(first).toMatchObject({
      sourceTopic: platformInvoices.name,
      code: 'contract_violation',
      handler: INTAKE,
      attempts: 0,
      status: 'pending',
      replayable: true,
      replayedAt: null,
      replayedBy: null,
    });
    expect(first.message).toMatch(/data\.lines/);
    expect((await listOf(T, '?code=contract_violation&topic=platform.invoices.v1&status=pending')).map((d) => d.id)).toContain(first.id);
    expect((await listOf(T, '?code=key_mismatch')).map((d) => d.id)).not.toContain(first.id);

    const detail = await get(T, `dead-letters/${first.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: first.id, key: T, headers: sent.headers });
    expect(detail.body.value).toEqual({ base64: sent.value!.toString('base64'), text: sent.value!.toString('utf8'), size: sent.value!.length });
  });

  it("hides a tenant's dead letter from another tenant: not in its list, 404 to read or replay it", async () => {
    expect((await listOf(OTHER, '?limit=500')).map((d) => d.eventId)).not.toContain(bad.id);
    expect((await get(OTHER, `dead-letters/${first.id}`, { role: 'admin' })).status).toBe(404);
    const res = await replay(OTHER, { ids: [first.id] });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found', details: { ids: [first.id] } } });
    // A token of one tenant on the other's path does not reach it either.
    expect((await get(T, 'dead-letters', { tenant: OTHER, role: 'admin' })).status).toBe(404);
    expect((await get(T, `dead-letters/${first.id}`)).body.status).toBe('pending');
  });

  it('lets viewers read but not replay', async () => {
    const res = await replay(T, { ids: [first.id] }, { role: 'viewer' });
    expect(res.status).toBe(403);
    expect((await get(T, `dead-letters/${first.id}`)).body.status).toBe('pending');
  });

  it('replays it to platform.invoices.v1 with the same key, value and headers, marks it replayed by the admin, and the consumer takes it again', async () => {
    const res = await replay(T, { ids: [first.id] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      results: [{ id: first.id, outcome: 'replayed', sourceTopic: platformInvoices.name, replayedBy: `admin@${T}`, reason: null }],
      counts: { replayed: 1, alreadyReplayed: 0, notReplayable: 0 },
    });

    const copies = await onInvoicesTopic(bad.id);
    expect(copies).toHaveLength(2);
    const [original, replayed] = copies.sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset))) as [ReadMessage, ReadMessage];
    expect(replayed.key).toBe(T);
    expect(replayed.key).toBe(original.key);
    expect(replayed.value!.equals(sent.value!)).toBe(true);
    expect(replayed.headers).toEqual(sent.headers);
    expect(replayed.headers).toEqual(original.headers);

    const detail = (await get(T, `dead-letters/${first.id}`)).body;
    expect(detail).toMatchObject({ status: 'replayed', replayedBy: `admin@${T}` });
    expect(Date.parse(detail.replayedAt as string)).not.toBeNaN();
    // The consumer parsed it again; still invalid, it is dead-lettered again: a new dead letter, pending.
    const both = await deadLettersOf(T, bad.id, 2);
    expect(both.map((d) => d.status)).toEqual(['replayed', 'pending']);

    const audit = (await get(T, 'audit?resource=dead-letters', { role: 'admin' })).body.entries as Array<{ action: string; actor: { sub: string }; after: unknown }>;
    expect(audit[0]).toMatchObject({ action: 'dead_letters.replayed', actor: { sub: `admin@${T}` }, after: { ids: [first.id] } });
  });

  it('answers already_replayed to a second replay and does not publish it again', async () => {
    const res = await replay(T, { ids: [first.id] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      results: [{ id: first.id, outcome: 'already_replayed', replayedBy: `admin@${T}` }],
      counts: { replayed: 0, alreadyReplayed: 1, notReplayable: 0 },
    });
    // The replay's publish is durable before the answer: reading to the end shows no third copy.
    expect(await onInvoicesTopic(bad.id)).toHaveLength(2);
  });

  it('replays by filter the pending replayable ones only, as a service account', async () => {
    const [, again] = (await deadLettersOf(T, bad.id, 2)) as [DeadLetterDoc, DeadLetterDoc];
    const res = await replay(T, { filter: { topic: platformInvoices.name, code: 'contract_violation' }, limit: 10 }, { sub: 'svc-ops', svc: true });
    expect(res.status).toBe(200);
    const results = res.body.results as Array<{ id: string; outcome: string; replayedBy: string }>;
    expect(results).toEqual([expect.objectContaining({ id: again.id, outcome: 'replayed', replayedBy: 'svc-ops' })]);
    expect(await onInvoicesTopic(bad.id)).toHaveLength(3);
  });

  it('keeps a value that is not JSON byte for byte, and replays those bytes', async () => {
    const event = invoice(T);
    const garbage = Buffer.from([0x7b, 0x22, 0xff, 0x00, 0x6e]);
    await publishRawEvent(T, event, garbage);

    const [d] = (await deadLettersOf(T, event.id)) as [DeadLetterDoc];
    expect(d).toMatchObject({ code: 'undecodable_message', replayable: true });
    expect((await get(T, `dead-letters/${d.id}`)).body.value).toEqual({ base64: garbage.toString('base64'), text: null, size: garbage.length });

    expect((await replay(T, { ids: [d.id] })).body).toMatchObject({ counts: { replayed: 1 } });
    const copies = await onInvoicesTopic(event.id);
    expect(copies).toHaveLength(2);
    for (const copy of copies) expect(copy.value!.equals(garbage)).toBe(true);
  });

  it("stores a dead letter whose key and payload name different tenants under no tenant: neither tenant's list shows it", async () => {
    const event = invoice(OTHER);
    await publishRawEvent(T, event);

    const row = await waitFor(async () => h.db.knex('dead_letters').where({ event_id: event.id }).first<{ tenant_id: string | null; code: string } | undefined>(), {
      timeoutMs: 60_000,
      description: 'the key_mismatch dead letter stored',
    });
    expect(row).toMatchObject({ tenant_id: null, code: 'key_mismatch' });
    expect((await listOf(T, '?limit=500')).map((d) => d.eventId)).not.toContain(event.id);
    expect((await listOf(OTHER, '?limit=500')).map((d) => d.eventId)).not.toContain(event.id);
  });

  it("lists a push worker's own dead letter as not replayable, and a replay says so and publishes nothing", async () => {
    // What libs/push publishes when a push fails for good: the push job as the value, no CloudEvents headers but ce_id.
    const eventId = uniqueName('push-dl');
    await h.bus.publishRaw(dlqTopicName(platformInvoices.name), [
      {
        key: T,
        value: Buffer.from(JSON.stringify({ tenantId: T, invoiceId: 'inv-9', op: 'upsert', version: 3, payload: { tenantId: T, invoiceId: 'inv-9' } })),
        headers: {
          [DLQ_HEADERS.errorCode]: 'qbo_validation',
          [DLQ_HEADERS.errorMessage]: 'Business Validation Error',
          [DLQ_HEADERS.sourceTopic]: platformInvoices.name,
          [DLQ_HEADERS.handler]: 'invoice-push',
          [DLQ_HEADERS.attempts]: '5',
          [DLQ_HEADERS.failedAt]: '2030-01-02T03:04:05.000Z',
          ce_id: eventId,
        },
      },
    ]);
    const [d] = (await deadLettersOf(T, eventId)) as [DeadLetterDoc];
    expect(d).toMatchObject({ code: 'qbo_validation', handler: 'invoice-push', attempts: 5, replayable: false, status: 'pending' });
    expect(d.notReplayableReason).toMatch(/sync log/);

    const res = await replay(T, { ids: [d.id] });
    expect(res.body).toMatchObject({ results: [{ id: d.id, outcome: 'not_replayable' }], counts: { replayed: 0, notReplayable: 1 } });
    expect(res.body.results).toEqual([expect.objectContaining({ reason: d.notReplayableReason })]);
    expect(await onInvoicesTopic(eventId)).toHaveLength(0);
    expect((await get(T, `dead-letters/${d.id}`)).body.status).toBe('pending');
  });

  it('stores a redelivered DLQ record once', async () => {
    const handler = deadLetterHandler(h.service.context);
    const record = { topic: dlqTopicName(platformInvoices.name), partition: 0, offset: '900000000001', key: T, value: Buffer.from('{}'), headers: { ce_id: uniqueName('dup') } };
    await handler(record);
    await handler(record);
    expect(await h.db.knex('dead_letters').where({ event_id: record.headers.ce_id }).count<Array<{ count: string }>>('* as count')).toEqual([{ count: '1' }]);
  });
});

describe('bad requests to the dead-letter routes', () => {
  const fieldsOf = (body: Record<string, unknown>): string[] =>
    ((body.error as { details?: { fields?: Array<{ path: string }> } }).details?.fields ?? []).map((f) => f.path);

  it.each([
    ['no ids nor filter', {}, 'ids'],
    ['empty ids', { ids: [] }, 'ids'],
    ['an id that is not one', { ids: ['12', 'x1'] }, 'ids.1'],
    ['ids and a filter', { ids: ['1'], filter: {} }, 'filter'],
    ['a limit with ids', { ids: ['1'], limit: 5 }, 'limit'],
    ['a filter field of the wrong type', { filter: { code: 5 } }, 'filter.code'],
    ['a limit out of range', { filter: {}, limit: 501 }, 'limit'],
  ])('answers 400 naming the field for %s', async (_what, body, field) => {
    const res = await replay(T, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'validation_failed' } });
    expect(fieldsOf(res.body)).toContain(field);
  });

  it('answers 400 naming an unknown body field', async () => {
    const res = await replay(T, { ids: ['1'], force: true });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('force');
  });

  it.each([
    ['dead-letters?limit=0', 'limit'],
    ['dead-letters?status=lost', 'status'],
    ['dead-letters?before=abc', 'before'],
    ['dead-letters/abc', 'id'],
  ])('answers 400 naming the field for GET %s', async (path, field) => {
    const res = await get(T, path);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain(field);
  });

  it('answers 404 for an id that is no dead letter of the tenant', async () => {
    expect((await get(T, 'dead-letters/999999999999')).status).toBe(404);
    expect((await replay(T, { ids: ['999999999999'] })).status).toBe(404);
  });
});
