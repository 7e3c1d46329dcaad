import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent, EventData, syncLinks } from '@ledgerbus/contracts';
import { inbox } from '@ledgerbus/db';
import type { MappingContext } from '../context';
import { EVENT_SOURCE } from '../context';
import { linksRepository } from '../db/links.repository';

type LinkCreated = EventData<typeof syncLinks, 'link.created'>;
type LinkRemoved = EventData<typeof syncLinks, 'link.removed'>;

export const LINKS_CONSUMER = 'mapping.links';

/**
 * Keeps platform ↔ QBO links from `sync.links.v1` (with their division, when they have one). Its own manual link and unlink events come
 * back too; they were applied when they were written (same transaction as the outbox row), so
 * they are skipped: applying a `link.created` again after the admin unlinked would re-create it.
 */
export function linkChangedHandler(ctx: MappingContext) {
  return async (message: IncomingMessage<CloudEvent<LinkCreated | LinkRemoved>>): Promise<void> => {
    const { event } = message;
    if (event.source === EVENT_SOURCE) return;
    await inbox.once(ctx.knex, { consumer: LINKS_CONSUMER, eventId: event.id }, async (trx) => {
      const at = new Date(event.data.at);
      if (event.type === 'link.created') {
        const data = event.data as LinkCreated;
        await linksRepository.upsert(trx, {
          tenantId: data.tenantId,
          divisionId: data.divisionId,
          entity: data.entity,
          platformId: data.platformId,
          realmId: data.realmId,
          qboId: data.qboId,
          source: 'sync',
          linkedBy: event.source,
          linkedAt: at,
        });
        return;
      }
      if (event.type === 'link.removed') {
        const data = event.data;
        await linksRepository.remove(trx, { tenantId: data.tenantId, divisionId: data.divisionId, entity: data.entity, platformId: data.platformId, qboId: data.qboId, notAfter: at });
      }
    });
  };
}
