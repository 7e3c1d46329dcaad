/**
 * The client's own logic over a scripted fetch: headers it sends (bearer, Idempotency-Key), how it
 * splits large batches, retries what is retriable with the same key, and maps answers to errors.
 * (The real services are in client.int.test.ts.)
 */
import { LedgerbusApiError, MAX_BATCH, chunk, createLedgerbusClient, mergeResults } from '../src/index';
import type { InvoiceInput } from '../src/index';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

function scripted(answers: Array<(req: Seen) => Response>) {
  const seen: Seen[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const text = await request.text();
    const req: Seen = { method: request.method, url: request.url, headers: Object.fromEntries(request.headers.entries()), body: text === '' ? undefined : JSON.parse(text) };
    seen.push(req);
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
    return answer(req);
  };
  return { fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const invoice = (id: string): InvoiceInput => ({ invoiceId: id, number: id, customerId: 'c-1', txnDate: '2026-03-01', lines: [{ productId: 'p', quantity: '1', unitPrice: '1.00' }] });

const accepted = (req: Seen) => {
  const records = (req.body as { records?: Array<{ invoiceId: string }> }).records ?? [req.body as { invoiceId: string }];
  return json(202, { accepted: records.map((r, index) => ({ index, platformId: r.invoiceId, version: 1, status: 'accepted', statusUrl: `/x/${r.invoiceId}` })), rejected: [] });
};

describe('createLedgerbusClient', () => {
  it('sends one record as is with the bearer token and the Idempotency-Key, to the ingest URL', async () => {
    const { fetch, seen } = scripted([accepted]);
    const client = createLedgerbusClient({ tenant: 'acme', token: async () => 'tok-1', urls: { ingest: 'http://ingest.test/' }, fetch });
    const res = await client.invoices.upsert(invoice('i-1'), { idempotencyKey: 'k-1' });
    expect(res.accepted).toEqual([expect.objectContaining({ platformId: 'i-1', version: 1 })]);
    expect(seen).toEqual([
      { method: 'POST', url: 'http://ingest.test/v1/tenants/acme/invoices', headers: expect.objectContaining({ authorization: 'Bearer tok-1', 'idempotency-key': 'k-1' }), body: invoice('i-1') },
    ]);
  });

  it('sends an array as { records }, and more than 500 in chunks whose keys and indexes follow the caller', async () => {
    const { fetch, seen } = scripted([accepted]);
    const client = createLedgerbusClient({ tenant: 'acme', token: 't', baseUrl: 'http://gw.test', fetch });
    const many = Array.from({ length: MAX_BATCH + 3 }, (_, i) => invoice(`i-${i}`));
    const res = await client.invoices.upsert(many, { idempotencyKey: 'batch-7' });
    expect(seen.map((s) => [(s.body as { records: unknown[] }).records.length, s.headers['idempotency-key']])).toEqual([
      [MAX_BATCH, 'batch-7.0'],
      [3, 'batch-7.1'],
    ]);
    expect(res.accepted).toHaveLength(MAX_BATCH + 3);
    expect(res.accepted[MAX_BATCH + 2]).toMatchObject({ index: MAX_BATCH + 2, platformId: `i-${MAX_BATCH + 2}` });
  });

  it('sends the same request again, same key, after 409 request_in_progress and 429, waiting Retry-After', async () => {
    const { fetch, seen } = scripted([
      () => json(409, { error: { code: 'request_in_progress', message: 'running' } }, { 'retry-after': '0' }),
      () => json(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '0' }),
      accepted,
    ]);
    const client = createLedgerbusClient({ tenant: 'acme', token: 't', baseUrl: 'http://gw.test', fetch });
    const res = await client.payments.void('p-1', {}, { idempotencyKey: 'void-p-1' });
    expect(res.rejected).toEqual([]);
    expect(seen.map((s) => [s.method, new URL(s.url).pathname, s.headers['idempotency-key']])).toEqual([
      ['POST', '/v1/tenants/acme/payments/p-1/void', 'void-p-1'],
      ['POST', '/v1/tenants/acme/payments/p-1/void', 'void-p-1'],
      ['POST', '/v1/tenants/acme/payments/p-1/void', 'void-p-1'],
    ]);
  });

  it('throws the service error with status, code and details, and does not retry a 422', async () => {
    const rejected = [{ index: 0, field: 'lines.0.quantity', code: 'invalid_type', message: 'expected string' }];
    const { fetch, seen } = scripted([() => json(422, { error: { code: 'records_rejected', message: 'no valid record', details: { rejected } } })]);
    const client = createLedgerbusClient({ tenant: 'acme', token: 't', baseUrl: 'http://gw.test', fetch });
    const error = await client.customers.upsert([{ customerId: 'c', displayName: 'C' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerbusApiError);
    expect(error).toMatchObject({ status: 422, code: 'records_rejected', details: { rejected }, retriable: false });
    expect(seen).toHaveLength(1);
  });

  it('gives up after the configured attempts on a 503 and says it is retriable', async () => {
    const { fetch, seen } = scripted([() => json(503, { error: { code: 'bus_unavailable', message: 'Kafka did not answer' } }, { 'retry-after': '0' })]);
    const client = createLedgerbusClient({ tenant: 'acme', token: 't', baseUrl: 'http://gw.test', fetch, retry: { attempts: 2 } });
    await expect(client.invoices.upsert(invoice('i'))).rejects.toMatchObject({ status: 503, code: 'bus_unavailable', retriable: true });
    expect(seen).toHaveLength(2);
  });

  it('maps delete options to the query, reads a record status, and answers null for a record never seen', async () => {
    const status = { tenantId: 'acme', entity: 'invoices', platformId: 'i-1', state: 'pushed', qboId: '12' };
    const { fetch, seen } = scripted([accepted, () => json(200, status), () => json(404, { error: { code: 'record_not_found', message: 'no' } })]);
    const client = createLedgerbusClient({ tenant: 'acme', token: 't', baseUrl: 'http://gw.test', fetch });
    await client.invoices.delete('i-1', { divisionId: 'east', version: 9 }).catch(() => undefined);
    expect(new URL(seen[0]!.url).search).toBe('?division=east&version=9');
    expect(seen[0]!.method).toBe('DELETE');
    await expect(client.records.status('invoices', 'i-1')).resolves.toEqual(status);
    await expect(client.records.status('invoices', 'nope')).resolves.toBeNull();
  });

  it('refuses to be built without a URL for the API it calls', async () => {
    const client = createLedgerbusClient({ tenant: 'acme', token: 't', urls: { ingest: 'http://ingest.test' } });
    await expect(client.syncRuns.list()).rejects.toThrow('urls.mapping');
    expect(() => createLedgerbusClient({ tenant: '', token: 't' })).toThrow('tenant');
  });
});

describe('batch helpers', () => {
  it('chunks and merges back with the caller indexes', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(
      mergeResults([
        { offset: 0, result: { accepted: [{ index: 0, platformId: 'a', version: 1, status: 'accepted', statusUrl: '' }], rejected: [] } },
        { offset: 2, result: { accepted: [], rejected: [{ index: 1, field: 'number', code: 'too_big', message: '' }] } },
      ]),
    ).toEqual({ accepted: [{ index: 0, platformId: 'a', version: 1, status: 'accepted', statusUrl: '' }], rejected: [{ index: 3, field: 'number', code: 'too_big', message: '' }] });
  });
});
