/**
 * "Retry" on a failed customer line of the sync log: mapping publishes `sync.retry_requested`
 * on `sync.events.v1`; a request whose `failedType` starts with `customer.` is this service's.
 * - to_qbo (a platform customer QBO refused): the platform record's latest version (the
 *   directory) is pushed again, through the same path as a platform event (parked when the
 *   tenant is not ready, guarded by the push state);
 * - from_qbo (a QBO customer that could not be applied): the QBO customer is read again and
 *   applied as a change (or as a delete when it is gone);
 * - a manual link that could not be applied (its QBO customer was missing) is applied again.
 * The failure's direction comes from `failure_events` (the failed event's id); for a failure
 * this service has no record of, a failed push state of `platformId` means to_qbo, else `qboId` means from_qbo.
 */
import type { EventData, syncEvents } from '@ledgerbus/contracts';
import type { Customer } from '@ledgerbus/qbo';
import { QboNotFoundError } from '@ledgerbus/qbo';
import type { CustomerSyncContext } from '../context';
import { failuresRepository } from '../db/failures.repository';
import { scopeOf } from '../domain/scope';
import { stateRepository } from '../db/state.repository';
import { applyQboCustomerChange } from './apply-qbo-change';
import { linkByHand } from './manual-links';
import { handlePlatformCustomer } from './pending';
import type { CustomerUpserted } from './push-customer';

export type RetryRequested = EventData<typeof syncEvents, 'sync.retry_requested'>;

export function isCustomerRetry(data: RetryRequested): boolean {
  return data.failedType.startsWith('customer.');
}

export async function retryCustomer(ctx: CustomerSyncContext, data: RetryRequested): Promise<void> {
  if (!isCustomerRetry(data)) return;
  // A failure of a division's customer is retried in the division's scope ("tenant/division").
  const tenantId = scopeOf(data.tenantId, data.divisionId);
  const report = await failuresRepository.byEvent(ctx.knex, tenantId, data.failedEventId);
  const platformId = report?.platform_id ?? data.platformId;
  const qboId = report?.qbo_id ?? data.qboId;
  let direction = report?.direction;
  if (direction === undefined) {
    const state = platformId === undefined ? undefined : await stateRepository.pushState(ctx.knex, tenantId, platformId);
    direction = state?.status === 'failed' || qboId === undefined ? 'to_qbo' : 'from_qbo';
  }
  const log = { tenantId, entryId: data.entryId, failedEventId: data.failedEventId, direction, platformId, qboId };
  if (direction === 'link') {
    // An admin's manual link that could not be applied: apply it again.
    if (report === undefined || report.realm_id === null || platformId === undefined || qboId === undefined) return;
    ctx.logger.info(log, 'customer retry: applying the manual link again');
    await linkByHand(ctx, { tenantId, realmId: report.realm_id, platformId, qboId });
    return;
  }
  if (direction === 'to_qbo') {
    if (platformId === undefined) {
      ctx.logger.warn(log, 'customer retry names no platform record: nothing to replay');
      return;
    }
    const entry = await stateRepository.directoryEntry(ctx.knex, tenantId, 'customer', platformId);
    if (entry === undefined || entry.deleted) {
      ctx.logger.warn(log, 'customer retry: the platform record is not (or no longer) known: nothing to replay');
      return;
    }
    const record = entry.record as Omit<CustomerUpserted, 'tenantId' | 'version'>;
    ctx.logger.info({ ...log, version: entry.version }, 'customer retry: pushing the latest platform version again');
    await handlePlatformCustomer(ctx, 'customer.upserted', { ...record, tenantId, version: entry.version }, record.updatedAt ?? ctx.clock().toISOString());
    return;
  }
  if (qboId === undefined) {
    ctx.logger.warn(log, 'customer retry names no QBO record: nothing to read again');
    return;
  }
  const connection = await stateRepository.connectionOfTenant(ctx.knex, tenantId);
  const realmId = report?.realm_id ?? connection?.realm_id;
  if (realmId === undefined || connection?.status !== 'connected' || connection.realm_id !== realmId) {
    ctx.logger.warn({ ...log, realmId }, 'customer retry: the tenant is not connected to the company of the failure: nothing read');
    return;
  }
  const now = ctx.clock().toISOString();
  let qbo: Customer;
  try {
    qbo = await ctx.qbo(realmId).read('Customer', qboId);
  } catch (err) {
    if (!(err instanceof QboNotFoundError)) throw err;
    await applyQboCustomerChange(ctx, { realmId, tenantId, entity: 'Customer', entityId: qboId, operation: 'Delete', source: 'cdc', lastUpdated: now });
    return;
  }
  ctx.logger.info({ ...log, syncToken: qbo.SyncToken }, 'customer retry: applying the QBO customer again');
  await applyQboCustomerChange(ctx, {
    realmId,
    tenantId,
    entity: 'Customer',
    entityId: qbo.Id,
    operation: 'Update',
    source: 'cdc',
    ...(qbo.SyncToken === undefined ? {} : { syncToken: qbo.SyncToken }),
    lastUpdated: qbo.MetaData?.LastUpdatedTime === undefined ? now : new Date(qbo.MetaData.LastUpdatedTime).toISOString(),
    object: qbo,
  }, { retry: true });
}
