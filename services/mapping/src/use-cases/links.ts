import { ConflictError, LedgerbusError, NotFoundError } from '@ledgerbus/kit';
import { createEvent, syncLinks } from '@ledgerbus/contracts';
import type { EventData } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import type { MappingContext } from '../context';
import { EVENT_SOURCE } from '../context';
import type { Actor } from '../db/audit.repository';
import { auditRepository } from '../db/audit.repository';
import { connectionsRepository } from '../db/connections.repository';
import type { Link } from '../db/links.repository';
import { linksRepository } from '../db/links.repository';

type LinkEntity = EventData<typeof syncLinks, 'link.created'>['entity'];

/**
 * An admin links a platform record to a QBO record by hand; published on `sync.links.v1`. With a
 * `divisionId`, the record is that division's and the QBO record is in the division's company.
 */
export async function linkManually(ctx: MappingContext, input: { tenantId: string; divisionId?: string | undefined; entity: LinkEntity; platformId: string; qboId: string; actor: Actor }): Promise<Link> {
  const division = input.divisionId === undefined ? {} : { divisionId: input.divisionId };
  return ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    const connection = await connectionsRepository.activeFor(trx, { tenantId: input.tenantId, ...division });
    if (connection === undefined) {
      throw new LedgerbusError('qbo_not_connected', 'connect a QuickBooks company before linking records', { statusCode: 409 });
    }
    const taken = await linksRepository.byQboId(trx, input.tenantId, input.entity, input.qboId, input.divisionId);
    if (taken !== undefined && taken.platformId !== input.platformId) {
      throw new ConflictError('qbo_record_already_linked', `QBO ${input.entity} #${input.qboId} is already linked to platform record ${taken.platformId}; unlink it first`, {
        platformId: taken.platformId,
      });
    }
    const before = await linksRepository.get(trx, input.tenantId, input.entity, input.platformId, input.divisionId);
    const link: Link = {
      tenantId: input.tenantId,
      ...division,
      entity: input.entity,
      platformId: input.platformId,
      realmId: connection.realmId,
      qboId: input.qboId,
      source: 'manual',
      linkedBy: input.actor.sub,
      linkedAt: now,
    };
    await linksRepository.upsert(trx, link);
    await auditRepository.record(trx, {
      tenantId: input.tenantId,
      ...division,
      actor: input.actor,
      action: 'link.created',
      resource: 'links',
      before: before === undefined ? null : { entity: before.entity, platformId: before.platformId, qboId: before.qboId },
      after: { entity: link.entity, platformId: link.platformId, qboId: link.qboId },
      at: now,
    });
    await outbox.enqueue(trx, syncLinks, [
      {
        key: input.tenantId,
        event: createEvent({
          type: 'link.created',
          source: EVENT_SOURCE,
          tenantid: input.tenantId,
          subject: `${input.entity}/${input.platformId}`,
          time: now,
          data: { tenantId: input.tenantId, ...division, realmId: connection.realmId, entity: input.entity, platformId: input.platformId, qboId: input.qboId, at: now.toISOString() },
        }),
      },
    ]);
    return link;
  });
}

export async function unlinkManually(ctx: MappingContext, input: { tenantId: string; divisionId?: string | undefined; entity: LinkEntity; platformId: string; actor: Actor }): Promise<void> {
  const division = input.divisionId === undefined ? {} : { divisionId: input.divisionId };
  await ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    const existing = await linksRepository.get(trx, input.tenantId, input.entity, input.platformId, input.divisionId);
    if (existing === undefined) throw new NotFoundError(`${input.entity} ${input.platformId} is not linked`);
    await linksRepository.remove(trx, { tenantId: input.tenantId, divisionId: input.divisionId, entity: input.entity, platformId: input.platformId });
    await auditRepository.record(trx, {
      tenantId: input.tenantId,
      ...division,
      actor: input.actor,
      action: 'link.removed',
      resource: 'links',
      before: { entity: existing.entity, platformId: existing.platformId, qboId: existing.qboId },
      after: null,
      at: now,
    });
    await outbox.enqueue(trx, syncLinks, [
      {
        key: input.tenantId,
        event: createEvent({
          type: 'link.removed',
          source: EVENT_SOURCE,
          tenantid: input.tenantId,
          subject: `${input.entity}/${input.platformId}`,
          time: now,
          data: { tenantId: input.tenantId, ...division, realmId: existing.realmId, entity: input.entity, platformId: input.platformId, qboId: existing.qboId, at: now.toISOString() },
        }),
      },
    ]);
  });
}
