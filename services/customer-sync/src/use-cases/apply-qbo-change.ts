/**
 * QBO → platform: every Customer change on `qbo.changes.v1` becomes
 * `customer.changed_in_qbo` (the platform-shaped record), except our own echoes:
 * a (id, SyncToken) in the echo ledger, or a SyncToken not newer than the link's.
 */
import type { EventData, qboChanges } from '@ledgerbus/contracts';
import type { Customer } from '@ledgerbus/qbo';
import type { Knex } from 'knex';
import { CustomerSchema, QboStaleObjectError } from '@ledgerbus/qbo';
import type { CustomerSyncContext } from '../context';
import { failuresRepository, unlinkedRepository } from '../db/failures.repository';
import { linksRepository } from '../db/links.repository';
import type { LinkRow } from '../db/links.repository';
import { stateRepository } from '../db/state.repository';
import { mergeCustomer } from '../domain/conflict';
import type { PlatformCustomer } from '../domain/customer-shape';
import { contentHash, fromQboCustomer, platformIdForQbo, qboFieldsFor, sameContent, syncedValues, withSyncedValues } from '../domain/customer-shape';
import { STATE_UNKNOWN_CODE, applyStateRule } from '../domain/state-rule';
import type { Proposal } from '../domain/onboarding-match';
import { indexDirectory, normName, proposeCustomer } from '../domain/onboarding-match';
import { tenantOfScope } from '../domain/scope';
import { Emitter } from './emit';
import { OPEN } from './onboarding';
import { conflictEvent } from './push-customer';

export type EntityChanged = EventData<typeof qboChanges, 'qbo.entity_changed'>;

export interface ApplyOptions {
  /** An admin's retry: a failure of the same QBO version is reported again (normally once per version). */
  retry?: boolean;
}

export async function applyQboCustomerChange(ctx: CustomerSyncContext, data: EntityChanged, options: ApplyOptions = {}): Promise<void> {
  if (data.entity !== 'Customer') return;
  for (const scope of await scopesOfChange(ctx, data)) await applyForTenant(ctx, scope, data, options);
}

/**
 * The scopes a QBO change applies to: the tenants and divisions ("tenant/division") connected to
 * its realm — a change in a division's company goes back to the platform with that division. The
 * connector names the tenant (never the division) when it knows it: then only that tenant's scopes
 * on the realm, or the tenant itself when none is stored (as before divisions). A scope given by
 * this service (a retry: "tenant/division") is taken as is.
 */
async function scopesOfChange(ctx: CustomerSyncContext, data: EntityChanged): Promise<string[]> {
  if (data.tenantId !== undefined && data.tenantId.includes('/')) return [data.tenantId];
  const onRealm = (await stateRepository.tenantsOfRealm(ctx.knex, data.realmId)).map((c) => c.tenant_id);
  if (data.tenantId === undefined) return onRealm;
  const ofTenant = onRealm.filter((scope) => tenantOfScope(scope) === data.tenantId);
  return ofTenant.length > 0 ? ofTenant : [data.tenantId];
}

async function applyForTenant(ctx: CustomerSyncContext, tenantId: string, data: EntityChanged, options: ApplyOptions): Promise<void> {
  const settings = await stateRepository.settings(ctx.knex, tenantId);
  const direction = settings.entities.customers;
  if (direction !== 'from_qbo' && direction !== 'both') return;
  const realmId = data.realmId;
  const now = ctx.clock();
  if (await unlinkedRepository.isQboUnlinked(ctx.knex, tenantId, realmId, data.entityId)) return; // un-linked by an admin: sync off until linked again

  if (data.operation === 'Delete' || data.object === undefined) {
    const link = await linksRepository.byQbo(ctx.knex, realmId, data.entityId);
    if (!link) return;
    await ctx.knex.transaction(async (trx) => {
      const emit = new Emitter(ctx, tenantId);
      await linksRepository.retire(trx, tenantId, link.platform_id, now);
      emit.link('link.removed', { realmId, platformId: link.platform_id, qboId: link.qbo_id });
      emit.event('customer.changed_in_qbo', { tenantId, realmId, qboId: data.entityId, platformId: link.platform_id, operation: 'deleted', lastUpdated: data.lastUpdated, at: now.toISOString() });
      await emit.flush(trx);
    });
    return;
  }

  const parsed = CustomerSchema.safeParse(data.object);
  if (!parsed.success) throw new Error(`qbo.entity_changed carries a Customer that does not parse: ${parsed.error.message}`);
  const qbo: Customer = parsed.data;
  const token = Number(data.syncToken ?? qbo.SyncToken ?? '0');

  if (data.operation === 'Merge' && data.mergedFromId !== undefined) await applyMerge(ctx, tenantId, realmId, data.mergedFromId, data.entityId);

  const echo = await stateRepository.echoOf(ctx.knex, realmId, data.entityId, token);
  if (echo && echo.content_hash === contentHash(fromQboCustomer(qbo, { customerId: '-' }))) return; // our own write coming back
  const link = await linksRepository.byQbo(ctx.knex, realmId, data.entityId);
  if (link && link.qbo_sync_token >= token && data.operation !== 'Merge') return; // already seen (webhook + CDC duplicates, or older)

  if (link) await applyToLinked(ctx, tenantId, realmId, link, qbo, token, data, options);
  else await applyNew(ctx, tenantId, realmId, qbo, token, data, options);
}

/** The survivor keeps (or takes over) the link; the merged-away customer's link is re-pointed or retired. */
async function applyMerge(ctx: CustomerSyncContext, tenantId: string, realmId: string, fromId: string, intoId: string): Promise<void> {
  const from = await linksRepository.byQbo(ctx.knex, realmId, fromId);
  if (!from) return;
  const into = await linksRepository.byQbo(ctx.knex, realmId, intoId);
  const now = ctx.clock();
  await ctx.knex.transaction(async (trx) => {
    const emit = new Emitter(ctx, tenantId);
    if (into) {
      await linksRepository.retire(trx, tenantId, from.platform_id, now);
      emit.link('link.removed', { realmId, platformId: from.platform_id, qboId: fromId });
      emit.event('customer.changed_in_qbo', { tenantId, realmId, qboId: fromId, platformId: from.platform_id, operation: 'merged', mergedIntoPlatformId: into.platform_id, at: now.toISOString() });
    } else {
      // Re-point: the platform record merged away now lives in the survivor.
      await linksRepository.upsert(trx, { ...from, qbo_id: intoId, qbo_sync_token: -1 }, now);
      emit.link('link.removed', { realmId, platformId: from.platform_id, qboId: fromId });
      emit.link('link.created', { realmId, platformId: from.platform_id, qboId: intoId });
    }
    await emit.flush(trx);
  });
}

function stateChecked(ctx: CustomerSyncContext, record: PlatformCustomer, rules: Awaited<ReturnType<typeof stateRepository.settings>>['customerRules']) {
  if (record.parentCustomerId !== undefined) return { ok: true as const, record };
  return applyStateRule(record, rules);
}

/**
 * `customer.sync_failed` once per QBO customer version: the failure is recorded in the same
 * transaction as its outbox row, so a redelivered change (or the same version from the
 * webhook and from CDC) is not reported twice. A later version that fails is reported again.
 */
async function failState(ctx: CustomerSyncContext, tenantId: string, realmId: string, qboId: string, token: number, platformId: string | undefined, code: string, message: string, options: ApplyOptions): Promise<void> {
  await ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    const first = await stateRepository.recordFailure(trx, { tenant_id: tenantId, realm_id: realmId, qbo_id: qboId, sync_token: token, code }, now);
    if (!first && options.retry !== true) return;
    const emit = new Emitter(ctx, tenantId);
    const eventId = emit.event('customer.sync_failed', {
      tenantId,
      realmId,
      direction: 'from_qbo',
      qboId,
      ...(platformId === undefined ? {} : { platformId }),
      code,
      message: message.slice(0, 2000),
      retriable: false,
      at: now.toISOString(),
    });
    await failuresRepository.record(trx, { tenant_id: tenantId, event_id: eventId, direction: 'from_qbo', realm_id: realmId, platform_id: platformId ?? null, qbo_id: qboId, version: null, code }, now);
    await emit.flush(trx);
  });
}

/**
 * A customer new to us (a snapshot at (re)connect, or created in QBO later). It goes through the
 * onboarding match first, as an onboarding run would: a confident match (same name and email, or
 * same name where one side has no email) with a platform customer that is not linked yet links
 * to it (nothing is created on the platform); a doubtful one waits for the admin in the onboarding
 * records (`needs_attention`, `customer.sync_failed` `ambiguous_match`); otherwise it is created on the
 * platform under an id ledgerbus assigns, with the tenant's default bill profile. Either way the
 * QBO customer's onboarding record is decided, so a later onboarding run does not take it again.
 */
async function applyNew(ctx: CustomerSyncContext, tenantId: string, realmId: string, qbo: Customer, token: number, data: EntityChanged, options: ApplyOptions): Promise<void> {
  const settings = await stateRepository.settings(ctx.knex, tenantId);
  const proposal = await proposeForQboCustomer(ctx, tenantId, realmId, qbo);
  if (proposal.kind === 'attention') {
    await needsAttention(ctx, tenantId, realmId, qbo, token, proposal, data, options);
    return;
  }
  const platformId = proposal.kind === 'match' ? proposal.platformId : platformIdForQbo(realmId, qbo.Id);
  // Outside onboarding a new QBO sub-customer is a client of its own (sites are made during onboarding only).
  const checked = stateChecked(ctx, fromQboCustomer(qbo, { customerId: platformId }), settings.customerRules);
  if (!checked.ok) {
    await failState(ctx, tenantId, realmId, qbo.Id, token, undefined, STATE_UNKNOWN_CODE, checked.message, options);
    return;
  }
  const billProfileId = (await stateRepository.mappings(ctx.knex, tenantId)).defaults.billProfileId;
  const record: PlatformCustomer = proposal.kind === 'import' && billProfileId !== null ? { ...checked.record, billProfileId } : checked.record;
  const now = ctx.clock();
  await ctx.knex.transaction(async (trx) => {
    const emit = new Emitter(ctx, tenantId);
    await linksRepository.upsert(trx, { tenant_id: tenantId, platform_id: platformId, realm_id: realmId, qbo_id: qbo.Id, snapshot: record, previous_snapshot: null, qbo_sync_token: token, platform_version: null }, now);
    await decideOnboardingRecord(trx, { tenantId, realmId, qbo, runId: `qbo.${data.source}`, status: proposal.kind === 'match' ? 'linked' : 'imported', platformId, matchedBy: proposal.kind === 'match' ? proposal.matchedBy : null }, now);
    emit.link('link.created', { realmId, platformId, qboId: qbo.Id });
    if (proposal.kind === 'match') {
      // The platform already has this customer: linked, not created. Its own record is pushed by the normal flow.
      emit.event('customer.synced', { tenantId, realmId, direction: 'from_qbo', action: 'linked', platformId, qboId: qbo.Id, syncToken: String(token), at: now.toISOString() });
    } else {
      emit.event('customer.changed_in_qbo', {
        tenantId,
        realmId,
        qboId: qbo.Id,
        platformId,
        operation: 'created',
        customer: record,
        syncToken: String(token),
        lastUpdated: data.lastUpdated,
        at: now.toISOString(),
      });
    }
    await emit.flush(trx);
  });
}

/** The onboarding proposal for a QBO customer against the platform customers that are not linked (nor un-linked by an admin). */
async function proposeForQboCustomer(ctx: CustomerSyncContext, tenantId: string, realmId: string, qbo: Customer): Promise<Proposal> {
  const name = normName(qbo.DisplayName);
  const email = qbo.PrimaryEmailAddr?.Address?.trim().toLowerCase();
  const q = ctx
    .knex('directory as d')
    .where({ 'd.tenant_id': tenantId, 'd.entity': 'customer', 'd.deleted': false })
    .andWhere((w) => {
      void w.whereRaw("regexp_replace(lower(trim(d.name)), '\\s+', ' ', 'g') = ?", [name]);
      if (email !== undefined && email !== '') void w.orWhereRaw('lower(trim(d.email)) = ?', [email]);
    })
    // Linked in this company; a link to a former company of the scope does not make it linked here.
    .whereNotExists((sub) => void sub.select(ctx.knex.raw('1')).from('customer_links as l').whereRaw("l.tenant_id = d.tenant_id and l.platform_id = d.platform_id and l.status = 'active' and l.realm_id = ?", [realmId]))
    .whereNotExists((sub) => void sub.select(ctx.knex.raw('1')).from('unlinked_customers as u').whereRaw('u.tenant_id = d.tenant_id and u.platform_id = d.platform_id'))
    .select('d.platform_id', 'd.name', 'd.email')
    .limit(20);
  const rows = (await q) as Array<{ platform_id: string; name: string; email: string | null }>;
  if (rows.length === 0) return { kind: 'import' };
  const entries = rows.map((r) => ({ platformId: r.platform_id, name: r.name, email: r.email ?? undefined }));
  return proposeCustomer(indexDirectory(entries), { qboId: qbo.Id, name: qbo.DisplayName ?? '', email });
}

/** Marks the QBO customer's onboarding record decided (created when there is none; a decided one stays). */
async function decideOnboardingRecord(
  trx: Knex.Transaction,
  input: { tenantId: string; realmId: string; qbo: Customer; runId: string; status: 'linked' | 'imported' | 'needs_attention'; platformId: string | null; matchedBy: string | null; reason?: string; message?: string; candidates?: string[] },
  now: Date,
): Promise<void> {
  await trx('onboarding_records')
    .insert({
      tenant_id: input.tenantId,
      entity: 'customer',
      qbo_id: input.qbo.Id,
      realm_id: input.realmId,
      run_id: input.runId,
      name: input.qbo.DisplayName ?? `#${input.qbo.Id}`,
      qbo_parent_id: input.qbo.ParentRef?.value ?? null,
      status: input.status,
      proposal: input.status === 'linked' ? 'match' : input.status === 'imported' ? 'import' : 'attention',
      proposed_platform_id: input.status === 'linked' ? input.platformId : null,
      platform_id: input.status === 'needs_attention' ? null : input.platformId,
      matched_by: input.matchedBy,
      reason: input.reason ?? null,
      message: input.message ?? null,
      candidates: input.candidates === undefined ? null : JSON.stringify(input.candidates),
      qbo_object: JSON.stringify(input.qbo),
      updated_at: now,
    })
    .onConflict(['tenant_id', 'entity', 'qbo_id'])
    .merge()
    .whereIn('onboarding_records.status', [...OPEN]);
}

/** A doubtful match: the admin links or imports it by hand (onboarding records); reported once per QBO version. */
async function needsAttention(ctx: CustomerSyncContext, tenantId: string, realmId: string, qbo: Customer, token: number, proposal: Extract<Proposal, { kind: 'attention' }>, data: EntityChanged, options: ApplyOptions): Promise<void> {
  const now = ctx.clock();
  await ctx.knex.transaction(async (trx) => {
    await decideOnboardingRecord(trx, { tenantId, realmId, qbo, runId: `qbo.${data.source}`, status: 'needs_attention', platformId: null, matchedBy: null, reason: proposal.reason, message: proposal.message, ...(proposal.candidates === undefined ? {} : { candidates: proposal.candidates }) }, now);
  });
  await failState(ctx, tenantId, realmId, qbo.Id, token, undefined, proposal.reason, `${proposal.message} (onboarding records: POST …/onboarding/records/customer/${qbo.Id}/link or /import)`, options);
}

async function applyToLinked(ctx: CustomerSyncContext, tenantId: string, realmId: string, link: LinkRow, qbo: Customer, token: number, data: EntityChanged, options: ApplyOptions): Promise<void> {
  const settings = await stateRepository.settings(ctx.knex, tenantId);
  const checked = stateChecked(ctx, fromQboCustomer(qbo, { customerId: link.platform_id, ...(link.snapshot.parentCustomerId === undefined ? {} : { parentCustomerId: link.snapshot.parentCustomerId }) }), settings.customerRules);
  if (!checked.ok) {
    await failState(ctx, tenantId, realmId, qbo.Id, token, link.platform_id, STATE_UNKNOWN_CODE, checked.message, options);
    return;
  }
  const qboRecord = checked.record;
  const now = ctx.clock();
  if (sameContent(qboRecord, link.snapshot)) {
    await linksRepository.upsert(ctx.knex, { ...link, qbo_sync_token: token }, now);
    return;
  }
  // The platform's latest record: ahead of the snapshot when it changed and was not pushed yet.
  const entry = await stateRepository.directoryEntry(ctx.knex, tenantId, 'customer', link.platform_id);
  const platformRecord = entry && !entry.deleted ? (entry.record as PlatformCustomer & { updatedAt?: string }) : undefined;
  const platformValues = syncedValues(platformRecord ?? link.snapshot);
  const qboUpdatedAt = qbo.MetaData?.LastUpdatedTime === undefined ? undefined : new Date(qbo.MetaData.LastUpdatedTime);
  const platformUpdatedAt = platformRecord?.updatedAt === undefined ? undefined : new Date(platformRecord.updatedAt);
  const result = mergeCustomer({ base: syncedValues(link.snapshot), platform: platformValues, qbo: syncedValues(qboRecord), rule: settings.conflictRule, platformUpdatedAt, qboUpdatedAt });
  const merged = withSyncedValues(qboRecord, result.merged);
  let written: Customer | undefined;
  if (result.toQbo.length > 0 && settings.entities.customers === 'both') {
    // The platform won some fields: write them back to QBO (one bounded 5010 retry by re-reading).
    const client = ctx.qbo(realmId);
    try {
      written = await client.update('Customer', { ...qboFieldsFor(result.merged, result.toQbo), Id: qbo.Id, SyncToken: String(token), sparse: true }, { requestId: `cs:${tenantId}:${link.platform_id}:q${token}`, retrySafe: true });
    } catch (err) {
      if (!(err instanceof QboStaleObjectError)) throw err;
      return; // a newer QBO change is on its way and will be merged by the same rule
    }
  }
  await ctx.knex.transaction(async (trx) => {
    const emit = new Emitter(ctx, tenantId);
    const finalToken = written ? Number(written.SyncToken ?? token) : token;
    // The platform version met in the directory is merged: its later push writes nothing.
    const platformVersion = entry && !entry.deleted ? Math.max(entry.version, link.platform_version ?? 0) : link.platform_version;
    await linksRepository.upsert(trx, { ...link, snapshot: merged, previous_snapshot: link.snapshot, qbo_sync_token: finalToken, platform_version: platformVersion }, now);
    if (written) await stateRepository.recordEcho(trx, realmId, qbo.Id, finalToken, contentHash(fromQboCustomer(written, { customerId: '-' })), now);
    if (result.conflicts.length > 0) {
      emit.event(
        'customer.conflict_resolved',
        conflictEvent({ tenantId, realmId, rule: settings.conflictRule, platformUpdatedAt }, link, result.conflicts, withSyncedValues(link.snapshot, platformValues), qboRecord, merged, qboUpdatedAt, now),
      );
    }
    emit.event('customer.changed_in_qbo', {
      tenantId,
      realmId,
      qboId: qbo.Id,
      platformId: link.platform_id,
      operation: data.operation === 'Merge' ? 'merged' : merged.active ? 'updated' : 'deactivated',
      customer: merged,
      syncToken: String(finalToken),
      lastUpdated: data.lastUpdated,
      at: now.toISOString(),
    });
    await emit.flush(trx);
  });
}
