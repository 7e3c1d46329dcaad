import { z } from 'zod';
import { divisionId, isoDateTime, realmId, tenantId, tenantKey } from '../common';
import { defineTopic } from '../topic';
import { settingsProblem } from './settings';

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

/** A sync run (an import, a CDC poll, an onboarding batch …) started. */
export const syncRunStarted = z.object({ tenantId, runId, kind: z.string().min(1).max(50), at: isoDateTime });
/** One phase of a run (e.g. "accounts", "customers") started or completed. */
export const syncPhaseStarted = z.object({ tenantId, runId, phase: z.string().min(1).max(50), at: isoDateTime });
export const syncPhaseCompleted = z.object({
  tenantId,
  runId,
  phase: z.string().min(1).max(50),
  at: isoDateTime,
  counts: runCounts.optional(),
  error: z.string().max(2000).optional(),
});
export const syncRunCompleted = z.object({
  tenantId,
  runId,
  at: isoDateTime,
  status: z.enum(['succeeded', 'failed', 'partial']).default('succeeded'),
  counts: runCounts.optional(),
  error: z.string().max(2000).optional(),
});

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
  },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['connector', 'mapping', 'customer-sync', 'invoice-push', 'payment-push', 'metrics'],
});
