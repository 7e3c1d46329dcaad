import { errorFromFault, errorFromResponse, existingIdFromDetail, parseFault, parseRetryAfter } from '@ledgerbus/qbo';
import { isRetriable } from '@ledgerbus/kit';

function v3(code: string, detail = 'detail', type = 'ValidationFault'): unknown {
  return { Fault: { Error: [{ Message: 'message', Detail: detail, code, element: '' }], type }, time: '2025-06-09T10:41:02.321-07:00' };
}

describe('Fault parsing', () => {
  it('reads the v3 Fault shape', () => {
    expect(parseFault(v3('5010', 'Stale Object Error : …'))).toEqual({
      type: 'ValidationFault',
      errors: [{ message: 'message', detail: 'Stale Object Error : …', code: '5010' }],
    });
  });

  it('reads the gateway shape with lowercase keys', () => {
    const body = {
      fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired: x', code: '3200', element: null }], type: 'AUTHENTICATION' },
      time: 1681237591476,
    };
    expect(parseFault(body)).toEqual({ type: 'AUTHENTICATION', errors: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired: x', code: '3200' }] });
  });

  it('reads a Fault from a JSON string and from XML', () => {
    expect(parseFault(JSON.stringify(v3('610')))?.errors[0]?.code).toBe('610');
    const xml =
      '<IntuitResponse xmlns="http://schema.intuit.com/finance/v3"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>';
    expect(parseFault(xml)).toEqual({
      type: 'SERVICE',
      errors: [{ code: '3001', message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', detail: 'The request limit was reached.  Try again later' }],
    });
  });

  it('returns undefined for bodies without a Fault', () => {
    expect(parseFault({ Customer: { Id: '1' } })).toBeUndefined();
    expect(parseFault('not json')).toBeUndefined();
  });
});

describe('typed errors from responses', () => {
  const cases: [string, number, unknown, string, boolean][] = [
    ['5010 stale object', 400, v3('5010'), 'qbo_stale_object', false],
    ['6240 duplicate name', 400, v3('6240'), 'qbo_duplicate_name', false],
    ['610 object not found', 400, v3('610'), 'qbo_not_found', false],
    ['2500 invalid reference', 400, v3('2500'), 'qbo_invalid_reference', false],
    ['2020 required param', 400, v3('2020'), 'qbo_validation', false],
    ['6000 business validation', 400, v3('6000'), 'qbo_validation', false],
    ['4001 invalid query', 400, v3('4001'), 'qbo_validation', false],
    ['a 4xx without a body', 422, undefined, 'qbo_validation', false],
    ['429 throttle (v3 shape)', 429, v3('3001', 'The request limit was reached.', 'SERVICE'), 'qbo_throttled', true],
    ['429 throttle (gateway shape)', 429, { fault: { error: [{ message: 'm', detail: 'd', code: '3001' }], type: 'SERVICE' } }, 'qbo_throttled', true],
    ['3001 inside a 200', 200, v3('3001'), 'qbo_throttled', true],
    ['401 gateway auth', 401, { fault: { error: [{ message: 'm', detail: 'Token expired', code: '3200' }], type: 'AUTHENTICATION' } }, 'qbo_auth', false],
    ['403 authorization', 403, { fault: { error: [{ message: 'm', detail: 'd', code: '3100' }], type: 'SERVICE' } }, 'qbo_auth', false],
    ['500 system fault', 500, v3('10000', 'x', 'SystemFault'), 'qbo_unavailable', true],
    ['503 without a body', 503, '', 'qbo_unavailable', true],
    ['404 unknown URL', 404, undefined, 'qbo_not_found', false],
    ["the sandbox's 501 'not emulated'", 501, v3('9501', 'The QBO sandbox does not emulate the entity Vendor.', 'SandboxNotEmulated'), 'qbo_not_emulated', false],
    ["a batch item's 'not emulated' fault", 200, v3('9501', 'x', 'SandboxNotEmulated'), 'qbo_not_emulated', false],
  ];
  it.each(cases)('maps %s to its code with retriable set right', (_name, status, body, code, retriable) => {
    const err = errorFromResponse({ status, body, intuitTid: 'tid-123' });
    expect(err.code).toBe(code);
    expect(err.retriable).toBe(retriable);
    expect(isRetriable(err)).toBe(retriable);
    expect(err.intuitTid).toBe('tid-123');
    expect(err.httpStatus).toBe(status);
  });

  it('keeps the QBO code, fault type and detail on the error', () => {
    const err = errorFromResponse({ status: 400, body: v3('2020', 'Required parameter Line is missing in the request') });
    expect(err.qboCode).toBe('2020');
    expect(err.faultType).toBe('ValidationFault');
    expect(err.message).toContain('Required parameter Line is missing');
  });

  it('carries the existing entity id on a duplicate name when QBO names it', () => {
    const err = errorFromResponse({
      status: 400,
      body: v3('6240', 'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name. Id=58'),
    });
    expect(err.code).toBe('qbo_duplicate_name');
    expect((err as unknown as { existingId: string }).existingId).toBe('58');
    const noId = errorFromFault({ errors: [{ code: '6240', message: 'Duplicate Name Exists Error', detail: 'The name supplied already exists.' }] }, 200);
    expect((noId as unknown as { existingId?: string }).existingId).toBeUndefined();
    expect(existingIdFromDetail('Duplicate Name Exists Error: Id=5000000000000007280')).toBe('5000000000000007280');
  });

  it('honours Retry-After on a throttle, in seconds or as an HTTP date', () => {
    const err = errorFromResponse({ status: 429, body: v3('3001'), retryAfter: '7' }) as unknown as { retryAfterMs: number };
    expect(err.retryAfterMs).toBe(7000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
