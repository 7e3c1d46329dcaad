import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import type { CustomerSyncContext } from '../context';
import type { RetryRequested } from '../use-cases/retry';
import { retryCustomer } from '../use-cases/retry';

/** `sync.events.v1` `sync.retry_requested` for a `customer.*` failure → the customer is replayed (other events are skipped). */
export function retryRequestedHandler(ctx: CustomerSyncContext) {
  return async (message: IncomingMessage<CloudEvent<RetryRequested>>): Promise<void> => {
    if (message.event.type !== 'sync.retry_requested') return;
    await retryCustomer(ctx, message.event.data);
  };
}
