/**
 * Full entities → `qbo.entity_changed` on `qbo.changes.v1` (keyed by realm), through the
 * outbox, each (realm, entity, id, version) once: the versions table is claimed in the
 * same transaction, so a webhook, a CDC poll and the snapshot delivering the same version
 * publish it once.
 */
import type { OutgoingMessage } from '@ledgerbus/bus';
import { createEvent } from '@ledgerbus/contracts';
import type { EventData, qboChanges } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import type { Knex } from 'knex';
import { SOURCE } from '../context';
import type { ConnectorTopics } from '../context';
import { versionKeyString, versionsRepository } from '../db/versions.repository';
import { normalizeTimestamp } from '../domain/webhook';
import { versionKey } from '../domain/versions';

export type EntityChanged = EventData<typeof qboChanges, 'qbo.entity_changed'>;
export type ChangeOperation = EntityChanged['operation'];

export interface FetchedChange {
  entity: string;
  entityId: string;
  operation: ChangeOperation;
  source: EntityChanged['source'];
  deleted: boolean;
  /** The full entity (absent for deletes). */
  object?: Record<string, unknown> | undefined;
  /** Fallback time when the object carries no MetaData.LastUpdatedTime. */
  lastUpdated?: string | undefined;
  mergedFromId?: string | undefined;
}

function syncTokenOf(object: Record<string, unknown> | undefined): string | undefined {
  const token = object?.SyncToken;
  return typeof token === 'string' || typeof token === 'number' ? String(token) : undefined;
}

function lastUpdatedOf(change: FetchedChange, now: Date): string {
  const meta = change.object?.MetaData as { LastUpdatedTime?: unknown } | undefined;
  const value = typeof meta?.LastUpdatedTime === 'string' ? meta.LastUpdatedTime : change.lastUpdated;
  return normalizeTimestamp(value, now);
}

/** Publishes the changes not seen before; returns how many were published. */
export async function publishChanges(topics: ConnectorTopics, trx: Knex.Transaction, realmId: string, tenantId: string | undefined, changes: readonly FetchedChange[], now: Date): Promise<number> {
  if (changes.length === 0) return 0;
  const keyed = changes.map((c) => ({ change: c, key: versionKey(realmId, c.entity, c.entityId, syncTokenOf(c.object), c.deleted) }));
  const fresh = await versionsRepository.claim(trx, keyed.map((k) => k.key), changes[0]!.source);
  const messages: OutgoingMessage[] = [];
  const published = new Set<string>();
  for (const { change, key } of keyed) {
    const id = versionKeyString(key);
    if (!fresh.has(id) || published.has(id)) continue;
    published.add(id);
    const data: EntityChanged = {
      realmId,
      entity: change.entity,
      entityId: change.entityId,
      operation: change.deleted ? 'Delete' : change.operation,
      source: change.source,
      lastUpdated: lastUpdatedOf(change, now),
    };
    if (tenantId !== undefined) data.tenantId = tenantId;
    const syncToken = syncTokenOf(change.object);
    if (syncToken !== undefined && !change.deleted) data.syncToken = syncToken;
    if (change.mergedFromId !== undefined) data.mergedFromId = change.mergedFromId;
    if (!change.deleted && change.object !== undefined) data.object = change.object;
    messages.push({
      key: realmId,
      event: createEvent({
        type: 'qbo.entity_changed',
        source: SOURCE,
        subject: `${change.entity}/${change.entityId}`,
        ...(tenantId === undefined ? {} : { tenantid: tenantId }),
        data,
        time: now,
      }),
    });
  }
  await outbox.enqueue(trx, topics.changes, messages);
  return messages.length;
}
