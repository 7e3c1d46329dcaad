/**
 * Manual links and unlinks an admin makes in mapping (`sync.links.v1`, entity "customer").
 * - `link.created`: the platform customer is linked to that QBO customer (the link's snapshot is
 *   the QBO side, read once), any other link of that QBO customer is retired, and the platform's
 *   latest version is pushed to it as an update (to_qbo / both) — never created again or renamed "(2)".
 * - `link.removed`: the link is retired and the customer is marked un-linked: its sync stops in
 *   both directions (seed 001: "If you un-link any of the profiles, syncing will be disabled")
 *   until it is linked again.
 * This service's own link events come back on the same topic; they were applied when written and are skipped.
 */
import type { CloudEvent, EventData, syncLinks } from '@ledgerbus/contracts';
import type { Customer } from '@ledgerbus/qbo';
import { QboNotFoundError } from '@ledgerbus/qbo';
import type { CustomerSyncContext } from '../context';
import { EVENT_SOURCE } from '../context';
import { failuresRepository, pendingLinksRepository, unlinkedRepository } from '../db/failures.repository';
import { linksRepository } from '../db/links.repository';
import { stateRepository } from '../db/state.repository';
import { fromQboCustomer } from '../domain/customer-shape';
import { toScoped } from '../domain/scope';
import { Emitter } from './emit';
import type { CustomerUpserted } from './push-customer';
import { pushAfterManualLink } from './push-customer';

type LinkCreated = EventData<typeof syncLinks, 'link.created'>;
type LinkRemoved = EventData<typeof syncLinks, 'link.removed'>;

export async function applyLinkEvent(ctx: CustomerSyncContext, event: CloudEvent<LinkCreated | LinkRemoved>): Promise<void> {
  if (event.source === EVENT_SOURCE) return; // our own link coming back
  if (event.data.entity !== 'customer') return;
  // A link of a division's customer applies in the division's scope ("tenant/division").
  if (event.type === 'link.created') await linkByHand(ctx, toScoped(event.data as LinkCreated));
  else if (event.type === 'link.removed') await unlinkByHand(ctx, toScoped(event.data));
}

/** Applies an admin's manual link (also what a retry of a failed manual link does, and the replay of a parked one). */
export async function linkByHand(ctx: CustomerSyncContext, data: Pick<LinkCreated, 'tenantId' | 'realmId' | 'platformId' | 'qboId'>): Promise<void> {
  const { tenantId, realmId, platformId, qboId } = data;
  const connection = await stateRepository.connectionOfTenant(ctx.knex, tenantId);
  if (connection?.status !== 'connected') {
    // Not connected (or reauthorization required): applied when the tenant is connected again.
    await pendingLinksRepository.park(ctx.knex, { tenant_id: tenantId, platform_id: platformId, realm_id: realmId, qbo_id: qboId }, ctx.clock());
    ctx.logger.info({ tenantId, platformId, qboId }, 'manual customer link parked until the tenant is connected');
    return;
  }
  await pendingLinksRepository.drop(ctx.knex, tenantId, platformId);
  if (connection.realm_id !== realmId) {
    ctx.logger.warn({ tenantId, platformId, qboId, realmId }, 'manual link for a company the tenant is no longer connected to: ignored');
    return;
  }
  const current = await linksRepository.byPlatform(ctx.knex, tenantId, platformId, realmId);
  if (current?.realm_id === realmId && current.qbo_id === qboId && !(await unlinkedRepository.isPlatformUnlinked(ctx.knex, tenantId, platformId))) return; // already so
  const entry = await stateRepository.directoryEntry(ctx.knex, tenantId, 'customer', platformId);
  const parentCustomerId = (entry?.record as { parentCustomerId?: string } | undefined)?.parentCustomerId;
  let qbo: Customer;
  try {
    qbo = await ctx.qbo(realmId).read('Customer', qboId);
  } catch (err) {
    if (!(err instanceof QboNotFoundError)) throw err;
    await reportLinkFailure(ctx, data, err.code, `QBO customer #${qboId} linked by hand to ${platformId} does not exist in the connected company`);
    return;
  }
  const now = ctx.clock();
  await ctx.knex.transaction(async (trx) => {
    const emit = new Emitter(ctx, tenantId);
    const holder = await linksRepository.byQbo(trx, realmId, qboId);
    if (holder && holder.platform_id !== platformId) {
      // The QBO customer was linked (by sync) to another platform record: the admin's link replaces it.
      await linksRepository.retire(trx, tenantId, holder.platform_id, now);
      emit.link('link.removed', { realmId, platformId: holder.platform_id, qboId });
    }
    const before = await linksRepository.anyByPlatform(trx, tenantId, platformId);
    if (before?.realm_id === realmId && before.qbo_id === qboId) {
      // Linked again to the same QBO customer: the last synced snapshot stays the merge base, so what
      // changed on each side meanwhile is merged by the usual rule (neither side's edits are lost).
      await linksRepository.upsert(trx, { ...before, platform_version: null }, now);
    } else {
      // A new pair: the QBO side is the base (as an onboarding link); the platform's record is pushed onto it.
      const snapshot = fromQboCustomer(qbo, { customerId: platformId, ...(parentCustomerId === undefined ? {} : { parentCustomerId }) });
      await linksRepository.upsert(trx, { tenant_id: tenantId, platform_id: platformId, realm_id: realmId, qbo_id: qboId, snapshot, previous_snapshot: null, qbo_sync_token: Number(qbo.SyncToken ?? '0'), platform_version: null }, now);
    }
    await unlinkedRepository.clear(trx, tenantId, platformId, realmId, qboId);
    emit.event('customer.synced', { tenantId, realmId, direction: 'to_qbo', action: 'linked', platformId, qboId, syncToken: qbo.SyncToken ?? '0', at: now.toISOString() });
    await emit.flush(trx);
  });
  ctx.logger.info({ tenantId, platformId, qboId }, 'customer linked by hand');
  const settings = await stateRepository.settings(ctx.knex, tenantId);
  const direction = settings.entities.customers;
  if (entry === undefined || entry.deleted || (direction !== 'to_qbo' && direction !== 'both')) return;
  const record = entry.record as Omit<CustomerUpserted, 'tenantId' | 'version'>;
  await pushAfterManualLink(ctx, { ...record, tenantId, version: entry.version }, record.updatedAt ?? now.toISOString());
}

/** The manual links parked while the tenant was not connected, in arrival order. */
export async function replayPendingLinks(ctx: CustomerSyncContext, tenantId: string): Promise<void> {
  for (const row of await pendingLinksRepository.ofTenant(ctx.knex, tenantId)) {
    await linkByHand(ctx, { tenantId, realmId: row.realm_id, platformId: row.platform_id, qboId: row.qbo_id });
  }
}

async function reportLinkFailure(ctx: CustomerSyncContext, data: Pick<LinkCreated, 'tenantId' | 'realmId' | 'platformId' | 'qboId'>, code: string, message: string): Promise<void> {
  await ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    const emit = new Emitter(ctx, data.tenantId);
    const eventId = emit.event('customer.sync_failed', { tenantId: data.tenantId, realmId: data.realmId, direction: 'to_qbo', platformId: data.platformId, qboId: data.qboId, code, message, retriable: false, at: now.toISOString() });
    await failuresRepository.record(trx, { tenant_id: data.tenantId, event_id: eventId, direction: 'link', realm_id: data.realmId, platform_id: data.platformId, qbo_id: data.qboId, version: null, code }, now);
    await emit.flush(trx);
  });
}

async function unlinkByHand(ctx: CustomerSyncContext, data: LinkRemoved): Promise<void> {
  const { tenantId, platformId } = data;
  const now = ctx.clock();
  await ctx.knex.transaction(async (trx) => {
    await pendingLinksRepository.drop(trx, tenantId, platformId);
    const link = await linksRepository.activeAnyRealm(trx, tenantId, platformId);
    if (link) await linksRepository.retire(trx, tenantId, platformId, now);
    const qboId = data.qboId ?? link?.qbo_id ?? null;
    await unlinkedRepository.mark(trx, { tenant_id: tenantId, platform_id: platformId, realm_id: link?.realm_id ?? data.realmId, qbo_id: qboId }, now);
  });
  ctx.logger.info({ tenantId, platformId, qboId: data.qboId }, 'customer un-linked by hand: its sync stops until it is linked again');
}
