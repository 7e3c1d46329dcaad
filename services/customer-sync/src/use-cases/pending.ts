/**
 * Records for a tenant that is not connected yet are parked (latest version per record) and
 * replayed when `connector.connections.v1` says the tenant is connected — instead of being
 * retried into the DLQ with nothing to bring them back.
 */
import { errorCode, errorMessage, isRetriable } from '@ledgerbus/kit';
import type { CustomerSyncContext } from '../context';
import { pendingRepository } from '../db/pending.repository';
import { stateRepository } from '../db/state.repository';
import type { CustomerDeleted, CustomerUpserted } from './push-customer';
import { NotConnectedError, pushCustomerDelete, pushCustomerUpsert } from './push-customer';

type Data = CustomerUpserted | CustomerDeleted;

async function handle(ctx: CustomerSyncContext, type: string, data: Data, eventTime: string): Promise<void> {
  if (type === 'customer.upserted') await pushCustomerUpsert(ctx, data as CustomerUpserted, eventTime);
  else if (type === 'customer.deleted') await pushCustomerDelete(ctx, data, eventTime);
}

/** Handles a platform customer event; parks it when the tenant is not connected. */
export async function handlePlatformCustomer(ctx: CustomerSyncContext, type: string, data: Data, eventTime: string): Promise<void> {
  try {
    await handle(ctx, type, data, eventTime);
  } catch (err) {
    if (!(err instanceof NotConnectedError)) throw err;
    await pendingRepository.park(ctx.knex, { tenant_id: data.tenantId, platform_id: data.customerId, type: type as 'customer.upserted' | 'customer.deleted', version: data.version, data, event_time: eventTime }, ctx.clock());
    ctx.logger.info({ tenantId: data.tenantId, platformId: data.customerId, version: data.version }, 'customer parked until the tenant is connected');
    // The connection may have arrived while this record was being parked: replay now then.
    const connection = await stateRepository.connectionOfTenant(ctx.knex, data.tenantId);
    if (connection?.status === 'connected') await replayPending(ctx, data.tenantId);
  }
}

/** Replays the tenant's parked records in arrival order (sites wait for their client as usual). */
export async function replayPending(ctx: CustomerSyncContext, tenantId: string): Promise<void> {
  const rows = await pendingRepository.ofTenant(ctx.knex, tenantId);
  for (const row of rows) {
    try {
      await handle(ctx, row.type, row.data as unknown as Data, row.event_time);
      await pendingRepository.done(ctx.knex, tenantId, row.platform_id, row.version);
    } catch (err) {
      if (err instanceof NotConnectedError) return; // disconnected again: stays parked
      if (isRetriable(err)) throw err; // the connection event is retried
      ctx.logger.error({ tenantId, platformId: row.platform_id, version: row.version, code: errorCode(err), err }, 'parked customer failed on replay');
      await pendingRepository.failed(ctx.knex, tenantId, row.platform_id, row.version, `${errorCode(err)}: ${errorMessage(err)}`.slice(0, 2000));
    }
  }
}
