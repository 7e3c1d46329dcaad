/** Webhook payloads in Intuit's two formats, and the `intuit-signature` over the raw body. */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { ChangeOperation, EntityChange } from '../types';
import type { WebhookFormat } from './settings';

export interface LegacyEntity {
  name: string;
  id: string;
  operation: ChangeOperation;
  lastUpdated: string;
  deletedId?: string;
}

export interface LegacyPayload {
  eventNotifications: Array<{ realmId: string; dataChangeEvent: { entities: LegacyEntity[] } }>;
}

export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  datacontenttype: 'application/json';
  time: string;
  intuitentityid: string;
  intuitaccountid: string;
  data: Record<string, unknown>;
}

const CLOUD_EVENT_VERB: Record<ChangeOperation, string> = {
  Create: 'created',
  Update: 'updated',
  Delete: 'deleted',
  Merge: 'merged',
  Void: 'voided',
  // UNCONFIRMED at Intuit: the CloudEvents type of Emailed.
  Emailed: 'emailed',
};

/** `qbo.<entity lowercase>.<created|updated|deleted|merged|voided>.v1` */
export function cloudEventType(change: Pick<EntityChange, 'entity' | 'operation'>): string {
  return `qbo.${change.entity.toLowerCase()}.${CLOUD_EVENT_VERB[change.operation]}.v1`;
}

/** One `eventNotifications[]` element per realm, entities in the order of the changes. */
export function legacyPayload(changes: EntityChange[]): LegacyPayload {
  const byRealm = new Map<string, LegacyEntity[]>();
  for (const c of changes) {
    const entity: LegacyEntity = { name: c.entity, id: c.id, operation: c.operation, lastUpdated: c.lastUpdated };
    if (c.operation === 'Merge' && c.deletedId !== undefined) entity.deletedId = c.deletedId;
    const list = byRealm.get(c.realmId) ?? [];
    list.push(entity);
    byRealm.set(c.realmId, list);
  }
  return {
    eventNotifications: [...byRealm].map(([realmId, entities]) => ({ realmId, dataChangeEvent: { entities } })),
  };
}

export function cloudEventsPayload(changes: EntityChange[], appId: string): CloudEvent[] {
  const source = `intuit.${createHash('sha256').update(appId).digest('base64url').slice(0, 43)}`;
  return changes.map((c) => ({
    specversion: '1.0',
    id: randomUUID(),
    source,
    type: cloudEventType(c),
    datacontenttype: 'application/json',
    time: c.lastUpdated,
    intuitentityid: c.id,
    intuitaccountid: c.realmId,
    data: c.operation === 'Merge' && c.deletedId !== undefined ? { deletedid: c.deletedId } : {},
  }));
}

export function renderPayload(format: WebhookFormat, changes: EntityChange[], appId: string): string {
  return JSON.stringify(format === 'legacy' ? legacyPayload(changes) : cloudEventsPayload(changes, appId));
}

/** base64(HMAC-SHA256(key = verifier token, message = raw body bytes)). */
export function intuitSignature(verifierToken: string, rawBody: string | Buffer): string {
  return createHmac('sha256', verifierToken).update(rawBody).digest('base64');
}
