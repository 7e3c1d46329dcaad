import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent, EventData, syncLinks } from '@ledgerbus/contracts';
import type { CustomerSyncContext } from '../context';
import { applyLinkEvent } from '../use-cases/manual-links';

type LinkEvent = EventData<typeof syncLinks, 'link.created'> | EventData<typeof syncLinks, 'link.removed'>;

/** `sync.links.v1`: an admin's manual customer links and unlinks (from mapping); this service's own link events are skipped. */
export function linkChangedHandler(ctx: CustomerSyncContext) {
  return async (message: IncomingMessage<CloudEvent<LinkEvent>>): Promise<void> => {
    await applyLinkEvent(ctx, message.event);
  };
}
