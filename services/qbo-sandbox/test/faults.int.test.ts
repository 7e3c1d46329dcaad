import type { Harness } from './support/harness';
import { basics, invoiceBody, startHarness } from './support/harness';

let h: Harness;
let ids: Awaited<ReturnType<typeof basics>>;

beforeEach(async () => {
  h = await startHarness({ settings: { randomSeed: 11 } });
  ids = await basics(h);
});
afterEach(() => h.close());

const invoices = () => h.sandbox.admin.entities(h.realmId, 'Invoice');

describe('faults on demand', () => {
  it('answers 500 SystemFault before doing anything when the 500 rate is 1 for the realm', async () => {
    h.sandbox.admin.updateSettings({ faults: { perRealm: { [h.realmId]: { errorRate500: 1 } } } });
    const res = await h.api('invoice', { body: invoiceBody(ids.customerId, ids.serviceItemId) });
    expect(res.status).toBe(500);
    expect(res.body.Fault).toMatchObject({ type: 'SystemFault', Error: [{ code: '10000' }] });
    expect(invoices()).toHaveLength(0);
    // Other realms are not affected by a per-realm knob.
    const other = h.sandbox.admin.createCompany();
    const token = h.sandbox.oauth.issueTokens({ realmId: other.realmId }).response.access_token;
    expect((await h.http(`/v3/company/${other.realmId}/preferences`, { token })).status).toBe(200);
  });

  it('answers 503 when the global 503 rate is 1', async () => {
    h.sandbox.admin.updateSettings({ faults: { global: { errorRate503: 1 } } });
    const res = await h.api('preferences');
    expect(res.status).toBe(503);
    expect(res.body.Fault.Error[0].code).toBe('3503');
  });

  it('fails about the configured share of requests', async () => {
    h.sandbox.admin.updateSettings({ faults: { global: { errorRate500: 0.3 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await h.api('preferences')).status);
    const failed = statuses.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(15);
    expect(failed).toBeLessThan(45);
    expect(statuses.every((s) => s === 200 || s === 500)).toBe(true);
  });

  it('adds the configured latency', async () => {
    h.sandbox.admin.updateSettings({ faults: { global: { latencyMinMs: 150, latencyMaxMs: 200 } } });
    const started = Date.now();
    const res = await h.api('preferences');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('commits a write and then drops the response: the client sees a socket error, the ledger holds the record', async () => {
    h.sandbox.admin.updateSettings({ faults: { global: { dropAfterCommitRate: 1 } } });
    const body = invoiceBody(ids.customerId, ids.serviceItemId, '321.00', { DocNumber: 'DROP-1' });
    await expect(h.api('invoice', { body, query: { requestid: 'drop-1' } })).rejects.toThrow();
    const stored = invoices();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ DocNumber: 'DROP-1' });
    expect(h.sandbox.admin.calls(h.realmId)['POST invoice']).toMatchObject({ dropped: 1 });

    // The client retries with the same requestid and gets the original response; nothing is written twice.
    h.sandbox.admin.updateSettings({ faults: { global: { dropAfterCommitRate: 0 } } });
    const retry = await h.api('invoice', { body, query: { requestid: 'drop-1' } });
    expect(retry.status).toBe(200);
    expect(retry.body.Invoice.Id).toBe(stored[0]!.Id);
    expect(invoices()).toHaveLength(1);
  });

  it('refuses a share of writes (writeFailureRate): a refused POST is a 500 with nothing written, a refused batch item gets its own Fault while the others are written, reads pass', async () => {
    h.sandbox.admin.updateSettings({ faults: { perRealm: { [h.realmId]: { writeFailureRate: 0.5, writeFailureSeed: 3 } } } });
    const bodies = Array.from({ length: 20 }, (_, i) => invoiceBody(ids.customerId, ids.serviceItemId, '10.00', { DocNumber: `WF-${i}` }));
    const single = await Promise.all(bodies.slice(0, 10).map((body) => h.api('invoice', { body })));
    const batch = await h.api('batch', { body: { BatchItemRequest: bodies.slice(10).map((Invoice, n) => ({ bId: `b${n}`, operation: 'create', Invoice })) } });
    expect(batch.status).toBe(200);
    const refusedSingles = single.filter((r) => r.status === 500);
    const refusedItems = (batch.body.BatchItemResponse as Array<{ bId: string; Fault?: { type: string; Error: Array<{ code: string }> } }>).filter((r) => r.Fault !== undefined);
    for (const r of refusedSingles) expect(r.body.Fault).toMatchObject({ type: 'SystemFault', Error: [{ code: '10000' }] });
    for (const r of refusedItems) expect(r.Fault).toMatchObject({ type: 'SystemFault', Error: [{ code: '10000' }] });
    expect(single.every((r) => r.status === 200 || r.status === 500)).toBe(true);
    const refused = refusedSingles.length + refusedItems.length;
    // At 0.5, 20 writes all passing or all refused is a broken knob (the seed makes it the same every run).
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(20);
    expect(invoices()).toHaveLength(20 - refused);
    expect(h.sandbox.admin.calls(h.realmId)['injected create invoice']).toEqual({ '500': refused });
    // The same writes again: the same ones are refused (a retry does not get a refused record through).
    const again = await Promise.all(bodies.slice(0, 10).map((body) => h.api('invoice', { body })));
    expect(again.map((r) => r.status === 500)).toEqual(single.map((r) => r.status === 500));
    expect((await h.api('query', { query: { query: 'select count(*) from Invoice' } })).status).toBe(200);
    // Off: every write goes through.
    h.sandbox.admin.updateSettings({ faults: { perRealm: { [h.realmId]: { writeFailureRate: 0 } } } });
    const retried = await Promise.all(bodies.slice(0, 10).filter((_, n) => single[n]!.status === 500).map((body) => h.api('invoice', { body })));
    expect(retried.map((r) => r.status)).toEqual(refusedSingles.map(() => 200));
  });

  it('never drops reads', async () => {
    h.sandbox.admin.updateSettings({ faults: { global: { dropAfterCommitRate: 1 } } });
    expect((await h.api('preferences')).status).toBe(200);
    expect((await h.api('query', { query: { query: 'select count(*) from Account' } })).status).toBe(200);
  });
});
