/**
 * The errors the real pg driver and knex throw when the database is not there — refused,
 * cut by the server, or a pool with no connection to give — are classed once by kit's
 * `isDatabaseUnavailable` (retriable, code database_unavailable), and `ping()` (behind
 * /readyz) turns them into `DatabaseUnavailableError` without hanging.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { createDatabase } from '@ledgerbus/db';
import type { Database } from '@ledgerbus/db';
import { errorCode, isDatabaseUnavailable, isRetriable } from '@ledgerbus/kit';
import { databaseUrlFromEnv } from '@ledgerbus/testing';
import { knex as createKnex } from 'knex';
import { uniqueName } from './helpers';

/** A loopback port nothing listens on (bound, read, closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function thrown(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

function expectUnavailable(err: unknown): void {
  expect({ unavailable: isDatabaseUnavailable(err), retriable: isRetriable(err), code: errorCode(err) }).toEqual({
    unavailable: true,
    retriable: true,
    code: 'database_unavailable',
  });
}

describe('database-unavailable errors from the real driver', () => {
  const opened: Database[] = [];
  afterAll(async () => {
    for (const db of opened) await db.destroy();
  });

  it('classes a refused connection as unavailable, and ping() reports it promptly', async () => {
    const port = await closedPort();
    const k = createKnex({ client: 'pg', connection: { connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` }, pool: { min: 0, max: 2 } });
    try {
      expectUnavailable(await thrown(() => k.raw('select 1')));
    } finally {
      await k.destroy();
    }
    const err = await thrown(() => createDatabase({ url: `postgres://postgres@127.0.0.1:${port}/postgres` }, { schema: 'public' }));
    expectUnavailable(err);
  });

  it('classes a connection the server terminated (57P01 admin_shutdown) as unavailable, then works again', async () => {
    const schema = uniqueName('db_cut');
    const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, applicationName: `ledgerbus:${schema}`, pool: { min: 0, max: 1 } });
    opened.push(db);
    const killer = await createDatabase({ url: databaseUrlFromEnv() }, { schema: 'public', applicationName: 'ledgerbus:db-cut-killer', pool: { max: 1 } });
    opened.push(killer);
    try {
      const err = await thrown(() =>
        db.knex.transaction(async (trx) => {
          await trx.raw('select 1');
          await killer.knex.raw('select pg_terminate_backend(pid) from pg_stat_activity where application_name = ? and pid <> pg_backend_pid()', [`ledgerbus:${schema}`]);
          await trx.raw('select 1');
        }),
      );
      expectUnavailable(err);
      // The pool drops the dead connection and hands out a new one.
      await db.ping();
    } finally {
      await db.knex.raw('drop schema if exists ?? cascade', [schema]);
    }
  });

  it('classes a pool acquire timeout (KnexTimeoutError) as unavailable', async () => {
    const k = createKnex({ client: 'pg', connection: { connectionString: databaseUrlFromEnv(), application_name: 'ledgerbus:db-pool-timeout' }, pool: { min: 0, max: 1 }, acquireConnectionTimeout: 200 });
    try {
      await k.transaction(async (trx) => {
        await trx.raw('select 1');
        const err = await thrown(() => k.raw('select 1'));
        expect((err as Error).name).toBe('KnexTimeoutError');
        expectUnavailable(err);
      });
    } finally {
      await k.destroy();
    }
  });
});

describe('a database server that accepts connections but never answers', () => {
  it('fails a new connection after connectTimeoutMs as database_unavailable instead of hanging', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      const err = await thrown(() => createDatabase({ url: `postgres://postgres@127.0.0.1:${port}/postgres` }, { schema: 'public', connectTimeoutMs: 500 }));
      expect(Date.now() - started).toBeLessThan(5_000);
      expectUnavailable(err);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 30_000);
});
