import { z } from 'zod';
import { divisionId, isoDateTime, realmId, tenantId, tenantKey } from '../common';
import { defineTopic } from '../topic';
import { effectiveSettingsSchema } from './settings';

export const connectionStatus = z.enum(['connected', 'reauthorization_required', 'disconnected']);

/** The current state of a tenant's connection; never carries a token. */
export const connectionState = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  realmId,
  companyName: z.string().max(255),
  status: connectionStatus,
  connectedBy: z.string().max(255).optional(),
  connectedAt: isoDateTime.optional(),
  lastWebhookAt: isoDateTime.optional(),
  cdcWatermark: isoDateTime.optional(),
  /** When each entity type was last brought up to date (snapshot or CDC poll), e.g. { "Customer": "…" }. */
  lastSyncByEntity: z.record(z.string().max(50), isoDateTime).optional(),
  /** Why the status is what it is (e.g. "refresh token rejected: invalid_grant"); never a token. */
  statusReason: z.string().max(1000).optional(),
  updatedAt: isoDateTime,
});

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
export const settingsState = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  version: z.number().int().positive(),
  settings: effectiveSettingsSchema,
  updatedAt: isoDateTime,
});

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

export const linkCreated = z.object({
  tenantId,
  /** The division whose company holds the QBO record, when the tenant connects one company per division. */
  divisionId: divisionId.optional(),
  realmId,
  entity: linkEntity,
  platformId: z.string().min(1).max(100),
  qboId: z.string().min(1).max(50),
  at: isoDateTime,
});
export const linkRemoved = linkCreated.omit({ qboId: true }).extend({ qboId: z.string().min(1).max(50).optional() });

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
