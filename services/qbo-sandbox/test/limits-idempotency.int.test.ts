import type { Harness } from './support/harness';
import { basics, invoiceBody, startHarness, waitFor } from './support/harness';

const THROTTLED = {
  Fault: { Error: [{ Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', Detail: 'The request limit was reached.  Try again later', code: '3001' }], type: 'SERVICE' },
};

describe('per-realm limits', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('throttles more than 10 requests a second with HTTP 429 and the ThrottleExceeded fault', async () => {
    h = await startHarness({ settings: { limits: { enabled: true } } });
    const responses = await Promise.all(Array.from({ length: 25 }, () => h.api(`companyinfo/${h.realmId}`)));
    const ok = responses.filter((r) => r.status === 200).length;
    const throttled = responses.filter((r) => r.status === 429);
    expect(ok).toBeLessThanOrEqual(10);
    expect(throttled.length).toBeGreaterThanOrEqual(15);
    expect(throttled[0]!.body).toMatchObject(THROTTLED);
    expect(h.sandbox.admin.calls(h.realmId)[`GET companyinfo/:id`]).toMatchObject({ '429': throttled.length });
  });

  it('throttles past 500 requests a minute and lets requests through again once the minute has passed', async () => {
    h = await startHarness({ settings: { limits: { enabled: true, requestsPerSecond: 100_000 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 510; i++) statuses.push((await h.api('preferences')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(500);
    expect(statuses.slice(500)).toEqual(Array(10).fill(429));
    h.advance(60_001);
    expect((await h.api('preferences')).status).toBe(200);
  });

  it('follows the clock time scale: at 60× a throttled realm recovers after a real second', async () => {
    h = await startHarness({ timeScale: 60, settings: { limits: { enabled: true, requestsPerSecond: 100_000, requestsPerMinute: 20 } } });
    const first = [];
    for (let i = 0; i < 25; i++) first.push((await h.api('preferences')).status);
    expect(first.filter((s) => s === 429).length).toBeGreaterThan(0);
    const recovered = await waitFor(async () => (await h.api('preferences')).status === 200, 5000, 50);
    expect(recovered).toBe(true);
  });

  it('limits batch calls per minute separately (setting), and throttles only the realm that is over', async () => {
    h = await startHarness({ settings: { limits: { enabled: true, requestsPerSecond: 1000, batchPerMinute: 3 } } });
    const batch = () => h.api('batch', { body: { BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Account' }] } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await batch()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await h.api('preferences')).status).toBe(200);
    const other = h.sandbox.admin.createCompany();
    const token = h.sandbox.oauth.issueTokens({ realmId: other.realmId }).response.access_token;
    const res = await h.http(`/v3/company/${other.realmId}/batch`, { token, body: { BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Account' }] } });
    expect(res.status).toBe(200);
  });

  it('lets everything through when limits are off', async () => {
    h = await startHarness({ settings: { limits: { enabled: false } } });
    const responses = await Promise.all(Array.from({ length: 60 }, () => h.api('preferences')));
    expect(responses.every((r) => r.status === 200)).toBe(true);
  });

  it('can answer 429 in the gateway shape with a Retry-After header (settings)', async () => {
    h = await startHarness({ settings: { limits: { enabled: true, requestsPerSecond: 1, throttleBodyShape: 'gateway', retryAfterSeconds: 60 } } });
    await h.api('preferences');
    const res = await h.api('preferences');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(res.body.fault.error[0]).toMatchObject({ code: '3001', message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429' });
  });
});

describe('requestid idempotency', () => {
  let h: Harness;
  let ids: Awaited<ReturnType<typeof basics>>;
  beforeEach(async () => {
    h = await startHarness();
    ids = await basics(h);
  });
  afterEach(() => h.close());

  const invoices = () => h.sandbox.admin.entities(h.realmId, 'Invoice').length;

  it('replays the original response for a repeated requestid without writing again', async () => {
    const first = await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '10.00'), query: { requestid: 'req-1' } });
    const again = await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '99.00'), query: { requestid: 'req-1' } });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(invoices()).toBe(1);
    const other = await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId, '10.00'), query: { requestid: 'req-2' } });
    expect(other.body.Invoice.Id).not.toBe(first.body.Invoice.Id);
    expect(invoices()).toBe(2);
  });

  it('replays a business fault too, and runs again once the window has passed', async () => {
    const bad = await h.api('invoice', { body: invoiceBody('424242', ids.serviceItemId), query: { requestid: 'bad-1' } });
    expect(bad.body.Fault.Error[0].code).toBe('2500');
    const replay = await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId), query: { requestid: 'bad-1' } });
    expect(replay.text).toBe(bad.text);
    h.advance(24 * 3600_000 + 1);
    const fresh = await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId), query: { requestid: 'bad-1' } });
    expect(fresh.status).toBe(200);
  });

  it('keeps requestids per realm', async () => {
    await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId), query: { requestid: 'shared' } });
    const other = h.sandbox.admin.createCompany({ seed: 3, size: 'small', asOf: '2026-01-31' });
    const token = h.sandbox.oauth.issueTokens({ realmId: other.realmId }).response.access_token;
    const before = h.sandbox.admin.entities(other.realmId, 'Customer').length;
    const res = await h.http(`/v3/company/${other.realmId}/customer`, { token, body: { DisplayName: 'Only Here' }, query: { requestid: 'shared' } });
    expect(res.body.Customer.DisplayName).toBe('Only Here');
    expect(h.sandbox.admin.entities(other.realmId, 'Customer').length).toBe(before + 1);
  });

  it('makes a concurrent duplicate wait for the original and replay it', async () => {
    h.sandbox.admin.updateSettings({ faults: { global: { latencyMinMs: 100, latencyMaxMs: 100 } } });
    const [a, b] = await Promise.all([
      h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId), query: { requestid: 'race' } }),
      h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId), query: { requestid: 'race' } }),
    ]);
    expect(a.text).toBe(b.text);
    expect(invoices()).toBe(1);
  });

  it('does not deduplicate the configured share of duplicates', async () => {
    h.sandbox.admin.updateSettings({ idempotency: { noDedupeShare: 1 } });
    await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId), query: { requestid: 'leaky' } });
    await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId), query: { requestid: 'leaky' } });
    expect(invoices()).toBe(2);

    h.sandbox.admin.updateSettings({ idempotency: { noDedupeShare: 0.5 } });
    await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId), query: { requestid: 'half' } });
    for (let i = 0; i < 40; i++) await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId), query: { requestid: 'half' } });
    const created = invoices() - 3;
    expect(created).toBeGreaterThan(5);
    expect(created).toBeLessThan(40);
  });
});
