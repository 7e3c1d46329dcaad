import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent, EventData, qboChanges } from '@ledgerbus/contracts';
import { inbox } from '@ledgerbus/db';
import type { MappingContext } from '../context';
import { connectionsRepository } from '../db/connections.repository';
import { referenceRepository } from '../db/reference.repository';
import { isReferenceEntity, referenceFromQbo } from '../domain/reference-rules';
import { refreshScope, scopesToRefresh } from '../use-cases/settings';

type EntityChanged = EventData<typeof qboChanges, 'qbo.entity_changed'>;

export const QBO_CHANGES_CONSUMER = 'mapping.reference-data';

function syncTokenOf(value: string | undefined): number | null {
  if (value === undefined || !/^[0-9]{1,15}$/.test(value)) return null;
  return Number(value);
}

/**
 * Keeps the company's reference data (Account, PaymentMethod, TaxCode, Class, Item) from
 * `qbo.changes.v1`, every operation included, then re-checks the settings of every
 * tenant connected to the realm.
 */
export function qboEntityChangedHandler(ctx: MappingContext) {
  return async (message: IncomingMessage<CloudEvent<EntityChanged>>): Promise<void> => {
    const change = message.event.data;
    const entity = change.entity;
    if (!isReferenceEntity(entity)) return;
    await inbox.once(ctx.knex, { consumer: QBO_CHANGES_CONSUMER, eventId: message.event.id }, async (trx) => {
      const version = { syncToken: syncTokenOf(change.syncToken), lastUpdated: new Date(change.lastUpdated) };
      let changed: boolean;
      if (change.operation === 'Delete') {
        await referenceRepository.markDeleted(trx, change.realmId, entity, change.entityId, version.lastUpdated);
        changed = true;
      } else {
        const obj = referenceFromQbo(entity, change.entityId, change.object);
        changed = await referenceRepository.upsert(trx, change.realmId, obj, version, change.object);
        if (change.operation === 'Merge' && change.mergedFromId !== undefined) {
          await referenceRepository.markDeleted(trx, change.realmId, entity, change.mergedFromId, version.lastUpdated);
          changed = true;
        }
      }
      if (!changed) return;
      const now = ctx.clock();
      for (const connection of await connectionsRepository.byRealm(trx, change.realmId)) {
        for (const scope of await scopesToRefresh(trx, connection.tenantId, connection.divisionId)) {
          await refreshScope(trx, scope, now);
        }
      }
    });
  };
}
