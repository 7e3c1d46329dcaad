import type { Migration } from '@ledgerbus/db';
import { outboxMigrations } from '@ledgerbus/db';
import { deadLettersMigration } from './dead-letters.migration';

/** The mapping service's own tables (in its schema; the outbox and inbox come first). */
const initial: Migration = {
  name: 'mapping_0001_initial',
  async up(knex) {
    // One settings document per tenant and division ('' = the whole tenant).
    await knex.schema.createTable('settings', (t) => {
      t.text('tenant_id').notNullable();
      t.text('division_id').notNullable().defaultTo('');
      t.integer('version').notNullable();
      t.jsonb('settings').notNullable();
      t.jsonb('mappings').notNullable();
      t.jsonb('problems').notNullable().defaultTo(knex.raw("'[]'::jsonb"));
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.text('updated_by').nullable();
      t.primary(['tenant_id', 'division_id']);
    });
    // The tenant ↔ realm connection, from connector.connections.v1.
    await knex.schema.createTable('connections', (t) => {
      t.text('tenant_id').notNullable();
      t.text('division_id').notNullable().defaultTo('');
      t.text('realm_id').notNullable();
      t.text('company_name').notNullable();
      t.text('status').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'division_id']);
      t.index(['realm_id']);
    });
    // Reference data of each connected company, from qbo.changes.v1.
    await knex.schema.createTable('reference_objects', (t) => {
      t.text('realm_id').notNullable();
      t.text('entity').notNullable();
      t.text('qbo_id').notNullable();
      t.text('name').notNullable();
      t.text('type').nullable();
      t.boolean('active').notNullable();
      t.boolean('deleted').notNullable().defaultTo(false);
      t.bigInteger('sync_token').nullable();
      t.timestamp('last_updated', { useTz: true }).notNullable();
      t.jsonb('object').nullable();
      t.primary(['realm_id', 'entity', 'qbo_id']);
    });
    await knex.schema.createTable('links', (t) => {
      t.text('tenant_id').notNullable();
      t.text('entity').notNullable();
      t.text('platform_id').notNullable();
      t.text('realm_id').notNullable();
      t.text('qbo_id').notNullable();
      t.text('source').notNullable(); // 'sync' | 'manual'
      t.text('linked_by').nullable();
      t.timestamp('linked_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'entity', 'platform_id']);
      t.index(['tenant_id', 'entity', 'qbo_id']);
    });
    await knex.schema.createTable('sync_log', (t) => {
      t.bigIncrements('id').primary();
      t.text('event_id').notNullable().unique();
      t.text('tenant_id').notNullable();
      t.text('type').notNullable();
      t.text('entity').notNullable();
      t.text('platform_id').nullable();
      t.text('qbo_id').nullable();
      t.text('outcome').notNullable();
      t.text('reason').nullable();
      t.text('run_id').nullable();
      t.text('phase').nullable();
      t.timestamp('occurred_at', { useTz: true }).notNullable();
      t.jsonb('data').notNullable();
      t.timestamp('retry_requested_at', { useTz: true }).nullable();
      t.text('retry_requested_by').nullable();
      t.index(['tenant_id', 'occurred_at']);
      t.index(['tenant_id', 'outcome']);
      t.index(['tenant_id', 'entity', 'platform_id']);
    });
    await knex.schema.createTable('sync_runs', (t) => {
      t.text('tenant_id').notNullable();
      t.text('run_id').notNullable();
      t.text('kind').nullable();
      t.text('status').notNullable(); // running | succeeded | failed | partial
      t.timestamp('started_at', { useTz: true }).nullable();
      t.timestamp('ended_at', { useTz: true }).nullable();
      t.integer('succeeded').notNullable().defaultTo(0);
      t.integer('failed').notNullable().defaultTo(0);
      t.integer('skipped').notNullable().defaultTo(0);
      t.text('error').nullable();
      t.primary(['tenant_id', 'run_id']);
    });
    await knex.schema.createTable('sync_run_phases', (t) => {
      t.text('tenant_id').notNullable();
      t.text('run_id').notNullable();
      t.text('phase').notNullable();
      t.timestamp('started_at', { useTz: true }).nullable();
      t.timestamp('ended_at', { useTz: true }).nullable();
      t.integer('succeeded').notNullable().defaultTo(0);
      t.integer('failed').notNullable().defaultTo(0);
      t.integer('skipped').notNullable().defaultTo(0);
      t.text('error').nullable();
      t.primary(['tenant_id', 'run_id', 'phase']);
    });
    await knex.schema.createTable('audit_log', (t) => {
      t.bigIncrements('id').primary();
      t.text('tenant_id').notNullable();
      t.text('division_id').notNullable().defaultTo('');
      t.text('actor').notNullable();
      t.boolean('actor_is_service').notNullable();
      t.text('action').notNullable();
      t.text('resource').notNullable();
      t.jsonb('before').nullable();
      t.jsonb('after').nullable();
      t.timestamp('at', { useTz: true }).notNullable();
      t.index(['tenant_id', 'at']);
    });
  },
  async down(knex) {
    for (const table of ['audit_log', 'sync_run_phases', 'sync_runs', 'sync_log', 'links', 'reference_objects', 'connections', 'settings']) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};

/** The records currently held: one row per tenant, entity and platform id while it waits; a later outcome deletes it. */
const heldRecords: Migration = {
  name: 'mapping_0002_held_records',
  async up(knex) {
    await knex.schema.createTable('held_records', (t) => {
      t.text('tenant_id').notNullable();
      t.text('entity').notNullable();
      t.text('platform_id').notNullable();
      t.text('division_id').notNullable().defaultTo('');
      t.text('reason').notNullable();
      t.integer('version').nullable();
      // Since when it is held (for any reason), and the sync-log line that last held it.
      t.timestamp('held_since', { useTz: true }).notNullable();
      t.bigInteger('entry_id').notNullable();
      t.primary(['tenant_id', 'entity', 'platform_id']);
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('held_records');
  },
};

/** The newest settings version each worker reported applying (`settings.applied`), per tenant and division. */
const settingsApplied: Migration = {
  name: 'mapping_0003_settings_applied',
  async up(knex) {
    await knex.schema.createTable('settings_applied', (t) => {
      t.text('tenant_id').notNullable();
      t.text('division_id').notNullable().defaultTo('');
      t.text('service').notNullable();
      t.integer('version').notNullable();
      t.timestamp('applied_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'division_id', 'service']);
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('settings_applied');
  },
};

/**
 * Divisions (seed 001): a link and a sync-log line belong to the tenant or to one of its divisions
 * ('' = the tenant itself); the same platform id in two divisions is two links.
 */
const divisions: Migration = {
  name: 'mapping_0004_link_and_sync_log_divisions',
  async up(knex) {
    await knex.schema.alterTable('links', (t) => {
      t.text('division_id').notNullable().defaultTo('');
    });
    await knex.raw('alter table links drop constraint links_pkey');
    await knex.raw('alter table links add primary key (tenant_id, division_id, entity, platform_id)');
    await knex.schema.alterTable('sync_log', (t) => {
      t.text('division_id').notNullable().defaultTo('');
      t.index(['tenant_id', 'division_id', 'occurred_at']);
    });
  },
};

/**
 * Sync runs (issue 14): a run of a tenant or division, its phases in order, and the outcome
 * of each record it queued (one row per record: the latest outcome wins). At most one run
 * per scope is queued or running (partial unique index).
 */
const syncRuns: Migration = {
  name: 'mapping_0005_sync_runs',
  async up(knex) {
    await knex.schema.createTable('runs', (t) => {
      t.text('run_id').primary();
      t.text('tenant_id').notNullable();
      t.text('division_id').notNullable().defaultTo('');
      t.text('kind').notNullable(); // enable | manual | retry
      t.text('status').notNullable(); // queued | running | succeeded | partially_failed | failed | cancelled
      t.text('started_by_type').notNullable();
      t.text('started_by_id').notNullable();
      t.text('idempotency_key').nullable();
      t.jsonb('targets').nullable(); // retry runs: { customers: [ids], invoices: [...], payments: [...] }
      t.text('error').nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('started_at', { useTz: true }).nullable();
      t.timestamp('ended_at', { useTz: true }).nullable();
      t.timestamp('cancel_requested_at', { useTz: true }).nullable();
      t.text('cancel_requested_by').nullable();
      t.index(['tenant_id', 'created_at']);
    });
    await knex.raw("create unique index runs_one_active on runs (tenant_id, division_id) where status in ('queued', 'running')");
    await knex.raw('create unique index runs_idempotency on runs (tenant_id, idempotency_key) where idempotency_key is not null');
    await knex.schema.createTable('run_phases', (t) => {
      t.text('run_id').notNullable().references('run_id').inTable('runs').onDelete('cascade');
      t.text('phase').notNullable();
      t.integer('ord').notNullable();
      t.text('status').notNullable(); // pending | running | completed | skipped | failed | cancelled
      t.text('note').nullable();
      t.jsonb('scanned').nullable(); // the owner's sync.phase_scanned answer
      t.timestamp('requested_at', { useTz: true }).nullable();
      t.timestamp('started_at', { useTz: true }).nullable();
      t.timestamp('ended_at', { useTz: true }).nullable();
      t.timestamp('progress_at', { useTz: true }).nullable();
      t.primary(['run_id', 'phase']);
    });
    await knex.schema.createTable('run_records', (t) => {
      t.text('run_id').notNullable().references('run_id').inTable('runs').onDelete('cascade');
      t.text('phase').notNullable();
      t.text('entity').notNullable();
      t.text('platform_id').notNullable();
      t.text('outcome').notNullable(); // pushed | skipped | held | failed | waiting
      t.text('reason').nullable();
      t.text('event_type').notNullable();
      t.text('sync_log_id').nullable();
      t.timestamp('at', { useTz: true }).notNullable();
      t.primary(['run_id', 'entity', 'platform_id']);
      t.index(['run_id', 'phase', 'outcome']);
    });
  },
};

export const mappingMigrations: Migration[] = outboxMigrations([initial, heldRecords, settingsApplied, divisions, syncRuns, deadLettersMigration]);
