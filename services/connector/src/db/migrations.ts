import type { Migration } from '@ledgerbus/db';
import { outboxMigrations } from '@ledgerbus/db';

const connectorSchema: Migration = {
  name: 'connector_0001_connections',
  async up(knex) {
    await knex.schema.createTable('connections', (t) => {
      t.bigIncrements('id').primary();
      t.text('tenant_id').notNullable();
      // '' when the connection is for the whole tenant (keeps the unique key simple).
      t.text('division_id').notNullable().defaultTo('');
      t.text('realm_id').notNullable();
      t.text('company_name').notNullable();
      t.text('status').notNullable();
      t.text('connected_by');
      t.timestamp('connected_at', { useTz: true });
      t.text('disconnected_by');
      t.timestamp('disconnected_at', { useTz: true });
      t.text('status_reason');
      // Tokens: AES-256-GCM ciphertexts and the key id they were written with; null once destroyed.
      t.text('token_key_id');
      t.text('access_token_enc');
      t.timestamp('access_expires_at', { useTz: true });
      t.text('refresh_token_enc');
      t.timestamp('refresh_expires_at', { useTz: true });
      t.timestamp('tokens_refreshed_at', { useTz: true });
      t.timestamp('last_webhook_at', { useTz: true });
      t.timestamp('cdc_watermark', { useTz: true });
      t.timestamp('cdc_next_at', { useTz: true });
      t.text('cdc_lease_owner');
      t.timestamp('cdc_lease_until', { useTz: true });
      t.timestamp('snapshot_requested_at', { useTz: true });
      t.timestamp('snapshot_completed_at', { useTz: true });
      t.jsonb('last_sync').notNullable().defaultTo(knex.raw("'{}'::jsonb"));
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.unique(['tenant_id', 'division_id']);
      t.index(['realm_id']);
    });
    await knex.schema.createTable('seen_versions', (t) => {
      t.text('realm_id').notNullable();
      t.text('entity').notNullable();
      t.text('entity_id').notNullable();
      t.text('version').notNullable();
      t.text('source').notNullable();
      t.timestamp('seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.primary(['realm_id', 'entity', 'entity_id', 'version']);
    });
    await knex.schema.createTable('audit_log', (t) => {
      t.bigIncrements('id').primary();
      t.text('tenant_id').notNullable();
      t.text('division_id').notNullable().defaultTo('');
      t.text('realm_id');
      t.text('actor').notNullable();
      t.text('action').notNullable();
      t.jsonb('details').notNullable().defaultTo(knex.raw("'{}'::jsonb"));
      t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.index(['tenant_id', 'at']);
    });
    await knex.schema.createTable('unknown_realm_webhooks', (t) => {
      t.text('realm_id').primary();
      t.integer('notifications').notNullable().defaultTo(0);
      t.timestamp('first_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.timestamp('last_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    });
  },
};

/** OAuth states: single use, expiry and the browser binding of each connect flow. */
const oauthStates: Migration = {
  name: 'connector_0002_oauth_states',
  async up(knex) {
    await knex.schema.createTable('oauth_states', (t) => {
      t.text('id').primary();
      t.text('tenant_id').notNullable();
      t.text('division_id').notNullable().defaultTo('');
      t.text('user_id').notNullable();
      t.text('realm_id');
      t.text('nonce_hash').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.timestamp('consumed_at', { useTz: true });
      t.index(['expires_at']);
    });
  },
};

/** Webhook entities that could not be fetched, with the reason (the rest of their delivery went through). */
const webhookFetchFailures: Migration = {
  name: 'connector_0003_webhook_fetch_failures',
  async up(knex) {
    await knex.schema.createTable('webhook_fetch_failures', (t) => {
      t.bigIncrements('id').primary();
      t.text('realm_id').notNullable();
      t.text('tenant_id').notNullable();
      t.text('division_id').notNullable().defaultTo('');
      t.text('entity').notNullable();
      t.text('entity_id').notNullable();
      t.text('operation').notNullable();
      t.text('reason').notNullable();
      t.text('error_code');
      t.timestamp('at', { useTz: true }).notNullable();
      t.index(['tenant_id', 'division_id', 'id']);
    });
  },
};

/**
 * The answered inbound phases of sync runs: a redelivered `sync.phase_requested` is answered
 * again with the same figures instead of polling again.
 */
const syncPhaseScans: Migration = {
  name: 'connector_0004_sync_phase_scans',
  async up(knex) {
    await knex.schema.createTable('sync_phase_scans', (t) => {
      t.text('tenant_id').notNullable();
      t.text('division_id').notNullable().defaultTo('');
      t.text('run_id').notNullable();
      t.text('phase').notNullable();
      t.text('realm_id').notNullable();
      t.integer('considered').notNullable();
      t.timestamp('scanned_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'division_id', 'run_id', 'phase']);
    });
  },
};

/** The monthly read-quota thresholds fired (one row per month and threshold: fired once across replicas). */
const qboQuotaAlerts: Migration = {
  name: 'connector_0005_qbo_quota_alerts',
  async up(knex) {
    await knex.schema.createTable('qbo_quota_alerts', (t) => {
      t.text('month').notNullable();
      t.integer('threshold').notNullable();
      t.bigInteger('reads').notNullable();
      t.timestamp('fired_at', { useTz: true }).notNullable();
      t.primary(['month', 'threshold']);
    });
  },
};

/** Webhook notifications (ids only) waiting for their realm's coalesced fetch (use-cases/coalesced-fetch.ts). */
const webhookPending: Migration = {
  name: 'connector_0006_webhook_pending',
  async up(knex) {
    await knex.schema.createTable('webhook_pending', (t) => {
      t.bigIncrements('id').primary();
      t.text('realm_id').notNullable();
      t.jsonb('notifications').notNullable();
      t.timestamp('enqueued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      // A flush's claim (replica and lease end): no transaction is held while QBO is read; an expired claim is taken again.
      t.text('claimed_by');
      t.timestamp('claimed_until', { useTz: true });
      t.index(['realm_id', 'id']);
      t.index(['enqueued_at']);
    });
  },
};

export const connectorMigrations: Migration[] = outboxMigrations([connectorSchema, oauthStates, webhookFetchFailures, syncPhaseScans, qboQuotaAlerts, webhookPending]);
