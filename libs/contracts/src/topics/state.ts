import { z } from 'zod';
import { divisionId, isoDateTime, realmId, tenantId, tenantKey } from '../common';
import { defineTopic } from '../topic';
import { effectiveSettingsSchema } from './settings';

export const connectionStatus = z
  .enum(['connected', 'reauthorization_required', 'disconnected'])
  .describe('connected; reauthorization_required (Intuit rejected the refresh token: an admin must connect again); disconnected');
const division = divisionId
  .optional()
  .describe("the tenant's division, when the tenant connects one QBO company per division; absent = the tenant's own connection");

/** The current state of a tenant's connection; never carries a token. */
export const connectionState = z
  .object({
    tenantId,
    divisionId: division,
    realmId,
    companyName: z.string().max(255).describe('the QBO company name'),
    status: connectionStatus,
    connectedBy: z.string().max(255).optional().describe('the user id of the admin who connected it'),
    connectedAt: isoDateTime.optional().describe('when it was connected'),
    lastWebhookAt: isoDateTime.optional().describe('when the last Intuit webhook for the realm arrived'),
    cdcWatermark: isoDateTime.optional().describe('the CDC poll watermark: changes up to this time have been fetched'),
    /** When each entity type was last brought up to date (snapshot or CDC poll), e.g. { "Customer": "…" }. */
    lastSyncByEntity: z
      .record(z.string().max(50), isoDateTime)
      .optional()
      .describe('when each QBO entity type was last brought up to date (snapshot or CDC poll), e.g. { "Customer": "2026-03-01T10:00:00Z" }'),
    /** Why the status is what it is (e.g. "refresh token rejected: invalid_grant"); never a token. */
    statusReason: z.string().max(1000).optional().describe('why the status is what it is (e.g. "refresh token rejected: invalid_grant"); never a token'),
    updatedAt: isoDateTime.describe('when this state was written'),
  })
  .describe("The current state of a tenant's (or division's) QBO connection; never carries a token.");

export const connectorConnections = defineTopic({
  name: 'connector.connections.v1',
  description: "Each tenant's QBO connection, current state (compacted).",
  keyDescription: 'tenant id, or "tenant/division"',
  key: tenantKey,
  events: { 'connection.state': connectionState },
  partitions: 6,
  cleanupPolicy: 'compact',
  producers: ['connector'],
});

/**
 * The complete effective settings of a tenant: sync settings, mappings, the connected
 * realm and the problems found in them (see ./settings.ts). `version` is the settings
 * version an admin saw (ETag); a change of `problems` alone republishes the same version
 * with a later `updatedAt`.
 */
export const settingsState = z
  .object({
    tenantId,
    divisionId: division,
    version: z.number().int().positive().describe('the settings version an admin saw (ETag); a change of problems alone republishes the same version'),
    settings: effectiveSettingsSchema.describe('the complete effective settings: sync settings, mappings, the connected realm and the problems found'),
    updatedAt: isoDateTime.describe('when this state was written'),
  })
  .describe("A tenant's (or division's) complete effective sync settings and mappings.");

export const mappingSettings = defineTopic({
  name: 'mapping.settings.v1',
  description: "Each tenant's complete effective sync settings and mappings (compacted).",
  keyDescription: 'tenant id, or "tenant/division"',
  key: tenantKey,
  events: { 'settings.state': settingsState },
  partitions: 6,
  cleanupPolicy: 'compact',
  producers: ['mapping'],
});

export const linkEntity = z.enum(['customer', 'invoice', 'payment', 'item', 'employee', 'account', 'payment_method']);

export const linkCreated = z
  .object({
    tenantId,
    /** The division whose company holds the QBO record, when the tenant connects one company per division. */
    divisionId: division,
    realmId,
    entity: linkEntity.describe('the kind of record linked'),
    platformId: z.string().min(1).max(100).describe('the platform id of the record'),
    qboId: z.string().min(1).max(50).describe('the QBO id of the record in the realm'),
    at: isoDateTime.describe('when it happened'),
  })
  .describe('A platform record is now linked to a QBO record of the realm.');
export const linkRemoved = linkCreated
  .omit({ qboId: true })
  .extend({ qboId: z.string().min(1).max(50).optional().describe('the QBO record it was linked to, when known') })
  .describe('A platform record is no longer linked to a QBO record of the realm.');

export const syncLinks = defineTopic({
  name: 'sync.links.v1',
  description: 'Links between platform records and QBO records.',
  keyDescription: 'tenant id',
  key: tenantKey,
  events: { 'link.created': linkCreated, 'link.removed': linkRemoved },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['mapping', 'customer-sync', 'invoice-push', 'payment-push'],
});
