import { z } from 'zod';
import { linkEntity, mappingsSchema, settingsProblem, syncSettingsSchema } from '@ledgerbus/contracts';
import { OUTCOMES } from '../domain/sync-log';

export const divisionQuery = z.object({ division: z.string().min(1).max(100).optional() });

export const connectionView = z.object({
  realmId: z.string(),
  companyName: z.string(),
  status: z.enum(['connected', 'reauthorization_required', 'disconnected']),
});

export const settingsDocument = z.object({
  tenantId: z.string(),
  divisionId: z.string().optional(),
  version: z.number().int(),
  settings: syncSettingsSchema,
  mappings: mappingsSchema,
  problems: z.array(settingsProblem).describe('mapped QBO objects that are missing, inactive or of the wrong type'),
  connection: connectionView.nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  appliedBy: z
    .record(z.string(), z.number().int())
    .describe(
      'the newest settings version each worker reported applying (settings.applied), e.g. {"invoice-push": 3, "payment-push": 3, "customer-sync": 3}; a worker that never reported is absent. Wait until every worker you run shows `version` or more.',
    ),
});

export const mappingsDocument = settingsDocument.pick({ tenantId: true, divisionId: true, version: true, mappings: true, problems: true, appliedBy: true });

export const ifMatchHeaders = z.object({
  'if-match': z.string().max(200).optional().describe('the ETag of the version being changed (from GET); required'),
});

export const referenceKind = z.enum(['accounts', 'payment-methods', 'tax-codes', 'classes', 'items']);
export const referenceQuery = z.object({
  type: z
    .string()
    .max(500)
    .optional()
    .describe('comma-separated types: AccountType for accounts ("Income", "Bank,Other Current Asset"), Type for items and payment methods'),
  includeInactive: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const referenceList = z.object({
  connected: z.boolean(),
  realmId: z.string().nullable(),
  items: z.array(z.object({ id: z.string(), name: z.string(), type: z.string().nullable(), active: z.boolean() })),
});

export const linkParams = z.object({
  tenant: z.string().min(1).max(100),
  entity: linkEntity,
  platformId: z.string().min(1).max(100),
});
export const linkBody = z.object({ qboId: z.string().trim().min(1).max(50).describe('the QBO record (id in the connected company) to link the platform record to') }).strict();
export const linkView = z.object({
  entity: z.string(),
  platformId: z.string(),
  divisionId: z.string().nullable().optional().describe('the division whose company holds the QBO record (null: the tenant itself)'),
  status: z.enum(['linked', 'not_linked', 'failed']),
  qboId: z.string().nullable(),
  label: z.string(),
  source: z.enum(['sync', 'manual']).nullable(),
  linkedAt: z.string().nullable(),
});
export const linksQuery = z.object({
  entity: linkEntity.optional(),
  division: z.string().min(1).max(100).optional().describe("only this division's links (default: the tenant's and every division's)"),
  after: z.string().max(400).optional().describe('cursor: the `next` of the previous page ("entity/platformId/divisionId")'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const syncLogEntry = z.object({
  id: z.string(),
  eventId: z.string(),
  divisionId: z.string().nullable().describe('the division the outcome is about (null: the tenant itself)'),
  type: z.string(),
  entity: z.string(),
  platformId: z.string().nullable(),
  qboId: z.string().nullable(),
  outcome: z
    .enum(OUTCOMES)
    .describe('succeeded; failed (retriable from here); skipped (a filter: sync-after date, market segment); held (waits for `reason` to clear: pushed then on its own, or retried from here); requested (a command); info'),
  reason: z.string().nullable().describe('failed: the error; held: the hold reason (not_connected, settings_missing, sync_disabled …); skipped: the filter'),
  runId: z.string().nullable(),
  phase: z.string().nullable(),
  occurredAt: z.string(),
  retryRequestedAt: z.string().nullable(),
  retryRequestedBy: z.string().nullable(),
  data: z.unknown(),
});
export const syncLogQuery = z.object({
  outcome: z.enum(OUTCOMES).optional(),
  division: z.string().min(1).max(100).optional().describe("only this division's entries (default: the tenant's and every division's)"),
  entity: z.string().max(50).optional(),
  platformId: z.string().max(100).optional(),
  runId: z.string().max(100).optional(),
  before: z.string().regex(/^[0-9]{1,18}$/, 'an entry id').optional().describe('cursor: entries older than this id'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const syncLogSummary = z.object({
  tenantId: z.string(),
  held: z
    .object({
      total: z.number().int(),
      byEntity: z.record(z.string(), z.object({ total: z.number().int(), byReason: z.record(z.string(), z.number().int()) })),
    })
    .describe('records held now (their latest outcome is `*.held`), by entity and reason'),
});
export const entryParams = z.object({ tenant: z.string().min(1).max(100), id: z.string().min(1).max(30) });

const counts = z.object({ succeeded: z.number().int(), failed: z.number().int(), skipped: z.number().int() });
export const runsResponse = z.object({
  lastSynchronizedAt: z.string().nullable(),
  runs: z.array(
    z.object({
      runId: z.string(),
      kind: z.string().nullable(),
      status: z.string(),
      startedAt: z.string().nullable(),
      endedAt: z.string().nullable(),
      counts,
      error: z.string().nullable(),
      phases: z.array(z.object({ phase: z.string(), startedAt: z.string().nullable(), endedAt: z.string().nullable(), counts, error: z.string().nullable() })),
    }),
  ),
});

export const auditQuery = z.object({
  resource: z.string().max(50).optional(),
  before: z.string().regex(/^[0-9]{1,18}$/, 'an entry id').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const auditEntry = z.object({
  id: z.string(),
  divisionId: z.string().optional(),
  actor: z.object({ sub: z.string(), isService: z.boolean() }),
  action: z.string(),
  resource: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  at: z.string(),
});

export const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
