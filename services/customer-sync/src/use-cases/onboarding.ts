/**
 * Onboarding import, once after connecting: list QBO employees, customers (with
 * sub-customers / projects) and items, propose a match to the platform's directory, and
 * in auto mode import every unmatched record and link every confident match. Each QBO
 * record has one row per tenant, ever: a record is imported or linked exactly once
 * (a second run, a replay or a manual action on a decided row changes nothing).
 */
import type { EffectiveSettings, SyncSettings } from '@ledgerbus/contracts';
import { LedgerbusError, NotFoundError } from '@ledgerbus/kit';
import type { Customer, Employee, Item } from '@ledgerbus/qbo';
import { select } from '@ledgerbus/qbo';
import type { Knex } from 'knex';
import type { CustomerSyncContext } from '../context';
import { linksRepository } from '../db/links.repository';
import type { OnboardingPhase } from '../db/onboarding-runs.repository';
import { stateRepository } from '../db/state.repository';
import type { PlatformCustomer } from '../domain/customer-shape';
import { fromQboCustomer, platformIdForQbo } from '../domain/customer-shape';
import type { OnboardingEntity, Proposal, QboCandidate } from '../domain/onboarding-match';
import { proposeAll } from '../domain/onboarding-match';
import { applyStateRule, hasSiteAddress, withClientStateForSite } from '../domain/state-rule';
import { Emitter } from './emit';

export interface OnboardingRow {
  tenant_id: string;
  entity: OnboardingEntity;
  qbo_id: string;
  realm_id: string;
  run_id: string;
  name: string;
  qbo_parent_id: string | null;
  status: 'proposed' | 'needs_attention' | 'imported' | 'linked' | 'refused';
  proposal: Proposal['kind'];
  proposed_platform_id: string | null;
  platform_id: string | null;
  matched_by: string | null;
  reason: string | null;
  message: string | null;
  candidates: string[] | null;
  qbo_object: Record<string, unknown>;
}

/** What a decision did: imported or linked the record, refused it (with a reason), or nothing (already decided). */
export type DecisionOutcome = 'imported' | 'linked' | 'refused' | 'unchanged';

/** What a run reports while it works; `signal` stops it between two records. */
export interface OnboardingProgress {
  readonly signal: AbortSignal;
  phase(phase: OnboardingPhase, toDecide?: number): Promise<void>;
  listed(count: number): Promise<void>;
  decided(outcome: DecisionOutcome): Promise<void>;
}

export interface OnboardingRunInput {
  tenantId: string;
  realmId: string;
  runId: string;
  mode: 'auto' | 'manual';
  /** A run taken over from a process that died, in this phase: `decide` goes on deciding without listing QBO again. */
  resumeAt?: OnboardingPhase | null;
}

type Mappings = EffectiveSettings['mappings'];

export const OPEN = ['proposed', 'needs_attention'] as const;

/** The realm of a connected tenant (409 otherwise). */
export async function realmOf(ctx: CustomerSyncContext, tenantId: string): Promise<string> {
  const c = await stateRepository.connectionOfTenant(ctx.knex, tenantId);
  if (!c || c.status !== 'connected') throw new LedgerbusError('tenant_not_connected', `tenant ${tenantId} has no connected QBO company`, { statusCode: 409 });
  return c.realm_id;
}

const LISTED_PER_REPORT = 200;

async function listAll<T>(ctx: CustomerSyncContext, realmId: string, entity: string, progress: OnboardingProgress): Promise<T[]> {
  const out: T[] = [];
  for await (const row of ctx.qbo(realmId).queryAll<T>(select(entity))) {
    progress.signal.throwIfAborted();
    out.push(row);
    if (out.length % LISTED_PER_REPORT === 0) await progress.listed(LISTED_PER_REPORT);
  }
  await progress.listed(out.length % LISTED_PER_REPORT);
  return out;
}

/**
 * Lists QBO records with proposals (stored), then in auto mode imports and links what is
 * safe. Returns the tenant's onboarding records per status.
 */
export async function runOnboarding(ctx: CustomerSyncContext, run: OnboardingRunInput, progress: OnboardingProgress): Promise<Record<string, number>> {
  const { tenantId, mode } = run;
  const settings = await stateRepository.settings(ctx.knex, tenantId);
  const mappings = await stateRepository.mappings(ctx.knex, tenantId);
  if (mode !== 'auto' || run.resumeAt !== 'decide') await listAndPropose(ctx, run, settings, mappings, progress);

  if (mode === 'auto') {
    const open = (await ctx.knex('onboarding_records').where({ tenant_id: tenantId, status: 'proposed' })) as OnboardingRow[];
    // Parents before their sub-customers, so that sites can name their client.
    const ordered = [...open.filter((r) => r.qbo_parent_id === null), ...open.filter((r) => r.qbo_parent_id !== null)].flatMap((row) => {
      const decision = autoDecision(row);
      return decision === undefined ? [] : [{ row, decision }];
    });
    await progress.phase('decide', ordered.length);
    for (const { row, decision } of ordered) {
      progress.signal.throwIfAborted();
      await progress.decided(await decide(ctx, tenantId, row, decision, settings, mappings));
    }
  }
  const counts: Array<{ status: string; n: string | number }> = await ctx.knex('onboarding_records').where({ tenant_id: tenantId }).select('status').count<Array<{ status: string; n: string | number }>>('* as n').groupBy('status');
  return Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
}

/** The list phase: every QBO record with its proposal, stored (records already decided stay as they are). */
async function listAndPropose(ctx: CustomerSyncContext, run: OnboardingRunInput, settings: SyncSettings, mappings: Mappings, progress: OnboardingProgress): Promise<void> {
  const { tenantId, realmId, runId } = run;
  // Employees come over only when the tenant's employee direction brings QBO employees to the platform.
  const importEmployees = employeesFromQbo(settings);
  await progress.phase('list');
  const customers = await listAll<Customer>(ctx, realmId, 'Customer', progress);
  const employees = importEmployees ? await listAll<Employee>(ctx, realmId, 'Employee', progress) : [];
  const items = await listAll<Item>(ctx, realmId, 'Item', progress);
  const dir = async (entity: 'customer' | 'employee' | 'item') =>
    (await stateRepository.directory(ctx.knex, tenantId, entity)).map((d) => ({ platformId: d.platform_id, name: d.name, email: d.email ?? undefined, sku: d.sku ?? undefined }));

  const lists: Array<{ entity: OnboardingEntity; records: Array<QboCandidate & { parent?: string | undefined; object: Record<string, unknown> }> }> = [
    { entity: 'employee', records: employees.map((e) => ({ qboId: e.Id, name: e.DisplayName ?? [e.GivenName, e.FamilyName].filter(Boolean).join(' '), email: e.PrimaryEmailAddr?.Address, object: e })) },
    { entity: 'item', records: items.map((i) => ({ qboId: i.Id, name: i.Name, sku: i.Sku, object: i })) },
    { entity: 'customer', records: customers.map((c) => ({ qboId: c.Id, name: c.DisplayName ?? '', email: c.PrimaryEmailAddr?.Address, parent: c.ParentRef?.value, object: c })) },
  ];
  const now = ctx.clock();
  for (const { entity, records } of lists) {
    const proposals = proposeAll(entity, await dir(entity), records);
    if (entity === 'item') withDefaultProduct(proposals, mappings.defaults.platformProductId);
    const rows = records.map((r) => {
      const p = proposals.get(r.qboId) ?? { kind: 'import' as const };
      return {
        tenant_id: tenantId,
        entity,
        qbo_id: r.qboId,
        realm_id: realmId,
        run_id: runId,
        name: r.name || `#${r.qboId}`,
        qbo_parent_id: r.parent ?? null,
        status: p.kind === 'attention' ? 'needs_attention' : 'proposed',
        proposal: p.kind,
        proposed_platform_id: p.kind === 'match' ? p.platformId : null,
        matched_by: p.kind === 'match' ? p.matchedBy : null,
        reason: p.kind === 'attention' ? p.reason : null,
        message: p.kind === 'attention' ? p.message : null,
        candidates: p.kind === 'attention' && p.candidates ? JSON.stringify(p.candidates) : null,
        qbo_object: JSON.stringify(r.object),
        updated_at: now,
      };
    });
    for (let i = 0; i < rows.length; i += 500) {
      // Rows already decided (imported, linked, refused) stay as they are.
      await ctx.knex('onboarding_records').insert(rows.slice(i, i + 500)).onConflict(['tenant_id', 'entity', 'qbo_id']).merge(['run_id', 'name', 'qbo_parent_id', 'proposal', 'proposed_platform_id', 'matched_by', 'reason', 'message', 'candidates', 'qbo_object', 'status', 'updated_at']).whereIn('onboarding_records.status', [...OPEN]);
    }
  }
}

/** `entities.employees` `from_qbo` or `both`: onboarding lists and imports QBO employees; `off` / `to_qbo`: it does not touch them. */
export function employeesFromQbo(settings: SyncSettings): boolean {
  return settings.entities.employees === 'from_qbo' || settings.entities.employees === 'both';
}

/** How a QBO item that matches no platform product is linked to `mappings.defaults.platformProductId` (seed 002). */
export const DEFAULT_PRODUCT_MATCH = 'default_product';

/**
 * `mappings.defaults.platformProductId`: the platform product used for QBO items that match no
 * platform product — an item that would be imported is linked to it instead (items that need an
 * admin stay with the admin).
 */
function withDefaultProduct(proposals: Map<string, Proposal>, platformProductId: string | null): void {
  if (platformProductId === null) return;
  for (const [qboId, p] of proposals) {
    if (p.kind === 'import') proposals.set(qboId, { kind: 'match', platformId: platformProductId, matchedBy: DEFAULT_PRODUCT_MATCH });
  }
}

type Decision = { kind: 'import' } | { kind: 'link'; platformId: string; matchedBy: string };

/** Auto mode links confident matches and imports the unmatched. */
function autoDecision(row: OnboardingRow): Decision | undefined {
  if (row.proposal === 'match' && row.proposed_platform_id !== null) return { kind: 'link', platformId: row.proposed_platform_id, matchedBy: row.matched_by ?? 'match' };
  if (row.proposal === 'import') return { kind: 'import' };
  return undefined;
}

/** Manual mode: link or import one record. */
export async function decideOne(ctx: CustomerSyncContext, tenantId: string, entity: OnboardingEntity, qboId: string, decision: Decision): Promise<OnboardingRow> {
  const row = (await ctx.knex('onboarding_records').where({ tenant_id: tenantId, entity, qbo_id: qboId }).first()) as OnboardingRow | undefined;
  if (!row) throw new NotFoundError(`no onboarding record for QBO ${entity} ${qboId}`);
  if (!(OPEN as readonly string[]).includes(row.status)) throw new LedgerbusError('onboarding_already_decided', `QBO ${entity} ${qboId} is already ${row.status}`, { statusCode: 409, details: { status: row.status, platformId: row.platform_id } });
  if (decision.kind === 'link') {
    const entry = await stateRepository.directoryEntry(ctx.knex, tenantId, entity, decision.platformId);
    if (!entry) throw new NotFoundError(`platform ${entity} ${decision.platformId} is not in the directory`);
  }
  await decide(ctx, tenantId, row, decision, await stateRepository.settings(ctx.knex, tenantId), await stateRepository.mappings(ctx.knex, tenantId));
  return (await ctx.knex('onboarding_records').where({ tenant_id: tenantId, entity, qbo_id: qboId }).first()) as OnboardingRow;
}

async function refuse(trx: Knex.Transaction, row: OnboardingRow, reason: string, message: string, now: Date): Promise<'refused'> {
  await trx('onboarding_records').where({ tenant_id: row.tenant_id, entity: row.entity, qbo_id: row.qbo_id }).update({ status: 'refused', reason, message, updated_at: now });
  return 'refused';
}

async function decide(ctx: CustomerSyncContext, tenantId: string, row: OnboardingRow, decision: Decision, settings: SyncSettings, mappings: Mappings): Promise<DecisionOutcome> {
  const now = ctx.clock();
  return ctx.knex.transaction(async (trx): Promise<DecisionOutcome> => {
    // Lock the row; a decided row is never decided again.
    const current = (await trx('onboarding_records').where({ tenant_id: tenantId, entity: row.entity, qbo_id: row.qbo_id }).forUpdate().first()) as OnboardingRow | undefined;
    if (!current || !(OPEN as readonly string[]).includes(current.status)) return 'unchanged';
    const platformId = decision.kind === 'link' ? decision.platformId : platformIdForQbo(row.realm_id, row.qbo_id, row.entity);
    const emit = new Emitter(ctx, tenantId);
    const base = { tenantId, realmId: row.realm_id, runId: row.run_id, qboId: row.qbo_id, platformId, action: decision.kind === 'link' ? 'link' : 'create', ...(decision.kind === 'link' ? { matchedBy: decision.matchedBy } : {}), at: now.toISOString() };

    if (row.entity === 'customer') {
      const qbo = row.qbo_object as Customer;
      let record: PlatformCustomer = fromQboCustomer(qbo, { customerId: platformId });
      if (row.qbo_parent_id !== null && settings.customerRules.subCustomersAsSitesOnOnboarding) {
        const parent = (await trx('onboarding_records').where({ tenant_id: tenantId, entity: 'customer', qbo_id: row.qbo_parent_id }).first()) as OnboardingRow | undefined;
        const parentLink = await linksRepository.byQbo(trx, row.realm_id, row.qbo_parent_id);
        if (!parentLink) {
          return refuse(trx, row, 'parent_not_imported', `the client of sub-customer "${row.name}" (${parent?.name ?? row.qbo_parent_id}) is not imported or linked yet; import it first`, now);
        }
        record = withClientStateForSite({ ...record, parentCustomerId: parentLink.platform_id }, parentLink.snapshot, settings.customerRules);
        if (!hasSiteAddress(record)) {
          return refuse(trx, row, 'site_address_missing', `QBO sub-customer / project "${row.name}" has no address; a site needs one. Add an address in QuickBooks and import it again.`, now);
        }
      }
      if (record.parentCustomerId === undefined) {
        const checked = applyStateRule(record, settings.customerRules);
        if (!checked.ok) {
          return refuse(trx, row, checked.code, checked.message, now);
        }
        record = checked.record;
      }
      if (decision.kind === 'link') {
        const other = await linksRepository.byPlatform(trx, tenantId, platformId, row.realm_id);
        if (other) {
          return refuse(trx, row, 'platform_record_linked', `platform customer ${platformId} is already linked to QBO customer ${other.qbo_id}`, now);
        }
        // The link's snapshot is the QBO side; the platform's own record is pushed by the normal flow.
        record = { ...record, customerId: platformId };
      } else if (mappings.defaults.billProfileId !== null) {
        // Created on the platform from QBO: the tenant's default bill profile (seed 002).
        record = { ...record, billProfileId: mappings.defaults.billProfileId };
      }
      await linksRepository.upsert(trx, { tenant_id: tenantId, platform_id: platformId, realm_id: row.realm_id, qbo_id: row.qbo_id, snapshot: record, previous_snapshot: null, qbo_sync_token: Number(qbo.SyncToken ?? '0'), platform_version: null }, now);
      emit.event('customer.imported', { ...base, customer: record });
    } else if (row.entity === 'employee') {
      const e = row.qbo_object as Employee;
      const email = e.PrimaryEmailAddr?.Address?.trim();
      emit.event('employee.imported', {
        ...base,
        employee: {
          employeeId: platformId,
          displayName: row.name,
          ...(e.GivenName ? { givenName: e.GivenName } : {}),
          ...(e.FamilyName ? { familyName: e.FamilyName } : {}),
          ...(email ? { email } : {}),
          active: e.Active ?? true,
        },
      });
    } else {
      const i = row.qbo_object as Item;
      emit.event('item.imported', { ...base, item: { productId: platformId, name: i.Name, ...(i.Sku ? { sku: i.Sku } : {}), ...(i.Type ? { productType: i.Type } : {}), active: i.Active ?? true } });
    }
    // Many QBO items share the default product: that is no 1:1 link (a push of the product must not pick one of them).
    if (!(decision.kind === 'link' && decision.matchedBy === DEFAULT_PRODUCT_MATCH)) emit.link('link.created', { realmId: row.realm_id, platformId, qboId: row.qbo_id, entity: row.entity });
    await trx('onboarding_records')
      .where({ tenant_id: tenantId, entity: row.entity, qbo_id: row.qbo_id })
      .update({ status: decision.kind === 'link' ? 'linked' : 'imported', platform_id: platformId, ...(decision.kind === 'link' ? { matched_by: decision.matchedBy } : {}), reason: null, message: null, updated_at: now });
    await emit.flush(trx);
    return decision.kind === 'link' ? 'linked' : 'imported';
  });
}

export async function listOnboarding(ctx: CustomerSyncContext, tenantId: string, filter: { status?: string | undefined; entity?: string | undefined }): Promise<OnboardingRow[]> {
  const q = ctx.knex('onboarding_records').where({ tenant_id: tenantId });
  if (filter.status) void q.andWhere({ status: filter.status });
  if (filter.entity) void q.andWhere({ entity: filter.entity });
  return (await q.orderBy(['entity', 'qbo_id'])) as OnboardingRow[];
}
