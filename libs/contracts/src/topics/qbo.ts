import { z } from 'zod';
import { isoDateTime, realmId, realmKey, tenantId } from '../common';
import { defineTopic } from '../topic';

export const qboOperation = z.enum(['Create', 'Update', 'Delete', 'Merge', 'Void', 'Emailed', 'Snapshot']);

/** One version of one QBO entity, fetched in full (except deletes), from a webhook, CDC or the initial snapshot. */
export const entityChanged = z.object({
  realmId,
  tenantId: tenantId.optional(),
  /** QBO entity name: "Customer", "Invoice", "Account" … */
  entity: z.string().min(1).max(50),
  entityId: z.string().min(1).max(50),
  operation: qboOperation,
  source: z.enum(['webhook', 'cdc', 'snapshot']),
  syncToken: z.string().max(20).optional(),
  lastUpdated: isoDateTime,
  /** For Merge: the entity that was merged into this one. */
  mergedFromId: z.string().max(50).optional(),
  /** The entity as QBO returned it; absent for deletes. */
  object: z.record(z.string(), z.unknown()).optional(),
});

export const qboChanges = defineTopic({
  name: 'qbo.changes.v1',
  description: 'Every change in a connected QBO company, fetched in full; duplicates collapse on (realm, entity, id, SyncToken).',
  keyDescription: 'realm id',
  key: realmKey,
  events: { 'qbo.entity_changed': entityChanged },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['connector'],
});
