/**
 * Webhook notifications (from the intake topic) → full entities on `qbo.changes.v1`, entity by
 * entity: an entity that cannot be fetched (a type QBO will not query, an id not found, a bad id) is
 * logged (ids and reason) and recorded in `webhook_fetch_failures` in the same transaction, and the
 * rest of the delivery goes through; CDC polls catch up with whatever exists. Errors worth retrying
 * (throttling, 5xx, network) still retry the whole delivery.
 * Unknown realms are recorded and acknowledged; disconnected realms are skipped; a realm
 * waiting for reauthorization is skipped too (its CDC watermark stays put, so the poll
 * after the reconnect fills the gap: nothing is lost).
 */
import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent, EventData, qboNotifications } from '@ledgerbus/contracts';
import { LedgerbusError } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import type { ConnectorContext } from '../context';
import { connectionsRepository } from '../db/connections.repository';
import type { UnknownRealmRecorder } from '../db/unknown-realms.recorder';
import { webhookFailuresRepository } from '../db/webhook-failures.repository';
import type { WebhookFailure } from '../db/webhook-failures.repository';
import { publishState } from '../use-cases/connection-state';
import { readEntities } from '../use-cases/fetch-entities';
import type { EntityReads } from '../use-cases/fetch-entities';
import type { FetchedChange } from '../use-cases/publish-changes';
import { publishChanges } from '../use-cases/publish-changes';

export type ChangesNotified = EventData<typeof qboNotifications, 'qbo.changes_notified'>;

const SAFE_ID = /^[A-Za-z0-9_-]{1,50}$/;

/** Errors that mean "this connection cannot be read now" rather than "try again". */
function connectionGone(err: unknown): boolean {
  return err instanceof LedgerbusError && (err.code === 'reauthorization_required' || err.code === 'not_found');
}

/**
 * Realms found to have no connection, remembered for `ttlMs`, so a flood of deliveries for
 * an unknown realm costs one lookup per second instead of one per delivery (it would
 * otherwise hold up the fetchers of every realm behind it). Safe: a realm connected within
 * that second has its first CDC poll start from before the connect, and later polls carry
 * on from the watermark, so a notification skipped here is delayed, never lost.
 */
export interface UnknownRealmCache {
  isUnknown(realmId: string, now: number): boolean;
  remember(realmId: string, now: number): void;
}

export function createUnknownRealmCache(ttlMs = 1000, maxEntries = 10_000): UnknownRealmCache {
  const until = new Map<string, number>();
  return {
    isUnknown(realmId, now) {
      const expires = until.get(realmId);
      if (expires === undefined) return false;
      if (expires > now) return true;
      until.delete(realmId);
      return false;
    },
    remember(realmId, now) {
      if (until.size >= maxEntries) until.clear();
      until.set(realmId, now + ttlMs);
    },
  };
}

export type Notification = ChangesNotified['notifications'][number];

/** Runs `fn` in a transaction: a new one (the direct path) or the caller's (the coalesced fetch). */
export type InTransaction = <T>(fn: (trx: Knex.Transaction) => Promise<T>) => Promise<T>;

/**
 * The connection a delivery's notifications may be fetched for: undefined when the realm is
 * unknown (recorded) or its connection is not `connected` (skipped; CDC fills the gap later).
 */
export async function liveConnectionFor(
  ctx: ConnectorContext,
  unknownRealms: UnknownRealmRecorder,
  realmId: string,
  count: number,
  cache?: UnknownRealmCache,
): Promise<Awaited<ReturnType<typeof connectionsRepository.bestByRealm>>> {
  const nowMs = ctx.clock().getTime();
  if (cache?.isUnknown(realmId, nowMs) === true) {
    unknownRealms.add(realmId, count, ctx.clock());
    return undefined;
  }
  const connection = await connectionsRepository.bestByRealm(ctx.knex, realmId);
  if (connection === undefined) {
    cache?.remember(realmId, nowMs);
    unknownRealms.add(realmId, count, ctx.clock());
    return undefined;
  }
  // Disconnected: stopped; waiting for reauthorization: the CDC poll after the reconnect fills the gap.
  if (connection.status !== 'connected') return undefined;
  return connection;
}

export async function fetchAndPublishNotified(ctx: ConnectorContext, unknownRealms: UnknownRealmRecorder, data: ChangesNotified, cache?: UnknownRealmCache): Promise<number> {
  return fetchAndPublish(ctx, unknownRealms, data.realmId, data.notifications, (fn) => ctx.knex.transaction(fn), cache);
}

/**
 * Fetches the named entities of one realm (one query per entity type and up to 1,000 ids) and
 * publishes them, their deletes and their failures in one transaction (`inTransaction`). The
 * notifications may come from one delivery or from several (the coalesced fetch); for an entity
 * named more than once, the last notification gives the operation.
 */
export async function fetchAndPublish(
  ctx: ConnectorContext,
  unknownRealms: UnknownRealmRecorder,
  realmId: string,
  notifications: readonly Notification[],
  inTransaction: InTransaction,
  cache?: UnknownRealmCache,
): Promise<number> {
  const connection = await liveConnectionFor(ctx, unknownRealms, realmId, notifications.length, cache);
  if (connection === undefined) return 0;

  const wanted = new Map<string, Set<string>>();
  const latest = new Map<string, (typeof notifications)[number]>();
  const deletes: FetchedChange[] = [];
  const failures: WebhookFailure[] = [];
  const failure = (n: (typeof notifications)[number], reason: WebhookFailure['reason'], errorCode?: string): WebhookFailure => ({
    realmId,
    tenantId: connection.tenant_id,
    divisionId: connection.division_id,
    entity: n.entity,
    entityId: n.entityId,
    operation: n.operation,
    reason,
    errorCode,
  });
  for (const n of notifications) {
    if (n.operation === 'Delete') {
      deletes.push({ entity: n.entity, entityId: n.entityId, operation: 'Delete', source: 'webhook', deleted: true, lastUpdated: n.lastUpdated });
      continue;
    }
    if (n.operation === 'Merge' && n.deletedId !== undefined) {
      deletes.push({ entity: n.entity, entityId: n.deletedId, operation: 'Delete', source: 'webhook', deleted: true, lastUpdated: n.lastUpdated });
    }
    if (!SAFE_ID.test(n.entityId)) {
      failures.push(failure(n, 'invalid_id'));
      continue;
    }
    const ids = wanted.get(n.entity) ?? new Set<string>();
    ids.add(n.entityId);
    wanted.set(n.entity, ids);
    latest.set(`${n.entity}/${n.entityId}`, n);
  }

  let found: Map<string, Map<string, Record<string, unknown>>>;
  try {
    const reads: EntityReads = wanted.size === 0 ? { found: new Map(), failed: new Map() } : await readEntities(ctx.qbo(realmId), wanted);
    found = reads.found;
    for (const n of latest.values()) {
      const unreadable = reads.failed.get(n.entity);
      if (unreadable !== undefined) failures.push(failure(n, unreadable.reason, unreadable.code));
      else if (found.get(n.entity)?.has(n.entityId) !== true) failures.push(failure(n, 'not_found'));
    }
  } catch (err) {
    if (connectionGone(err)) return 0;
    throw err;
  }
  for (const f of failures) {
    ctx.logger.warn({ realmId, tenantId: f.tenantId, entity: f.entity, entityId: f.entityId, operation: f.operation, reason: f.reason, errorCode: f.errorCode }, 'webhook entity not fetched; the rest of the delivery goes on');
  }
  const changes: FetchedChange[] = [];
  for (const [entity, byId] of found) {
    for (const [id, object] of byId) {
      const n = latest.get(`${entity}/${id}`);
      changes.push({
        entity,
        entityId: id,
        operation: n?.operation ?? 'Update',
        source: 'webhook',
        deleted: false,
        object,
        lastUpdated: n?.lastUpdated,
        ...(n?.operation === 'Merge' && n.deletedId !== undefined ? { mergedFromId: n.deletedId } : {}),
      });
    }
  }
  changes.push(...deletes);

  return inTransaction(async (trx: Knex.Transaction) => {
    const now = ctx.clock();
    const published = await publishChanges(ctx.topics, trx, realmId, connection.tenant_id, changes, now);
    await webhookFailuresRepository.record(trx, failures, now);
    const last = connection.last_webhook_at === null ? 0 : new Date(connection.last_webhook_at).getTime();
    if (now.getTime() - last >= ctx.settings.lastWebhookEveryMs) {
      const updated = await connectionsRepository.update(trx, connection.id, { last_webhook_at: now }, now);
      await publishState(ctx.topics, trx, updated);
    }
    return published;
  });
}

/**
 * With a coalescer (the default), a delivery of a connected realm is made durable in
 * `webhook_pending` and fetched with the realm's other notifications of the window; without
 * one (window 0), it is fetched at once, delivery by delivery.
 */
export function changesNotifiedHandler(ctx: ConnectorContext, unknownRealms: UnknownRealmRecorder, coalescer?: { enqueue(realmId: string, notifications: readonly Notification[]): Promise<void> }) {
  const cache = createUnknownRealmCache();
  return async (message: IncomingMessage<CloudEvent<ChangesNotified>>): Promise<void> => {
    const { realmId, notifications } = message.event.data;
    if (coalescer === undefined) {
      await fetchAndPublishNotified(ctx, unknownRealms, message.event.data, cache);
      return;
    }
    if ((await liveConnectionFor(ctx, unknownRealms, realmId, notifications.length, cache)) === undefined) return;
    await coalescer.enqueue(realmId, notifications);
  };
}
