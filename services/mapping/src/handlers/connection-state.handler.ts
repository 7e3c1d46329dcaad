import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent, EventData, connectorConnections } from '@ledgerbus/contracts';
import { inbox } from '@ledgerbus/db';
import type { MappingContext } from '../context';
import { connectionsRepository } from '../db/connections.repository';
import { refreshScope, scopesToRefresh } from '../use-cases/settings';

type ConnectionState = EventData<typeof connectorConnections, 'connection.state'>;

export const CONNECTIONS_CONSUMER = 'mapping.connections';

/** Keeps which realm serves which tenant (and division); re-checks and republishes the settings it serves. */
export function connectionStateHandler(ctx: MappingContext) {
  return async (message: IncomingMessage<CloudEvent<ConnectionState>>): Promise<void> => {
    const state = message.event.data;
    await inbox.once(ctx.knex, { consumer: CONNECTIONS_CONSUMER, eventId: message.event.id }, async (trx) => {
      const { applied, previous } = await connectionsRepository.upsert(trx, {
        tenantId: state.tenantId,
        ...(state.divisionId === undefined ? {} : { divisionId: state.divisionId }),
        realmId: state.realmId,
        companyName: state.companyName,
        status: state.status,
        updatedAt: new Date(state.updatedAt),
      });
      if (!applied) return;
      const realmChanged = previous === undefined || previous.realmId !== state.realmId || (previous.status === 'disconnected') !== (state.status === 'disconnected');
      const now = ctx.clock();
      for (const scope of await scopesToRefresh(trx, state.tenantId, state.divisionId)) {
        await refreshScope(trx, scope, now, { realmChanged });
      }
    });
  };
}
