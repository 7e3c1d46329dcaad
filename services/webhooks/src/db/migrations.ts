import type { Migration } from '@ledgerbus/db';
import { outboxMigrations } from '@ledgerbus/db';

/** The webhooks service's own tables (in its schema; the outbox and inbox come first). */
const initial: Migration = {
  name: 'webhooks_0001_initial',
  async up(knex) {
    // Endpoints: the signing secret only encrypted (libs/kit key ring, AAD = endpoint id).
    await knex.raw(`
      create table webhook_endpoints (
        id uuid primary key,
        tenant_id text not null,
        url text not null,
        description text,
        event_types jsonb not null default '[]'::jsonb,
        enabled boolean not null default true,
        disabled_reason text,
        disabled_at timestamptz,
        secret_key_id text not null,
        secret_ciphertext text not null,
        previous_secret_key_id text,
        previous_secret_ciphertext text,
        previous_secret_expires_at timestamptz,
        secret_rotated_at timestamptz,
        consecutive_failures integer not null default 0,
        failing_since timestamptz,
        last_failure_status_code integer,
        last_failure_error text,
        created_by text not null,
        updated_by text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await knex.raw('create index webhook_endpoints_tenant on webhook_endpoints (tenant_id, created_at)');
    // The events of tenants that have endpoints, as they are sent (the exact bytes that get signed).
    await knex.raw(`
      create table webhook_events (
        tenant_id text not null,
        event_id text not null,
        event_type text not null,
        event_key text not null,
        event_time timestamptz not null,
        payload text not null,
        received_at timestamptz not null default now(),
        primary key (tenant_id, event_id)
      )`);
    await knex.raw('create index webhook_events_time on webhook_events (tenant_id, event_time)');
    await knex.raw('create index webhook_events_received on webhook_events (received_at)');
    // One row per (endpoint, event): its place in its line (seq), state and retry schedule.
    await knex.raw(`
      create table webhook_deliveries (
        id uuid primary key,
        seq bigserial not null unique,
        endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
        tenant_id text not null,
        event_id text not null,
        event_type text not null,
        event_key text not null,
        event_time timestamptz not null,
        status text not null check (status in ('pending', 'delivered', 'failed')),
        attempts integer not null default 0,
        round_attempts integer not null default 0,
        replays integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        last_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        delivered_at timestamptz,
        given_up_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (endpoint_id, event_id),
        foreign key (tenant_id, event_id) references webhook_events (tenant_id, event_id) on delete cascade
      )`);
    // The head of each (endpoint, key) line, and the due attempts.
    await knex.raw("create index webhook_deliveries_line on webhook_deliveries (endpoint_id, event_key, seq) where status = 'pending'");
    // The lines: one per (endpoint, event key). A line's lease is what a replica holds while it sends the
    // line's head, so one line has at most one attempt in flight and its events go in order.
    await knex.raw(`
      create table webhook_lines (
        endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
        event_key text not null,
        lease_owner text,
        lease_until timestamptz,
        primary key (endpoint_id, event_key)
      )`);
    await knex.raw("create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending'");
    await knex.raw('create index webhook_deliveries_log on webhook_deliveries (endpoint_id, seq desc)');
    await knex.raw('create index webhook_deliveries_event on webhook_deliveries (tenant_id, event_id)');
    await knex.raw(`
      create table webhook_attempts (
        id bigserial primary key,
        delivery_id uuid not null references webhook_deliveries (id) on delete cascade,
        attempt integer not null,
        started_at timestamptz not null,
        latency_ms integer not null,
        status_code integer,
        outcome text not null check (outcome in ('delivered', 'failed')),
        error text,
        owner text not null
      )`);
    await knex.raw('create index webhook_attempts_delivery on webhook_attempts (delivery_id, id)');
  },
};

export const webhooksMigrations: Migration[] = outboxMigrations([initial]);
