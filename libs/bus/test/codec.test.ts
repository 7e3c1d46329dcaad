import { createEvent } from '@ledgerbus/contracts';
import { backoffDelay, decodeEvent, encodeEvent, headersToStrings, PoisonMessageError } from '../src';

describe('CloudEvents Kafka binary binding', () => {
  it('puts the attributes in ce_* headers and the data as the JSON value, and decodes them back', () => {
    const event = createEvent({ type: 'invoice.pushed', source: '/invoice-push', subject: 'inv-1', tenantid: 't1', correlationid: 'c1', data: { total: '10.50' } });
    const encoded = encodeEvent(event, { 'x-extra': 'yes' });
    expect(encoded.headers).toEqual({
      'x-extra': 'yes',
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: '/invoice-push',
      ce_type: 'invoice.pushed',
      ce_time: event.time,
      ce_subject: 'inv-1',
      ce_correlationid: 'c1',
      ce_tenantid: 't1',
      'content-type': 'application/json',
    });
    expect(encoded.value!.toString('utf8')).toBe('{"total":"10.50"}');
    expect(decodeEvent(encoded.headers, encoded.value)).toEqual(event);
  });

  it('reads kafkajs header buffers and repeated headers as strings', () => {
    expect(headersToStrings({ a: Buffer.from('x'), b: 'y', c: [Buffer.from('1'), '2'], d: undefined })).toEqual({ a: 'x', b: 'y', c: '2' });
  });

  it('rejects a value that is not JSON as a non-retriable poison message naming the reason', () => {
    const { headers } = encodeEvent(createEvent({ type: 't', source: '/s', data: {} }));
    const error = (() => {
      try {
        decodeEvent(headers, Buffer.from('{oops'));
      } catch (e) {
        return e;
      }
    })() as PoisonMessageError;
    expect(error).toBeInstanceOf(PoisonMessageError);
    expect(error.code).toBe('undecodable_message');
    expect(error.retriable).toBe(false);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('rejects a message without CloudEvents headers or with another content type', () => {
    expect(() => decodeEvent({}, Buffer.from('{}'))).toThrow(/missing header\(s\) ce_specversion, ce_id, ce_source, ce_type/);
    const { headers, value } = encodeEvent(createEvent({ type: 't', source: '/s', data: {} }));
    expect(() => decodeEvent({ ...headers, 'content-type': 'application/avro' }, value)).toThrow(/unsupported content-type/);
  });
});

describe('backoff with full jitter', () => {
  const options = { initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2 };
  it('grows the cap exponentially up to the maximum', () => {
    const top = (attempt: number): number => backoffDelay(attempt, { ...options, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([99, 199, 399, 799, 999, 999]);
  });
  it('draws uniformly below the cap', () => {
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...options, random: () => 0.5 })).toBe(200);
  });
});
