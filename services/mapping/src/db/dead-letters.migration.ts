import type { Migration } from '@ledgerbus/db';

/**
 * Dead letters of the platform topics (`platform.*.v1.dlq`), one row per DLQ record, with
 * what an admin needs to see why it died and to replay it: the original key, value and
 * headers as bytes. `tenant_id` is null when the record does not say whose it is (then it
 * is not in any tenant's API; ops read it here).
 */
export const deadLettersMigration: Migration = {
  name: 'mapping_0006_dead_letters',
  async up(knex) {
    await knex.schema.createTable('dead_letters', (t) => {
      t.bigIncrements('id').primary();
      t.text('dlq_topic').notNullable();
      t.integer('dlq_partition').notNullable();
      t.bigInteger('dlq_offset').notNullable();
      t.text('tenant_id').nullable();
      t.text('division_id').notNullable().defaultTo('');
      t.text('source_topic').notNullable();
      t.integer('source_partition').nullable();
      t.bigInteger('source_offset').nullable();
      t.text('event_id').nullable();
      t.text('event_type').nullable();
      t.text('code').notNullable();
      t.text('message').notNullable();
      t.text('handler').nullable();
      t.integer('attempts').nullable();
      t.timestamp('failed_at', { useTz: true }).notNullable();
      t.timestamp('received_at', { useTz: true }).notNullable();
      // bytea: a key, value or header may hold bytes that text and jsonb refuse (NUL, invalid UTF-8).
      t.binary('key').nullable();
      t.binary('value').nullable();
      t.binary('headers').notNullable();
      // Null: replayable.
      t.text('not_replayable_reason').nullable();
      t.text('status').notNullable().defaultTo('pending'); // pending | replayed
      t.timestamp('replayed_at', { useTz: true }).nullable();
      t.text('replayed_by').nullable();
      t.boolean('replayed_by_service').nullable();
      t.unique(['dlq_topic', 'dlq_partition', 'dlq_offset']);
      t.index(['tenant_id', 'id']);
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('dead_letters');
  },
};
