import { z } from 'zod';
import { isoDateTime, realmId, realmKey, tenantId } from '../common';
import { defineTopic } from '../topic';

export const qboOperation = z
  .enum(['Create', 'Update', 'Delete', 'Merge', 'Void', 'Emailed', 'Snapshot'])
  .describe("the change, as Intuit names it; Snapshot = read by ledgerbus's initial import");

/** One version of one QBO entity, fetched in full (except deletes), from a webhook, CDC or the initial snapshot. */
export const entityChanged = z
  .object({
    realmId,
    tenantId: tenantId.optional().describe('the tenant connected to the realm, when known'),
    /** QBO entity name: "Customer", "Invoice", "Account" … */
    entity: z.string().min(1).max(50).describe('QBO entity name: "Customer", "Invoice", "Account" …'),
    entityId: z.string().min(1).max(50).describe('the QBO id of the entity'),
    operation: qboOperation,
    source: z.enum(['webhook', 'cdc', 'snapshot']).describe('how ledgerbus learned of it: an Intuit webhook, a CDC poll or the initial snapshot'),
    syncToken: z.string().max(20).optional().describe("QBO's SyncToken (version counter) of this version"),
    lastUpdated: isoDateTime.describe("QBO's LastUpdatedTime of this version"),
    /** For Merge: the entity that was merged into this one. */
    mergedFromId: z.string().max(50).optional().describe('for Merge: the id of the entity merged into this one'),
    /** The entity as QBO returned it; absent for deletes. */
    object: z.record(z.string(), z.unknown()).optional().describe('the entity as QBO returned it (QBO v3 JSON); absent for deletes'),
  })
  .describe('One version of one QBO entity, fetched in full (except deletes), from a webhook, CDC or the initial snapshot.');

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

/** One entity change as Intuit's webhook announced it (ids only; the connector fetches the entity). */
export const changeNotification = z
  .object({
    entity: z.string().min(1).max(50).describe('QBO entity name, e.g. "Customer"'),
    entityId: z.string().min(1).max(50).describe('the QBO id of the entity'),
    operation: qboOperation.exclude(['Snapshot']).describe('the change, as Intuit names it'),
    lastUpdated: isoDateTime.describe('when it changed in QBO'),
    /** For Merge: the id merged away. */
    deletedId: z.string().max(50).optional().describe('for Merge: the id merged away'),
  })
  .describe("one entity change as Intuit's webhook announced it");

/** A verified webhook delivery for one realm, made durable before Intuit gets its 200. */
export const changesNotified = z
  .object({
    realmId,
    format: z.enum(['legacy', 'cloudevents']).describe("the webhook format Intuit used: legacy eventNotifications or CloudEvents"),
    receivedAt: isoDateTime.describe('when the connector received the webhook'),
    notifications: z.array(changeNotification).min(1).max(10_000).describe('the changes announced for the realm'),
  })
  .describe('A verified webhook delivery for one realm, made durable before Intuit gets its 200.');

/**
 * The connector's webhook intake: verified notifications, keyed by realm, consumed by the
 * connector's own fetchers (which publish full entities to `qbo.changes.v1`). Internal to
 * the connector; integrators read `qbo.changes.v1`.
 */
export const qboNotifications = defineTopic({
  name: 'qbo.notifications.v1',
  description: 'Verified QBO webhook notifications (ids only), the connector\'s intake before entities are fetched.',
  keyDescription: 'realm id',
  key: realmKey,
  events: { 'qbo.changes_notified': changesNotified },
  partitions: 12,
  cleanupPolicy: 'delete',
  retentionMs: 7 * 24 * 3600 * 1000,
  producers: ['connector'],
});
