/**
 * The HTTP door on real Kafka and PostgreSQL: records land on their platform topic before the
 * 202, with versions the service assigns (monotonic per record, above any a client sent), and a
 * batch's bad records are named by index and field while the good ones are taken.
 */
import type { IngestHarness } from './harness';
import { customer, invoice, payment, startIngestHarness } from './harness';

describe('ingest over HTTP', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('publishes a batch on the invoices topic with assigned versions before answering 202', async () => {
    const res = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: { records: [invoice('i-1'), invoice('i-2'), invoice('i-1', { number: 'INV-1b' })] } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      accepted: [
        { index: 0, platformId: 'i-1', version: 1, status: 'accepted', statusUrl: `/v1/tenants/${h.tenant}/records/invoices/i-1` },
        { index: 1, platformId: 'i-2', version: 1, status: 'accepted', statusUrl: `/v1/tenants/${h.tenant}/records/invoices/i-2` },
        { index: 2, platformId: 'i-1', version: 2, status: 'accepted', statusUrl: `/v1/tenants/${h.tenant}/records/invoices/i-1` },
      ],
      rejected: [],
    });
    const landed = await h.read(h.topics.invoices, 3);
    expect(landed.map((m) => [m.key, m.event?.type, (m.event?.data as { invoiceId: string }).invoiceId, (m.event?.data as { version: number }).version])).toEqual([
      [h.tenant, 'invoice.upserted', 'i-1', 1],
      [h.tenant, 'invoice.upserted', 'i-2', 1],
      [h.tenant, 'invoice.upserted', 'i-1', 2],
    ]);
    const first = landed[0]!.event!;
    expect(first.data).toMatchObject({ tenantId: h.tenant, currency: 'USD', number: 'INV-i-1' });
    expect(first).toMatchObject({ source: 'ledgerbus/ingest', subject: 'i-1', tenantid: h.tenant });

    const status = await h.api('GET', `/v1/tenants/${h.tenant}/records/invoices/i-1`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ platformId: 'i-1', latestVersion: 2, operation: 'upsert', state: 'waiting', qboId: null, outcome: null });
  });

  it('takes one record without a batch, on each entity topic', async () => {
    const c = await h.api('POST', `/v1/tenants/${h.tenant}/customers`, { body: customer('c-9') });
    const p = await h.api('POST', `/v1/tenants/${h.tenant}/payments`, { body: payment('p-9') });
    expect([c.status, p.status]).toEqual([202, 202]);
    expect(c.body.accepted).toEqual([{ index: 0, platformId: 'c-9', version: 1, status: 'accepted', statusUrl: `/v1/tenants/${h.tenant}/records/customers/c-9` }]);
    expect((await h.read(h.topics.customers, 1))[0]!.event).toMatchObject({ type: 'customer.upserted', data: { customerId: 'c-9', active: true, version: 1 } });
    expect((await h.read(h.topics.payments, 1))[0]!.event).toMatchObject({ type: 'payment.recorded', data: { paymentId: 'p-9', amount: '100.00', version: 1 } });
  });

  it('keeps a client version, assigns above it afterwards, and refuses a version below the accepted one', async () => {
    const sent = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: invoice('i-v', { version: 40 }) });
    expect(sent.body.accepted[0]).toMatchObject({ platformId: 'i-v', version: 40 });
    const assigned = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: invoice('i-v') });
    expect(assigned.body.accepted[0]).toMatchObject({ version: 41 });
    const again = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: invoice('i-v', { version: 41 }) });
    expect(again.status).toBe(202);
    const stale = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: invoice('i-v', { version: 7 }) });
    expect(stale.status).toBe(422);
    expect(stale.body.error.code).toBe('records_rejected');
    expect(stale.body.error.details.rejected).toEqual([{ index: 0, field: 'version', code: 'version_superseded', message: expect.stringContaining('below version 41') }]);
  });

  it('accepts the good records of a batch and names each bad one by index and field', async () => {
    const res = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, {
      body: {
        records: [
          invoice('i-ok-1'),
          invoice('i-bad-1', { lines: [{ productId: 'p-1', quantity: 2, unitPrice: '5' }] }),
          invoice('i-ok-2'),
          { ...invoice('i-bad-2'), txnDate: 'yesterday', tenantId: 'someone-else' },
          'not a record',
        ],
      },
    });
    expect(res.status).toBe(202);
    expect(res.body.accepted.map((a: { index: number; platformId: string }) => [a.index, a.platformId])).toEqual([
      [0, 'i-ok-1'],
      [2, 'i-ok-2'],
    ]);
    expect(res.body.rejected).toEqual([
      { index: 1, field: 'lines.0.quantity', code: 'invalid_type', message: expect.any(String) },
      { index: 3, field: 'tenantId', code: 'tenant_mismatch', message: expect.stringContaining('someone-else') },
      { index: 3, field: 'txnDate', code: 'invalid_format', message: expect.any(String) },
      { index: 4, field: 'record', code: 'invalid_type', message: 'a record is a JSON object' },
    ]);
    const bad = await h.api('GET', `/v1/tenants/${h.tenant}/records/invoices/i-bad-1`);
    expect(bad.status).toBe(404);
  });

  it('answers 422 with the list when no record is valid, and 400 for a body that is no record or batch', async () => {
    const none = await h.api('POST', `/v1/tenants/${h.tenant}/payments`, { body: { records: [payment('p-x', { amount: 12.5 }), { paymentId: 'p-y' }] } });
    expect(none.status).toBe(422);
    expect(none.body.error.details.rejected.map((r: { index: number; field: string }) => `${r.index}:${r.field}`)).toEqual(
      expect.arrayContaining(['0:amount', '1:customerId', '1:amount', '1:date', '1:appliedTo']),
    );
    for (const body of [[invoice('a')], { records: [] }, { records: 'x' }, { records: Array.from({ length: 501 }, (_, i) => invoice(`b-${i}`)) }]) {
      const res = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const broken = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { payload: '{"records": [' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_json');
  });

  it('answers 413 payload_too_large for a body over the limit', async () => {
    const big = JSON.stringify({ records: [invoice('big', { lines: [{ productId: 'p', quantity: '1', unitPrice: '1', description: 'x'.repeat(4000) }] })], pad: 'y'.repeat(5 * 1024 * 1024) });
    const res = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { payload: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('maps void and delete to the topics\' event types with the next version', async () => {
    const voided = await h.api('POST', `/v1/tenants/${h.tenant}/invoices/i-2/void`);
    expect(voided.status).toBe(202);
    expect(voided.body.accepted[0]).toMatchObject({ platformId: 'i-2', version: 2 });
    const deleted = await h.api('DELETE', `/v1/tenants/${h.tenant}/payments/p-9?division=west&version=5`);
    expect(deleted.body.accepted[0]).toMatchObject({ platformId: 'p-9', version: 5 });
    const gone = await h.api('DELETE', `/v1/tenants/${h.tenant}/customers/c-9`);
    expect(gone.body.accepted[0]).toMatchObject({ platformId: 'c-9', version: 2 });
    const voidPayment = await h.api('POST', `/v1/tenants/${h.tenant}/payments/p-9/void`, { body: { version: 6 } });
    expect(voidPayment.body.accepted[0]).toMatchObject({ version: 6 });

    const invoices = await h.read(h.topics.invoices);
    expect(invoices.at(-1)!.event).toMatchObject({ type: 'invoice.voided', data: { tenantId: h.tenant, invoiceId: 'i-2', version: 2 } });
    const payments = await h.read(h.topics.payments);
    expect(payments.slice(-2).map((m) => [m.event?.type, m.event?.data])).toEqual([
      ['payment.deleted', { tenantId: h.tenant, divisionId: 'west', paymentId: 'p-9', version: 5 }],
      ['payment.voided', { tenantId: h.tenant, paymentId: 'p-9', version: 6 }],
    ]);
    expect((await h.read(h.topics.customers)).at(-1)!.event).toMatchObject({ type: 'customer.deleted', data: { customerId: 'c-9', version: 2 } });

    const status = await h.api('GET', `/v1/tenants/${h.tenant}/records/invoices/i-2`);
    expect(status.body).toMatchObject({ latestVersion: 2, operation: 'void' });
    const badVersion = await h.api('DELETE', `/v1/tenants/${h.tenant}/invoices/i-2?version=soon`);
    expect(badVersion.status).toBe(422);
    expect(badVersion.body.error.details.rejected[0]).toMatchObject({ index: 0, field: 'version' });
    // Customers have no void on their topic.
    expect((await h.api('POST', `/v1/tenants/${h.tenant}/customers/c-9/void`)).status).toBe(404);
  });

  it('answers 404 for a record it never took, and for an entity it does not know', async () => {
    expect((await h.api('GET', `/v1/tenants/${h.tenant}/records/invoices/never`)).status).toBe(404);
    expect((await h.api('GET', `/v1/tenants/${h.tenant}/records/widgets/x`)).status).toBe(400);
  });

  it('answers 503 when the bus does not acknowledge, and the records are not marked accepted', async () => {
    const failing = h.failPublishes();
    try {
      const res = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: invoice('i-lost') });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('bus_unavailable');
    } finally {
      failing.restore();
    }
    expect((await h.api('GET', `/v1/tenants/${h.tenant}/records/invoices/i-lost`)).status).toBe(404);
    const retried = await h.api('POST', `/v1/tenants/${h.tenant}/invoices`, { body: invoice('i-lost') });
    expect(retried.status).toBe(202);
  });
});
