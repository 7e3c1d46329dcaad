import { createEvent } from '@ledgerbus/contracts';
import { ValidationError } from '@ledgerbus/kit';
import { ENTITIES, entityOfOutcome, operationOf } from '../src/domain/entities';
import { outcomeOf, supersedes } from '../src/domain/outcomes';
import { parseRecords, recordsOfBody } from '../src/domain/records';
import { canonicalJson, requestHash } from '../src/domain/request-hash';

const invoice = (id: string, extra: Record<string, unknown> = {}) => ({
  invoiceId: id,
  number: `N-${id}`,
  customerId: 'c',
  txnDate: '2026-01-31',
  lines: [{ productId: 'p', quantity: '1', unitPrice: '9.99' }],
  ...extra,
});

describe('records of a body', () => {
  it('reads one record, or a batch of 1 to maxBatch under "records"', () => {
    expect(recordsOfBody(invoice('a'), 500)).toEqual({ batch: false, raw: [invoice('a')] });
    expect(recordsOfBody({ records: [invoice('a'), invoice('b')] }, 500).raw).toHaveLength(2);
    for (const body of [null, [invoice('a')], 'x', { records: {} }, { records: [] }, { records: [1, 2, 3] , extra: 1 }]) {
      expect(() => recordsOfBody(body, 500)).toThrow(ValidationError);
    }
    expect(() => recordsOfBody({ records: [1, 2, 3] }, 2)).toThrow(/at most 2 records/);
  });

  it('checks each record against its contract with the path tenant and an optional version', () => {
    const { records, rejected } = parseRecords(ENTITIES.invoices, 'upsert', 'acme', [
      invoice('a'),
      invoice('b', { version: 3, divisionId: 'west' }),
      invoice('c', { version: -1 }),
      invoice('d', { tenantId: 'acme', version: null }),
      invoice('e', { currency: 'usd', lines: [] }),
    ]);
    expect(records.map((r) => [r.index, r.platformId, r.clientVersion, r.divisionId, r.eventType])).toEqual([
      [0, 'a', undefined, undefined, 'invoice.upserted'],
      [1, 'b', 3, 'west', 'invoice.upserted'],
      [3, 'd', undefined, undefined, 'invoice.upserted'],
    ]);
    expect(records[0]!.data).toMatchObject({ tenantId: 'acme', currency: 'USD' });
    expect(rejected.map((r) => `${r.index} ${r.field} ${r.code}`)).toEqual(['2 version too_small', '4 currency invalid_format', '4 lines too_small']);
  });

  it('uses the contract of the operation: a void carries only the id, division and version', () => {
    const { records, rejected } = parseRecords(ENTITIES.payments, 'void', 't', [{ paymentId: 'p-1' }, { paymentId: '' }]);
    expect(records[0]).toMatchObject({ eventType: 'payment.voided', data: { tenantId: 't', paymentId: 'p-1', version: 0 } });
    expect(rejected).toEqual([{ index: 1, field: 'paymentId', code: 'too_small', message: expect.any(String) }]);
  });

  it('knows each entity by its event types', () => {
    expect(operationOf(ENTITIES.invoices, 'invoice.voided')).toBe('void');
    expect(operationOf(ENTITIES.customers, 'customer.deleted')).toBe('delete');
    expect(entityOfOutcome('payment.push_failed')).toBe('payments');
    expect(entityOfOutcome('metric.updated')).toBeUndefined();
  });
});

describe('request fingerprints', () => {
  it('ignore key order and spacing, and tell routes and bodies apart', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: 'x', u: undefined })).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
    const body = { records: [{ a: 1, b: 2 }] };
    expect(requestHash('post', '/v1/tenants/t/invoices', body)).toBe(requestHash('POST', '/v1/tenants/t/invoices', JSON.parse('{ "records": [ { "b": 2, "a": 1 } ] }')));
    expect(requestHash('POST', '/v1/tenants/t/invoices', body)).not.toBe(requestHash('POST', '/v1/tenants/t/payments', body));
    expect(requestHash('POST', '/v1/tenants/t/invoices', body)).not.toBe(requestHash('POST', '/v1/tenants/t/invoices', { records: [{ a: 1, b: 3 }] }));
  });
});

describe('outcomes of sync.events', () => {
  const event = (type: string, data: Record<string, unknown>) => createEvent({ type, source: 'x', data: { tenantId: 't', at: '2026-01-01T00:00:00.000Z', ...data } });

  it('turn push outcomes into states, and leave other events out', () => {
    expect(outcomeOf(event('invoice.pushed', { platformId: 'i', version: 2, qboId: '9', realmId: '1' }))).toMatchObject({ entity: 'invoices', state: 'pushed', version: 2, qboId: '9' });
    expect(outcomeOf(event('payment.skipped', { platformId: 'p', version: 1, filter: 'market_segment', message: 'm' }))).toMatchObject({ state: 'skipped', reason: 'market_segment' });
    expect(outcomeOf(event('customer.sync_failed', { platformId: 'c', direction: 'to_qbo', code: 'x', message: 'y', retriable: true }))).toMatchObject({ entity: 'customers', state: 'failed', retriable: true });
    expect(outcomeOf(event('customer.synced', { platformId: 'c', direction: 'from_qbo', qboId: '1' }))).toBeUndefined();
    expect(outcomeOf(event('customer.changed_in_qbo', { platformId: 'c' }))).toBeUndefined();
    expect(outcomeOf(event('sync.run_started', { runId: 'r' }))).toBeUndefined();
    expect(outcomeOf(event('invoice.pushed', { version: 1 }))).toBeUndefined();
  });

  it('order by version, then by time', () => {
    const a = outcomeOf(event('invoice.held', { platformId: 'i', version: 2, reason: 'x', at: '2026-01-01T00:00:05Z' }))!;
    const b = outcomeOf(event('invoice.pushed', { platformId: 'i', version: 1, at: '2026-01-01T00:00:09Z' }))!;
    const c = outcomeOf(event('invoice.pushed', { platformId: 'i', version: 2, at: '2026-01-01T00:00:06Z' }))!;
    expect(supersedes(a, b)).toBe(true);
    expect(supersedes(b, a)).toBe(false);
    expect(supersedes(c, a)).toBe(true);
  });
});
