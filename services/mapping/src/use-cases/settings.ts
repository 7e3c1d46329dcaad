import type { Knex } from 'knex';
import type { Mappings, SettingsProblem, SyncSettings } from '@ledgerbus/contracts';
import type { Actor } from '../db/audit.repository';
import { auditRepository } from '../db/audit.repository';
import type { Connection } from '../db/connections.repository';
import { connectionsRepository } from '../db/connections.repository';
import { referenceRepository } from '../db/reference.repository';
import { settingsAppliedRepository } from '../db/settings-applied.repository';
import type { SettingsScope, StoredSettings } from '../db/settings.repository';
import { settingsRepository } from '../db/settings.repository';
import { PreconditionRequiredError, UnprocessableError, VersionConflictError, ifMatchAccepts } from '../domain/errors';
import type { Violation } from '../domain/errors';
import type { ReferenceRequirement } from '../domain/reference-rules';
import {
  checkReferences,
  mappingReferences,
  newProblems,
  notConnectedProblems,
  problemsAsViolations,
  sameProblems,
  settingsReferences,
} from '../domain/reference-rules';
import { checkSettingsRules } from '../domain/settings-rules';
import type { MappingContext } from '../context';
import { publishSettingsInvalidated, publishSettingsState } from './publish-settings';

type Db = Knex | Knex.Transaction;

export interface SettingsView {
  stored: StoredSettings;
  connection: Connection | undefined;
  /** The newest settings version each worker reported applying (`settings.applied`). */
  appliedBy: Record<string, number>;
}

/** Every reference of a whole settings document, with document paths ("settings.accounts.income"). */
export function documentReferences(settings: SyncSettings, mappings: Mappings): ReferenceRequirement[] {
  return [...settingsReferences(settings, 'settings'), ...mappingReferences(mappings, 'mappings')];
}

/** The problems of a document against its connected company (none when not connected). */
export async function findProblems(db: Db, connection: Connection | undefined, requirements: ReferenceRequirement[]): Promise<SettingsProblem[]> {
  if (connection === undefined || requirements.length === 0) return [];
  const found = await referenceRepository.find(db, connection.realmId, requirements);
  return checkReferences(requirements, found);
}

export async function readSettings(db: Db, scope: SettingsScope): Promise<SettingsView> {
  const [stored, connection, appliedBy] = await Promise.all([
    settingsRepository.get(db, scope),
    connectionsRepository.activeFor(db, scope),
    settingsAppliedRepository.byService(db, scope),
  ]);
  return { stored, connection, appliedBy };
}

/** References that are new or changed compared with the stored ones: only these are refused. */
function changedRequirements(next: ReferenceRequirement[], previous: ReferenceRequirement[]): ReferenceRequirement[] {
  const before = new Set(previous.map((r) => `${r.field}|${r.qboId}|${(r.types ?? []).join(',')}`));
  return next.filter((r) => !before.has(`${r.field}|${r.qboId}|${(r.types ?? []).join(',')}`));
}

async function refuseBadReferences(trx: Knex.Transaction, connection: Connection | undefined, requirements: ReferenceRequirement[]): Promise<void> {
  if (requirements.length === 0) return;
  const problems = connection === undefined ? notConnectedProblems(requirements) : await findProblems(trx, connection, requirements);
  if (problems.length > 0) throw new UnprocessableError(problemsAsViolations(problems));
}

interface UpdateInput<T> {
  scope: SettingsScope;
  actor: Actor;
  ifMatch: string | undefined;
  value: T;
}

type Section = 'settings' | 'mappings';

async function updateSection<T extends SyncSettings | Mappings>(
  ctx: MappingContext,
  section: Section,
  input: UpdateInput<T>,
  rules: (value: T) => Violation[],
  references: (value: T) => ReferenceRequirement[],
): Promise<SettingsView> {
  return ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    await settingsRepository.ensure(trx, input.scope, now);
    const current = await settingsRepository.get(trx, input.scope, { forUpdate: true });
    if (input.ifMatch === undefined) throw new PreconditionRequiredError(current.version);
    if (!ifMatchAccepts(input.ifMatch, current.version)) throw new VersionConflictError(current.version, input.ifMatch);

    const violations = rules(input.value);
    if (violations.length > 0) throw new UnprocessableError(violations);

    const connection = await connectionsRepository.activeFor(trx, input.scope);
    const previousValue = (section === 'settings' ? current.settings : current.mappings) as T;
    await refuseBadReferences(trx, connection, changedRequirements(references(input.value), references(previousValue)));

    const next: StoredSettings = {
      ...current,
      // `integration` is not a save's to change: "Enable Integration" checks the settings and starts the initial run, "Disable" cancels one.
      ...(section === 'settings' ? { settings: { ...(input.value as SyncSettings), integration: current.settings.integration } } : { mappings: input.value as Mappings }),
      version: current.version + 1,
      updatedAt: now,
      updatedBy: input.actor.sub,
      stored: true,
    };
    next.problems = await findProblems(trx, connection, documentReferences(next.settings, next.mappings));
    await settingsRepository.save(trx, next);
    await auditRepository.record(trx, {
      tenantId: input.scope.tenantId,
      ...(input.scope.divisionId === undefined ? {} : { divisionId: input.scope.divisionId }),
      actor: input.actor,
      action: `${section}.updated`,
      resource: section,
      before: { version: current.version, [section]: previousValue },
      after: { version: next.version, [section]: input.value },
      at: now,
    });
    await publishSettingsState(trx, next, connection?.realmId, now);
    return { stored: next, connection, appliedBy: await settingsAppliedRepository.byService(trx, input.scope) };
  });
}

export function updateSyncSettings(ctx: MappingContext, input: UpdateInput<SyncSettings>): Promise<SettingsView> {
  return updateSection(ctx, 'settings', input, checkSettingsRules, (v) => settingsReferences(v));
}

export function updateMappings(ctx: MappingContext, input: UpdateInput<Mappings>): Promise<SettingsView> {
  return updateSection(ctx, 'mappings', input, () => [], (v) => mappingReferences(v));
}

/**
 * After reference data or the connection changed: recompute a stored scope's problems;
 * republish when they (or the realm) changed, and publish `settings.invalidated` for new ones.
 */
export async function refreshScope(trx: Knex.Transaction, scope: SettingsScope, now: Date, options: { realmChanged?: boolean } = {}): Promise<void> {
  await settingsRepository.ensure(trx, scope, now);
  const current = await settingsRepository.get(trx, scope, { forUpdate: true });
  const connection = await connectionsRepository.activeFor(trx, scope);
  const problems = await findProblems(trx, connection, documentReferences(current.settings, current.mappings));
  const changed = !sameProblems(current.problems, problems);
  if (!changed && !options.realmChanged) return;
  const next: StoredSettings = { ...current, problems, updatedAt: changed ? now : current.updatedAt };
  if (changed) await settingsRepository.save(trx, next);
  await publishSettingsState(trx, next, connection?.realmId, now);
  const fresh = newProblems(current.problems, problems);
  if (connection !== undefined && fresh.length > 0) {
    await publishSettingsInvalidated(trx, next, connection.realmId, fresh, now);
  }
}

/** The scopes whose references point into a tenant's connection: the tenant and its divisions. */
export async function scopesToRefresh(trx: Knex.Transaction, tenantId: string, divisionId: string | undefined): Promise<SettingsScope[]> {
  const stored = await settingsRepository.scopesOfTenant(trx, tenantId);
  // A tenant-level connection serves the tenant and divisions without their own; a division's only itself.
  const scopes = divisionId === undefined ? stored : stored.filter((s) => s.divisionId === divisionId);
  const own: SettingsScope = { tenantId, ...(divisionId === undefined ? {} : { divisionId }) };
  if (!scopes.some((s) => s.divisionId === own.divisionId)) scopes.push(own);
  return scopes;
}
