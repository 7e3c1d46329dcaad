import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import type { CustomerSyncContext } from '../context';
import { toScoped } from '../domain/scope';
import { handlePlatformCustomer } from '../use-cases/pending';
import type { CustomerDeleted, CustomerUpserted } from '../use-cases/push-customer';

/**
 * `platform.customers.v1`: `customer.upserted` and `customer.deleted` → QBO (push state guards
 * duplicates); a record for a tenant that is not connected yet is parked and replayed on connection.
 * A record with `divisionId` is handled in the division's scope ("tenant/division"): its
 * connection, settings, push state and links.
 */
export function platformCustomerHandler(ctx: CustomerSyncContext) {
  return async (message: IncomingMessage<CloudEvent<CustomerUpserted | CustomerDeleted>>): Promise<void> => {
    const { event } = message;
    if (event.type === 'customer.upserted' || event.type === 'customer.deleted') await handlePlatformCustomer(ctx, event.type, toScoped(event.data), event.time);
  };
}
