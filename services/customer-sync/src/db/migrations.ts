import type { Migration } from '@ledgerbus/db';
import { outboxMigrations } from '@ledgerbus/db';

const initial: Migration = {
  name: 'customer_sync_0001_initial',
  async up(knex) {
    // Which realm serves which tenant (from connector.connections.v1).
    await knex.schema.createTable('connections', (t) => {
      t.text('tenant_id').primary();
      t.text('realm_id').notNullable().index();
      t.text('status').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    // Effective settings per tenant (from mapping.settings.v1).
    await knex.schema.createTable('tenant_settings', (t) => {
      t.text('tenant_id').primary();
      t.integer('version').notNullable();
      t.jsonb('settings').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    // Platform customer ↔ QBO customer, with the last synced snapshot (the merge base).
    await knex.schema.createTable('customer_links', (t) => {
      t.text('tenant_id').notNullable();
      t.text('platform_id').notNullable();
      t.text('realm_id').notNullable();
      t.text('qbo_id').notNullable();
      t.text('status').notNullable().defaultTo('active');
      t.jsonb('snapshot').notNullable();
      /** The snapshot before the last change that came from QBO (recognises stale platform values). */
      t.jsonb('previous_snapshot');
      t.integer('qbo_sync_token').notNullable();
      t.integer('platform_version');
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'platform_id']);
    });
    await knex.raw("create unique index customer_links_qbo on customer_links (realm_id, qbo_id) where status = 'active'");
    // Push state of each platform customer: the exactly-once guard of writes to QBO.
    await knex.schema.createTable('push_state', (t) => {
      t.text('tenant_id').notNullable();
      t.text('platform_id').notNullable();
      t.integer('version').notNullable();
      t.text('status').notNullable(); // in_flight | done | waiting_parent | failed
      t.text('request_id');
      t.jsonb('record');
      t.text('error');
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'platform_id']);
    });
    // What ledgerbus wrote to QBO: a change with this (id, SyncToken) is our own echo.
    await knex.schema.createTable('echo_ledger', (t) => {
      t.text('realm_id').notNullable();
      t.text('qbo_id').notNullable();
      t.integer('sync_token').notNullable();
      t.text('content_hash').notNullable();
      t.timestamp('written_at', { useTz: true }).notNullable();
      t.primary(['realm_id', 'qbo_id', 'sync_token']);
    });
    // The platform's directory (customers, employees, products) as its platform.* topics carry it.
    await knex.schema.createTable('directory', (t) => {
      t.text('tenant_id').notNullable();
      t.text('entity').notNullable();
      t.text('platform_id').notNullable();
      t.text('name').notNullable();
      t.text('email');
      t.text('sku');
      t.integer('version').notNullable();
      t.jsonb('record').notNullable();
      t.boolean('deleted').notNullable().defaultTo(false);
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'entity', 'platform_id']);
    });
    // Onboarding: one row per QBO record and tenant, ever (imported or linked exactly once).
    await knex.schema.createTable('onboarding_records', (t) => {
      t.text('tenant_id').notNullable();
      t.text('entity').notNullable();
      t.text('qbo_id').notNullable();
      t.text('realm_id').notNullable();
      t.text('run_id').notNullable();
      t.text('name').notNullable();
      t.text('qbo_parent_id');
      t.text('status').notNullable(); // proposed | needs_attention | imported | linked | refused
      t.text('proposal').notNullable(); // match | import | attention
      t.text('proposed_platform_id');
      t.text('platform_id');
      t.text('matched_by');
      t.text('reason');
      t.text('message');
      t.jsonb('candidates');
      t.jsonb('qbo_object').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'entity', 'qbo_id']);
    });
  },
};

const pending: Migration = {
  name: 'customer_sync_0002_pending',
  async up(knex) {
    // Platform records that arrived before the tenant's QBO connection: replayed when it is connected.
    await knex.schema.createTable('pending_records', (t) => {
      t.text('tenant_id').notNullable();
      t.text('platform_id').notNullable();
      t.text('type').notNullable(); // customer.upserted | customer.deleted
      t.integer('version').notNullable();
      t.jsonb('data').notNullable();
      t.text('event_time').notNullable();
      t.text('error');
      t.timestamp('parked_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'platform_id']);
    });
  },
};

const failures: Migration = {
  name: 'customer_sync_0003_sync_failures',
  async up(knex) {
    // The customer.sync_failed reported per QBO customer version: a redelivered or duplicated change is not reported again.
    await knex.schema.createTable('sync_failures', (t) => {
      t.text('tenant_id').notNullable();
      t.text('realm_id').notNullable();
      t.text('qbo_id').notNullable();
      t.integer('sync_token').notNullable();
      t.text('code').notNullable();
      t.timestamp('failed_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'realm_id', 'qbo_id', 'sync_token', 'code']);
    });
  },
};

const onboardingRuns: Migration = {
  name: 'customer_sync_0004_onboarding_runs',
  async up(knex) {
    // Onboarding runs work in the background: their phase, progress and outcome, polled over HTTP.
    await knex.schema.createTable('onboarding_runs', (t) => {
      t.text('tenant_id').notNullable();
      t.text('run_id').notNullable();
      t.text('realm_id').notNullable();
      t.text('mode').notNullable(); // auto | manual
      t.text('status').notNullable(); // running | succeeded | failed | interrupted
      t.text('phase'); // list | decide
      t.integer('listed').notNullable().defaultTo(0);
      t.integer('decided').notNullable().defaultTo(0);
      t.integer('to_decide');
      t.jsonb('counts');
      t.text('error_code');
      t.text('error_message');
      t.timestamp('started_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.timestamp('ended_at', { useTz: true });
      t.primary(['tenant_id', 'run_id']);
    });
  },
};

const retriesAndLinks: Migration = {
  name: 'customer_sync_0005_failure_events_unlinked',
  async up(knex) {
    // Every customer.sync_failed this service emitted: a sync.retry_requested names the event, this says which way to replay.
    await knex.schema.createTable('failure_events', (t) => {
      t.text('tenant_id').notNullable();
      t.text('event_id').notNullable();
      t.text('direction').notNullable(); // to_qbo | from_qbo | link
      t.text('realm_id');
      t.text('platform_id');
      t.text('qbo_id');
      t.integer('version');
      t.text('code').notNullable();
      t.timestamp('failed_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'event_id']);
    });
    // Customers an admin un-linked in mapping: their sync stops both ways until they are linked again (seed 001).
    await knex.schema.createTable('unlinked_customers', (t) => {
      t.text('tenant_id').notNullable();
      t.text('platform_id').notNullable();
      t.text('realm_id').notNullable();
      t.text('qbo_id');
      t.timestamp('unlinked_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'platform_id']);
      t.index(['realm_id', 'qbo_id']);
    });
    // Manual links that arrived while the tenant was not connected: applied when it is (before its parked records).
    await knex.schema.createTable('pending_links', (t) => {
      t.text('tenant_id').notNullable();
      t.text('platform_id').notNullable();
      t.text('realm_id').notNullable();
      t.text('qbo_id').notNullable();
      t.timestamp('parked_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'platform_id']);
    });
  },
};

const syncRuns: Migration = {
  name: 'customer_sync_0006_sync_runs',
  async up(knex) {
    // A sync run's customers phase as customer-sync answered it (`sync.phase_scanned`): a redelivered request gets the same figures.
    await knex.schema.createTable('run_scans', (t) => {
      t.text('tenant_id').notNullable();
      t.text('run_id').notNullable();
      t.text('realm_id');
      t.integer('considered').notNullable();
      t.integer('already_current').notNullable();
      t.integer('queued').notNullable();
      t.jsonb('skipped');
      t.jsonb('error');
      t.timestamp('scanned_at', { useTz: true }).notNullable();
      t.primary(['tenant_id', 'run_id']);
    });
    // The customers a run queued: each gets exactly one final outcome (synced | failed | held), or `cancelled` with the run.
    await knex.schema.createTable('run_members', (t) => {
      t.text('tenant_id').notNullable();
      t.text('run_id').notNullable();
      t.text('platform_id').notNullable();
      t.bigIncrements('seq', { primaryKey: false });
      /** The directory version when the run took the customer; a push of this version or a later one settles it. */
      t.integer('version').notNullable();
      /** The client of a site: sites go after their client. */
      t.text('parent_id');
      t.text('outcome');
      t.text('reason');
      t.integer('attempts').notNullable().defaultTo(0);
      t.timestamp('not_before', { useTz: true }).notNullable();
      t.text('last_error');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('settled_at', { useTz: true });
      t.primary(['tenant_id', 'run_id', 'platform_id']);
    });
    await knex.raw('create index run_members_open on run_members (tenant_id, not_before) where outcome is null');
    await knex.raw('create index run_members_open_record on run_members (tenant_id, platform_id) where outcome is null');
    // Which process works a scope's run members right now (expiring: a killed process's scope is taken over).
    await knex.schema.createTable('run_leases', (t) => {
      t.text('tenant_id').primary();
      t.text('owner').notNullable();
      t.timestamp('until', { useTz: true }).notNullable();
    });
  },
};

const onboardingOwner: Migration = {
  name: 'customer_sync_0007_onboarding_run_owner',
  async up(knex) {
    // The process running an onboarding run and its heartbeat: a run whose owner stopped beating is taken over.
    await knex.schema.alterTable('onboarding_runs', (t) => {
      t.text('owner');
      t.timestamp('heartbeat_at', { useTz: true });
      t.integer('takeovers').notNullable().defaultTo(0);
    });
  },
};

export const customerSyncMigrations = outboxMigrations([initial, pending, failures, onboardingRuns, retriesAndLinks, syncRuns, onboardingOwner]);
