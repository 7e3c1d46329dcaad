import { z } from 'zod';
import { divisionId, isoDateTime, realmId, tenantId, tenantKey } from '../common';
import { decimalString as metricDecimal } from '../common';
import { defineTopic } from '../topic';
import { customerUpserted, employeeUpserted, productUpserted } from './platform';
import { conflictRule, settingsProblem } from './settings';

const connectionFact = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  realmId,
  companyName: z.string().max(255).optional(),
  at: isoDateTime,
  actor: z.string().max(255).optional(),
  reason: z.string().max(1000).optional(),
});

/** A mapped QBO object became inactive, disappeared or changed type: the settings need an admin. */
export const settingsInvalidated = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  realmId,
  /** The settings version the problems were found in. */
  version: z.number().int().positive(),
  problems: z.array(settingsProblem).min(1),
  at: isoDateTime,
});

/**
 * Command: an admin asked to replay one failed record. The service that owns the
 * record's entity (named by `failedType`'s prefix, e.g. "invoice.push_failed" →
 * invoice-push) pushes it again.
 */
export const syncRetryRequested = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  /** The sync-log entry that failed (mapping's id). */
  entryId: z.string().min(1).max(100),
  /** The CloudEvent id and type of the failure being retried. */
  failedEventId: z.string().min(1).max(200),
  failedType: z.string().min(1).max(100),
  entity: z.string().max(50).optional(),
  platformId: z.string().max(100).optional(),
  qboId: z.string().max(50).optional(),
  requestedBy: z.string().min(1).max(255),
  at: isoDateTime,
});

const runId = z.string().min(1).max(100);
const runCounts = z.object({
  succeeded: z.number().int().nonnegative().default(0),
  failed: z.number().int().nonnegative().default(0),
  skipped: z.number().int().nonnegative().default(0),
});

/** The phases of a sync run, in the order of the data's dependencies. */
export const syncRunPhase = z.enum(['inbound', 'customers', 'invoices', 'payments']);
/** Who started a run: an admin (user) or a service account, by its token subject. */
export const runStarter = z.object({ type: z.enum(['user', 'service']), id: z.string().min(1).max(255) });
const countsByReason = z.record(z.string().min(1).max(100), z.number().int().nonnegative());

/**
 * A phase's figures: each record the phase considered is counted once, as already current
 * (nothing sent), pushed, skipped by a filter, held (kept until its reason clears) or failed;
 * `settled` of `queued` shows progress while the phase runs.
 */
export const runPhaseSummary = z.object({
  considered: z.number().int().nonnegative(),
  alreadyCurrent: z.number().int().nonnegative(),
  pushed: z.number().int().nonnegative(),
  skipped: z.object({ total: z.number().int().nonnegative(), reasons: countsByReason }),
  held: z.object({ total: z.number().int().nonnegative(), reasons: countsByReason }),
  failed: z.object({ total: z.number().int().nonnegative(), reasons: countsByReason }),
  queued: z.number().int().nonnegative(),
  settled: z.number().int().nonnegative(),
});

/** A sync run (an import, a CDC poll, an onboarding batch, "Synchronize now" …) started. */
export const syncRunStarted = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  runId,
  kind: z.string().min(1).max(50),
  startedBy: runStarter.optional(),
  /** The phases it will go through, in order (sync runs). */
  phases: z.array(z.string().min(1).max(50)).max(20).optional(),
  at: isoDateTime,
});
/** One phase of a run (e.g. "accounts", "customers") started or completed. */
export const syncPhaseStarted = z.object({ tenantId, divisionId: divisionId.optional(), runId, phase: z.string().min(1).max(50), at: isoDateTime });
export const syncPhaseCompleted = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  runId,
  phase: z.string().min(1).max(50),
  at: isoDateTime,
  counts: runCounts.optional(),
  /** Sync runs: the phase's full figures. */
  summary: runPhaseSummary.optional(),
  error: z.string().max(2000).optional(),
});
export const syncRunCompleted = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  runId,
  at: isoDateTime,
  status: z.enum(['succeeded', 'failed', 'partial', 'partially_failed', 'cancelled']).default('succeeded'),
  counts: runCounts.optional(),
  error: z.string().max(2000).optional(),
});

/**
 * Command of a sync run (mapping → the service that owns the phase's records): go through
 * the tenant's (or division's) records of this phase now. `inbound` → connector (CDC
 * catch-up), `customers` → customer-sync, `invoices` → invoice-push, `payments` →
 * payment-push. A record that is not current in QBO is pushed (held and failed ones
 * included); its outcome event carries `runId`. `recordIds` limits a retry run to those
 * records. The service answers with `sync.phase_scanned`. A redelivered request is
 * answered again with the same figures (records already taken by the run stay queued).
 */
export const syncPhaseRequested = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  runId,
  phase: syncRunPhase,
  mode: z.enum(['sync', 'retry']).default('sync'),
  recordIds: z.array(z.string().min(1).max(100)).max(10_000).optional(),
  requestedBy: z.string().min(1).max(255),
  at: isoDateTime,
});

/**
 * A service's answer to `sync.phase_requested`: how many records it considered, how many
 * are already current (nothing sent), and how many it queued — each queued record gets one
 * outcome event with `runId` (pushed, skipped, held or failed). `skipped` counts records
 * left out at once, by reason (the entity is off). `error` says the phase could not run.
 */
export const syncPhaseScanned = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  runId,
  phase: syncRunPhase,
  service: z.string().min(1).max(50),
  considered: z.number().int().nonnegative(),
  alreadyCurrent: z.number().int().nonnegative(),
  queued: z.number().int().nonnegative(),
  skipped: countsByReason.optional(),
  error: z.object({ code: z.string().min(1).max(100), message: z.string().max(2000) }).optional(),
  at: isoDateTime,
});

const platformRecordId = z.string().min(1).max(100);
const qboRecordId = z.string().min(1).max(50);

/** A customer as the platform holds it: `platform.customers.v1`'s record without tenant, version and timestamps. */
export const platformCustomerRecord = customerUpserted.omit({ tenantId: true, version: true, updatedAt: true });

/** A customer reached the other side: created, updated, deactivated or linked in QBO, or applied from QBO. */
export const customerSynced = z.object({
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: divisionId.optional(),
  realmId,
  direction: z.enum(['to_qbo', 'from_qbo']),
  action: z.enum(['created', 'updated', 'deactivated', 'linked', 'unchanged']),
  platformId: platformRecordId,
  qboId: qboRecordId,
  /** The platform record version this outcome is for (to_qbo). */
  version: z.number().int().nonnegative().optional(),
  /** The QBO SyncToken after the write (to_qbo) or of the version applied (from_qbo). */
  syncToken: z.string().max(20).optional(),
  /** Set when a 6240 duplicate name was resolved by renaming: the DisplayName used in QBO. */
  qboDisplayName: z.string().max(500).optional(),
  /** The sync run this outcome counts for, when a run queued the record. */
  runId: runId.optional(),
  at: isoDateTime,
});

/**
 * A customer changed in QBO: the platform-shaped record for the integrator to apply.
 * New QBO customers carry a platform id assigned by ledgerbus ("qbo-<realmId>-<qboId>"),
 * already linked: create the record under that id (or keep it as its external key).
 */
export const customerChangedInQbo = z.object({
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: divisionId.optional(),
  realmId,
  qboId: qboRecordId,
  platformId: platformRecordId,
  operation: z.enum(['created', 'updated', 'deactivated', 'deleted', 'merged']),
  /** The record to apply; absent for deletes. */
  customer: platformCustomerRecord.optional(),
  /** For merges: the platform record the merged-away customer now lives in. */
  mergedIntoPlatformId: platformRecordId.optional(),
  syncToken: z.string().max(20).optional(),
  lastUpdated: isoDateTime.optional(),
  at: isoDateTime,
});

/** A customer could not be synced; `code` is stable, `message` is for the admin. */
export const customerSyncFailed = z.object({
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: divisionId.optional(),
  realmId: realmId.optional(),
  direction: z.enum(['to_qbo', 'from_qbo', 'onboarding']),
  platformId: platformRecordId.optional(),
  qboId: qboRecordId.optional(),
  version: z.number().int().nonnegative().optional(),
  code: z.string().min(1).max(100),
  message: z.string().min(1).max(2000),
  retriable: z.boolean(),
  /** The sync run this outcome counts for, when a run queued the record. */
  runId: runId.optional(),
  at: isoDateTime,
});

/**
 * A platform customer a sync run queued is kept, not pushed yet (the tenant is not ready, or a
 * site waits for its client): released when `reason` clears.
 */
export const customerHeld = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  realmId: realmId.optional(),
  platformId: platformRecordId,
  version: z.number().int().nonnegative().optional(),
  reason: z.enum(['not_connected', 'settings_missing', 'sync_disabled', 'reauthorization_required', 'customer_not_synced']),
  message: z.string().max(1000),
  runId: runId.optional(),
  at: isoDateTime,
});

/** Both sides changed the same customer since the last sync; the tenant's rule decided field by field. */
export const customerConflictResolved = z.object({
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: divisionId.optional(),
  realmId,
  platformId: platformRecordId,
  qboId: qboRecordId,
  rule: conflictRule,
  fields: z
    .array(
      z.object({
        field: z.string().min(1).max(100),
        base: z.unknown().optional(),
        platform: z.unknown().optional(),
        qbo: z.unknown().optional(),
        winner: z.enum(['platform', 'qbo']),
      }),
    )
    .min(1),
  platformVersion: platformCustomerRecord,
  qboVersion: platformCustomerRecord,
  merged: platformCustomerRecord,
  platformUpdatedAt: isoDateTime.optional(),
  qboUpdatedAt: isoDateTime.optional(),
  at: isoDateTime,
});

/**
 * Onboarding brought one QBO record over. `action: "create"`: the platform creates it
 * under `platformId` (assigned by ledgerbus, stable, already linked); `"link"`: it matched
 * the existing platform record `platformId`, nothing to create.
 */
const importedBase = {
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: divisionId.optional(),
  realmId,
  runId: z.string().min(1).max(100),
  qboId: qboRecordId,
  platformId: platformRecordId,
  action: z.enum(['create', 'link']),
  /** How the match was made (for `link`): "email", "name_and_email", "name", "sku", "manual". */
  matchedBy: z.string().max(50).optional(),
  at: isoDateTime,
};
export const customerImported = z.object({ ...importedBase, customer: platformCustomerRecord });
export const employeeImported = z.object({ ...importedBase, employee: employeeUpserted.omit({ tenantId: true, version: true }) });
export const itemImported = z.object({ ...importedBase, item: productUpserted.omit({ tenantId: true, version: true }) });

// --- invoice-push / payment-push outcomes -------------------------------------------

const pushedRecord = {
  tenantId,
  /** The division the record belongs to (and whose company it went to), when it has one. */
  divisionId: divisionId.optional(),
  realmId: realmId.optional(),
  /** The platform record (invoice id or payment id). */
  platformId: z.string().min(1).max(100),
  /** The platform record's version this outcome is for. */
  version: z.number().int().nonnegative(),
  /** The sync run this outcome counts for, when a run queued the record. */
  runId: runId.optional(),
  at: isoDateTime,
};

/** The record is in QBO at this version: its QBO id and DocNumber (invoice) or reference (payment). */
export const recordPushed = z.object({
  ...pushedRecord,
  realmId,
  qboId: z.string().min(1).max(50),
  /** Invoice: the DocNumber (prefix + number). Payment: the PaymentRefNum (prefix + reference), when any. */
  docNumber: z.string().max(21).optional(),
  syncToken: z.string().max(20).optional(),
  /** "created" the first time, "updated" for a later version, "adopted" when found in QBO after an uncertain outcome. */
  action: z.enum(['created', 'updated', 'adopted']),
});

/** The record was voided or deleted in QBO (or there was nothing in QBO to void or delete). */
export const recordRemoved = z.object({
  ...pushedRecord,
  qboId: z.string().min(1).max(50).optional(),
});

/** The record could not be pushed; `retriable` says whether a retry may succeed as is. */
export const recordPushFailed = z.object({
  ...pushedRecord,
  qboId: z.string().min(1).max(50).optional(),
  code: z.string().min(1).max(100),
  message: z.string().max(4000),
  retriable: z.boolean(),
  attempts: z.number().int().nonnegative().optional(),
});

/**
 * Why a record waits instead of being pushed: the condition clears on its own or by an admin's
 * action (connect, reconnect, settings, enable the entity, a customer or invoice that gets linked),
 * and the record is then pushed without being published again.
 */
export const holdReason = z.enum([
  'not_connected',
  'settings_missing',
  'sync_disabled',
  'reauthorization_required',
  'customer_not_synced',
  'invoice_not_synced',
]);

/**
 * The record is held: it is kept, not pushed yet, and released when `reason` clears. Published
 * when a record becomes held for a reason (not on every look while it waits).
 */
export const recordHeld = z.object({
  ...pushedRecord,
  reason: holdReason,
  message: z.string().max(1000),
});

/**
 * A worker stored a settings version and applies it from now on: `service` names the worker
 * (invoice-push, payment-push, customer-sync). The settings API shows the newest version each
 * worker applies (`appliedBy`), so an admin or integrator can wait for it.
 */
export const settingsApplied = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  service: z.string().min(1).max(50),
  version: z.number().int().positive(),
  at: isoDateTime,
});

export const pushSkipFilter = z.enum(['sync_data_after', 'market_segment', 'sync_disabled', 'not_connected', 'nothing_to_remove']);

/** The record was not pushed because of a setting; `filter` names it. */
export const recordSkipped = z.object({
  ...pushedRecord,
  filter: pushSkipFilter,
  message: z.string().max(1000),
});

// --- metrics outcomes ----------------------------------------------------------------

const metricFact = {
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: divisionId.optional(),
  realmId,
  metricId: z.uuid(),
  name: z.string().min(1).max(200),
  dataset: z.enum(['profit_and_loss', 'balance_sheet', 'account_balances']),
  aggregation: z.enum(['sum', 'end_of_period']),
  /** The metric's period unit. */
  period: z.enum(['month', 'quarter', 'year']),
  at: isoDateTime,
};

/** A metric's values changed after an import (or it was defined): the periods whose value changed. */
export const metricUpdated = z.object({
  ...metricFact,
  target: metricDecimal.optional(),
  changes: z
    .array(
      z.object({
        /** "2026-03", "2026-Q1" or "2026". */
        period: z.string().min(4).max(7),
        previous: metricDecimal.nullable(),
        value: metricDecimal,
      }),
    )
    .min(1)
    .max(1000),
});

/** A metric stopped updating (the QBO connection is gone or needs reauthorization). */
export const metricStale = z.object({ ...metricFact, reason: z.string().min(1).max(1000) });

/**
 * The webhooks service disabled an endpoint: its deliveries kept failing (a run of failed attempts
 * long enough by count and by time). Nothing more is sent to it until an admin enables it again;
 * the events of the gap can then be replayed by time range.
 */
export const webhookEndpointDisabled = z
  .object({
    tenantId,
    endpointId: z.uuid().describe('the webhook endpoint (webhooks service id)'),
    origin: z.string().min(1).max(2048).describe('scheme, host and port of the endpoint URL (its path and query are left out: they may carry a token)'),
    description: z.string().max(500).optional().describe("the endpoint's description, as the admin wrote it"),
    reason: z.enum(['consecutive_failures']).describe('why it was disabled: consecutive_failures = the run of failed attempts reached the configured count and age'),
    consecutiveFailures: z.number().int().positive().describe('failed attempts in a row, none delivered in between'),
    failingSince: isoDateTime.describe('when the first failed attempt of the run happened'),
    lastStatusCode: z.number().int().min(100).max(599).optional().describe('HTTP status of the last failed attempt, when the endpoint answered'),
    lastError: z.string().min(1).max(200).optional().describe('error code of the last failed attempt (http_500, timeout, connection_refused, …)'),
    at: isoDateTime.describe('when it was disabled'),
  })
  .describe('A webhook endpoint was disabled after a run of failed deliveries; enable it again through the API and replay the gap.');

/**
 * The public stream for integrators: one event for every outcome. Later issues add
 * customer, invoice, payment and metric outcomes.
 */
export const syncEvents = defineTopic({
  name: 'sync.events.v1',
  description: 'Every sync outcome, for platform integrators.',
  keyDescription: 'tenant id',
  key: tenantKey,
  events: {
    'connection.connected': connectionFact,
    'connection.reauthorization_required': connectionFact,
    'connection.disconnected': connectionFact,
    'settings.invalidated': settingsInvalidated,
    'sync.retry_requested': syncRetryRequested,
    'sync.run_started': syncRunStarted,
    'sync.phase_started': syncPhaseStarted,
    'sync.phase_completed': syncPhaseCompleted,
    'sync.run_completed': syncRunCompleted,
    'sync.phase_requested': syncPhaseRequested,
    'sync.phase_scanned': syncPhaseScanned,
    'invoice.pushed': recordPushed,
    'invoice.push_failed': recordPushFailed,
    'invoice.skipped': recordSkipped,
    'invoice.held': recordHeld,
    'invoice.voided': recordRemoved,
    'invoice.deleted': recordRemoved,
    'payment.pushed': recordPushed,
    'payment.push_failed': recordPushFailed,
    'payment.skipped': recordSkipped,
    'payment.held': recordHeld,
    'settings.applied': settingsApplied,
    'payment.voided': recordRemoved,
    'payment.deleted': recordRemoved,
    'customer.synced': customerSynced,
    'customer.changed_in_qbo': customerChangedInQbo,
    'customer.sync_failed': customerSyncFailed,
    'customer.held': customerHeld,
    'customer.conflict_resolved': customerConflictResolved,
    'customer.imported': customerImported,
    'employee.imported': employeeImported,
    'item.imported': itemImported,
    'metric.updated': metricUpdated,
    'metric.stale': metricStale,
    'webhook.endpoint_disabled': webhookEndpointDisabled,
  },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['connector', 'mapping', 'customer-sync', 'invoice-push', 'payment-push', 'metrics', 'webhooks'],
});
