import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import type { CustomerSyncContext } from '../context';
import type { EntityChanged } from '../use-cases/apply-qbo-change';
import { applyQboCustomerChange } from '../use-cases/apply-qbo-change';

/** `qbo.changes.v1` `qbo.entity_changed` for Customers → `customer.changed_in_qbo` (echoes and duplicates dropped). */
export function qboEntityChangedHandler(ctx: CustomerSyncContext) {
  return async (message: IncomingMessage<CloudEvent<EntityChanged>>): Promise<void> => {
    if (message.event.data.entity !== 'Customer') return;
    await applyQboCustomerChange(ctx, message.event.data);
  };
}
