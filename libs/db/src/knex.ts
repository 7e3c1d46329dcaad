import { runInThisContext } from 'node:vm';
import type * as PgliteNamespace from '@electric-sql/pglite';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { knex as createKnex } from 'knex';
import type { Knex } from 'knex';
import { DatabaseUnavailableError, DatabaseUsageError } from './errors';
import { SharedPgliteClient } from './pglite-client';

/** Where the data lives: a real PostgreSQL server, or an embedded PGlite database. */
export type DatabaseTarget =
  | { url: string }
  | {
      pglite: {
        /**
         * A directory for the data. Services that name the same directory in one process
         * share one PGlite instance (each in its own schema); it closes with the last of them.
         * Without `dataDir` and `instance`, a private in-memory database.
         */
        dataDir?: string;
        /** An instance the caller opened and shares between services; the caller closes it. */
        instance?: PGlite;
      };
    };

export interface DatabaseOptions {
  /** The service's own PostgreSQL schema: created if missing, and the connection's search_path. */
  schema: string;
  /** Pool bounds (real PostgreSQL only; PGlite is one session). Default { min: 0, max: 10 }. */
  pool?: { min?: number; max?: number };
  /** Application name shown in pg_stat_activity (real PostgreSQL only). */
  applicationName?: string;
  /**
   * Longest wait for a new connection (real PostgreSQL only): a server that accepts TCP but
   * does not answer (starting, blackholed) fails the attempt with "Connection terminated due
   * to connection timeout" (database unavailable, retried) instead of hanging. Default 10 s.
   */
  connectTimeoutMs?: number;
}

export interface Database {
  readonly knex: Knex;
  readonly schema: string;
  readonly dialect: 'postgres' | 'pglite';
  /** Readiness: resolves when a trivial query answers, else throws `database_unavailable`. */
  ping(): Promise<void>;
  /** Close the pool (and the PGlite instance when this was its last user and it owns it). Idempotent. */
  destroy(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new DatabaseUsageError('invalid_schema_name', `schema "${schema}" must match ${SCHEMA_NAME.source}`, { schema });
  }
}

type PgliteModule = typeof PgliteNamespace;

/**
 * PGlite, loaded by Node's real CommonJS loader. PGlite's start-up uses `import()` of
 * Node built-ins, which a VM sandbox such as Jest's refuses (without
 * --experimental-vm-modules); Jest also swaps `require`, `node:module` and
 * `process.getBuiltinModule` for its own. `runInThisContext` evaluates in Node's main
 * context, whose `process` is the real one. Outside a sandbox this is a plain require.
 */
function loadPglite(): PgliteModule {
  const realProcess = runInThisContext('process') as NodeJS.Process;
  const realModule = realProcess.getBuiltinModule('node:module');
  return realModule.createRequire(__filename)('@electric-sql/pglite') as PgliteModule;
}

/**
 * Open a PGlite database (in memory, or in `dataDir`) to share between services of one
 * process: pass it as `createDatabase({ pglite: { instance } }, …)`. The caller closes it.
 */
export async function openPglite(dataDir?: string, options: PGliteOptions = {}): Promise<PGlite> {
  const { PGlite: PGliteClass } = loadPglite();
  const pglite = new PGliteClass(dataDir, options);
  await pglite.waitReady;
  return pglite;
}

/** Shared PGlite instances by data directory, with the number of databases using each. */
const sharedByDir = new Map<string, { pglite: PGlite; users: number }>();

async function acquirePglite(dataDir: string | undefined): Promise<{ pglite: PGlite; close: () => Promise<void> }> {
  if (dataDir === undefined) {
    const pglite = await openPglite();
    return { pglite, close: () => pglite.close() };
  }
  let entry = sharedByDir.get(dataDir);
  if (!entry) {
    entry = { pglite: new (loadPglite().PGlite)(dataDir), users: 0 };
    sharedByDir.set(dataDir, entry);
  }
  entry.users += 1;
  const shared = entry;
  await shared.pglite.waitReady;
  return {
    pglite: shared.pglite,
    close: async () => {
      shared.users -= 1;
      if (shared.users === 0) {
        sharedByDir.delete(dataDir);
        await shared.pglite.close();
      }
    },
  };
}

/** `create schema if not exists`, tolerating a concurrent creator. */
export async function ensureSchema(knex: Knex, schema: string): Promise<void> {
  assertSchemaName(schema);
  try {
    await knex.raw('create schema if not exists ??', [schema]);
  } catch (err) {
    // Two processes creating the same schema at once: one of them gets a unique violation.
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw err;
  }
}

/**
 * A knex instance bound to the service's own schema (its search_path), on real
 * PostgreSQL (pg driver) or on PGlite (embedded mode). The schema is created if missing.
 */
export async function createDatabase(target: DatabaseTarget, options: DatabaseOptions): Promise<Database> {
  const { schema } = options;
  assertSchemaName(schema);
  let knex: Knex;
  let dialect: Database['dialect'];
  let closeEngine: () => Promise<void> = async () => {};

  if ('url' in target) {
    dialect = 'postgres';
    knex = createKnex({
      client: 'pg',
      connection: {
        connectionString: target.url,
        application_name: options.applicationName ?? `ledgerbus:${schema}`,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
        // Notice a peer that vanished (a host gone, not a clean shutdown) on idle connections too.
        keepAlive: true,
      },
      searchPath: [schema],
      pool: { min: options.pool?.min ?? 0, max: options.pool?.max ?? 10 },
    });
  } else {
    dialect = 'pglite';
    let pglite: PGlite;
    if (target.pglite.instance) {
      pglite = target.pglite.instance;
      await pglite.waitReady;
    } else {
      const opened = await acquirePglite(target.pglite.dataDir);
      pglite = opened.pglite;
      closeEngine = opened.close;
    }
    knex = createKnex({ client: SharedPgliteClient, pglite, schema } as unknown as Knex.Config);
  }

  let destroyed = false;
  const database: Database = {
    knex,
    schema,
    dialect,
    async ping() {
      try {
        await knex.raw('select 1');
      } catch (err) {
        throw new DatabaseUnavailableError(`database (${dialect}, schema ${schema}) does not answer: ${(err as Error).message}`, err);
      }
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await knex.destroy();
      await closeEngine();
    },
  };

  try {
    await ensureSchema(knex, schema);
  } catch (err) {
    await database.destroy();
    throw new DatabaseUnavailableError(`cannot create schema ${schema}: ${(err as Error).message}`, err);
  }
  return database;
}
