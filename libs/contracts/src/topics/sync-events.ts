import { z } from 'zod';
import { divisionId, isoDateTime, realmId, tenantId, tenantKey } from '../common';
import { decimalString as metricDecimal } from '../common';
import { defineTopic } from '../topic';
import { customerUpserted, employeeUpserted, productUpserted } from './platform';
import { conflictRule, settingsProblem } from './settings';

/** Fields every outcome shares. */
const division = divisionId
  .optional()
  .describe("the tenant's division this is about, when the tenant connects one QBO company per division; absent = the tenant's own connection");
const at = isoDateTime.describe('when it happened (ISO 8601 date-time with offset)');

const connectionFact = z.object({
  tenantId,
  divisionId: division,
  realmId,
  companyName: z.string().max(255).optional().describe('the QBO company name, when known'),
  at,
  actor: z.string().max(255).optional().describe('who caused it: the admin\'s user id (connect, disconnect) or "system" (a refresh token rejected by Intuit)'),
  reason: z.string().max(1000).optional().describe('why, in words (e.g. "refresh token rejected: invalid_grant", the outcome of the revoke); never a token'),
});

/** A mapped QBO object became inactive, disappeared or changed type: the settings need an admin. */
export const settingsInvalidated = z.object({
  tenantId,
  divisionId: division,
  realmId,
  /** The settings version the problems were found in. */
  version: z.number().int().positive().describe('the settings version the problems were found in'),
  problems: z.array(settingsProblem).min(1).describe('every mapped QBO object that is now missing, inactive or of the wrong type'),
  at,
});

/**
 * Command: an admin asked to replay one failed record. The service that owns the
 * record's entity (named by `failedType`'s prefix, e.g. "invoice.push_failed" →
 * invoice-push) pushes it again.
 */
export const syncRetryRequested = z.object({
  tenantId,
  divisionId: division,
  /** The sync-log entry that failed (mapping's id). */
  entryId: z.string().min(1).max(100).describe("the sync-log entry that failed (mapping's id)"),
  /** The CloudEvent id and type of the failure being retried. */
  failedEventId: z.string().min(1).max(200).describe('the CloudEvent id of the failure being retried'),
  failedType: z.string().min(1).max(100).describe('the event type of the failure, e.g. "invoice.push_failed"; its prefix names the service that retries'),
  entity: z.string().max(50).optional().describe('the record\'s entity, e.g. "invoice"'),
  platformId: z.string().max(100).optional().describe('the platform id of the record to retry'),
  qboId: z.string().max(50).optional().describe('the QBO id of the record, when it has one'),
  requestedBy: z.string().min(1).max(255).describe('who asked: the admin\'s user id or the service account'),
  at,
});

const runId = z.string().min(1).max(100).describe('the sync run');
const runCounts = z
  .object({
    succeeded: z.number().int().nonnegative().default(0).describe('records done without error'),
    failed: z.number().int().nonnegative().default(0).describe('records that failed'),
    skipped: z.number().int().nonnegative().default(0).describe('records left out (filtered, unchanged or nothing to do)'),
  })
  .describe('record counts of the phase or run');

/** The phases of a sync run, in the order of the data's dependencies. */
export const syncRunPhase = z.enum(['inbound', 'customers', 'invoices', 'payments']);
const phase = syncRunPhase.describe('inbound (connector: CDC catch-up), customers (customer-sync), invoices (invoice-push), payments (payment-push)');
/** Who started a run: an admin (user) or a service account, by its token subject. */
export const runStarter = z
  .object({
    type: z.enum(['user', 'service']).describe('user = an admin, service = a service account'),
    id: z.string().min(1).max(255).describe('the token subject (user id or service account id)'),
  })
  .describe('who started the run');
const countsByReason = z
  .record(z.string().min(1).max(100), z.number().int().nonnegative())
  .describe('records per reason code, e.g. { "customer_not_synced": 3 }');

/**
 * A phase's figures: each record the phase considered is counted once, as already current
 * (nothing sent), pushed, skipped by a filter, held (kept until its reason clears) or failed;
 * `settled` of `queued` shows progress while the phase runs.
 */
const reasonTotals = (what: string) =>
  z
    .object({
      total: z.number().int().nonnegative().describe(`records ${what}`),
      reasons: countsByReason,
    })
    .describe(`records ${what}, in total and by reason`);
export const runPhaseSummary = z
  .object({
    considered: z.number().int().nonnegative().describe('records the phase looked at'),
    alreadyCurrent: z.number().int().nonnegative().describe('records already current in QBO: nothing sent'),
    pushed: z.number().int().nonnegative().describe('records written to QBO'),
    skipped: reasonTotals('skipped by a filter or setting'),
    held: reasonTotals('held until their reason clears'),
    failed: reasonTotals('that failed'),
    queued: z.number().int().nonnegative().describe('records the phase queued for a push'),
    settled: z.number().int().nonnegative().describe('queued records that have an outcome (progress: settled of queued)'),
  })
  .describe("the phase's full figures: each considered record counted once");

/** A sync run (an import, a CDC poll, an onboarding batch, "Synchronize now" …) started. */
export const syncRunStarted = z.object({
  tenantId,
  divisionId: division,
  runId,
  kind: z
    .string()
    .min(1)
    .max(50)
    .describe('what started it: enable (Enable Integration), manual (Synchronize now), retry (bulk retry), or a service\'s own run such as onboarding'),
  startedBy: runStarter.optional(),
  /** The phases it will go through, in order (sync runs). */
  phases: z.array(z.string().min(1).max(50)).max(20).optional().describe('the phases it will go through, in order (sync runs: inbound, customers, invoices, payments)'),
  at,
});
/** One phase of a run (e.g. "accounts", "customers") started or completed. */
const phaseName = z.string().min(1).max(50).describe('the phase, e.g. "customers" or "accounts"');
export const syncPhaseStarted = z.object({ tenantId, divisionId: division, runId, phase: phaseName, at });
export const syncPhaseCompleted = z.object({
  tenantId,
  divisionId: division,
  runId,
  phase: phaseName,
  at,
  counts: runCounts.optional(),
  /** Sync runs: the phase's full figures. */
  summary: runPhaseSummary.optional(),
  error: z.string().max(2000).optional().describe('why the phase could not complete, when it could not'),
});
export const syncRunCompleted = z.object({
  tenantId,
  divisionId: division,
  runId,
  at,
  status: z
    .enum(['succeeded', 'failed', 'partial', 'partially_failed', 'cancelled'])
    .default('succeeded')
    .describe('how the run ended: succeeded; failed (it could not run); partial or partially_failed (some records failed); cancelled by an admin'),
  counts: runCounts.optional(),
  error: z.string().max(2000).optional().describe('why the run failed, when it did'),
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
  divisionId: division,
  runId,
  phase,
  mode: z.enum(['sync', 'retry']).default('sync').describe('sync = every record of the phase; retry = a bulk retry of failed records'),
  recordIds: z.array(z.string().min(1).max(100)).max(10_000).optional().describe('platform ids that limit a retry run to those records'),
  requestedBy: z.string().min(1).max(255).describe('who started the run (user id or service account)'),
  at,
});

/**
 * A service's answer to `sync.phase_requested`: how many records it considered, how many
 * are already current (nothing sent), and how many it queued — each queued record gets one
 * outcome event with `runId` (pushed, skipped, held or failed). `skipped` counts records
 * left out at once, by reason (the entity is off). `error` says the phase could not run.
 */
export const syncPhaseScanned = z.object({
  tenantId,
  divisionId: division,
  runId,
  phase,
  service: z.string().min(1).max(50).describe('the service that scanned, e.g. "invoice-push"'),
  considered: z.number().int().nonnegative().describe('records it considered'),
  alreadyCurrent: z.number().int().nonnegative().describe('records already current in QBO: nothing sent'),
  queued: z.number().int().nonnegative().describe('records queued: each gets one outcome event with this runId'),
  skipped: countsByReason.optional().describe('records left out at once, by reason (e.g. the entity is off)'),
  error: z
    .object({
      code: z.string().min(1).max(100).describe('stable snake_case error code'),
      message: z.string().max(2000).describe('what went wrong, for people'),
    })
    .optional()
    .describe('set when the phase could not run'),
  at,
});

const platformRecordId = z.string().min(1).max(100).describe('the platform id of the record');
const qboRecordId = z.string().min(1).max(50).describe('the QBO id of the record in the realm');
const syncToken = z.string().max(20).optional().describe("QBO's SyncToken (its version counter) of the record");
const customerRunId = runId.optional().describe('the sync run this outcome counts for, when a run queued the record');

/** A customer as the platform holds it: `platform.customers.v1`'s record without tenant, version and timestamps. */
export const platformCustomerRecord = customerUpserted.omit({ tenantId: true, version: true, updatedAt: true });

/** A customer reached the other side: created, updated, deactivated or linked in QBO, or applied from QBO. */
export const customerSynced = z.object({
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: division,
  realmId,
  direction: z.enum(['to_qbo', 'from_qbo']).describe('to_qbo = the platform record was written to QBO; from_qbo = a QBO change was applied for the platform'),
  action: z
    .enum(['created', 'updated', 'deactivated', 'linked', 'unchanged'])
    .describe('what happened: created, updated or deactivated in QBO, linked to an existing QBO customer, or unchanged (already current)'),
  platformId: platformRecordId,
  qboId: qboRecordId,
  /** The platform record version this outcome is for (to_qbo). */
  version: z.number().int().nonnegative().optional().describe('the platform record version this outcome is for (to_qbo)'),
  /** The QBO SyncToken after the write (to_qbo) or of the version applied (from_qbo). */
  syncToken: syncToken.describe('the QBO SyncToken after the write (to_qbo) or of the version applied (from_qbo)'),
  /** Set when a 6240 duplicate name was resolved by renaming: the DisplayName used in QBO. */
  qboDisplayName: z.string().max(500).optional().describe('set when a duplicate name (QBO error 6240) was resolved by renaming: the DisplayName used in QBO'),
  /** The sync run this outcome counts for, when a run queued the record. */
  runId: customerRunId,
  at,
});

/**
 * A customer changed in QBO: the platform-shaped record for the integrator to apply.
 * New QBO customers carry a platform id assigned by ledgerbus ("qbo-<realmId>-<qboId>"),
 * already linked: create the record under that id (or keep it as its external key).
 */
export const customerChangedInQbo = z.object({
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: division,
  realmId,
  qboId: qboRecordId,
  platformId: platformRecordId,
  operation: z.enum(['created', 'updated', 'deactivated', 'deleted', 'merged']).describe('what changed in QBO'),
  /** The record to apply; absent for deletes. */
  customer: platformCustomerRecord.optional().describe('the record to apply, in the platform shape; absent for deletes'),
  /** For merges: the platform record the merged-away customer now lives in. */
  mergedIntoPlatformId: platformRecordId.optional().describe('for merges: the platform record the merged-away customer now lives in'),
  syncToken: syncToken.describe("QBO's SyncToken of the version applied"),
  lastUpdated: isoDateTime.optional().describe("QBO's LastUpdatedTime of the customer"),
  at,
});

/** A customer could not be synced; `code` is stable, `message` is for the admin. */
export const customerSyncFailed = z.object({
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: division,
  realmId: realmId.optional(),
  direction: z.enum(['to_qbo', 'from_qbo', 'onboarding']).describe('which way the sync failed: platform → QBO, QBO → platform, or during onboarding'),
  platformId: platformRecordId.optional(),
  qboId: qboRecordId.optional(),
  version: z.number().int().nonnegative().optional().describe('the platform record version that failed (to_qbo)'),
  code: z.string().min(1).max(100).describe('stable snake_case error code, e.g. "customer_state_unknown", "client_not_synced"'),
  message: z.string().min(1).max(2000).describe('what went wrong and what to do, for the admin'),
  retriable: z.boolean().describe('true when a retry may succeed as is; false when the record or settings must change first'),
  /** The sync run this outcome counts for, when a run queued the record. */
  runId: customerRunId,
  at,
});

/**
 * A platform customer a sync run queued is kept, not pushed yet (the tenant is not ready, or a
 * site waits for its client): released when `reason` clears.
 */
export const customerHeld = z.object({
  tenantId,
  divisionId: division,
  realmId: realmId.optional(),
  platformId: platformRecordId,
  version: z.number().int().nonnegative().optional().describe('the platform record version that is held'),
  reason: z
    .enum(['not_connected', 'settings_missing', 'sync_disabled', 'reauthorization_required', 'customer_not_synced'])
    .describe('why it waits: no QBO connection, no settings, the integration or customers are off, the connection needs reauthorization, or a site waits for its parent customer'),
  message: z.string().max(1000).describe('the reason in words, for the admin'),
  runId: customerRunId,
  at,
});

/** Both sides changed the same customer since the last sync; the tenant's rule decided field by field. */
export const customerConflictResolved = z.object({
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: division,
  realmId,
  platformId: platformRecordId,
  qboId: qboRecordId,
  rule: conflictRule,
  fields: z
    .array(
      z
        .object({
          field: z.string().min(1).max(100).describe('the platform field, e.g. "email" or "billingAddress"'),
          base: z.unknown().optional().describe('its value at the last sync'),
          platform: z.unknown().optional().describe("the platform's value"),
          qbo: z.unknown().optional().describe("QBO's value"),
          winner: z.enum(['platform', 'qbo']).describe('the side whose value was kept'),
        })
        .describe('one field both sides changed'),
    )
    .min(1)
    .describe('every field both sides changed, and who won'),
  platformVersion: platformCustomerRecord.describe("the platform's version of the customer"),
  qboVersion: platformCustomerRecord.describe("QBO's version of the customer, in the platform shape"),
  merged: platformCustomerRecord.describe('the result now on both sides'),
  platformUpdatedAt: isoDateTime.optional().describe('when the platform changed it (newest_wins compares these)'),
  qboUpdatedAt: isoDateTime.optional().describe("QBO's LastUpdatedTime of the customer"),
  at,
});

/**
 * Onboarding brought one QBO record over. `action: "create"`: the platform creates it
 * under `platformId` (assigned by ledgerbus, stable, already linked); `"link"`: it matched
 * the existing platform record `platformId`, nothing to create.
 */
const importedBase = {
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: division,
  realmId,
  runId: z.string().min(1).max(100).describe('the onboarding run'),
  qboId: qboRecordId,
  platformId: platformRecordId.describe('create: the platform id assigned by ledgerbus (stable, already linked); link: the existing platform record it matched'),
  action: z.enum(['create', 'link']).describe('create = create the record on the platform under platformId; link = it matched an existing platform record, nothing to create'),
  /** How the match was made (for `link`): "email", "name_and_email", "name", "sku", "manual". */
  matchedBy: z.string().max(50).optional().describe('how the match was made (link): "email", "name_and_email", "name", "sku", "manual"'),
  at,
};
export const customerImported = z
  .object({ ...importedBase, customer: platformCustomerRecord.describe('the QBO customer in the platform shape') })
  .describe('Onboarding brought a QBO customer over: create it under platformId (action create) or it is linked to platformId (action link).');
export const employeeImported = z
  .object({ ...importedBase, employee: employeeUpserted.omit({ tenantId: true, version: true }).describe('the QBO employee in the platform shape') })
  .describe('Onboarding brought a QBO employee over: create it under platformId (action create) or it is linked to platformId (action link).');
export const itemImported = z
  .object({ ...importedBase, item: productUpserted.omit({ tenantId: true, version: true }).describe('the QBO item in the platform product shape') })
  .describe('Onboarding brought a QBO item over as a product: create it under platformId (action create) or it is linked to platformId (action link).');

// --- invoice-push / payment-push outcomes -------------------------------------------

const pushedRecord = {
  tenantId,
  /** The division the record belongs to (and whose company it went to), when it has one. */
  divisionId: division,
  realmId: realmId.optional(),
  /** The platform record (invoice id or payment id). */
  platformId: z.string().min(1).max(100).describe('the platform record: the invoice id or payment id'),
  /** The platform record's version this outcome is for. */
  version: z.number().int().nonnegative().describe("the platform record's version this outcome is for"),
  /** The sync run this outcome counts for, when a run queued the record. */
  runId: runId.optional().describe('the sync run this outcome counts for, when a run queued the record'),
  at,
};

/** The record is in QBO at this version: its QBO id and DocNumber (invoice) or reference (payment). */
export const recordPushed = z.object({
  ...pushedRecord,
  realmId,
  qboId: z.string().min(1).max(50).describe('the id of the record in QBO'),
  /** Invoice: the DocNumber (prefix + number). Payment: the PaymentRefNum (prefix + reference), when any. */
  docNumber: z.string().max(21).optional().describe('invoice: the QBO DocNumber (prefix + number); payment: the PaymentRefNum (prefix + reference), when any'),
  syncToken: syncToken.describe("QBO's SyncToken of the record after the write"),
  /** "created" the first time, "updated" for a later version, "adopted" when found in QBO after an uncertain outcome. */
  action: z
    .enum(['created', 'updated', 'adopted'])
    .describe('created the first time, updated for a later version, adopted when found in QBO after an uncertain outcome (timeout, lost answer)'),
});

/** The record was voided or deleted in QBO (or there was nothing in QBO to void or delete). */
export const recordRemoved = z.object({
  ...pushedRecord,
  qboId: z.string().min(1).max(50).optional().describe('the QBO record voided or deleted; absent when there was nothing in QBO'),
});

/** The record could not be pushed; `retriable` says whether a retry may succeed as is. */
export const recordPushFailed = z.object({
  ...pushedRecord,
  qboId: z.string().min(1).max(50).optional().describe('the QBO record, when it has one'),
  code: z.string().min(1).max(100).describe('stable snake_case error code, e.g. "invalid_amount", "doc_number_too_long", "item_not_mapped"'),
  message: z.string().max(4000).describe('what went wrong and what to do, for the admin'),
  retriable: z.boolean().describe('true when a retry may succeed as is (e.g. QBO unavailable); false when the record or settings must change first'),
  attempts: z.number().int().nonnegative().optional().describe('push attempts made for this version'),
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
  reason: holdReason.describe(
    'why it waits: not_connected, settings_missing, sync_disabled (integration or entity off), reauthorization_required, customer_not_synced (its customer is not in QBO yet), invoice_not_synced (a paid invoice is not in QBO yet)',
  ),
  message: z.string().max(1000).describe('the reason in words, for the admin'),
});

/**
 * A worker stored a settings version and applies it from now on: `service` names the worker
 * (invoice-push, payment-push, customer-sync). The settings API shows the newest version each
 * worker applies (`appliedBy`), so an admin or integrator can wait for it.
 */
export const settingsApplied = z.object({
  tenantId,
  divisionId: division,
  service: z.string().min(1).max(50).describe('the worker: invoice-push, payment-push or customer-sync'),
  version: z.number().int().positive().describe('the settings version it applies from now on'),
  at,
});

export const pushSkipFilter = z.enum(['sync_data_after', 'market_segment', 'sync_disabled', 'not_connected', 'nothing_to_remove']);

/** The record was not pushed because of a setting; `filter` names it. */
export const recordSkipped = z.object({
  ...pushedRecord,
  filter: pushSkipFilter.describe(
    'the setting that left it out: sync_data_after (dated before it), market_segment (another segment), sync_disabled, not_connected, nothing_to_remove (a void or delete of a record never pushed)',
  ),
  message: z.string().max(1000).describe('the reason in words, for the admin'),
});

// --- metrics outcomes ----------------------------------------------------------------

const metricFact = {
  tenantId,
  /** The division whose company this is about, when the tenant connects one company per division. */
  divisionId: division,
  realmId,
  metricId: z.uuid().describe('the metric (metrics service id)'),
  name: z.string().min(1).max(200).describe("the metric's name, as the admin defined it"),
  dataset: z.enum(['profit_and_loss', 'balance_sheet', 'account_balances']).describe('the QBO report or data the metric reads'),
  aggregation: z.enum(['sum', 'end_of_period']).describe('sum = total over the period; end_of_period = the balance at its end'),
  /** The metric's period unit. */
  period: z.enum(['month', 'quarter', 'year']).describe("the metric's period unit"),
  at,
};

/** A metric's values changed after an import (or it was defined): the periods whose value changed. */
export const metricUpdated = z.object({
  ...metricFact,
  target: metricDecimal.optional().describe("the metric's target per period, a decimal string, when set"),
  changes: z
    .array(
      z
        .object({
          /** "2026-03", "2026-Q1" or "2026". */
          period: z.string().min(4).max(7).describe('the period: "2026-03" (month), "2026-Q1" (quarter) or "2026" (year)'),
          previous: metricDecimal.nullable().describe('the value before, a decimal string; null when the period had none'),
          value: metricDecimal.describe('the new value, a decimal string in the company currency'),
        })
        .describe("one period whose value changed"),
    )
    .min(1)
    .max(1000)
    .describe('the periods whose value changed (1 to 1000)'),
});

/** A metric stopped updating (the QBO connection is gone or needs reauthorization). */
export const metricStale = z.object({ ...metricFact, reason: z.string().min(1).max(1000).describe('why it stopped updating, in words') });

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

/** The deployment's QBO reads (CorePlus calls) this month crossed a share of the monthly quota (once per month and threshold). */
export const qboReadQuotaThresholdCrossed = z
  .object({
    scope: z.literal('deployment').describe('what the quota covers: deployment = every tenant and realm of this ledgerbus deployment (Intuit pools CorePlus calls per developer workspace)'),
    month: z
      .string()
      .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'a calendar month, YYYY-MM')
      .describe('the calendar month (UTC) the reads were counted in, YYYY-MM'),
    thresholdPercent: z.number().int().min(1).max(100).describe('the share of the monthly quota crossed, in percent (80 or 95)'),
    monthlyReadQuota: z.number().int().positive().describe('the configured monthly quota of CorePlus calls (QBO_MONTHLY_READ_QUOTA; Intuit Builder tier: 500,000)'),
    reads: z.number().int().nonnegative().describe('CorePlus calls counted this month when the threshold was found crossed'),
    forecastReads: z.number().int().nonnegative().describe('linear forecast of the month\'s CorePlus calls at month end, from the pace so far'),
    at: isoDateTime.describe('when the crossing was noticed'),
  })
  .describe("The deployment's QBO reads this month crossed 80% or 95% of the monthly quota; past 100% Intuit refuses reads for every tenant until the next month. Keyed \"*\".");

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
    'connection.connected': connectionFact.describe('A tenant (or division) connected a QBO company through Intuit OAuth; syncing to it can start.'),
    'connection.reauthorization_required': connectionFact.describe(
      'Intuit rejected the refresh token (invalid_grant): an admin must connect again; records wait (held reauthorization_required), nothing is lost.',
    ),
    'connection.disconnected': connectionFact.describe('The tenant disconnected its QBO company (tokens revoked): nothing syncs to it any more.'),
    'settings.invalidated': settingsInvalidated.describe('Mapped QBO objects became missing, inactive or of the wrong type: the settings need an admin.'),
    'sync.retry_requested': syncRetryRequested.describe('Command: an admin asked to replay one failed record; the service that owns its entity pushes it again.'),
    'sync.run_started': syncRunStarted.describe('A sync run (Enable Integration, Synchronize now, bulk retry, onboarding …) started.'),
    'sync.phase_started': syncPhaseStarted.describe('One phase of a run started.'),
    'sync.phase_completed': syncPhaseCompleted.describe('One phase of a run completed, with its figures.'),
    'sync.run_completed': syncRunCompleted.describe('A sync run ended, with its status and counts.'),
    'sync.phase_requested': syncPhaseRequested.describe("Command of a sync run: the service that owns the phase's records goes through them now and answers with sync.phase_scanned."),
    'sync.phase_scanned': syncPhaseScanned.describe("A service's answer to sync.phase_requested: records considered, already current and queued."),
    'invoice.pushed': recordPushed.describe('The invoice is in QBO at this version (created, updated or adopted).'),
    'invoice.push_failed': recordPushFailed.describe('The invoice could not be pushed; retriable says whether a retry may succeed as is. It shows in the sync log and can be retried.'),
    'invoice.skipped': recordSkipped.describe('The invoice was not pushed because of a setting the admin chose; filter names it.'),
    'invoice.held': recordHeld.describe('The invoice waits: it is kept and pushed without being published again when reason clears.'),
    'invoice.voided': recordRemoved.describe('The invoice was voided in QBO (or there was nothing in QBO to void).'),
    'invoice.deleted': recordRemoved.describe('The invoice was deleted in QBO (or there was nothing in QBO to delete).'),
    'payment.pushed': recordPushed.describe('The payment is in QBO at this version, applied to its invoices (created, updated or adopted).'),
    'payment.push_failed': recordPushFailed.describe('The payment could not be pushed; retriable says whether a retry may succeed as is. It shows in the sync log and can be retried.'),
    'payment.skipped': recordSkipped.describe('The payment was not pushed because of a setting the admin chose; filter names it.'),
    'payment.held': recordHeld.describe('The payment waits: it is kept and pushed without being published again when reason clears.'),
    'settings.applied': settingsApplied.describe('A worker stored a settings version and applies it from now on.'),
    'payment.voided': recordRemoved.describe('The payment was voided in QBO (or there was nothing in QBO to void).'),
    'payment.deleted': recordRemoved.describe('The payment was deleted in QBO (or there was nothing in QBO to delete).'),
    'customer.synced': customerSynced.describe('A customer reached the other side: created, updated, deactivated or linked in QBO, or applied from QBO.'),
    'customer.changed_in_qbo': customerChangedInQbo.describe(
      'A customer changed in QBO: the platform-shaped record for the integrator to apply (a new QBO customer comes with a platform id assigned by ledgerbus, already linked).',
    ),
    'customer.sync_failed': customerSyncFailed.describe('A customer could not be synced; code is stable, message is for the admin.'),
    'customer.held': customerHeld.describe('A customer a sync run queued is kept, not pushed yet; it is released when reason clears.'),
    'customer.conflict_resolved': customerConflictResolved.describe("Both sides changed the same customer since the last sync; the tenant's conflict rule decided field by field."),
    'customer.imported': customerImported,
    'employee.imported': employeeImported,
    'item.imported': itemImported,
    'metric.updated': metricUpdated.describe("A metric's values changed after an import (or it was defined): the periods whose value changed."),
    'metric.stale': metricStale.describe('A metric stopped updating (the QBO connection is gone or needs reauthorization).'),
    'webhook.endpoint_disabled': webhookEndpointDisabled,
    'qbo.read_quota_threshold_crossed': qboReadQuotaThresholdCrossed,
  },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['connector', 'mapping', 'customer-sync', 'invoice-push', 'payment-push', 'metrics', 'webhooks'],
});
