/**
 * "Enable Integration" / "Disable integration" (seeds 003, 004) and the per-entity summary
 * the seeds show as green checks and red crosses, plus the bulk retry of sync-log records.
 */
import { ConflictError } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import type { MappingContext } from '../context';
import type { Actor } from '../db/audit.repository';
import { auditRepository } from '../db/audit.repository';
import { connectionsRepository } from '../db/connections.repository';
import { runsRepository } from '../db/runs.repository';
import type { SettingsScope, StoredSettings } from '../db/settings.repository';
import { settingsRepository } from '../db/settings.repository';
import { UnprocessableError } from '../domain/errors';
import type { Violation } from '../domain/errors';
import type { RunTargets } from '../domain/runs';
import { ENTITY_PHASE } from '../domain/runs';
import { checkSettingsRules } from '../domain/settings-rules';
import { publishSettingsState } from './publish-settings';
import type { RunView } from './runs';
import { cancelRun, startRun, viewRun } from './runs';

export interface EntitySummary {
  on: boolean;
  direction: 'off' | 'to_qbo' | 'from_qbo' | 'both';
}

export interface IntegrationView {
  tenantId: string;
  divisionId?: string;
  enabled: boolean;
  connection: { realmId: string; companyName: string; status: 'connected' | 'reauthorization_required' | 'disconnected' } | null;
  settingsVersion: number;
  entities: { customers: EntitySummary; items: EntitySummary; employees: EntitySummary; invoices: EntitySummary; payments: EntitySummary };
  /** What would stop "Enable Integration" now (rules and broken references), by field. */
  blockers: Violation[];
  activeRun: RunView | null;
  lastRun: RunView | null;
}

function summaryOf(stored: StoredSettings): IntegrationView['entities'] {
  const s = stored.settings;
  const dir = (d: EntitySummary['direction']): EntitySummary => ({ on: d !== 'off', direction: d });
  return {
    customers: dir(s.entities.customers),
    items: dir(s.entities.items),
    employees: dir(s.entities.employees),
    invoices: dir(s.invoices.enabled ? 'to_qbo' : 'off'),
    payments: dir(s.payments.enabled ? 'to_qbo' : 'off'),
  };
}

function blockersOf(stored: StoredSettings): Violation[] {
  const s = stored.settings;
  const violations = [...checkSettingsRules(s)];
  for (const p of stored.problems) violations.push({ field: p.field, code: `reference_${p.reason}`, message: p.message, entity: p.entity, qboId: p.qboId, reason: p.reason });
  const anything = s.entities.customers !== 'off' || s.invoices.enabled || s.payments.enabled;
  if (!anything) violations.push({ field: 'entities.customers', code: 'nothing_to_synchronize', message: 'turn on customers, invoices or payments first' });
  return violations;
}

export async function readIntegration(db: Knex | Knex.Transaction, scope: SettingsScope): Promise<IntegrationView> {
  const stored = await settingsRepository.get(db, scope);
  const connection = await connectionsRepository.activeFor(db, scope);
  const active = await runsRepository.active(db, scope);
  const [last] = await runsRepository.list(db, scope.tenantId, { division: scope.divisionId ?? '', limit: 1 });
  return {
    tenantId: scope.tenantId,
    ...(scope.divisionId === undefined ? {} : { divisionId: scope.divisionId }),
    enabled: stored.settings.integration.enabled,
    connection: connection === undefined ? null : { realmId: connection.realmId, companyName: connection.companyName, status: connection.status },
    settingsVersion: stored.version,
    entities: summaryOf(stored),
    blockers: blockersOf(stored),
    activeRun: active === undefined ? null : await viewRun(db, active),
    lastRun: last === undefined ? null : await viewRun(db, last),
  };
}

/** Saves `integration.enabled` as a new settings version (audited, published to the workers). */
async function setEnabled(ctx: MappingContext, trx: Knex.Transaction, scope: SettingsScope, actor: Actor, enabled: boolean): Promise<void> {
  const now = ctx.clock();
  await settingsRepository.ensure(trx, scope, now);
  const current = await settingsRepository.get(trx, scope, { forUpdate: true });
  if (current.settings.integration.enabled === enabled && current.stored) return;
  const next: StoredSettings = {
    ...current,
    settings: { ...current.settings, integration: { enabled } },
    version: current.version + 1,
    updatedAt: now,
    updatedBy: actor.sub,
    stored: true,
  };
  await settingsRepository.save(trx, next);
  await auditRepository.record(trx, {
    tenantId: scope.tenantId,
    ...(scope.divisionId === undefined ? {} : { divisionId: scope.divisionId }),
    actor,
    action: enabled ? 'integration.enabled' : 'integration.disabled',
    resource: 'settings',
    before: { version: current.version, integration: current.settings.integration },
    after: { version: next.version, integration: next.settings.integration },
    at: now,
  });
  const connection = await connectionsRepository.activeFor(trx, scope);
  await publishSettingsState(trx, next, connection?.realmId, now);
}

/**
 * Enable Integration: the settings must hold (seed 004's rules, no broken reference, something
 * to synchronize) and the company be connected; then `integration.enabled` is saved and the
 * initial run starts (`kind: enable`). 422 names every blocking field.
 */
export async function enableIntegration(ctx: MappingContext, input: { scope: SettingsScope; actor: Actor; idempotencyKey?: string | undefined }): Promise<{ run: RunView; created: boolean }> {
  return ctx.knex.transaction(async (trx) => {
    if (input.idempotencyKey !== undefined) {
      const earlier = await runsRepository.byIdempotencyKey(trx, input.scope.tenantId, input.idempotencyKey);
      if (earlier !== undefined) return { run: await viewRun(trx, earlier), created: false };
    }
    await settingsRepository.ensure(trx, input.scope, ctx.clock());
    const stored = await settingsRepository.get(trx, input.scope, { forUpdate: true });
    const blockers = blockersOf(stored);
    if (blockers.length > 0) throw new UnprocessableError(blockers);
    await setEnabled(ctx, trx, input.scope, input.actor, true);
    return startRun(ctx, { scope: input.scope, actor: input.actor, kind: 'enable', idempotencyKey: input.idempotencyKey }, trx);
  });
}

/** Disable integration: nothing is pushed from now on (records are held, `sync_disabled`); a running run is cancelled. */
export async function disableIntegration(ctx: MappingContext, input: { scope: SettingsScope; actor: Actor }): Promise<void> {
  const active = await ctx.knex.transaction(async (trx) => {
    await setEnabled(ctx, trx, input.scope, input.actor, false);
    return runsRepository.active(trx, input.scope);
  });
  if (active !== undefined) {
    try {
      await cancelRun(ctx, input.scope.tenantId, active.runId, input.actor);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err; // it ended meanwhile
    }
  }
}

export interface BulkRetryFilter {
  outcome: 'failed' | 'held' | 'skipped';
  entity?: 'customer' | 'invoice' | 'payment' | undefined;
  code?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  ids?: string[] | undefined;
  division?: string | undefined;
}

/** The most records one bulk retry takes (a larger selection is narrowed by time or code). */
export const BULK_RETRY_MAX = 10_000;

/**
 * Retry many sync-log records at once: the records whose LATEST outcome matches the filter
 * (a failure pushed since is not retried) become a retry run of the scope.
 */
export async function bulkRetry(ctx: MappingContext, input: { tenantId: string; filter: BulkRetryFilter; actor: Actor; idempotencyKey?: string | undefined }): Promise<{ run: RunView; created: boolean; records: number }> {
  const { filter } = input;
  const division = filter.division ?? '';
  const entities = filter.entity === undefined ? Object.keys(ENTITY_PHASE) : [filter.entity];
  // The latest outcome of each record of the scope (held counts: a record that waits has no later line).
  const latest = ctx.knex('sync_log')
    .where({ tenant_id: input.tenantId, division_id: division })
    .whereIn('entity', entities)
    .whereNotNull('platform_id')
    .whereIn('outcome', ['succeeded', 'failed', 'skipped', 'held'])
    .distinctOn('entity', 'platform_id')
    .orderBy([{ column: 'entity' }, { column: 'platform_id' }, { column: 'id', order: 'desc' }])
    .select('id', 'entity', 'platform_id', 'outcome', 'reason', 'occurred_at', 'data');
  const rows = (await ctx.knex
    .from(latest.as('l'))
    .where('l.outcome', filter.outcome)
    .modify((q) => {
      // A failure's code is in its data (its reason line is the message); a hold's reason and a skip's filter are the reason.
      if (filter.code !== undefined) q.where((w) => w.where('l.reason', filter.code as string).orWhereRaw("l.data->>'code' = ?", [filter.code as string]));
      if (filter.from !== undefined) q.where('l.occurred_at', '>=', filter.from);
      if (filter.to !== undefined) q.where('l.occurred_at', '<', filter.to);
      // Entry ids name records: the records of those entries (their latest outcome must still match).
      if (filter.ids !== undefined) {
        q.whereIn(['l.entity', 'l.platform_id'], ctx.knex('sync_log').where({ tenant_id: input.tenantId }).whereIn('id', filter.ids).select('entity', 'platform_id'));
      }
    })
    .limit(BULK_RETRY_MAX + 1)) as Array<{ id: string | number; entity: string; platform_id: string; data: Record<string, unknown> | null }>;
  if (rows.length > BULK_RETRY_MAX) {
    throw new UnprocessableError([{ field: 'from', code: 'too_many_records', message: `the filter selects more than ${BULK_RETRY_MAX} records; narrow it (from, to, code, entity)` }]);
  }
  const targets: RunTargets = {};
  let records = 0;
  for (const r of rows) {
    // Customers that failed coming FROM QBO are retried one by one (sync-log retry): a run pushes platform records.
    if (r.entity === 'customer' && r.data?.direction === 'from_qbo') continue;
    const phase = ENTITY_PHASE[r.entity];
    if (phase === undefined || phase === 'inbound') continue;
    (targets[phase] ??= []).push(r.platform_id);
    records += 1;
  }
  if (records === 0) throw new ConflictError('nothing_to_retry', `no ${filter.entity ?? ''} record's latest outcome is "${filter.outcome}" for this filter`.replace('  ', ' '));
  const scope: SettingsScope = division === '' ? { tenantId: input.tenantId } : { tenantId: input.tenantId, divisionId: division };
  const started = await startRun(ctx, { scope, actor: input.actor, kind: 'retry', targets, idempotencyKey: input.idempotencyKey });
  return { ...started, records };
}
