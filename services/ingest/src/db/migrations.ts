import type { Migration } from '@ledgerbus/db';

/**
 * - `records`: each record this door took, per tenant, entity and platform id: the highest
 *   version handed out or sent by a client (`assigned_version`, so an assigned one is never
 *   lower) and the latest version made durable on its topic (`accepted_version`).
 * - `idempotency_keys`: each tenant's Idempotency-Keys with the request's fingerprint, in flight
 *   (with a lease, so a crashed request does not block its key for good) or with its answer.
 * - `sync_states`: the newest outcome of each record on `sync.events.v1`.
 */
const initial: Migration = {
  name: 'ingest_0001_records_keys_states',
  async up(knex) {
    await knex.schema.createTable('records', (t) => {
      t.text('tenant_id').notNullable();
      t.text('entity').notNullable();
      t.text('platform_id').notNullable();
      t.bigInteger('assigned_version').notNullable();
      t.bigInteger('accepted_version').nullable();
      t.text('accepted_type').nullable();
      t.text('division_id').nullable();
      t.timestamp('accepted_at', { useTz: true }).nullable();
      t.primary(['tenant_id', 'entity', 'platform_id']);
    });
    await knex.schema.createTable('idempotency_keys', (t) => {
      t.text('tenant_id').notNullable();
      t.text('key').notNullable();
      t.text('request_hash').notNullable();
      t.text('state').notNullable(); // in_flight | completed
      t.integer('status_code').nullable();
      t.jsonb('response').nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.timestamp('lease_until', { useTz: true }).nullable();
      t.primary(['tenant_id', 'key']);
      t.index(['expires_at']);
    });
    await knex.schema.createTable('sync_states', (t) => {
      t.text('tenant_id').notNullable();
      t.text('entity').notNullable();
      t.text('platform_id').notNullable();
      t.text('division_id').nullable();
      t.text('state').notNullable();
      t.bigInteger('version').nullable();
      t.text('qbo_id').nullable();
      t.text('doc_number').nullable();
      t.text('action').nullable();
      t.text('reason').nullable();
      t.text('code').nullable();
      t.text('message').nullable();
      t.boolean('retriable').nullable();
      t.text('run_id').nullable();
      t.text('event_type').notNullable();
      t.text('event_id').notNullable();
      t.timestamp('at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'entity', 'platform_id']);
    });
  },
  async down(knex) {
    for (const table of ['sync_states', 'idempotency_keys', 'records']) await knex.schema.dropTableIfExists(table);
  },
};

export const ingestMigrations: readonly Migration[] = [initial];
