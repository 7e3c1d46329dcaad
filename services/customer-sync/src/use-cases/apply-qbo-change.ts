/**
 * QBO → platform: every Customer change on `qbo.changes.v1` becomes
 * `customer.changed_in_qbo` (the platform-shaped record), except our own echoes:
 * a (id, SyncToken) in the echo ledger, or a SyncToken not newer than the link's.
 */
import type { EventData, qboChanges } from '@ledgerbus/contracts';
import type { Customer } from '@ledgerbus/qbo';
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
import { Emitter } from './emit';
import { conflictEvent } from './push-customer';

export type EntityChanged = EventData<typeof qboChanges, 'qbo.entity_changed'>;

export interface ApplyOptions {
  /** An admin's retry: a failure of the same QBO version is reported again (normally once per version). */
  retry?: boolean;
}

export async function applyQboCustomerChange(ctx: CustomerSyncContext, data: EntityChanged, options: ApplyOptions = {}): Promise<void> {
  if (data.entity !== 'Customer') return;
  const tenants = data.tenantId !== undefined ? [{ tenant_id: data.tenantId, realm_id: data.realmId }] : await stateRepository.tenantsOfRealm(ctx.knex, data.realmId);
  for (const t of tenants) await applyForTenant(ctx, t.tenant_id, data, options);
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
async function failState(ctx: CustomerSyncContext, tenantId: string, realmId: string, qboId: string, token: number, platformId: string | undefined, message: string, options: ApplyOptions): Promise<void> {
  await ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    const first = await stateRepository.recordFailure(trx, { tenant_id: tenantId, realm_id: realmId, qbo_id: qboId, sync_token: token, code: STATE_UNKNOWN_CODE }, now);
    if (!first && options.retry !== true) return;
    const emit = new Emitter(ctx, tenantId);
    const eventId = emit.event('customer.sync_failed', {
      tenantId,
      realmId,
      direction: 'from_qbo',
      qboId,
      ...(platformId === undefined ? {} : { platformId }),
      code: STATE_UNKNOWN_CODE,
      message,
      retriable: false,
      at: now.toISOString(),
    });
    await failuresRepository.record(trx, { tenant_id: tenantId, event_id: eventId, direction: 'from_qbo', realm_id: realmId, platform_id: platformId ?? null, qbo_id: qboId, version: null, code: STATE_UNKNOWN_CODE }, now);
    await emit.flush(trx);
  });
}

/** A customer new to us (created in QBO after onboarding): linked under an id ledgerbus assigns. */
async function applyNew(ctx: CustomerSyncContext, tenantId: string, realmId: string, qbo: Customer, token: number, data: EntityChanged, options: ApplyOptions): Promise<void> {
  const settings = await stateRepository.settings(ctx.knex, tenantId);
  const platformId = platformIdForQbo(realmId, qbo.Id);
  // Outside onboarding a new QBO sub-customer is a client of its own (sites are made during onboarding only).
  const checked = stateChecked(ctx, fromQboCustomer(qbo, { customerId: platformId }), settings.customerRules);
  if (!checked.ok) {
    await failState(ctx, tenantId, realmId, qbo.Id, token, undefined, checked.message, options);
    return;
  }
  const record = checked.record;
  const now = ctx.clock();
  await ctx.knex.transaction(async (trx) => {
    const emit = new Emitter(ctx, tenantId);
    await linksRepository.upsert(trx, { tenant_id: tenantId, platform_id: platformId, realm_id: realmId, qbo_id: qbo.Id, snapshot: record, previous_snapshot: null, qbo_sync_token: token, platform_version: null }, now);
    emit.link('link.created', { realmId, platformId, qboId: qbo.Id });
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
    await emit.flush(trx);
  });
}

async function applyToLinked(ctx: CustomerSyncContext, tenantId: string, realmId: string, link: LinkRow, qbo: Customer, token: number, data: EntityChanged, options: ApplyOptions): Promise<void> {
  const settings = await stateRepository.settings(ctx.knex, tenantId);
  const checked = stateChecked(ctx, fromQboCustomer(qbo, { customerId: link.platform_id, ...(link.snapshot.parentCustomerId === undefined ? {} : { parentCustomerId: link.snapshot.parentCustomerId }) }), settings.customerRules);
  if (!checked.ok) {
    await failState(ctx, tenantId, realmId, qbo.Id, token, link.platform_id, checked.message, options);
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
