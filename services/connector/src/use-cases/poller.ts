/**
 * The poller: per connected realm, the initial snapshot (when requested) and CDC on a
 * schedule from the stored watermark. One poller per realm across replicas: a lease on
 * the connection row (`cdc_lease_owner/until`), taken with a conditional UPDATE. A sync
 * run's inbound phase (`catchUp`) polls through the same lease and code path.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { LedgerbusError } from '@ledgerbus/kit';
import { QueryBuilder } from '@ledgerbus/qbo';
import type { Knex } from 'knex';
import type { ConnectorContext } from '../context';
import { auditRepository } from '../db/audit.repository';
import type { ConnectionRow } from '../db/connections.repository';
import { connectionsRepository } from '../db/connections.repository';
import { publishState } from './connection-state';
import type { FetchedChange } from './publish-changes';
import { publishChanges } from './publish-changes';

const PUBLISH_CHUNK = 500;
const MAX_LOOKBACK_MS = 30 * 86_400_000;
/** Margin kept from QBO's 30-day limit when a watermark is older than it. */
const LOOKBACK_MARGIN_MS = 3_600_000;

export interface PollResult {
  snapshot: number | undefined;
  cdc: number | undefined;
}

/** What one poll read (objects the snapshot read, changes CDC returned) and published (the versions not seen before). */
export interface PollCounts {
  found: number;
  published: number;
}

export interface CatchUpResult {
  realmId: string;
  snapshot: PollCounts | undefined;
  cdc: PollCounts;
}

export interface CatchUpOptions {
  /** How long to wait for another poll of the realm (scheduled, or another replica's) to release the lease. */
  waitMs: number;
  /** Ends the wait early (the service is stopping). */
  signal?: AbortSignal;
}

/** The connection cannot be polled: none (or disconnected), or waiting for an admin to reconnect. */
export class ConnectionNotLiveError extends LedgerbusError {
  constructor(readonly reason: 'not_connected' | 'reauthorization_required', message: string) {
    super(reason, message, { retriable: false, statusCode: reason === 'not_connected' ? 404 : 409 });
  }
}

/** Another poll of the realm held the lease for the whole wait: try again later. */
export class RealmPollBusyError extends LedgerbusError {
  constructor(realmId: string, waitedMs: number) {
    super('realm_poll_busy', `another poll of realm ${realmId} held its lease for ${waitedMs} ms`, { retriable: true, details: { realmId } });
  }
}

export interface Poller {
  start(): void;
  stop(): Promise<void>;
  /** Look for due realms once and poll them (tests and "sync now"). */
  runOnce(): Promise<number>;
  /** Poll one connection now if its lease is free (snapshot if requested, then CDC). */
  pollConnection(connectionId: string): Promise<PollResult | undefined>;
  /**
   * Poll one connection now like `pollConnection`, waiting (bounded) for a poll in flight to
   * release the lease rather than skipping, and throwing what fails (a sync run decides
   * whether to retry): `ConnectionNotLiveError`, `RealmPollBusyError`, QBO and token errors.
   */
  catchUp(connectionId: string, options: CatchUpOptions): Promise<CatchUpResult>;
}

async function publishInChunks(ctx: ConnectorContext, row: ConnectionRow, changes: FetchedChange[]): Promise<number> {
  let published = 0;
  for (let i = 0; i < changes.length; i += PUBLISH_CHUNK) {
    const chunk = changes.slice(i, i + PUBLISH_CHUNK);
    published += await ctx.knex.transaction((trx: Knex.Transaction) => publishChanges(ctx.topics, trx, row.realm_id, row.tenant_id, chunk, ctx.clock()));
  }
  return published;
}

async function snapshot(ctx: ConnectorContext, row: ConnectionRow): Promise<PollCounts> {
  const client = ctx.qbo(row.realm_id);
  const synced: Record<string, string> = {};
  let published = 0;
  let found = 0;
  for (const entity of ctx.settings.snapshotEntities) {
    let chunk: FetchedChange[] = [];
    for await (const object of client.queryAll<Record<string, unknown>>(new QueryBuilder(entity))) {
      const id = object.Id;
      if (typeof id !== 'string') continue;
      found++;
      chunk.push({ entity, entityId: id, operation: 'Snapshot', source: 'snapshot', deleted: false, object });
      if (chunk.length >= PUBLISH_CHUNK) {
        published += await publishInChunks(ctx, row, chunk);
        chunk = [];
      }
    }
    published += await publishInChunks(ctx, row, chunk);
    synced[entity] = ctx.clock().toISOString();
  }
  await ctx.knex.transaction(async (trx: Knex.Transaction) => {
    const now = ctx.clock();
    const current = await connectionsRepository.byId(trx, row.id, { forUpdate: true });
    if (current === undefined || current.status !== 'connected') return;
    const updated = await connectionsRepository.update(trx, row.id, { snapshot_requested_at: null, snapshot_completed_at: now, last_sync: { ...current.last_sync, ...synced } }, now);
    await publishState(ctx.topics, trx, updated);
  });
  return { found, published };
}

async function cdc(ctx: ConnectorContext, row: ConnectionRow): Promise<PollCounts> {
  const now = ctx.clock();
  let since = row.cdc_watermark === null ? new Date(now.getTime() - 60_000) : new Date(row.cdc_watermark);
  if (now.getTime() - since.getTime() > MAX_LOOKBACK_MS - LOOKBACK_MARGIN_MS) {
    const clamped = new Date(now.getTime() - MAX_LOOKBACK_MS + LOOKBACK_MARGIN_MS);
    await auditRepository.record(ctx.knex, {
      tenantId: row.tenant_id,
      divisionId: row.division_id || undefined,
      realmId: row.realm_id,
      actor: 'system',
      action: 'cdc.gap',
      details: { watermark: since.toISOString(), clampedTo: clamped.toISOString(), reason: 'QBO serves CDC for 30 days only' },
      at: now,
    });
    since = clamped;
  }
  const result = await ctx.qbo(row.realm_id).cdc([...ctx.settings.cdcEntities], since);
  const changes: FetchedChange[] = result.changes.map((c) => ({
    entity: c.entity,
    entityId: c.id,
    operation: c.deleted ? 'Delete' : c.syncToken === '0' ? 'Create' : 'Update',
    source: 'cdc',
    deleted: c.deleted,
    ...(c.deleted ? {} : { object: c.data }),
    lastUpdated: c.lastUpdated === undefined ? undefined : new Date(c.lastUpdated).toISOString(),
  }));
  const published = await publishInChunks(ctx, row, changes);
  await ctx.knex.transaction(async (trx: Knex.Transaction) => {
    const done = ctx.clock();
    const current = await connectionsRepository.byId(trx, row.id, { forUpdate: true });
    if (current === undefined || current.status !== 'connected') return;
    const synced: Record<string, string> = { ...current.last_sync };
    for (const entity of ctx.settings.cdcEntities) synced[entity] = done.toISOString();
    const updated = await connectionsRepository.update(
      trx,
      row.id,
      { cdc_watermark: result.asOf, cdc_next_at: new Date(done.getTime() + ctx.settings.cdcIntervalMs), last_sync: synced },
      done,
    );
    await publishState(ctx.topics, trx, updated);
  });
  ctx.logger.info({ realmId: row.realm_id, changes: changes.length, published, reads: result.reads }, 'cdc poll done');
  return { found: changes.length, published };
}

/** The poll itself, under the lease: the snapshot when one is requested, then CDC from the watermark. */
async function pollLeased(ctx: ConnectorContext, lease: ConnectionRow): Promise<CatchUpResult> {
  const snapshotCounts = lease.snapshot_requested_at === null ? undefined : await snapshot(ctx, lease);
  return { realmId: lease.realm_id, snapshot: snapshotCounts, cdc: await cdc(ctx, lease) };
}

/** Why a connection cannot be polled (none, disconnected, waiting for reauthorization), or undefined when it is connected. */
export function notLive(row: ConnectionRow | undefined): ConnectionNotLiveError | undefined {
  if (row === undefined || row.status === 'disconnected') return new ConnectionNotLiveError('not_connected', 'no connected QBO company for this tenant');
  if (row.status === 'reauthorization_required') {
    return new ConnectionNotLiveError('reauthorization_required', `the QBO connection of realm ${row.realm_id} needs an admin to reconnect`);
  }
  return undefined;
}

/** Lease poll interval while `catchUp` waits for a poll in flight. */
const LEASE_WAIT_STEP_MS = 250;

function stoppable(err: unknown): boolean {
  return err instanceof LedgerbusError && (err.code === 'reauthorization_required' || err.code === 'not_found');
}

export function createPoller(ctx: ConnectorContext): Poller {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;

  const pollConnection = async (connectionId: string): Promise<PollResult | undefined> => {
    const lease = await connectionsRepository.acquireLease(ctx.knex, connectionId, ctx.instanceId, ctx.clock(), ctx.settings.pollerLeaseMs);
    if (lease === undefined) return undefined;
    const result: PollResult = { snapshot: undefined, cdc: undefined };
    try {
      const polled = await pollLeased(ctx, lease);
      result.snapshot = polled.snapshot?.published;
      result.cdc = polled.cdc.published;
    } catch (err) {
      if (!stoppable(err)) {
        ctx.logger.warn({ realmId: lease.realm_id, err: { code: (err as { code?: string }).code, message: (err as Error).message } }, 'poll failed; retried at the next tick');
        // Try again later rather than at once.
        await connectionsRepository.update(ctx.knex, lease.id, { cdc_next_at: new Date(ctx.clock().getTime() + ctx.settings.pollerTickMs * 5) }, ctx.clock()).catch(() => undefined);
      }
    } finally {
      await connectionsRepository.releaseLease(ctx.knex, lease.id, ctx.instanceId).catch(() => undefined);
    }
    return result;
  };

  const catchUp = async (connectionId: string, options: CatchUpOptions): Promise<CatchUpResult> => {
    const started = Date.now();
    for (;;) {
      const lease = await connectionsRepository.acquireLease(ctx.knex, connectionId, ctx.instanceId, ctx.clock(), ctx.settings.pollerLeaseMs);
      if (lease !== undefined) {
        try {
          return await pollLeased(ctx, lease);
        } finally {
          await connectionsRepository.releaseLease(ctx.knex, lease.id, ctx.instanceId).catch(() => undefined);
        }
      }
      // No lease: the connection is not connected, or a poll of the realm is in flight (its
      // changes are published by it; this one then starts from the watermark it leaves).
      const row = await connectionsRepository.byId(ctx.knex, connectionId);
      const refusal = notLive(row);
      if (refusal !== undefined || row === undefined) throw refusal ?? new ConnectionNotLiveError('not_connected', 'no connected QBO company for this tenant');
      const waited = Date.now() - started;
      if (waited >= options.waitMs || options.signal?.aborted === true) throw new RealmPollBusyError(row.realm_id, waited);
      await sleep(LEASE_WAIT_STEP_MS, undefined, options.signal === undefined ? {} : { signal: options.signal }).catch(() => undefined);
    }
  };

  const runOnce = async (): Promise<number> => {
    const due = await connectionsRepository.due(ctx.knex, ctx.clock(), 20);
    let polled = 0;
    for (const row of due) {
      if (stopped) break;
      if ((await pollConnection(row.id)) !== undefined) polled++;
    }
    return polled;
  };

  const loop = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((err: unknown) => ctx.logger.warn({ err: { message: (err as Error).message } }, 'poller tick failed'))
        .finally(loop);
    }, ctx.settings.pollerTickMs);
  };

  return {
    start() {
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    runOnce,
    pollConnection,
    catchUp,
  };
}
