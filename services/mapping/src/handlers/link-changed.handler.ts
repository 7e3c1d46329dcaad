import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent, EventData, syncLinks } from '@ledgerbus/contracts';
import { inbox } from '@ledgerbus/db';
import type { MappingContext } from '../context';
import { EVENT_SOURCE } from '../context';
import { linksRepository } from '../db/links.repository';

type LinkCreated = EventData<typeof syncLinks, 'link.created'>;
type LinkRemoved = EventData<typeof syncLinks, 'link.removed'>;

export const LINKS_CONSUMER = 'mapping.links';

/** Keeps platform ↔ QBO links from `sync.links.v1` (its own manual links come back too, harmlessly). */
export function linkChangedHandler(ctx: MappingContext) {
  return async (message: IncomingMessage<CloudEvent<LinkCreated | LinkRemoved>>): Promise<void> => {
    const { event } = message;
    await inbox.once(ctx.knex, { consumer: LINKS_CONSUMER, eventId: event.id }, async (trx) => {
      const at = new Date(event.data.at);
      if (event.type === 'link.created') {
        const data = event.data as LinkCreated;
        const manual = event.source === EVENT_SOURCE;
        await linksRepository.upsert(trx, {
          tenantId: data.tenantId,
          entity: data.entity,
          platformId: data.platformId,
          realmId: data.realmId,
          qboId: data.qboId,
          source: manual ? 'manual' : 'sync',
          linkedBy: manual ? null : event.source,
          linkedAt: at,
        });
        return;
      }
      if (event.type === 'link.removed') {
        const data = event.data;
        await linksRepository.remove(trx, { tenantId: data.tenantId, entity: data.entity, platformId: data.platformId, qboId: data.qboId, notAfter: at });
      }
    });
  };
}
