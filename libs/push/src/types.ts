import type { EffectiveSettings } from '@ledgerbus/contracts';
import type { QboClient } from '@ledgerbus/qbo';
import type { Knex } from 'knex';

export type PushOp = 'upsert' | 'void' | 'delete';

/** One platform record to push, with what QBO already holds for it (the push state). */
export interface PushJob {
  tenantId: string;
  recordId: string;
  op: PushOp;
  version: number;
  /** The latest upsert's data (absent when only a void/delete was seen). */
  payload: Record<string, unknown> | null;
  eventId: string;
  attempts: number;
  /** A previous attempt may have written to QBO without us learning the result. */
  inDoubt: boolean;
  waitingSince: Date;
  qboId: string | null;
  qboSyncToken: string | null;
  qboDocNumber: string | null;
  qboState: 'created' | 'voided' | 'deleted' | null;
  pushedVersion: number | null;
}

/** What became of one job in one attempt. */
export type PushOutcome =
  | { kind: 'pushed'; qboId: string; syncToken?: string; docNumber?: string; action: 'created' | 'updated' | 'adopted' }
  | { kind: 'removed'; how: 'voided' | 'deleted'; qboId?: string; syncToken?: string }
  | { kind: 'skipped'; filter: 'sync_data_after' | 'market_segment' | 'sync_disabled' | 'not_connected' | 'nothing_to_remove'; message: string }
  /** A dependency (customer, invoice link, settings) is not there yet: wait, bounded, then fail with `code`. */
  | { kind: 'wait'; code: string; message: string }
  /** Failed for good (`retriable` false) or a transient error (retried with backoff, then failed). */
  | { kind: 'failed'; code: string; message: string; retriable: boolean; qboId?: string };

export interface LinkLookup {
  /** QBO ids of platform records by entity ("customer", "invoice"), for one tenant. */
  get(entity: string, platformIds: readonly string[]): Promise<Map<string, string>>;
}

export interface PushContext {
  tenantId: string;
  realmId: string;
  settings: EffectiveSettings;
  qbo: QboClient;
  links: LinkLookup;
  knex: Knex;
}

/** The entity-specific part of a push service: push up to `batchSize` jobs of one tenant. */
export interface Pusher {
  /** "invoice" or "payment": names the events (`invoice.pushed` …) and the links. */
  entity: 'invoice' | 'payment';
  /** Whether the tenant's settings switch this entity on. */
  enabled(settings: EffectiveSettings): boolean;
  push(ctx: PushContext, jobs: PushJob[]): Promise<Map<string, PushOutcome>>;
}
