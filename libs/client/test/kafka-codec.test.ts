/** The Kafka binding of the client is byte for byte the one ledgerbus's own bus writes and reads. */
import { decodeEvent, encodeEvent } from '@ledgerbus/bus';
import { ContractViolation, createEvent } from '@ledgerbus/contracts';
import { decodeCloudEvent, encodeCloudEvent } from '../src/kafka';

const event = createEvent({
  type: 'invoice.upserted',
  source: 'acme-fsm/billing',
  subject: 'inv-1',
  tenantid: 'acme',
  correlationid: 'corr-1',
  data: { tenantId: 'acme', invoiceId: 'inv-1', number: '1001', customerId: 'c-1', txnDate: '2026-03-01', lines: [{ productId: 'p', quantity: '1', unitPrice: '9.99' }], version: 3 },
});

describe('CloudEvents Kafka binding', () => {
  it('writes the same ce_* headers, content type and value as libs/bus', () => {
    const ours = encodeCloudEvent(event);
    const theirs = encodeEvent(event);
    expect(ours.headers).toEqual(theirs.headers);
    expect(ours.value?.equals(theirs.value!)).toBe(true);
    expect(ours.headers).toMatchObject({ ce_specversion: '1.0', ce_type: 'invoice.upserted', ce_subject: 'inv-1', ce_tenantid: 'acme', 'content-type': 'application/json' });
  });

  it('reads what libs/bus writes, Buffer headers included', () => {
    const { headers, value } = encodeEvent(event);
    const asKafka = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(decodeCloudEvent(asKafka, value)).toEqual(decodeEvent(headers, value));
    expect(decodeCloudEvent(asKafka, value)).toMatchObject({ id: event.id, type: event.type, data: event.data });
  });

  it('names the missing ce_* headers of a message that is no CloudEvent', () => {
    expect(() => decodeCloudEvent({ ce_specversion: '1.0' }, Buffer.from('{}'))).toThrow(ContractViolation);
    expect(() => decodeCloudEvent({ ce_specversion: '1.0' }, Buffer.from('{}'))).toThrow('ce_id, ce_source, ce_type');
  });
});
