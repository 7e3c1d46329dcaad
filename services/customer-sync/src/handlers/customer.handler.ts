import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import type { CustomerSyncContext } from '../context';
import type { CustomerDeleted, CustomerUpserted } from '../use-cases/push-customer';
import { pushCustomerDelete, pushCustomerUpsert } from '../use-cases/push-customer';

/** `platform.customers.v1`: `customer.upserted` and `customer.deleted` → QBO (push state guards duplicates). */
export function platformCustomerHandler(ctx: CustomerSyncContext) {
  return async (message: IncomingMessage<CloudEvent<CustomerUpserted | CustomerDeleted>>): Promise<void> => {
    const { event } = message;
    if (event.type === 'customer.upserted') await pushCustomerUpsert(ctx, event.data as CustomerUpserted, event.time);
    else if (event.type === 'customer.deleted') await pushCustomerDelete(ctx, event.data, event.time);
  };
}
