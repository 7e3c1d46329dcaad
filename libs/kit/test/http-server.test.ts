import { z } from 'zod';
import {
  ConflictError,
  UnavailableError,
  createHttpServer,
  createLogger,
  getOpenApiDocument,
  validationErrorFromZod,
  type HttpServer,
  type ReadinessCheck,
} from '@ledgerbus/kit';
import { memoryDestination } from './support/memory-destination';

const invoiceBody = z.object({
  customerId: z.string().min(1),
  amount: z.string().regex(/^\d+\.\d{2}$/, 'must be a decimal string like 12.50'),
  lines: z.array(z.object({ quantity: z.number().int().positive() })).default([]),
});

async function buildApp(options: { readiness?: ReadinessCheck[]; bodyLimit?: number } = {}) {
  const logs = memoryDestination();
  const app: HttpServer = await createHttpServer({
    logger: createLogger({ name: 'kit-http-test', level: 'info', destination: logs.stream }),
    name: 'kit-test',
    version: '1.2.3',
    readiness: options.readiness ?? [],
    readinessTimeoutMs: 200,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
  });
  app.post(
    '/invoices/:id',
    {
      schema: {
        params: z.object({ id: z.string().uuid() }),
        body: invoiceBody,
        response: { 201: z.object({ id: z.string(), amount: z.string() }) },
      },
    },
    async (request, reply) => reply.code(201).send({ id: request.params.id, amount: request.body.amount }),
  );
  app.get('/conflict', async () => {
    throw new ConflictError('sync_token_conflict', 'the invoice changed in QBO', { invoiceId: 'inv-1' });
  });
  app.get('/unavailable', async () => {
    throw new UnavailableError('qbo_unavailable', 'connect ECONNREFUSED 10.1.2.3:443');
  });
  app.get('/mapping-check', async () => {
    const parsed = z.object({ incomeAccountId: z.string() }).safeParse({ incomeAccountId: 42 });
    if (!parsed.success) throw validationErrorFromZod(parsed.error, 'mapping');
    return parsed.data;
  });
  app.get('/crash', async () => {
    throw new Error('db password=hunter2 at 10.0.0.7 rejected');
  });
  await app.ready();
  return { app, logs };
}

/** The value of the sample of `metric` whose labels include `labels` (any order). */
function sampleValue(exposition: string, metric: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = exposition
    .split('\n')
    .find((l) => l.startsWith(`${metric}{`) && wanted.every((w) => l.slice(l.indexOf('{'), l.lastIndexOf('}')).split(',').some((p) => p.replace(/^\{/, '') === w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const ID = '0b8e2f0e-6c43-4c1f-9a51-3f6f8b7f4a11';

describe('createHttpServer: health and readiness', () => {
  it('answers /healthz with 200 while the process runs', async () => {
    const { app } = await buildApp({ readiness: [{ name: 'db', check: () => Promise.reject(new Error('down')) }] });
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    await app.close();
  });

  it('answers /readyz with 200 when every check passes', async () => {
    const { app } = await buildApp({
      readiness: [
        { name: 'db', check: async () => undefined },
        { name: 'bus', check: async () => undefined },
      ],
    });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { db: 'ok', bus: 'ok' } });
    await app.close();
  });

  it('answers /readyz with 503 naming the check that failed or hung', async () => {
    const { app } = await buildApp({
      readiness: [
        { name: 'db', check: async () => undefined },
        { name: 'bus', check: () => Promise.reject(new Error('broker 127.0.0.1:9092 not reachable')) },
        { name: 'slow', check: () => new Promise<void>(() => undefined) },
      ],
    });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'not_ready',
      checks: { db: 'ok', bus: 'failed', slow: 'failed' },
      failed: [
        { name: 'bus', error: 'broker 127.0.0.1:9092 not reachable' },
        { name: 'slow', error: 'timed out after 200 ms' },
      ],
    });
    await app.close();
  });
});

describe('createHttpServer: metrics', () => {
  it('exposes default metrics and the request duration histogram by route, method and status', async () => {
    const { app } = await buildApp();
    await app.inject({ method: 'POST', url: `/invoices/${ID}`, payload: { customerId: 'c-1', amount: '10.00' } });
    await app.inject({ method: 'POST', url: `/invoices/${ID}`, payload: { customerId: 'c-1', amount: 10 } });

    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('process_cpu_user_seconds_total');
    expect(sampleValue(res.body, 'http_request_duration_seconds_count', { method: 'POST', route: '/invoices/:id', status_code: '201', service: 'kit-test' })).toBe(1);
    expect(sampleValue(res.body, 'http_request_duration_seconds_count', { method: 'POST', route: '/invoices/:id', status_code: '400' })).toBe(1);
    await app.close();
  });
});

describe('createHttpServer: OpenAPI', () => {
  it('serves an OpenAPI 3.1 document at /docs/json with the route zod schemas', async () => {
    const { app } = await buildApp();
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'kit-test', version: '1.2.3', license: { name: 'Apache-2.0', identifier: 'Apache-2.0' } });
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    const op = doc.paths['/invoices/{id}'].post;
    const body = op.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['customerId', 'amount']);
    expect(body.properties.amount).toMatchObject({ type: 'string', pattern: '^\\d+\\.\\d{2}$' });
    expect(body.properties.lines.items.properties.quantity).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
    expect(op.parameters).toEqual([expect.objectContaining({ in: 'path', name: 'id', required: true })]);
    expect(op.responses['201'].content['application/json'].schema.properties.id).toEqual({ type: 'string' });
    expect(Object.keys(doc.paths)).not.toContain('/healthz');
    expect(await getOpenApiDocument(app)).toEqual(doc);
    await app.close();
  });
});

describe('createHttpServer: error mapping', () => {
  it('rejects a body with a wrong field type with 400 validation_failed naming the field', async () => {
    const { app } = await buildApp();
    const res = await app.inject({
      method: 'POST',
      url: `/invoices/${ID}`,
      payload: { customerId: 'c-1', amount: 12.5, lines: [{ quantity: 'two' }] },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('invalid body.amount, body.lines.0.quantity');
    expect(error.details.fields).toEqual([
      { in: 'body', path: 'amount', reason: 'Invalid input: expected string, received number' },
      { in: 'body', path: 'lines.0.quantity', reason: 'Invalid input: expected number, received string' },
    ]);
    await app.close();
  });

  it('rejects a missing field and a bad path parameter with 400 naming them', async () => {
    const { app } = await buildApp();
    const missing = await app.inject({ method: 'POST', url: `/invoices/${ID}`, payload: { amount: '1.00' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields).toEqual([
      { in: 'body', path: 'customerId', reason: 'Invalid input: expected string, received undefined' },
    ]);

    const badParam = await app.inject({ method: 'POST', url: '/invoices/nope', payload: { customerId: 'c', amount: '1.00' } });
    expect(badParam.statusCode).toBe(400);
    expect(badParam.json().error).toMatchObject({ code: 'validation_failed', details: { fields: [{ in: 'params', path: 'id' }] } });
    await app.close();
  });

  it('answers a zod error raised inside a handler with the same 400 shape', async () => {
    const { app } = await buildApp();
    const res = await app.inject({ method: 'GET', url: '/mapping-check' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'validation_failed',
        message: 'invalid mapping.incomeAccountId',
        details: { fields: [{ in: 'mapping', path: 'incomeAccountId', reason: 'Invalid input: expected string, received number' }] },
      },
    });
    await app.close();
  });

  it('maps a LedgerbusError to its status, code, message and details', async () => {
    const { app } = await buildApp();
    const res = await app.inject({ method: 'GET', url: '/conflict' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: { code: 'sync_token_conflict', message: 'the invoice changed in QBO', details: { invoiceId: 'inv-1' } },
    });
    await app.close();
  });

  it('keeps the code of a 5xx LedgerbusError but hides its message', async () => {
    const { app } = await buildApp();
    const res = await app.inject({ method: 'GET', url: '/unavailable' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: { code: 'qbo_unavailable', message: 'service unavailable, try again later' } });
    expect(res.body).not.toContain('10.1.2.3');
    await app.close();
  });

  it('answers an unexpected error with 500 internal_error, no internals, and logs the real error', async () => {
    const { app, logs } = await buildApp();
    const res = await app.inject({ method: 'GET', url: '/crash' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal_error', message: 'internal error' } });
    expect(res.body).not.toContain('hunter2');
    const logged = logs.entries().find((e) => e.msg === 'request failed');
    expect(logged).toMatchObject({ level: 50, err: { message: 'db password=hunter2 at 10.0.0.7 rejected' } });
    await app.close();
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const { app } = await buildApp();
    const res = await app.inject({
      method: 'POST',
      url: `/invoices/${ID}`,
      headers: { 'content-type': 'application/json' },
      payload: '{"customerId": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
    await app.close();
  });

  it('answers an unsupported content type with 415 unsupported_media_type', async () => {
    const { app } = await buildApp();
    const res = await app.inject({
      method: 'POST',
      url: `/invoices/${ID}`,
      headers: { 'content-type': 'application/xml' },
      payload: '<invoice/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    await app.close();
  });

  it('answers a body over the limit with 413 payload_too_large', async () => {
    const { app } = await buildApp({ bodyLimit: 100 });
    const res = await app.inject({
      method: 'POST',
      url: `/invoices/${ID}`,
      payload: { customerId: 'x'.repeat(200), amount: '1.00' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    await app.close();
  });

  it('answers an unknown route with 404 not_found in the same shape', async () => {
    const { app } = await buildApp();
    const res = await app.inject({ method: 'GET', url: '/nowhere?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'route GET /nowhere not found' } });
    await app.close();
  });
});

describe('createHttpServer: request logging', () => {
  it('censors OAuth codes, state and tokens in logged request URLs and keeps the other parameters', async () => {
    const logs = memoryDestination();
    const app = await createHttpServer({ logger: createLogger({ name: 'kit-http-test', level: 'info', destination: logs.stream }), name: 'kit-test', version: '1.2.3' });
    app.get('/v1/oauth/callback', async () => ({ ok: true }));
    const res = await app.inject({
      method: 'GET',
      url: '/v1/oauth/callback?code=SECRET-code-1&state=SECRET-state-2&realmId=9130&Token=SECRET-t-3&access_token=SECRET-a-4&refresh_token=SECRET-r-5',
    });
    expect(res.statusCode).toBe(200);
    expect(logs.lines.join('\n')).not.toContain('SECRET');
    const incoming = logs.entries().find((e) => e.msg === 'incoming request') as { req: { method: string; url: string } } | undefined;
    expect(incoming?.req).toMatchObject({
      method: 'GET',
      url: '/v1/oauth/callback?code=[REDACTED]&state=[REDACTED]&realmId=9130&Token=[REDACTED]&access_token=[REDACTED]&refresh_token=[REDACTED]',
    });
    await app.close();
  });
});
