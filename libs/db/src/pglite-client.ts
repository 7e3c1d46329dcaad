/**
 * A knex client for PGlite whose one PGlite instance can be shared by several knex
 * instances (one per service schema) in one process — the embedded mode.
 *
 * PGlite is a single session. Two knex instances on it would interleave their
 * transactions and overwrite each other's `search_path`. This client takes a mutex
 * shared by everyone on the same PGlite instance for as long as it holds its (only)
 * connection: a query, or a whole transaction. While holding it, it sets the session's
 * `search_path` to its own schema when another client changed it.
 */
import { runInThisContext } from 'node:vm';
import type { PGlite } from '@electric-sql/pglite';
import type { Knex } from 'knex';
import ClientPGLite from 'knex-pglite';
import { DatabaseUnavailableError } from './errors';
import { Mutex } from './mutex';

interface SharedSession {
  mutex: Mutex;
  /** The search_path the session has now, as last set by one of the clients. */
  searchPath: string | undefined;
}

const sessions = new WeakMap<PGlite, SharedSession>();

function sessionOf(pglite: PGlite): SharedSession {
  let session = sessions.get(pglite);
  if (!session) {
    session = { mutex: new Mutex(), searchPath: undefined };
    sessions.set(pglite, session);
  }
  return session;
}

export interface SharedPgliteConfig extends Knex.Config {
  /** The PGlite instance; the caller owns it (closing the knex instance never closes it). */
  pglite: PGlite;
  /** The schema this client works in (its search_path). */
  schema: string;
  /** How long a query waits for the shared session before failing. Default 60 s. */
  acquireTimeoutMs?: number;
}

/** The parts of knex's (untyped) client that this subclass overrides. */
interface KnexClientInternals {
  _query(connection: unknown, obj: { sql: string; bindings?: unknown[] }): Promise<unknown>;
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void>;
  setSchemaSearchPath(connection: unknown, searchPath?: unknown): Promise<boolean>;
  destroyRawConnection(connection: unknown): Promise<void>;
}

type KnexClientConstructor = new (config: Knex.Config) => KnexClientInternals;

/** Uint8Array of the realm PGlite was loaded in (see `loadPglite`): its serializer checks `instanceof`. */
const PgliteUint8Array = runInThisContext('Uint8Array') as Uint8ArrayConstructor;

/**
 * Dates and byte arrays as PGlite's serializer accepts them even when they come from
 * another realm (a VM sandbox such as Jest's): dates as ISO strings.
 */
function toPgliteValue(value: unknown): unknown {
  if (Object.prototype.toString.call(value) === '[object Date]') return (value as Date).toISOString();
  if (ArrayBuffer.isView(value) && !(value instanceof PgliteUint8Array)) {
    return new PgliteUint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  }
  return value;
}

const PgliteBase = ClientPGLite as unknown as KnexClientConstructor;

interface PgliteConnection {
  query(sql: string): Promise<unknown>;
}

export class SharedPgliteClient extends PgliteBase {
  private readonly session: SharedSession;
  private readonly schemaName: string;
  private readonly acquireTimeoutMs: number;
  private heldRelease: (() => void) | undefined;

  constructor(config: SharedPgliteConfig) {
    const { pglite, schema, acquireTimeoutMs, ...knexConfig } = config;
    super({ ...knexConfig, connection: () => ({ pglite }) as unknown as Knex.StaticConnectionConfig });
    this.session = sessionOf(pglite);
    this.schemaName = schema;
    this.acquireTimeoutMs = acquireTimeoutMs ?? 60_000;
  }

  override async acquireConnection(): Promise<unknown> {
    const release = await this.session.mutex.lock(
      this.acquireTimeoutMs,
      () =>
        new DatabaseUnavailableError(
          `PGlite session busy for ${this.acquireTimeoutMs} ms (schema ${this.schemaName}); is a query waiting for its own transaction?`,
        ),
    );
    try {
      const connection = await super.acquireConnection();
      const wanted = `"${this.schemaName}"`;
      if (this.session.searchPath !== wanted) {
        await (connection as PgliteConnection).query(`set search_path to ${wanted}`);
        this.session.searchPath = wanted;
      }
      this.heldRelease = release;
      return connection;
    } catch (err) {
      release();
      throw err;
    }
  }

  override async _query(connection: unknown, obj: { sql: string; bindings?: unknown[] }): Promise<unknown> {
    if (obj.bindings) obj.bindings = obj.bindings.map(toPgliteValue);
    return super._query(connection, obj);
  }

  override async releaseConnection(connection: unknown): Promise<void> {
    await super.releaseConnection(connection);
    const release = this.heldRelease;
    this.heldRelease = undefined;
    release?.();
  }

  /** The search_path is set under the shared lock in `acquireConnection`, not once per raw connection. */
  override async setSchemaSearchPath(): Promise<boolean> {
    return true;
  }

  /** The PGlite instance is shared: whoever opened it closes it. */
  override async destroyRawConnection(): Promise<void> {}
}
