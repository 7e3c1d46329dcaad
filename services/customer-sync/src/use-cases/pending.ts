/**
 * Records for a tenant that is not ready yet — not connected, or connected but without the
 * settings mapping publishes on `mapping.settings.v1` — are parked (latest version per record)
 * and replayed when the tenant is connected and has its settings, instead of being retried
 * into the DLQ with nothing to bring them back, or pushed with guessed (default) settings.
 */
import { errorCode, errorMessage, isRetriable } from '@ledgerbus/kit';
import type { CustomerSyncContext } from '../context';
import { pendingRepository } from '../db/pending.repository';
import { stateRepository } from '../db/state.repository';
import { replayPendingLinks } from './manual-links';
import type { CustomerDeleted, CustomerUpserted } from './push-customer';
import { TenantNotReadyError, pushCustomerDelete, pushCustomerUpsert } from './push-customer';

type Data = CustomerUpserted | CustomerDeleted;

async function handle(ctx: CustomerSyncContext, type: string, data: Data, eventTime: string): Promise<void> {
  if (type === 'customer.upserted') await pushCustomerUpsert(ctx, data as CustomerUpserted, eventTime);
  else if (type === 'customer.deleted') await pushCustomerDelete(ctx, data, eventTime);
}

/** Handles a platform customer event; parks it when the tenant is not ready. */
export async function handlePlatformCustomer(ctx: CustomerSyncContext, type: string, data: Data, eventTime: string): Promise<void> {
  try {
    await handle(ctx, type, data, eventTime);
  } catch (err) {
    if (!(err instanceof TenantNotReadyError)) throw err;
    await pendingRepository.park(ctx.knex, { tenant_id: data.tenantId, platform_id: data.customerId, type: type as 'customer.upserted' | 'customer.deleted', version: data.version, data, event_time: eventTime }, ctx.clock());
    ctx.logger.info({ tenantId: data.tenantId, platformId: data.customerId, version: data.version, code: err.code }, 'customer parked until the tenant is connected and has its settings');
    // The connection or the settings may have arrived while this record was being parked: replay now then.
    await replayPendingIfReady(ctx, data.tenantId);
  }
}

/**
 * Replays the tenant's parked records once it is connected and has its settings. Called by
 * the connection and settings consumers (mapping publishes the settings right after a
 * connection, so both usually fire together) and after parking.
 */
export async function replayPendingIfReady(ctx: CustomerSyncContext, tenantId: string): Promise<void> {
  const connection = await stateRepository.connectionOfTenant(ctx.knex, tenantId);
  if (connection?.status !== 'connected') return;
  const settings = await stateRepository.storedSettings(ctx.knex, tenantId);
  // Not while the integration is disabled: "Enable Integration" starts a run whose customers phase pushes them.
  if (settings === undefined || !settings.integration.enabled) return;
  await oneAtATime(tenantId, () => replayPending(ctx, tenantId));
}

const replays = new Map<string, Promise<void>>();

/** One replay per tenant at a time in this process: two at once would push the same parked record twice. */
async function oneAtATime(tenantId: string, replay: () => Promise<void>): Promise<void> {
  const current = (replays.get(tenantId) ?? Promise.resolve()).then(replay);
  const settled = current.catch(() => undefined);
  replays.set(tenantId, settled);
  try {
    await current;
  } finally {
    if (replays.get(tenantId) === settled) replays.delete(tenantId);
  }
}

/** Replays the tenant's parked records in arrival order (sites wait for their client as usual). */
async function replayPending(ctx: CustomerSyncContext, tenantId: string): Promise<void> {
  // Manual links first: a parked record of a customer linked by hand updates its QBO customer.
  await replayPendingLinks(ctx, tenantId);
  const rows = await pendingRepository.ofTenant(ctx.knex, tenantId);
  for (const row of rows) {
    try {
      await handle(ctx, row.type, row.data as unknown as Data, row.event_time);
      await pendingRepository.done(ctx.knex, tenantId, row.platform_id, row.version);
    } catch (err) {
      if (err instanceof TenantNotReadyError) return; // disconnected again: stays parked
      if (isRetriable(err)) throw err; // the event that started the replay is retried
      ctx.logger.error({ tenantId, platformId: row.platform_id, version: row.version, code: errorCode(err), err }, 'parked customer failed on replay');
      await pendingRepository.failed(ctx.knex, tenantId, row.platform_id, row.version, `${errorCode(err)}: ${errorMessage(err)}`.slice(0, 2000));
    }
  }
}
