import { createHttpServer, createLogger, type HttpServer } from '@ledgerbus/kit';
import { memoryDestination } from './support/memory-destination';

/** Errors as the pg driver and knex throw them while PostgreSQL restarts. */
const outageErrors: Record<string, () => Error> = {
  refused: () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' }),
  terminated: () => new Error('Connection terminated unexpectedly'),
  'shutting-down': () => Object.assign(new Error('the database system is shutting down'), { code: '57P03' }),
  'pool-timeout': () => Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }),
};

async function buildApp(): Promise<{ app: HttpServer; logs: ReturnType<typeof memoryDestination> }> {
  const logs = memoryDestination();
  const app = await createHttpServer({ logger: createLogger({ name: 'kit-db-http-test', level: 'info', destination: logs.stream }), name: 'kit-test', version: '1.0.0' });
  app.get('/outage/:kind', async (request) => {
    throw outageErrors[(request.params as { kind: string }).kind]!();
  });
  app.get('/crash', async () => {
    throw new Error('something else broke');
  });
  await app.ready();
  return { app, logs };
}

describe('HTTP answers while the database is unavailable', () => {
  let app: HttpServer;
  beforeAll(async () => {
    ({ app } = await buildApp());
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(Object.keys(outageErrors))('answers 503 database_unavailable with Retry-After, not 500, for a %s database error', async (kind) => {
    const res = await app.inject({ method: 'GET', url: `/outage/${kind}` });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    const body = res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('database_unavailable');
    // No driver internals (addresses, SQL) in the answer.
    expect(body.error.message).not.toMatch(/5432|ECONNREFUSED|Knex/);
  });

  it('still answers 500 internal_error without Retry-After for an unknown error', async () => {
    const res = await app.inject({ method: 'GET', url: '/crash' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.json<{ error: { code: string } }>().error.code).toBe('internal_error');
  });
});
