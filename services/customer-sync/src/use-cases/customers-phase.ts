/**
 * The customers phase of a sync run (issue 14). mapping asks with `sync.phase_requested`
 * (`phase: customers`); customer-sync answers `sync.phase_scanned` and then gives every customer
 * it queued exactly one final outcome carrying `runId`: `customer.synced`, `customer.sync_failed`
 * or `customer.held` (never `customer_not_synced`, which is a wait).
 *
 * The scan is one transaction: the scope's platform customers (directory, not deleted, only
 * `recordIds` when given) are split into already current (an active link in the current company
 * whose `platform_version` >= the directory version: nothing is sent), skipped (un-linked by an
 * admin) and members of the run (`run_members`), and the answer goes to the outbox with them. A
 * redelivered request finds its scan (`run_scans`) and is answered with the same figures, queuing
 * nothing again. The members are pushed by the run worker (`run-worker.ts`), not in the Kafka
 * handler: a tenant may have 10k customers.
 */
import type { EventData, SyncSettings, syncEvents } from '@ledgerbus/contracts';
import { errorCode, errorMessage, isDatabaseUnavailable, isRetriable } from '@ledgerbus/kit';
import { QboAuthError } from '@ledgerbus/qbo';
import type { Knex } from 'knex';
import type { CustomerSyncContext } from '../context';
import { failuresRepository, unlinkedRepository } from '../db/failures.repository';
import { linksRepository } from '../db/links.repository';
import { pendingRepository } from '../db/pending.repository';
import type { DirectoryRow } from '../db/state.repository';
import { stateRepository } from '../db/state.repository';
import type { MemberKey, RunMemberRow, RunScanRow } from '../db/sync-runs.repository';
import { runMembersRepository, runScansRepository } from '../db/sync-runs.repository';
import type { PlatformCustomer } from '../domain/customer-shape';
import { scopeOf } from '../domain/scope';
import { Emitter } from './emit';
import { IntegrationDisabledError, NotConnectedError, SettingsMissingError, isConnectionError, pushRunMember } from './push-customer';

export type PhaseRequested = EventData<typeof syncEvents, 'sync.phase_requested'>;
export type RunCompleted = EventData<typeof syncEvents, 'sync.run_completed'>;

/** The `service` of this service's `sync.phase_scanned`. */
export const PHASE_SERVICE_NAME = 'customer-sync';

type HeldReason = 'not_connected' | 'settings_missing' | 'sync_disabled' | 'reauthorization_required';
const HELD_REASONS: ReadonlySet<string> = new Set<HeldReason>(['not_connected', 'settings_missing', 'sync_disabled', 'reauthorization_required']);

function pushesToQbo(settings: SyncSettings): boolean {
  return settings.entities.customers === 'to_qbo' || settings.entities.customers === 'both';
}

function disabledMessage(settings: SyncSettings): string {
  return `customers are not synchronized to QuickBooks (entities.customers is "${settings.entities.customers}")`;
}

/**
 * Answers a customers phase request (other phases are not this service's). Returns true when
 * members wait for the worker.
 */
export async function answerCustomersPhase(ctx: CustomerSyncContext, data: PhaseRequested): Promise<boolean> {
  if (data.phase !== 'customers') return false;
  const scope = scopeOf(data.tenantId, data.divisionId);
  const scan = await ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    let row: Omit<RunScanRow, 'scanned_at'>;
    if (await runScansRepository.claim(trx, scope, data.runId, now)) {
      row = await scanScope(trx, scope, data.runId, data.recordIds, now);
      await runScansRepository.complete(trx, row);
    } else {
      // A redelivery (or mapping asking again): the same answer; the members are already there.
      row = (await runScansRepository.get(trx, scope, data.runId)) as RunScanRow;
      ctx.logger.info({ tenantId: scope, runId: data.runId, queued: row.queued }, 'customers phase requested again: same answer');
    }
    const emit = new Emitter(ctx, scope);
    emit.event('sync.phase_scanned', {
      tenantId: scope,
      runId: data.runId,
      phase: 'customers',
      service: PHASE_SERVICE_NAME,
      considered: row.considered,
      alreadyCurrent: row.already_current,
      queued: row.queued,
      ...(row.skipped === null ? {} : { skipped: row.skipped }),
      ...(row.error === null ? {} : { error: row.error }),
      at: now.toISOString(),
    });
    await emit.flush(trx);
    return row;
  });
  ctx.logger.info(
    { tenantId: scope, runId: data.runId, considered: scan.considered, alreadyCurrent: scan.already_current, queued: scan.queued, skipped: scan.skipped, code: scan.error?.code },
    'customers phase scanned',
  );
  return scan.queued > 0;
}

interface DirectoryHit {
  platform_id: string;
  version: number;
  parent_id: string | null;
  platform_version: number | null;
  unlinked: boolean;
}

async function scanScope(trx: Knex.Transaction, scope: string, runId: string, recordIds: string[] | undefined, now: Date): Promise<Omit<RunScanRow, 'scanned_at'>> {
  const settings = await stateRepository.storedSettings(trx, scope);
  const connection = await stateRepository.connectionOfTenant(trx, scope);
  const realmId = connection?.status === 'connected' ? connection.realm_id : null;
  const q = trx('directory as d')
    .leftJoin('customer_links as l', function joinLink() {
      this.on('l.tenant_id', 'd.tenant_id').andOn('l.platform_id', 'd.platform_id').andOnVal('l.realm_id', realmId ?? '').andOnVal('l.status', 'active');
    })
    .leftJoin('unlinked_customers as u', function joinUnlinked() {
      this.on('u.tenant_id', 'd.tenant_id').andOn('u.platform_id', 'd.platform_id');
    })
    .where({ 'd.tenant_id': scope, 'd.entity': 'customer', 'd.deleted': false })
    .select('d.platform_id', 'd.version', trx.raw("d.record->>'parentCustomerId' as parent_id"), 'l.platform_version', trx.raw('(u.platform_id is not null) as unlinked'))
    .orderBy('d.platform_id');
  if (recordIds !== undefined) void q.whereIn('d.platform_id', [...new Set(recordIds)]);
  const hits = (await q) as DirectoryHit[];
  // Records a retry names that the platform never sent or has deleted: counted, not silently dropped.
  const known = new Set(hits.map((h) => h.platform_id));
  const notFound = recordIds === undefined ? 0 : new Set(recordIds.filter((id) => !known.has(id))).size;
  const considered = hits.length + notFound;
  const base = { tenant_id: scope, run_id: runId, realm_id: realmId, considered, already_current: 0, queued: 0, skipped: null, error: null };
  const withNotFound = (skipped: Record<string, number>): Record<string, number> | null => {
    const all = notFound > 0 ? { ...skipped, not_found: notFound } : skipped;
    return Object.values(all).some((n) => n > 0) ? all : null;
  };
  if (settings !== undefined && !pushesToQbo(settings)) return { ...base, skipped: withNotFound({ sync_disabled: hits.length }) };
  if (connection?.status !== 'connected') {
    const code = connection?.status === 'reauthorization_required' ? 'reauthorization_required' : 'not_connected';
    const message = code === 'not_connected' ? 'no QuickBooks company is connected; connect one and synchronize again' : 'the QuickBooks connection needs to be authorized again; reconnect and synchronize again';
    return { ...base, error: { code, message } };
  }
  if (settings === undefined) return { ...base, error: { code: 'settings_missing', message: 'customer-sync has no sync settings for this company yet; save the settings and synchronize again' } };

  let alreadyCurrent = 0;
  let unlinked = 0;
  const members: Array<Pick<RunMemberRow, 'tenant_id' | 'run_id' | 'platform_id' | 'version' | 'parent_id'>> = [];
  for (const h of hits) {
    if (h.unlinked) unlinked += 1;
    else if (h.platform_version !== null && h.platform_version >= h.version) alreadyCurrent += 1;
    else members.push({ tenant_id: scope, run_id: runId, platform_id: h.platform_id, version: h.version, parent_id: h.parent_id });
  }
  await runMembersRepository.insertMany(trx, members, now);
  // The run takes these customers over (it pushes the directory's latest version): their parked copies
  // must not be replayed beside it (a connection event replays parked records), or one record is pushed twice at once.
  for (let i = 0; i < members.length; i += 5_000) {
    await trx('pending_records')
      .where({ tenant_id: scope, type: 'customer.upserted' })
      .whereIn('platform_id', members.slice(i, i + 5_000).map((m) => m.platform_id))
      .delete();
  }
  return { ...base, already_current: alreadyCurrent, queued: members.length, skipped: withNotFound({ unlinked }) };
}

/** mapping cancelled the run (`sync.run_completed` `cancelled`): its members not reached yet are not pushed. */
export async function closeCancelledRun(ctx: CustomerSyncContext, data: RunCompleted): Promise<void> {
  if (data.status !== 'cancelled') return;
  const n = await runMembersRepository.cancelRun(ctx.knex, data.runId, ctx.clock());
  if (n > 0) ctx.logger.info({ tenantId: data.tenantId, runId: data.runId, closed: n }, 'sync run cancelled: its open customers are not pushed');
}

export interface MemberOptions {
  /** Attempts of a retriable error (QBO 5xx, throttling, token endpoint) before the member fails. */
  maxAttempts: number;
  /** Backoff before the next attempt: `backoffMs * 2^(attempt-1)`, at most a minute. */
  backoffMs: number;
  /** A push `in_flight` for less than this is a live push at work: the member waits for its outcome. */
  inFlightGraceMs: number;
  /** How long a site waits at least before looking at its client again. */
  pollMs: number;
}

/** What working one member did: it has its final outcome, or it waits (its client, a live push, a backoff). */
export type MemberStep = 'settled' | 'waiting';

/** Pushes one member of a run and makes sure it ends with exactly one final outcome. */
export async function workMember(ctx: CustomerSyncContext, m: RunMemberRow, options: MemberOptions): Promise<MemberStep> {
  const scope = m.tenant_id;
  const entry = await stateRepository.directoryEntry(ctx.knex, scope, 'customer', m.platform_id);
  if (entry === undefined || entry.deleted) {
    return fail(ctx, m, { code: 'customer_deleted', message: 'the platform deleted this customer after the run took it: nothing pushed', retriable: false });
  }
  const settings = await stateRepository.storedSettings(ctx.knex, scope);
  if (settings === undefined) return hold(ctx, m, entry, 'settings_missing', 'customer-sync has no sync settings for this company; the customer is pushed once it has');
  if (!pushesToQbo(settings)) return hold(ctx, m, entry, 'sync_disabled', `${disabledMessage(settings)}; the customer is pushed once customers go to QuickBooks`);
  const current = { ...m, version: entry.version };
  if (await unlinkedRepository.isPlatformUnlinked(ctx.knex, scope, m.platform_id)) {
    return fail(ctx, current, { code: 'customer_unlinked', message: 'an admin un-linked this customer during the run: its sync is off until it is linked again', retriable: false });
  }
  const connection = await stateRepository.connectionOfTenant(ctx.knex, scope);
  if (connection?.status !== 'connected') {
    return connection?.status === 'reauthorization_required'
      ? hold(ctx, m, entry, 'reauthorization_required', 'the QuickBooks connection needs to be authorized again; the customer is pushed once it is')
      : hold(ctx, m, entry, 'not_connected', 'no QuickBooks company is connected; the customer is pushed once one is');
  }
  const realmId = connection.realm_id;
  const record = entry.record as PlatformCustomer & { updatedAt?: string };
  const now = ctx.clock().getTime();
  if (record.parentCustomerId !== undefined && !(await linksRepository.byPlatform(ctx.knex, scope, record.parentCustomerId, realmId))) {
    const parent = await runMembersRepository.get(ctx.knex, { tenant_id: scope, run_id: m.run_id, platform_id: record.parentCustomerId });
    if (parent !== undefined && parent.outcome === null) {
      // Its client is a member still on its way: the site goes after it.
      await runMembersRepository.defer(ctx.knex, m, { notBefore: new Date(Math.max(new Date(parent.not_before).getTime(), now + options.pollMs)) });
      return 'waiting';
    }
    return clientNotInQbo(ctx, m, entry, realmId, record.parentCustomerId, parent);
  }
  const state = await stateRepository.pushState(ctx.knex, scope, m.platform_id);
  if (state?.status === 'in_flight' && state.version === entry.version && state.updated_at !== undefined && now - new Date(state.updated_at).getTime() < options.inFlightGraceMs) {
    // A live push of this version is at work (its outcome settles the member); an older one was cut off: pushed again below, looked up first.
    await runMembersRepository.defer(ctx.knex, m, { notBefore: new Date(new Date(state.updated_at).getTime() + options.inFlightGraceMs) });
    return 'waiting';
  }
  try {
    await pushRunMember(ctx, scope, entry);
  } catch (err) {
    return afterError(ctx, current, entry, realmId, err, options);
  }
  const after = await runMembersRepository.get(ctx.knex, m);
  if (after?.outcome !== null) return 'settled';
  // The push said nothing (its client's link went away meanwhile, the settings changed …): look again later.
  return retryLater(ctx, current, realmId, { code: 'not_settled', message: 'the push ended without an outcome', retriable: true }, options);
}

async function afterError(ctx: CustomerSyncContext, m: RunMemberRow, entry: DirectoryRow, realmId: string, err: unknown, options: MemberOptions): Promise<MemberStep> {
  // Our own database went away: nothing can be recorded; the worker loop waits for it (no attempt used).
  if (isDatabaseUnavailable(err)) throw err;
  if (err instanceof NotConnectedError) return hold(ctx, m, entry, 'not_connected', 'no QuickBooks company is connected; the customer is pushed once one is');
  if (err instanceof SettingsMissingError) return hold(ctx, m, entry, 'settings_missing', 'customer-sync has no sync settings for this company; the customer is pushed once it has');
  if (err instanceof IntegrationDisabledError) {
    // The enable run's request can overtake the settings that enabled it (another topic): look again shortly.
    if (m.attempts + 1 >= options.maxAttempts) return hold(ctx, m, entry, 'sync_disabled', 'the integration is not enabled; the customer is pushed by the run of "Enable Integration"');
    return retryLater(ctx, m, realmId, { code: err.code, message: err.message, retriable: true }, options);
  }
  const failure = { code: errorCode(err), message: errorMessage(err).slice(0, 2000) || errorCode(err), retriable: isRetriable(err) };
  ctx.logger.warn({ tenantId: m.tenant_id, runId: m.run_id, platformId: m.platform_id, attempt: m.attempts + 1, code: failure.code }, 'run member push failed');
  if (err instanceof QboAuthError) return hold(ctx, m, entry, 'reauthorization_required', `QuickBooks refused the connection's token (${failure.code}); the customer is pushed once it is authorized again`);
  if (isConnectionError(err)) {
    // The connector hands out no token: a reconnect settling, or a reauthorization to come.
    if (m.attempts + 1 >= options.maxAttempts) return hold(ctx, m, entry, 'reauthorization_required', `the connector gave no access token (${failure.message}); the customer is pushed once the connection is authorized`);
    return retryLater(ctx, m, realmId, failure, options);
  }
  if (failure.retriable) return retryLater(ctx, m, realmId, failure, options);
  return fail(ctx, m, failure, realmId);
}

async function retryLater(ctx: CustomerSyncContext, m: RunMemberRow, realmId: string, failure: Failure, options: MemberOptions): Promise<MemberStep> {
  const attempts = m.attempts + 1;
  if (attempts >= options.maxAttempts) return fail(ctx, m, { ...failure, message: `${failure.message} (after ${attempts} attempts)`.slice(0, 2000) }, realmId);
  const delay = Math.min(60_000, options.backoffMs * 2 ** (attempts - 1));
  await runMembersRepository.defer(ctx.knex, m, { notBefore: new Date(ctx.clock().getTime() + delay), attempts, lastError: `${failure.code}: ${failure.message}` });
  return 'waiting';
}

interface Failure {
  code: string;
  message: string;
  retriable: boolean;
}

/** The member fails for good: `customer.sync_failed` with the run id (and the failure for a sync-log retry). */
async function fail(ctx: CustomerSyncContext, m: MemberKey & { version: number }, failure: Failure, realmId?: string, also?: (trx: Knex.Transaction) => Promise<void>): Promise<MemberStep> {
  await ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    if (!(await runMembersRepository.settle(trx, m, 'failed', failure.code, now))) return; // a live push settled it meanwhile
    await also?.(trx);
    const emit = new Emitter(ctx, m.tenant_id);
    const eventId = emit.event('customer.sync_failed', {
      tenantId: m.tenant_id,
      ...(realmId === undefined ? {} : { realmId }),
      direction: 'to_qbo',
      platformId: m.platform_id,
      version: m.version,
      code: failure.code,
      message: failure.message,
      retriable: failure.retriable,
      runId: m.run_id,
      at: now.toISOString(),
    });
    await failuresRepository.record(trx, { tenant_id: m.tenant_id, event_id: eventId, direction: 'to_qbo', realm_id: realmId ?? null, platform_id: m.platform_id, qbo_id: null, version: m.version, code: failure.code }, now);
    await emit.flush(trx);
  });
  return 'settled';
}

/**
 * The member is kept for a reason that clears by itself or by an admin (`customer.held` with the
 * run id): parked like a live record (`pending_records`), so it is pushed when the tenant is ready.
 */
async function hold(ctx: CustomerSyncContext, m: RunMemberRow, entry: DirectoryRow, reason: HeldReason, message: string): Promise<MemberStep> {
  await ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    if (!(await runMembersRepository.settle(trx, m, 'held', reason, now))) return;
    const record = entry.record as PlatformCustomer & { updatedAt?: string };
    await pendingRepository.park(trx, { tenant_id: m.tenant_id, platform_id: m.platform_id, type: 'customer.upserted', version: entry.version, data: { ...record, tenantId: m.tenant_id, version: entry.version }, event_time: record.updatedAt ?? now.toISOString() }, now);
    const connection = await stateRepository.connectionOfTenant(trx, m.tenant_id);
    const emit = new Emitter(ctx, m.tenant_id);
    emit.event('customer.held', {
      tenantId: m.tenant_id,
      ...(connection === undefined ? {} : { realmId: connection.realm_id }),
      platformId: m.platform_id,
      version: entry.version,
      reason,
      message,
      runId: m.run_id,
      at: now.toISOString(),
    });
    await emit.flush(trx);
  });
  ctx.logger.info({ tenantId: m.tenant_id, runId: m.run_id, platformId: m.platform_id, reason }, 'run member held');
  return 'settled';
}

/**
 * A site whose client is not in QBO and will not be put there by this run (QBO refused it, it is
 * held, deleted, un-linked or unknown): the site gets its final outcome naming the client's, and
 * keeps waiting for the client in its push state, so it is pushed as soon as the client is linked.
 */
async function clientNotInQbo(ctx: CustomerSyncContext, m: RunMemberRow, entry: DirectoryRow, realmId: string, clientId: string, client: RunMemberRow | undefined): Promise<MemberStep> {
  if (client?.outcome === 'held' && client.reason !== null && HELD_REASONS.has(client.reason)) {
    return hold(ctx, m, entry, client.reason as HeldReason, `its client ${clientId} is held (${client.reason}); the site is pushed after it`);
  }
  const clientState = await stateRepository.pushState(ctx.knex, m.tenant_id, clientId);
  const clientFailed = client?.outcome === 'failed' || clientState?.status === 'failed';
  const why = client?.outcome === 'failed' ? client.reason : clientState?.status === 'failed' ? (clientState.error ?? 'failed').split(':')[0] : undefined;
  const failure: Failure = clientFailed
    ? { code: 'client_sync_failed', message: `its client ${clientId} could not be synced (${why ?? 'failed'}); the site is pushed once the client is in QuickBooks`, retriable: false }
    : { code: 'client_not_synced', message: `its client ${clientId} is not in QuickBooks and this run does not push it (unknown to ledgerbus, deleted or un-linked); the site is pushed once the client is`, retriable: true };
  const record = entry.record as PlatformCustomer & { updatedAt?: string };
  return fail(ctx, { ...m, version: entry.version }, failure, realmId, async (trx) => {
    await stateRepository.setPushState(trx, { tenant_id: m.tenant_id, platform_id: m.platform_id, version: entry.version, status: 'waiting_parent', request_id: null, record: { ...record }, error: null }, ctx.clock());
  });
}
