import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import type { CustomerSyncContext } from '../context';
import type { PhaseRequested, RunCompleted } from '../use-cases/customers-phase';
import { answerCustomersPhase, closeCancelledRun } from '../use-cases/customers-phase';
import type { RetryRequested } from '../use-cases/retry';
import { retryCustomer } from '../use-cases/retry';

/**
 * `sync.events.v1`, the commands this service answers (other events are skipped):
 * `sync.retry_requested` for a `customer.*` failure → the customer is replayed;
 * `sync.phase_requested` for the customers phase → scanned and answered, its members left to the run worker;
 * `sync.run_completed` `cancelled` → the run's members not reached yet are not pushed.
 */
export function syncCommandsHandler(ctx: CustomerSyncContext, runs: { wake(): void }) {
  return async (message: IncomingMessage<CloudEvent<RetryRequested | PhaseRequested | RunCompleted>>): Promise<void> => {
    const { event } = message;
    if (event.type === 'sync.retry_requested') await retryCustomer(ctx, event.data as RetryRequested);
    else if (event.type === 'sync.phase_requested') {
      if (await answerCustomersPhase(ctx, event.data as PhaseRequested)) runs.wake();
    } else if (event.type === 'sync.run_completed') await closeCancelledRun(ctx, event.data as RunCompleted);
  };
}
