import type { Migration } from '@ledgerbus/db';

/**
 * The tables every push service owns in its own schema:
 * - `push_jobs`: one row per platform record — what the platform wants (op, version,
 *   payload) and what QBO holds (qbo_id, sync token, pushed version): the push state;
 * - `push_leases`: which worker pushes a tenant right now (expiring, so a killed worker's
 *   tenants move on), or which run scan tags its jobs;
 * - `tenant_settings`, `links`: the read model of `mapping.settings.v1` and `sync.links.v1`;
 * - `qbo_items`: items found or created in QBO, by name.
 */
export const pushMigrations: Migration[] = [
  {
    name: 'push_0001_jobs_leases_read_model',
    async up(knex) {
      await knex.schema.createTable('push_jobs', (t) => {
        t.text('tenant_id').notNullable();
        t.text('record_id').notNullable();
        t.bigIncrements('seq', { primaryKey: false });
        t.text('op').notNullable(); // upsert | void | delete
        t.bigInteger('version').notNullable();
        t.jsonb('payload'); // the latest upsert's data
        t.text('event_id').notNullable();
        t.text('source_topic').notNullable();
        t.text('status').notNullable().defaultTo('pending'); // pending | done | failed | skipped
        t.integer('attempts').notNullable().defaultTo(0);
        t.boolean('in_doubt').notNullable().defaultTo(false);
        t.timestamp('not_before', { useTz: true }).notNullable().defaultTo(knex.fn.now());
        t.timestamp('waiting_since', { useTz: true }).notNullable().defaultTo(knex.fn.now());
        t.text('last_code');
        t.text('last_message');
        t.text('realm_id');
        t.text('qbo_id');
        t.text('qbo_sync_token');
        t.text('qbo_doc_number');
        t.text('qbo_state'); // created | voided | deleted
        t.bigInteger('pushed_version');
        t.text('pushed_op');
        t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
        t.primary(['tenant_id', 'record_id']);
      });
      await knex.raw("create index push_jobs_ready_idx on push_jobs (tenant_id, seq) where status = 'pending'");
      await knex.schema.createTable('push_leases', (t) => {
        t.text('tenant_id').primary();
        t.text('owner').notNullable();
        t.timestamp('until', { useTz: true }).notNullable();
      });
      await knex.schema.createTable('tenant_settings', (t) => {
        t.text('tenant_key').primary();
        t.integer('version').notNullable();
        t.text('updated_at').notNullable();
        t.jsonb('body').notNullable();
      });
      await knex.schema.createTable('links', (t) => {
        t.text('tenant_id').notNullable();
        t.text('entity').notNullable();
        t.text('platform_id').notNullable();
        t.text('realm_id').notNullable();
        t.text('qbo_id').notNullable();
        t.primary(['tenant_id', 'entity', 'platform_id']);
      });
      await knex.schema.createTable('qbo_items', (t) => {
        t.text('realm_id').notNullable();
        t.text('name').notNullable();
        t.text('qbo_id').notNullable();
        t.text('fingerprint').notNullable();
        t.primary(['realm_id', 'name']);
      });
    },
  },
  {
    name: 'push_0002_held_and_dependency_failures',
    async up(knex) {
      // status gains 'held': kept, not claimed, released when its reason (last_code) clears.
      await knex.raw("create index push_jobs_held_idx on push_jobs (tenant_id) where status = 'held'");
      // Dependencies (customers, invoices) that failed on their own service and are not linked since.
      await knex.schema.createTable('dependency_failures', (t) => {
        t.text('tenant_id').notNullable();
        t.text('entity').notNullable();
        t.text('platform_id').notNullable();
        t.text('code').notNullable();
        t.text('message').notNullable();
        t.timestamp('failed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
        t.primary(['tenant_id', 'entity', 'platform_id']);
      });
    },
  },
  {
    name: 'push_0003_division',
    async up(knex) {
      // The division a record belongs to (null: the tenant's own connection); it picks the settings and the company.
      await knex.schema.alterTable('push_jobs', (t) => {
        t.text('division_id');
      });
    },
  },
  {
    name: 'push_0004_sync_runs',
    async up(knex) {
      // The sync run that last queued the record (issue 14): its outcome events carry it. Kept after the
      // outcome, so a redelivered `sync.phase_requested` recognises the records it already queued.
      await knex.schema.alterTable('push_jobs', (t) => {
        t.text('run_id');
      });
      // Who waits for a busy lease (a run's scan): the holder hands the lease over when it lets go, so the
      // scan is not starved by push loops that take the tenant again the moment it is free.
      await knex.schema.alterTable('push_leases', (t) => {
        t.text('wanted_by');
      });
    },
  },
  {
    name: 'push_0005_correlation',
    async up(knex) {
      // The correlation id of the platform event that brought the version: its outcome events keep the flow's id.
      await knex.schema.alterTable('push_jobs', (t) => {
        t.text('correlation_id');
      });
    },
  },
];
