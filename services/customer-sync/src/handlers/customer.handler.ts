import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import type { CustomerSyncContext } from '../context';
import { handlePlatformCustomer } from '../use-cases/pending';
import type { CustomerDeleted, CustomerUpserted } from '../use-cases/push-customer';

/**
 * `platform.customers.v1`: `customer.upserted` and `customer.deleted` → QBO (push state guards
 * duplicates); a record for a tenant that is not connected yet is parked and replayed on connection.
 */
export function platformCustomerHandler(ctx: CustomerSyncContext) {
  return async (message: IncomingMessage<CloudEvent<CustomerUpserted | CustomerDeleted>>): Promise<void> => {
    const { event } = message;
    if (event.type === 'customer.upserted' || event.type === 'customer.deleted') await handlePlatformCustomer(ctx, event.type, event.data, event.time);
  };
}
