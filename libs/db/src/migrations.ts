import type { Knex } from 'knex';
import { DatabaseUsageError } from './errors';
import { assertSchemaName, ensureSchema } from './knex';

/** One migration of a service, listed in TypeScript (no migration directory). */
export interface Migration {
  /** Unique and stable forever: it is the row in the migrations table. */
  name: string;
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

export interface MigrateOptions {
  schema: string;
  migrations: readonly Migration[];
  /** Migrations table, inside `schema`. Default `knex_migrations` (and `knex_migrations_lock`). */
  tableName?: string;
}

export interface MigrateResult {
  /** Names applied by this call, in order; empty when the schema was already current. */
  applied: string[];
}

/** Outbox and inbox tables that every service with events gets (see `outboxMigrations`). */
export const OUTBOX_TABLE = 'outbox';
export const INBOX_TABLE = 'inbox';
/** Outbox rows that the bus rejects for good (see the relay), kept with the reason. */
export const OUTBOX_DEAD_TABLE = 'outbox_dead';

const outboxAndInbox: Migration = {
  name: 'ledgerbus_db_0001_outbox_inbox',
  async up(knex) {
    await knex.schema.createTable(OUTBOX_TABLE, (t) => {
      // The relay publishes in id order: per key, the order in which rows were written.
      t.bigIncrements('id').primary();
      t.text('topic').notNullable();
      t.text('key').notNullable();
      t.jsonb('event').notNullable();
      t.jsonb('headers').notNullable().defaultTo(knex.raw("'{}'::jsonb"));
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    });
    await knex.schema.createTable(INBOX_TABLE, (t) => {
      t.text('consumer').notNullable();
      t.text('event_id').notNullable();
      t.timestamp('processed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.primary(['consumer', 'event_id']);
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists(INBOX_TABLE);
    await knex.schema.dropTableIfExists(OUTBOX_TABLE);
  },
};

const outboxDead: Migration = {
  name: 'ledgerbus_db_0002_outbox_dead',
  async up(knex) {
    await knex.schema.createTable(OUTBOX_DEAD_TABLE, (t) => {
      // The row's outbox id, kept: where it stood in the publish order of its key.
      t.bigInteger('id').primary();
      t.text('topic').notNullable();
      t.text('key').notNullable();
      t.jsonb('event').notNullable();
      t.jsonb('headers').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('failed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.text('error_code').notNullable();
      t.text('error_message').notNullable();
      t.jsonb('error_details');
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists(OUTBOX_DEAD_TABLE);
  },
};

/**
 * A service's migration list with the outbox, inbox and outbox_dead tables first:
 * `migrate(knex, { schema, migrations: outboxMigrations([...mine]) })`. A schema migrated
 * before a library migration existed gets it on its next `migrate` (knex runs the names
 * it has not applied, whatever their place in the list).
 */
export function outboxMigrations(serviceMigrations: readonly Migration[] = []): Migration[] {
  return [outboxAndInbox, outboxDead, ...serviceMigrations];
}

class InCodeMigrationSource implements Knex.MigrationSource<Migration> {
  constructor(private readonly migrations: readonly Migration[]) {}
  getMigrations(): Promise<Migration[]> {
    return Promise.resolve([...this.migrations]);
  }
  getMigrationName(migration: Migration): string {
    return migration.name;
  }
  getMigration(migration: Migration): Promise<Knex.Migration> {
    return Promise.resolve({
      up: (knex: Knex) => migration.up(knex),
      down: (knex: Knex) => (migration.down ? migration.down(knex) : Promise.reject(new Error(`migration ${migration.name} has no down`))),
    });
  }
}

function isRealPostgres(knex: Knex): boolean {
  return (knex.client as { config: Knex.Config }).config.client === 'pg';
}

/** A stable 32-bit key for the advisory lock that serializes migrations of one schema. */
const MIGRATION_LOCK_CLASS = 0x6c62_6d67; // "lbmg"

/**
 * Bring the service's schema up to date: creates the schema, keeps the migrations table
 * inside it, runs pending migrations in list order (each in a transaction). Idempotent,
 * and safe when several replicas start at once (on PostgreSQL an advisory lock per
 * schema serializes them).
 */
export async function migrate(knex: Knex, options: MigrateOptions): Promise<MigrateResult> {
  const { schema, migrations } = options;
  assertSchemaName(schema);
  const names = new Set<string>();
  for (const m of migrations) {
    if (names.has(m.name)) throw new DatabaseUsageError('duplicate_migration', `migration "${m.name}" is listed twice`, { name: m.name });
    names.add(m.name);
  }
  const config: Knex.MigratorConfig = {
    migrationSource: new InCodeMigrationSource(migrations),
    schemaName: schema,
    tableName: options.tableName ?? 'knex_migrations',
  };

  const run = async (): Promise<MigrateResult> => {
    await ensureSchema(knex, schema);
    const [, applied] = (await knex.migrate.latest(config)) as [number, string[]];
    return { applied };
  };

  if (!isRealPostgres(knex)) return run(); // PGlite: one session, one process.

  // Hold a session advisory lock on a connection of its own while migrating.
  const client = knex.client as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<void> };
  const connection = (await client.acquireConnection()) as { query(sql: string, values: unknown[]): Promise<unknown> };
  try {
    await connection.query('select pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    try {
      return await run();
    } finally {
      await connection.query('select pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    }
  } finally {
    await client.releaseConnection(connection);
  }
}
