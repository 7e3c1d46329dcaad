import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent, EventData, qboChanges } from '@ledgerbus/contracts';
import type { MetricsContext } from '../context';
import { connectionsRepository } from '../db/connections.repository';
import { jobsRepository } from '../db/jobs.repository';
import { FINANCIAL_ENTITIES } from '../domain/datasets';

type EntityChanged = EventData<typeof qboChanges, 'qbo.entity_changed'>;

/**
 * A change to a financial transaction (or an account) in a connected company asks for an
 * import of every tenant on the realm, debounced: each change moves the due time to
 * `debounceMs` from now, never past `maxDebounceMs` after the first. Snapshots (the
 * connector's initial load) are ignored: the import on connect covers them. Repeating a
 * request is harmless, so duplicates need no inbox.
 */
export function qboEntityChangedHandler(ctx: MetricsContext) {
  return async (message: IncomingMessage<CloudEvent<EntityChanged>>): Promise<void> => {
    const change = message.event.data;
    if (change.operation === 'Snapshot' || !FINANCIAL_ENTITIES.has(change.entity)) return;
    const now = ctx.clock();
    for (const c of await connectionsRepository.byRealm(ctx.knex, change.realmId)) {
      if (c.status !== 'connected') continue;
      await jobsRepository.request(ctx.knex, {
        tenantId: c.tenantId,
        realmId: c.realmId,
        reason: `${change.entity} ${change.entityId} ${change.operation}`,
        now,
        delayMs: ctx.config.debounceMs,
        maxDelayMs: ctx.config.maxDebounceMs,
      });
    }
  };
}
