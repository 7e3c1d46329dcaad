import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent, EventData, connectorConnections } from '@ledgerbus/contracts';
import { inbox } from '@ledgerbus/db';
import type { MetricsContext } from '../context';
import { connectionsRepository } from '../db/connections.repository';
import type { Connection } from '../db/connections.repository';
import { jobsRepository } from '../db/jobs.repository';
import { scopeOf } from '../domain/scope';
import { markTenantStale } from '../use-cases/recompute';

type ConnectionState = EventData<typeof connectorConnections, 'connection.state'>;

export const CONNECTIONS_CONSUMER = 'metrics.connections';

export function staleReason(c: Pick<Connection, 'status' | 'statusReason'>): string {
  const base = c.status === 'disconnected' ? 'QuickBooks was disconnected' : 'QuickBooks needs to be reauthorized';
  return c.statusReason === null ? base : `${base}: ${c.statusReason}`;
}

/**
 * Keeps which realm serves which tenant, or which division of a tenant (scope "tenant/division":
 * its own imports and metrics). Connected → import now (a reconnect back-fills the whole
 * history); disconnected or reauthorization required → no more imports, every metric of the
 * scope stale with the reason.
 */
export function connectionStateHandler(ctx: MetricsContext) {
  return async (message: IncomingMessage<CloudEvent<ConnectionState>>): Promise<void> => {
    const state = message.event.data;
    await inbox.once(ctx.knex, { consumer: CONNECTIONS_CONSUMER, eventId: message.event.id }, async (trx) => {
      const connection: Connection = {
        tenantId: scopeOf(state.tenantId, state.divisionId),
        realmId: state.realmId,
        companyName: state.companyName,
        status: state.status,
        statusReason: state.statusReason ?? null,
        updatedAt: new Date(state.updatedAt),
      };
      const { applied, previous } = await connectionsRepository.upsert(trx, connection);
      if (!applied) return;
      const now = ctx.clock();
      if (connection.status === 'connected') {
        const resumed = previous === undefined || previous.status !== 'connected' || previous.realmId !== connection.realmId;
        if (!resumed) return;
        await jobsRepository.request(trx, { tenantId: connection.tenantId, realmId: connection.realmId, reason: 'connected', now, delayMs: 0, maxDelayMs: 0 });
      } else {
        await jobsRepository.cancel(trx, connection.tenantId);
        await markTenantStale(trx, ctx, connection, staleReason(connection));
      }
    });
  };
}
