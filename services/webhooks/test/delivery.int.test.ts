/**
 * Delivery against a real receiver on loopback: every event reaches the endpoint at least once,
 * signed (verified by the receiver with the standardwebhooks library), in order per event key,
 * through failures and timeouts; the retry schedule; giving up; the delivery log.
 */
import { waitFor } from '@ledgerbus/testing';
import type { Harness, Json } from './support/harness';
import { connected, invoicePushed, startHarness } from './support/harness';
import { firstArrivalOrder } from './support/receiver';

jest.setTimeout(120_000);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

let tenantCounter = 0;
const newTenant = (): string => `t${Date.now().toString(36)}${++tenantCounter}`;

describe('delivery', () => {
  it('delivers every event at least once, signed and in order per key, through failures and timeouts', async () => {
    const tenant = newTenant();
    await h.createEndpoint(tenant, `${tenant}-all`);
    const invoicesOnly = await h.createEndpoint(tenant, `${tenant}-invoices`, { eventTypes: ['invoice.*'] });
    const other = newTenant();
    await h.createEndpoint(other, `${other}-all`);
    // Every third request fails with a 500, every seventh takes longer than the sender's timeout (400 ms).
    h.receiver.behave(({ n }) => (n % 7 === 3 ? { status: 200, delayMs: 700 } : n % 3 === 1 ? { status: 500 } : { status: 204 }));

    const keys = [tenant, `${tenant}/east`, `${tenant}/west`];
    const published = new Map<string, string[]>();
    const invoiceIds: string[] = [];
    for (let round = 0; round < 6; round++) {
      for (const key of keys) {
        const batch = [invoicePushed(key), connected(tenant)];
        await h.publish(key, batch);
        published.set(key, [...(published.get(key) ?? []), ...batch.map((e) => e.id)]);
        invoiceIds.push(batch[0]!.id);
      }
    }
    const all = [...published.values()].flat();

    await waitFor(() => new Set(h.receiver.delivered(`/hooks/${tenant}-all`).map((r) => r.webhookId)).size === all.length, {
      timeoutMs: 60_000,
      description: `all ${all.length} events delivered to the catch-all endpoint`,
    });
    await waitFor(() => new Set(h.receiver.delivered(`/hooks/${tenant}-invoices`).map((r) => r.webhookId)).size === invoiceIds.length, {
      timeoutMs: 60_000,
      description: 'the invoice events delivered to the invoices endpoint',
    });

    const toAll = h.receiver.requests.filter((r) => r.path === `/hooks/${tenant}-all`);
    expect(toAll.every((r) => r.verified)).toBe(true);
    // Failures and timeouts happened, and were retried.
    expect(toAll.some((r) => r.status === 500)).toBe(true);
    expect(toAll.some((r) => r.status === 0)).toBe(true);
    // The receiver saw each key's events in publication order: a later event never came before an earlier one was delivered.
    for (const key of keys) {
      const ofKey = toAll.filter((r) => r.event.data.tenantId === tenant && (published.get(key) ?? []).includes(r.webhookId));
      expect(firstArrivalOrder(ofKey)).toEqual(published.get(key));
    }
    // The body is the CloudEvent in structured mode, its id is the webhook-id.
    const one = toAll.find((r) => r.status === 204)!;
    expect(one.event).toMatchObject({ specversion: '1.0', id: one.webhookId, datacontenttype: 'application/json', data: { tenantId: tenant } });
    // The filtered endpoint got invoice events only; the other tenant got nothing of this tenant.
    expect(new Set(h.receiver.delivered(`/hooks/${tenant}-invoices`).map((r) => r.event.type))).toEqual(new Set(['invoice.pushed']));
    expect(h.receiver.requests.filter((r) => r.path === `/hooks/${other}-all`)).toEqual([]);
    void invoicesOnly;
  });

  it('retries on the back-off schedule, gives up when it is used up, and then lets the next event of the key go', async () => {
    const tenant = newTenant();
    const endpoint = await h.createEndpoint(tenant, `${tenant}-retry`);
    const doomed = invoicePushed(tenant);
    const recovering = invoicePushed(tenant);
    h.receiver.behave(({ webhookId, attemptOfThisId }) =>
      webhookId === doomed.id ? { status: 500 } : webhookId === recovering.id && attemptOfThisId <= 2 ? { status: 503 } : { status: 204 },
    );
    await h.publish(tenant, [doomed, recovering]);
    await waitFor(() => h.receiver.delivered(`/hooks/${tenant}-retry`).some((r) => r.webhookId === recovering.id), { timeoutMs: 30_000, description: 'the second event delivered' });

    const schedule = [100, 200, 400, 800, 800, 800, 800];
    const doomedAt = h.receiver.requests.filter((r) => r.webhookId === doomed.id).map((r) => r.at);
    expect(doomedAt).toHaveLength(8);
    doomedAt.slice(1).forEach((at, i) => {
      const gap = at - doomedAt[i]!;
      // Never earlier than the schedule (jitter only lengthens a wait); not hugely later either.
      expect(gap).toBeGreaterThanOrEqual(schedule[i]!);
      expect(gap).toBeLessThan(schedule[i]! * 1.2 + 3_000);
    });
    const recoveringReqs = h.receiver.requests.filter((r) => r.webhookId === recovering.id);
    expect(recoveringReqs.map((r) => r.status)).toEqual([503, 503, 204]);
    // Head of line: the second event was not sent before the first was given up.
    expect(recoveringReqs[0]!.at).toBeGreaterThanOrEqual(doomedAt[7]!);

    // The delivery log says the same.
    const base = `/v1/tenants/${tenant}/webhook-endpoints/${endpoint.id}/deliveries`;
    await waitFor(async () => (await h.api('GET', base)).body?.items?.[0]?.status === 'delivered', { description: 'the log shows the delivery' });
    const list = (await h.api('GET', base, undefined, 'viewer')).body!;
    expect(list.items.map((d: Json) => [d.eventId, d.status, d.attemptCount, d.lastStatusCode])).toEqual([
      [recovering.id, 'delivered', 3, 204],
      [doomed.id, 'failed', 8, 500],
    ]);
    expect(list.items[1]).toMatchObject({ eventType: 'invoice.pushed', key: tenant, lastError: 'http_500', nextAttemptAt: null, givenUpAt: expect.any(String) });
    const failed = (await h.api('GET', `${base}/${list.items[1].id}`, undefined, 'viewer')).body!;
    expect(failed.attempts).toHaveLength(8);
    expect(failed.attempts.map((a: Json) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const a of failed.attempts) {
      expect(a).toMatchObject({ statusCode: 500, outcome: 'failed', error: 'http_500', at: expect.any(String) });
      expect(Number.isInteger(a.latencyMs) && a.latencyMs >= 0).toBe(true);
    }
    const delivered = (await h.api('GET', `${base}/${list.items[0].id}`)).body!;
    expect(delivered.attempts.map((a: Json) => [a.statusCode, a.outcome])).toEqual([
      [503, 'failed'],
      [503, 'failed'],
      [204, 'delivered'],
    ]);
    expect(delivered.deliveredAt).toEqual(expect.any(String));
    // Filters of the log.
    const onlyFailed = (await h.api('GET', `${base}?status=failed`)).body!;
    expect(onlyFailed.items.map((d: Json) => d.eventId)).toEqual([doomed.id]);
    const page = (await h.api('GET', `${base}?limit=1`)).body!;
    expect(page.items).toHaveLength(1);
    const next = (await h.api('GET', `${base}?limit=1&cursor=${page.nextCursor}`)).body!;
    expect(next.items.map((d: Json) => d.eventId)).toEqual([doomed.id]);
  });

  it('records a timed-out attempt with its error and latency, and retries it', async () => {
    const tenant = newTenant();
    const endpoint = await h.createEndpoint(tenant, `${tenant}-slow`);
    const event = invoicePushed(tenant);
    h.receiver.behave(({ attemptOfThisId }) => (attemptOfThisId === 1 ? { status: 200, delayMs: 1_000 } : { status: 200 }));
    await h.publish(tenant, [event]);
    const base = `/v1/tenants/${tenant}/webhook-endpoints/${endpoint.id}/deliveries`;
    const item = await waitFor(async () => (await h.api('GET', base)).body?.items?.find((d: Json) => d.status === 'delivered'), { timeoutMs: 20_000, description: 'delivered' });
    const detail = (await h.api('GET', `${base}/${item.id}`)).body!;
    expect(detail.attempts.map((a: Json) => [a.outcome, a.error, a.statusCode])).toEqual([
      ['failed', 'timeout', null],
      ['delivered', null, 200],
    ]);
    // The timeout is 400 ms.
    expect(detail.attempts[0].latencyMs).toBeGreaterThanOrEqual(390);
    expect(h.receiver.requests.filter((r) => r.webhookId === event.id).map((r) => r.webhookId)).toEqual([event.id, event.id]);
  });

  it('queues an event once per endpoint even when the topic delivers it twice', async () => {
    const tenant = newTenant();
    const endpoint = await h.createEndpoint(tenant, `${tenant}-dup`);
    h.receiver.behave(() => ({ status: 204 }));
    const event = invoicePushed(tenant);
    const after = invoicePushed(tenant);
    // The same CloudEvent (same id) published twice, as a producer retry would; then another event.
    await h.publish(tenant, [event]);
    await h.publish(tenant, [event, after]);
    await waitFor(() => h.receiver.delivered(`/hooks/${tenant}-dup`).some((r) => r.webhookId === after.id), { description: 'the later event delivered' });
    expect(h.receiver.requests.filter((r) => r.path === `/hooks/${tenant}-dup`).map((r) => r.webhookId)).toEqual([event.id, after.id]);
    const log = (await h.api('GET', `/v1/tenants/${tenant}/webhook-endpoints/${endpoint.id}/deliveries`)).body!;
    expect(log.items.map((d: Json) => d.eventId)).toEqual([after.id, event.id]);
  });

  it('serves its figures on /metrics: attempts by outcome, attempt latency, backlog', async () => {
    const res = await h.service.http.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/webhooks_attempts_total\{outcome="delivered"[^}]*\} [1-9]/);
    expect(res.body).toMatch(/webhooks_attempts_total\{outcome="http_5xx"[^}]*\} [1-9]/);
    expect(res.body).toMatch(/webhooks_deliveries_total\{outcome="failed"[^}]*\} [1-9]/);
    expect(res.body).toMatch(/webhooks_attempt_duration_seconds_count\{[^}]*\} [1-9]/);
    expect(res.body).toMatch(/webhooks_backlog\{state="pending"[^}]*\} \d+/);
  });
});

describe('replay', () => {
  it('sends one message again with the same webhook-id and a fresh round of attempts', async () => {
    const tenant = newTenant();
    const endpoint = await h.createEndpoint(tenant, `${tenant}-one`);
    h.receiver.behave(() => ({ status: 200 }));
    const event = invoicePushed(tenant);
    await h.publish(tenant, [event]);
    const base = `/v1/tenants/${tenant}/webhook-endpoints/${endpoint.id}/deliveries`;
    const item = await waitFor(async () => (await h.api('GET', base)).body?.items?.find((d: Json) => d.status === 'delivered'), { description: 'delivered once' });

    const replay = await h.api('POST', `${base}/${item.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ id: item.id, eventId: event.id, status: 'pending', replays: 1 });
    await waitFor(() => h.receiver.delivered(`/hooks/${tenant}-one`).length === 2, { description: 'the replayed message received' });
    const [first, second] = h.receiver.delivered(`/hooks/${tenant}-one`);
    expect(second!.webhookId).toBe(first!.webhookId);
    expect(second!.body).toBe(first!.body);
    expect(second!.verified).toBe(true);
    const detail = await waitFor(async () => {
      const d = (await h.api('GET', `${base}/${item.id}`)).body!;
      return d.status === 'delivered' && d.attempts.length === 2 ? d : undefined;
    });
    expect(detail).toMatchObject({ replays: 1, attemptCount: 2 });
    expect(detail.attempts.map((a: Json) => [a.attempt, a.outcome])).toEqual([
      [1, 'delivered'],
      [2, 'delivered'],
    ]);
    // A viewer may not replay; an unknown delivery is 404.
    expect((await h.api('POST', `${base}/${item.id}/replay`, undefined, 'viewer')).status).toBe(403);
    expect((await h.api('POST', `${base}/00000000-0000-4000-8000-000000000000/replay`)).body?.error.code).toBe('not_found');
  });

  it("replays a time range: the events of the range that the endpoint's event types take, in their order", async () => {
    const tenant = newTenant();
    const endpoint = await h.createEndpoint(tenant, `${tenant}-range`, { eventTypes: ['invoice.*'] });
    h.receiver.behave(() => ({ status: 204 }));
    const t0 = Date.parse('2026-03-01T10:00:00Z');
    const at = (s: number): Date => new Date(t0 + s * 1000);
    const e = [invoicePushed(tenant, { time: at(0) }), invoicePushed(tenant, { time: at(1) }), connected(tenant, { time: at(1.5) }), invoicePushed(`${tenant}/east`, { time: at(2) }), invoicePushed(tenant, { time: at(3) })];
    await h.publish(tenant, [e[0]!, e[1]!, e[2]!]);
    await h.publish(`${tenant}/east`, [e[3]!]);
    await h.publish(tenant, [e[4]!]);
    await waitFor(() => h.receiver.delivered(`/hooks/${tenant}-range`).length === 4, { description: 'the four invoice events delivered' });

    const url = `/v1/tenants/${tenant}/webhook-endpoints/${endpoint.id}/replay`;
    const res = await h.api('POST', url, { from: at(1).toISOString(), to: at(3).toISOString() });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ replayed: 2, alreadyPending: 0 });
    await waitFor(() => h.receiver.delivered(`/hooks/${tenant}-range`).length === 6, { description: 'the two replayed events received' });
    expect(
      h.receiver
        .delivered(`/hooks/${tenant}-range`)
        .slice(4)
        .map((r) => r.webhookId)
        .sort(),
    ).toEqual([e[1]!.id, e[3]!.id].sort());

    // Bad ranges are 400 naming the field.
    const bad = await h.api('POST', url, { from: at(3).toISOString(), to: at(1).toISOString() });
    expect(bad.status).toBe(400);
    expect(bad.body?.error.details.fields).toEqual([expect.objectContaining({ path: 'to' })]);
    expect((await h.api('POST', url, { from: 'yesterday', to: at(1).toISOString() })).body?.error.details.fields).toEqual([expect.objectContaining({ path: 'from' })]);
  });
});

export type { Json };
