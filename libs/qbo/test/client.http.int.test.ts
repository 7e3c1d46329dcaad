/**
 * The client against a real local HTTP server that answers from a script, for behaviour
 * the sandbox cannot be told to do exactly once (a 429 with Retry-After followed by a 200,
 * a dropped connection, an XML 401, a given intuit_tid).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryRateLimiter, createQboClient, BreakerRegistry } from '@ledgerbus/qbo';

interface Seen {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Answer = (req: Seen, res: http.ServerResponse) => void;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
}
const destroy: Answer = (_req, res) => res.socket?.destroy();

async function scriptedServer(script: Answer[]) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: new URL(req.url ?? '/', 'http://x'), headers: req.headers, body };
      seen.push(entry);
      const answer = script.shift() ?? json(500, { Fault: { Error: [{ Message: 'script exhausted', Detail: '', code: '10000' }], type: 'SystemFault' } });
      answer(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const customer = (id: string, syncToken = '0') => ({ Customer: { Id: id, SyncToken: syncToken, DisplayName: `C${id}` }, time: '2026-01-01T00:00:00.000-07:00' });
const fault = (code: string) => ({ Fault: { Error: [{ Message: 'm', Detail: `detail ${code}`, code }], type: 'ValidationFault' } });

function clientFor(url: string, extra: Partial<Parameters<typeof createQboClient>[0]> = {}) {
  return createQboClient({
    baseUrl: url,
    realmId: '123',
    tokenProvider: () => Promise.resolve('token-1'),
    limiter: createMemoryRateLimiter(),
    breakers: new BreakerRegistry(),
    retry: { baseMs: 10, throttleBaseMs: 20, maxRetries: 3 },
    ...extra,
  });
}

describe('QBO client over HTTP', () => {
  let server: Awaited<ReturnType<typeof scriptedServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends minorversion=75 and Accept: application/json on every call, requestid on writes, queries as application/text', async () => {
    server = await scriptedServer([json(200, customer('1')), json(200, customer('1')), json(200, { QueryResponse: { Customer: [customer('1').Customer], startPosition: 1, maxResults: 1 } })]);
    const client = clientFor(server.url);
    await client.create('Customer', { DisplayName: 'C1' }, { requestId: 'tenant-1:cust-9:v3' });
    await client.read('Customer', '1');
    await client.query("SELECT * FROM Customer WHERE DisplayName = 'C1'");
    expect(server.seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual(['POST /v3/company/123/customer', 'GET /v3/company/123/customer/1', 'POST /v3/company/123/query']);
    for (const s of server.seen) {
      expect(s.url.searchParams.get('minorversion')).toBe('75');
      expect(s.headers.accept).toBe('application/json');
      expect(s.headers.authorization).toBe('Bearer token-1');
    }
    expect(server.seen[0]?.url.searchParams.get('requestid')).toBe('tenant-1:cust-9:v3');
    expect(server.seen[1]?.url.searchParams.get('requestid')).toBeNull();
    expect(server.seen[2]?.headers['content-type']).toBe('application/text');
    expect(server.seen[2]?.body).toBe("SELECT * FROM Customer WHERE DisplayName = 'C1'");
  });

  it('hashes idempotency keys longer than QBO allows into a stable requestid', async () => {
    server = await scriptedServer([json(200, customer('1')), json(200, customer('1'))]);
    const client = clientFor(server.url);
    const key = `tenant-with-a-long-name:${'x'.repeat(60)}`;
    await client.create('Customer', { DisplayName: 'C1' }, { requestId: key });
    await client.create('Customer', { DisplayName: 'C1' }, { requestId: key });
    const ids = server.seen.map((s) => s.url.searchParams.get('requestid'));
    expect(ids[0]).toHaveLength(50);
    expect(ids[0]).toBe(ids[1]);
  });

  it('waits for Retry-After on a 429 and then succeeds', async () => {
    server = await scriptedServer([json(429, fault('3001'), { 'retry-after': '1' }), json(200, customer('7'))]);
    const client = clientFor(server.url);
    const started = Date.now();
    const c = await client.read('Customer', '7');
    expect(c.Id).toBe('7');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.seen).toHaveLength(2);
  });

  it('backs off on a gateway-shaped 429 without Retry-After and gives up with qbo_throttled after maxRetries', async () => {
    const throttle = json(429, { fault: { error: [{ message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', detail: 'limit', code: '3001' }], type: 'SERVICE' } });
    server = await scriptedServer([throttle, throttle, throttle]);
    const client = clientFor(server.url, { retry: { baseMs: 10, throttleBaseMs: 20, maxRetries: 2 } });
    await expect(client.read('Customer', '1')).rejects.toMatchObject({ code: 'qbo_throttled', retriable: true, httpStatus: 429 });
    expect(server.seen).toHaveLength(3);
  });

  it('retries a read after a 503 and after a dropped connection', async () => {
    server = await scriptedServer([json(503, ''), destroy, json(200, customer('3'))]);
    const client = clientFor(server.url);
    await expect(client.read('Customer', '3')).resolves.toMatchObject({ Id: '3' });
    expect(server.seen).toHaveLength(3);
  });

  it('does not retry a write after a 5xx unless the caller marks it safe, and then resends the same requestid', async () => {
    server = await scriptedServer([json(500, fault('10000')), json(500, fault('10000')), json(200, customer('4'))]);
    const client = clientFor(server.url);
    await expect(client.create('Customer', { DisplayName: 'C4' }, { requestId: 'k-1' })).rejects.toMatchObject({ code: 'qbo_unavailable', retriable: true });
    expect(server.seen).toHaveLength(1);
    await expect(client.create('Customer', { DisplayName: 'C4' }, { requestId: 'k-2', retrySafe: true })).resolves.toMatchObject({ Id: '4' });
    expect(server.seen.slice(1).map((s) => s.url.searchParams.get('requestid'))).toEqual(['k-2', 'k-2']);
  });

  it('parses an XML 401, refreshes the token once, and keeps intuit_tid on the final error', async () => {
    const xml401: Answer = (_req, res) => {
      res.writeHead(401, { 'content-type': 'application/xml', intuit_tid: 'tid-abc' });
      res.end('<IntuitResponse><Fault type="AUTHENTICATION"><Error code="3200"><Message>message=AuthenticationFailed</Message><Detail>Token expired</Detail></Error></Fault></IntuitResponse>');
    };
    server = await scriptedServer([xml401, xml401]);
    const calls: boolean[] = [];
    const client = clientFor(server.url, {
      tokenProvider: (_realm, { forceRefresh }) => {
        calls.push(forceRefresh);
        return Promise.resolve(forceRefresh ? 'token-2' : 'token-1');
      },
    });
    const err = await client.read('Customer', '1').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'qbo_auth', intuitTid: 'tid-abc', qboCode: '3200', retriable: false });
    expect(calls).toEqual([false, true]);
    expect(server.seen.map((s) => s.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('treats a Fault inside a 200 as an error', async () => {
    server = await scriptedServer([json(200, fault('610'))]);
    const client = clientFor(server.url);
    await expect(client.read('Customer', '99')).rejects.toMatchObject({ code: 'qbo_not_found', httpStatus: 200 });
  });
});
