import type { Migration } from '@ledgerbus/db';
import { outboxMigrations } from '@ledgerbus/db';

/** The metrics service's own tables (in its schema; the outbox and inbox come first). */
const initial: Migration = {
  name: 'metrics_0001_initial',
  async up(knex) {
    // The tenant ↔ realm connection, from connector.connections.v1.
    await knex.schema.createTable('connections', (t) => {
      t.text('tenant_id').primary();
      t.text('realm_id').notNullable();
      t.text('company_name').notNullable();
      t.text('status').notNullable();
      t.text('status_reason').nullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.index(['realm_id']);
    });
    // Imports waiting to run: on connect, on schedule, debounced after a change. One per tenant.
    await knex.schema.createTable('import_jobs', (t) => {
      t.text('tenant_id').primary();
      t.text('realm_id').notNullable();
      t.text('reason').notNullable();
      t.timestamp('first_requested_at', { useTz: true }).notNullable();
      t.timestamp('due_at', { useTz: true }).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.timestamp('locked_until', { useTz: true }).nullable();
      t.integer('generation').notNullable().defaultTo(0);
      t.index(['due_at']);
    });
    // Import status per tenant and dataset, for the integration page.
    await knex.schema.createTable('import_status', (t) => {
      t.text('tenant_id').notNullable();
      t.text('dataset').notNullable();
      t.text('realm_id').notNullable();
      t.text('status').notNullable(); // running | succeeded | failed
      t.timestamp('started_at', { useTz: true }).nullable();
      t.timestamp('finished_at', { useTz: true }).nullable();
      t.timestamp('last_success_at', { useTz: true }).nullable();
      t.text('range_start').nullable();
      t.text('range_end').nullable();
      t.text('basis').nullable();
      t.integer('qbo_calls').notNullable().defaultTo(0);
      t.integer('rows').notNullable().defaultTo(0);
      t.text('error_code').nullable();
      t.text('error').nullable();
      t.primary(['tenant_id', 'dataset']);
    });
    // The chart of accounts of each connected company.
    await knex.schema.createTable('accounts', (t) => {
      t.text('tenant_id').notNullable();
      t.text('realm_id').notNullable();
      t.text('account_id').notNullable();
      t.text('name').notNullable();
      t.text('fully_qualified_name').nullable();
      t.text('account_type').nullable();
      t.text('account_sub_type').nullable();
      t.text('classification').nullable();
      t.text('acct_num').nullable();
      t.boolean('active').notNullable();
      t.text('parent_id').nullable();
      t.decimal('current_balance', 20, 6).nullable();
      t.timestamp('imported_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'realm_id', 'account_id']);
    });
    // Normalized numbers: one amount per (dataset, row, month).
    await knex.schema.createTable('report_lines', (t) => {
      t.text('tenant_id').notNullable();
      t.text('realm_id').notNullable();
      t.text('dataset').notNullable();
      t.text('row_key').notNullable();
      t.text('month').notNullable(); // YYYY-MM
      t.text('kind').notNullable();
      t.text('label').notNullable();
      t.text('category').nullable();
      t.text('account_id').nullable();
      t.decimal('amount', 20, 6).notNullable();
      t.text('basis').notNullable();
      t.timestamp('imported_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'realm_id', 'dataset', 'row_key', 'month']);
      t.index(['tenant_id', 'realm_id', 'dataset', 'month']);
    });
    // The raw report JSON of each chunk, as QBO returned it (the latest import of each range).
    await knex.schema.createTable('raw_reports', (t) => {
      t.text('tenant_id').notNullable();
      t.text('realm_id').notNullable();
      t.text('dataset').notNullable();
      t.text('start_date').notNullable();
      t.text('end_date').notNullable();
      t.text('basis').notNullable();
      t.jsonb('report').notNullable();
      t.timestamp('imported_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'realm_id', 'dataset', 'start_date', 'end_date']);
    });
    await knex.schema.createTable('metrics', (t) => {
      t.uuid('id').primary();
      t.text('tenant_id').notNullable();
      t.text('name').notNullable();
      t.text('dataset').notNullable();
      t.jsonb('selector').notNullable();
      t.text('aggregation').notNullable();
      t.text('period').notNullable();
      t.decimal('target', 20, 6).nullable();
      t.integer('version').notNullable().defaultTo(1);
      t.boolean('stale').notNullable().defaultTo(false);
      t.text('stale_reason').nullable();
      t.timestamp('stale_since', { useTz: true }).nullable();
      t.timestamp('computed_at', { useTz: true }).nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.text('created_by').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.text('updated_by').notNullable();
      t.unique(['tenant_id', 'name']);
    });
    await knex.schema.createTable('metric_values', (t) => {
      t.uuid('metric_id').notNullable().references('id').inTable('metrics').onDelete('CASCADE');
      t.text('period').notNullable();
      t.text('start_date').notNullable();
      t.text('end_date').notNullable();
      t.decimal('value', 20, 6).notNullable();
      t.boolean('complete').notNullable();
      t.timestamp('computed_at', { useTz: true }).notNullable();
      t.primary(['metric_id', 'period']);
    });
  },
  async down(knex) {
    for (const table of ['metric_values', 'metrics', 'raw_reports', 'report_lines', 'accounts', 'import_status', 'import_jobs', 'connections']) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};

export const metricsMigrations: Migration[] = outboxMigrations([initial]);
