import type { EffectiveSettings } from '@ledgerbus/contracts';
import type { QboClient } from '@ledgerbus/qbo';
import type { QboItemCache } from './qbo-items.repository';

export type PushOp = 'upsert' | 'void' | 'delete';

/** One platform record to push, with what QBO already holds for it (the push state). */
export interface PushJob {
  tenantId: string;
  /** The division of the tenant the record belongs to: its settings and QBO company are the division's. */
  divisionId: string | null;
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
  /**
   * The QBO company the push state below belongs to. The engine hands a pusher only the state
   * of the tenant's current company: a record pushed to another company (before a reconnect)
   * comes with no QBO id and in doubt, so it is looked up in the current company, never
   * updated, voided or deleted by the other company's id.
   */
  realmId: string | null;
  qboId: string | null;
  qboSyncToken: string | null;
  qboDocNumber: string | null;
  qboState: 'created' | 'voided' | 'deleted' | null;
  pushedVersion: number | null;
  /** The code of the job's last outcome that was not a success (a wait, hold or failure), if any. */
  lastCode: string | null;
  /** The sync run that last queued the record (`sync.phase_requested`): its outcome events carry it as `runId`. */
  runId: string | null;
  /** The correlation id of the platform event that brought this version (its outcome events keep it). */
  correlationId: string | null;
}

/** What became of one job in one attempt. */
export type PushOutcome =
  | { kind: 'pushed'; qboId: string; syncToken?: string; docNumber?: string; action: 'created' | 'updated' | 'adopted' }
  | { kind: 'removed'; how: 'voided' | 'deleted'; qboId?: string; syncToken?: string }
  | { kind: 'skipped'; filter: 'sync_data_after' | 'market_segment' | 'sync_disabled' | 'not_connected' | 'nothing_to_remove'; message: string }
  /** A dependency (customer, invoice link) is not there yet: wait, bounded, then fail with `code`. */
  | { kind: 'wait'; code: string; message: string }
  /**
   * The record cannot be pushed until a condition an admin or another service clears (no
   * connection, no settings, the entity switched off, reauthorization required): kept, no
   * attempt used, released when the condition clears. Usually decided by the engine.
   */
  | { kind: 'held'; reason: HoldReason; message: string }
  /** Failed for good (`retriable` false) or a transient error (retried with backoff, then failed). */
  | { kind: 'failed'; code: string; message: string; retriable: boolean; qboId?: string };

export type HoldReason = 'not_connected' | 'settings_missing' | 'sync_disabled' | 'reauthorization_required';

/** Why a dependency (a customer, an invoice) failed on its own service, as that service said on sync.events.v1. */
export interface DependencyFailure {
  code: string;
  message: string;
}

export interface LinkLookup {
  /** QBO ids of platform records by entity ("customer", "invoice"), for one tenant, in the current company. */
  get(entity: string, platformIds: readonly string[]): Promise<Map<string, string>>;
  /**
   * Dependencies that failed for good on their own service and are not linked since
   * (`customer.sync_failed`, `invoice.push_failed`): a record waiting on one fails at once.
   */
  failures(entity: string, platformIds: readonly string[]): Promise<Map<string, DependencyFailure>>;
}

export interface PushContext {
  tenantId: string;
  realmId: string;
  settings: EffectiveSettings;
  qbo: QboClient;
  links: LinkLookup;
  /** QBO items ledgerbus found or created in this company, by name. */
  items: QboItemCache;
}

/** The entity-specific part of a push service: push up to `batchSize` jobs of one tenant. */
export interface Pusher {
  /** "invoice" or "payment": names the events (`invoice.pushed` …) and the links. */
  entity: 'invoice' | 'payment';
  /** Whether the tenant's settings switch this entity on. */
  enabled(settings: EffectiveSettings): boolean;
  push(ctx: PushContext, jobs: PushJob[]): Promise<Map<string, PushOutcome>>;
  /**
   * The platform records a record needs in QBO first (an invoice's customer; a payment's
   * customer and invoices), read from its payload: a job failed because one of them failed is
   * pushed again on its own once that one is linked.
   */
  dependencies?(payload: Record<string, unknown>): Array<{ entity: string; platformId: string }>;
}
