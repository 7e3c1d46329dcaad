/**
 * Platform → QBO. Exactly-once: a deterministic requestid (tenant + record + version),
 * the push state row marked `in_flight` before the write, and after an uncertain outcome
 * a look-up in QBO (by DisplayName and content) before creating again.
 */
import type { ConflictRule, EventData, SyncSettings, platformCustomers } from '@ledgerbus/contracts';
import { LedgerbusError } from '@ledgerbus/kit';
import type { Customer, QboClient } from '@ledgerbus/qbo';
import { QboAuthError, QboDuplicateNameError, QboStaleObjectError, QboUnavailableError, select } from '@ledgerbus/qbo';
import type { CustomerSyncContext } from '../context';
import { failuresRepository, unlinkedRepository } from '../db/failures.repository';
import { linksRepository } from '../db/links.repository';
import type { LinkRow } from '../db/links.repository';
import { stateRepository } from '../db/state.repository';
import type { DirectoryRow } from '../db/state.repository';
import { runMembersRepository } from '../db/sync-runs.repository';
import { mergeCustomer } from '../domain/conflict';
import type { FieldConflict } from '../domain/conflict';
import type { PlatformCustomer } from '../domain/customer-shape';
import { contentHash, fromQboCustomer, qboFieldsFor, sameContent, syncedValues, toQboCreateBody, withSyncedValues } from '../domain/customer-shape';
import { MAX_DISAMBIGUATION, disambiguatedName, sameCustomer } from '../domain/duplicate-name';
import { rebaseStaleFields } from '../domain/stale';
import { Emitter } from './emit';

export type CustomerUpserted = EventData<typeof platformCustomers, 'customer.upserted'>;
export type CustomerDeleted = EventData<typeof platformCustomers, 'customer.deleted'>;

/** The tenant cannot be synced yet: its records are parked and replayed once it is ready (see `pending.ts`). */
export class TenantNotReadyError extends LedgerbusError {}

export class NotConnectedError extends TenantNotReadyError {
  constructor(tenantId: string) {
    super('tenant_not_connected', `tenant ${tenantId} has no connected QBO company yet; the record waits`, { retriable: true, details: { tenantId } });
  }
}

/** No `mapping.settings.v1` state for the tenant yet: its direction is unknown, so nothing is pushed on a guess. */
export class SettingsMissingError extends TenantNotReadyError {
  constructor(tenantId: string) {
    super('tenant_settings_missing', `tenant ${tenantId} has no sync settings yet; the record waits`, { retriable: true, details: { tenantId } });
  }
}

/** The admin has not enabled the integration (or disabled it): records wait for "Enable Integration", whose run pushes them. */
export class IntegrationDisabledError extends TenantNotReadyError {
  constructor(tenantId: string) {
    super('integration_disabled', `the integration of ${tenantId} is not enabled; the record waits for "Enable Integration"`, { retriable: true, details: { tenantId } });
  }
}

/** The settings mapping published for the tenant; throws `SettingsMissingError` until there are some, `IntegrationDisabledError` while it is disabled. */
async function publishedSettings(ctx: CustomerSyncContext, tenantId: string): Promise<SyncSettings> {
  const settings = await stateRepository.storedSettings(ctx.knex, tenantId);
  if (settings === undefined) throw new SettingsMissingError(tenantId);
  if (!settings.integration.enabled) throw new IntegrationDisabledError(tenantId);
  return settings;
}

const MAX_STALE_ATTEMPTS = 4;

function recordOf(data: CustomerUpserted): PlatformCustomer {
  const { tenantId: _t, version: _v, updatedAt: _u, ...record } = data;
  return record;
}

function tokenOf(c: Customer): number {
  return Number(c.SyncToken ?? '0');
}

function updatedAtOf(c: Customer): Date | undefined {
  const t = c.MetaData?.LastUpdatedTime;
  return t === undefined ? undefined : new Date(t);
}

interface PushInput {
  ctx: CustomerSyncContext;
  tenantId: string;
  realmId: string;
  client: QboClient;
  record: PlatformCustomer;
  version: number;
  platformUpdatedAt: Date;
  /**
   * Failures already reported for this version (a retry after a refusal): part of the
   * requestid, since QBO answers a requestid it has seen with its first (failed) answer.
   */
  failedBefore?: number;
}

/** Keeps the platform's directory and pushes the record when customers flow to QBO. */
export async function pushCustomerUpsert(ctx: CustomerSyncContext, data: CustomerUpserted, eventTime: string): Promise<void> {
  const now = ctx.clock();
  const record = recordOf(data);
  const platformUpdatedAt = new Date(data.updatedAt ?? eventTime);
  await stateRepository.upsertDirectory(ctx.knex, {
    tenant_id: data.tenantId,
    entity: 'customer',
    platform_id: data.customerId,
    name: data.displayName,
    email: data.email ?? null,
    sku: null,
    version: data.version,
    record: { ...record, updatedAt: platformUpdatedAt.toISOString() },
    updated_at: now,
  });
  await pushVersion(ctx, data.tenantId, record, data.version, platformUpdatedAt, false);
}

/**
 * A sync run's member (see `customers-phase.ts`): the directory's latest version of the customer
 * through the same path and guards as a platform event, except that a `done` push state does not
 * stop it (the run pushes what is not current in QBO). Its outcome event settles the member.
 */
export async function pushRunMember(ctx: CustomerSyncContext, tenantId: string, entry: DirectoryRow): Promise<void> {
  const { updatedAt, ...record } = entry.record as PlatformCustomer & { updatedAt?: string };
  await pushVersion(ctx, tenantId, record, entry.version, new Date(updatedAt ?? entry.updated_at), true);
}

async function pushVersion(ctx: CustomerSyncContext, tenantId: string, record: PlatformCustomer, version: number, platformUpdatedAt: Date, forRun: boolean): Promise<void> {
  const platformId = record.customerId;
  const settings = await publishedSettings(ctx, tenantId);
  const direction = settings.entities.customers;
  if (direction !== 'to_qbo' && direction !== 'both') return;
  if (await unlinkedRepository.isPlatformUnlinked(ctx.knex, tenantId, platformId)) {
    // Un-linked by an admin: its sync is off until it is linked again (then the latest version is pushed).
    ctx.logger.info({ tenantId, platformId, version }, 'customer un-linked by an admin: not pushed');
    return;
  }
  const connection = await stateRepository.connectionOfTenant(ctx.knex, tenantId);
  const realmId = connection?.status === 'connected' ? connection.realm_id : undefined;
  const state = await stateRepository.pushState(ctx.knex, tenantId, platformId);
  // Push state is per company: a record last pushed to another company (the scope moved from A to B)
  // is treated as never pushed to this one (its link there is ignored too, see `byPlatform`).
  const lastLink = await linksRepository.anyByPlatform(ctx.knex, tenantId, platformId);
  const pushedElsewhere = realmId !== undefined && lastLink !== undefined && lastLink.realm_id !== realmId;
  if (!forRun && state && state.status === 'done' && state.version >= version && !pushedElsewhere) return; // already pushed (or older)
  if (!connection || realmId === undefined) throw new NotConnectedError(tenantId);
  const failedBefore = state?.status === 'failed' && state.version === version ? await failuresRepository.countPushFailures(ctx.knex, tenantId, platformId, version) : 0;
  const input: PushInput = { ctx, tenantId, realmId, client: ctx.qbo(realmId), record, version, platformUpdatedAt, failedBefore };
  const known = await linksRepository.byPlatform(ctx.knex, tenantId, platformId, realmId);
  if (known && known.platform_version !== null && known.platform_version >= version) {
    // This version was already merged (by a QBO change that met it in the directory): nothing to push.
    await alreadyInQbo(input, known);
    return;
  }
  await pushRecord(input, state?.status === 'in_flight' && state.version === version && !pushedElsewhere);
}

/**
 * Nothing to write: QBO already holds this version (merged, or the same content). The push state is
 * `done` and the link records the version (a run counts it as current from now on); a run waiting
 * for the customer gets `customer.synced` `unchanged` (a live push says nothing: no echo of a restatement).
 */
async function alreadyInQbo(input: PushInput, link: LinkRow): Promise<void> {
  const { ctx, tenantId, record } = input;
  await ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    await stateRepository.setPushState(trx, { tenant_id: tenantId, platform_id: record.customerId, version: input.version, status: 'done', request_id: null, record: null, error: null }, now);
    await linksRepository.recordVersion(trx, tenantId, record.customerId, link.realm_id, input.version, now);
    const runId = await runMembersRepository.settleRecord(trx, tenantId, record.customerId, input.version, 'synced', 'unchanged', now);
    if (runId === undefined) return;
    const emit = new Emitter(ctx, tenantId);
    emit.event('customer.synced', {
      tenantId,
      realmId: link.realm_id,
      direction: 'to_qbo',
      action: 'unchanged',
      platformId: record.customerId,
      qboId: link.qbo_id,
      version: input.version,
      syncToken: String(link.qbo_sync_token),
      runId,
      at: now.toISOString(),
    });
    await emit.flush(trx);
  });
}

async function pushRecord(input: PushInput, uncertain: boolean): Promise<void> {
  const { ctx, tenantId, record } = input;
  let parentQboId: string | undefined;
  if (record.parentCustomerId !== undefined) {
    const parent = await linksRepository.byPlatform(ctx.knex, tenantId, record.parentCustomerId, input.realmId);
    if (!parent) {
      // A site waits for its client: pushed as soon as the parent is linked.
      await stateRepository.setPushState(
        ctx.knex,
        { tenant_id: tenantId, platform_id: record.customerId, version: input.version, status: 'waiting_parent', request_id: null, record: { ...record, updatedAt: input.platformUpdatedAt.toISOString() }, error: null },
        ctx.clock(),
      );
      return;
    }
    parentQboId = parent.qbo_id;
  }
  const link = await linksRepository.byPlatform(ctx.knex, tenantId, record.customerId, input.realmId);
  const refused = await failOnRefusal(input, link?.qbo_id, async () => {
    if (link && link.platform_version !== null && link.platform_version >= input.version) {
      // A QBO change merged this version meanwhile: writing it now would undo that merge.
      await alreadyInQbo(input, link);
    } else if (link) await updateLinked(input, link);
    else await createInQbo(input, parentQboId, uncertain);
  });
  if (!refused) await pushWaitingChildren(input); // the sites of a refused client keep waiting for it
}

/**
 * QBO refused the customer for good (a validation fault such as a DisplayName it rejects, a
 * missing reference, no free name): not the connection (auth) and nothing a consumer retry
 * changes. Such a refusal is not dead-lettered with the push left `in_flight`: see `recordRefusal`.
 */
/** Errors of the connection (the connector's token endpoint), never reported as the customer's failure. */
const CONNECTION_CODES: ReadonlySet<string> = new Set(['access_token_unavailable', 'reauthorization_required', 'not_connected']);

/** The connector handed out no token (no live connection yet, reauthorization): not the customer's failure. */
export function isConnectionError(err: unknown): boolean {
  return err instanceof LedgerbusError && CONNECTION_CODES.has(err.code);
}

export function isRefusal(err: unknown): err is LedgerbusError {
  // QBO refused the write. The connector not handing out a token (no connection yet, reauthorization) is not QBO's answer.
  return err instanceof LedgerbusError && !err.retriable && !(err instanceof TenantNotReadyError) && !(err instanceof QboAuthError) && !CONNECTION_CODES.has(err.code);
}

/** Runs one write; a refusal is recorded (state + event) and reported as `true` instead of thrown. */
async function failOnRefusal(input: PushInput, qboId: string | undefined, write: () => Promise<void>): Promise<boolean> {
  try {
    await write();
    return false;
  } catch (err) {
    if (!isRefusal(err)) throw err;
    await recordRefusal(input, qboId, err);
    return true;
  }
}

/**
 * The push state becomes `failed` with the reason and `customer.sync_failed` (code, message,
 * retriable: false, platformId, version) goes out in the same transaction, so the admin sees it
 * in the sync log and can retry it (`sync.retry_requested`, see `retry.ts`); the push engine
 * fails the invoices waiting on this customer when it sees the event.
 */
async function recordRefusal(input: PushInput, qboId: string | undefined, err: LedgerbusError): Promise<void> {
  const { ctx, tenantId, realmId, record } = input;
  const message = (err.message || err.code).slice(0, 2000);
  ctx.logger.warn({ tenantId, platformId: record.customerId, version: input.version, code: err.code }, 'QBO refused the customer');
  await ctx.knex.transaction(async (trx) => {
    const now = ctx.clock();
    const emit = new Emitter(ctx, tenantId);
    await stateRepository.setPushState(trx, { tenant_id: tenantId, platform_id: record.customerId, version: input.version, status: 'failed', request_id: null, record: null, error: `${err.code}: ${message}` }, now);
    const runId = await runMembersRepository.settleRecord(trx, tenantId, record.customerId, input.version, 'failed', err.code, now);
    const eventId = emit.event('customer.sync_failed', {
      tenantId,
      realmId,
      direction: 'to_qbo',
      platformId: record.customerId,
      ...(qboId === undefined ? {} : { qboId }),
      version: input.version,
      code: err.code,
      message,
      retriable: false,
      ...(runId === undefined ? {} : { runId }),
      at: now.toISOString(),
    });
    await failuresRepository.record(trx, { tenant_id: tenantId, event_id: eventId, direction: 'to_qbo', realm_id: realmId, platform_id: record.customerId, qbo_id: qboId ?? null, version: input.version, code: err.code }, now);
    await emit.flush(trx);
  });
}

async function pushWaitingChildren(input: PushInput): Promise<void> {
  const children = await stateRepository.waitingChildren(input.ctx.knex, input.tenantId, input.record.customerId);
  for (const child of children) {
    const raw = child.record as (PlatformCustomer & { updatedAt?: string }) | null;
    if (raw === null) continue;
    const { updatedAt, ...childRecord } = raw;
    await pushRecord({ ...input, record: childRecord, version: child.version, platformUpdatedAt: new Date(updatedAt ?? input.ctx.clock()), failedBefore: 0 }, false);
  }
}

function requestKey(input: PushInput): string {
  const retry = input.failedBefore === undefined || input.failedBefore === 0 ? '' : `:r${input.failedBefore}`;
  return `cs:${input.tenantId}:${input.record.customerId}:v${input.version}${retry}`;
}

async function createInQbo(input: PushInput, parentQboId: string | undefined, uncertain: boolean): Promise<void> {
  const { ctx, tenantId, client, record } = input;
  const key = requestKey(input);
  if (uncertain) {
    // The last attempt's outcome is unknown: it may have created the customer. Look before writing again.
    const found = await findCreated(client, record);
    if (found) {
      await commitLinked(input, found, 'created', undefined);
      return;
    }
  }
  await stateRepository.setPushState(ctx.knex, { tenant_id: tenantId, platform_id: record.customerId, version: input.version, status: 'in_flight', request_id: key, record: null, error: null }, ctx.clock());
  try {
    const created = await createOnce(client, record, toQboCreateBody(record, parentQboId), key, record.displayName);
    await commitLinked(input, created, 'created', undefined);
  } catch (err) {
    if (!(err instanceof QboDuplicateNameError)) throw err;
    await resolveDuplicate(input, parentQboId, err);
  }
}

/**
 * One create without the client's blind retries: a retried create whose first try committed
 * (answer lost) and whose requestid was not deduplicated would run again and meet its own
 * DisplayName (6240) — indistinguishable from a stranger's. So after an uncertain outcome
 * (5xx, network, open circuit) the customer is looked up by name and content first; when it
 * is not there the error goes back to the consumer, whose retry finds the push `in_flight`
 * and looks again before creating.
 */
async function createOnce(client: QboClient, record: PlatformCustomer, body: Record<string, unknown>, requestId: string, name: string): Promise<Customer> {
  try {
    return await client.create('Customer', body, { requestId });
  } catch (err) {
    if (!(err instanceof QboUnavailableError)) throw err;
    const found = await findByName(client, record, name);
    if (found) return found;
    throw err;
  }
}

async function findByName(client: QboClient, record: PlatformCustomer, name: string): Promise<Customer | undefined> {
  const { entities } = await client.query<Customer>(select('Customer').where('DisplayName', '=', name));
  return entities.find((c) => sameContent({ ...fromQboCustomer(c, { customerId: record.customerId }), displayName: record.displayName }, { ...record, parentCustomerId: undefined }));
}

/** A customer this record would have created: same DisplayName (or a disambiguated one) and the same content. */
async function findCreated(client: QboClient, record: PlatformCustomer): Promise<Customer | undefined> {
  const names = [record.displayName, ...Array.from({ length: MAX_DISAMBIGUATION - 1 }, (_, i) => disambiguatedName(record.displayName, i + 2))];
  for (const name of names.slice(0, 3)) {
    const hit = await findByName(client, record, name);
    if (hit) return hit;
  }
  return undefined;
}

async function resolveDuplicate(input: PushInput, parentQboId: string | undefined, err: QboDuplicateNameError): Promise<void> {
  const { ctx, client, record } = input;
  const holder = await findHolder(client, record.displayName, err.existingId);
  if (holder) {
    const linked = await linksRepository.byQbo(ctx.knex, input.realmId, holder.Id);
    const holderValues = syncedValues(fromQboCustomer(holder, { customerId: record.customerId }));
    if (!linked && sameCustomer(syncedValues(record), holderValues) !== undefined) {
      // The same customer already exists in QBO: link to it, then bring it up to date.
      await commitLinked(input, holder, 'linked', undefined);
      const link = await linksRepository.byPlatform(ctx.knex, input.tenantId, record.customerId, input.realmId);
      if (link && !sameContent(record, link.snapshot)) await updateLinked(input, link);
      return;
    }
  }
  const key = requestKey(input);
  for (let n = 2; n <= MAX_DISAMBIGUATION; n++) {
    const name = disambiguatedName(record.displayName, n);
    try {
      const created = await createOnce(client, record, toQboCreateBody(record, parentQboId, name), `${key}:n${n}`, name);
      await commitLinked(input, created, 'created', name);
      return;
    } catch (e) {
      if (!(e instanceof QboDuplicateNameError)) throw e;
    }
  }
  throw new LedgerbusError('customer_name_exhausted', `no free DisplayName for "${record.displayName}" after ${MAX_DISAMBIGUATION} tries`, { retriable: false });
}

async function findHolder(client: QboClient, name: string, existingId: string | undefined): Promise<Customer | undefined> {
  if (existingId !== undefined) {
    try {
      return await client.read('Customer', existingId);
    } catch {
      // The holder may be a vendor or an employee: fall through to the query.
    }
  }
  const { entities } = await client.query<Customer>(select('Customer').where('DisplayName', '=', name));
  return entities[0];
}

/** Link + snapshot + echo ledger + push state + events, in one transaction. */
async function commitLinked(input: PushInput, qbo: Customer, action: 'created' | 'linked', qboDisplayName: string | undefined): Promise<void> {
  const { ctx, tenantId, realmId, record } = input;
  const now = ctx.clock();
  // The snapshot is the platform's view of what both sides now agree on.
  const snapshot: PlatformCustomer =
    action === 'linked' ? { ...fromQboCustomer(qbo, { customerId: record.customerId }), ...(record.parentCustomerId === undefined ? {} : { parentCustomerId: record.parentCustomerId }) } : record;
  await ctx.knex.transaction(async (trx) => {
    const emit = new Emitter(ctx, tenantId);
    await linksRepository.upsert(trx, { tenant_id: tenantId, platform_id: record.customerId, realm_id: realmId, qbo_id: qbo.Id, snapshot, previous_snapshot: null, qbo_sync_token: tokenOf(qbo), platform_version: input.version }, now);
    if (action === 'created') await stateRepository.recordEcho(trx, realmId, qbo.Id, tokenOf(qbo), contentHash(fromQboCustomer(qbo, { customerId: record.customerId })), now);
    await stateRepository.setPushState(trx, { tenant_id: tenantId, platform_id: record.customerId, version: input.version, status: 'done', request_id: null, record: null, error: null }, now);
    const runId = await runMembersRepository.settleRecord(trx, tenantId, record.customerId, input.version, 'synced', action, now);
    emit.link('link.created', { realmId, platformId: record.customerId, qboId: qbo.Id });
    emit.event('customer.synced', {
      tenantId,
      realmId,
      direction: 'to_qbo',
      action,
      platformId: record.customerId,
      qboId: qbo.Id,
      version: input.version,
      syncToken: qbo.SyncToken ?? '0',
      ...(qboDisplayName === undefined ? {} : { qboDisplayName }),
      ...(runId === undefined ? {} : { runId }),
      at: now.toISOString(),
    });
    await emit.flush(trx);
  });
}

/**
 * The QBO customer about to be changed is not the one this link names in this company: nothing is
 * written. Not retriable (a retry would meet the same), reported as a refusal (`customer.sync_failed`).
 */
export class QboObjectMismatchError extends LedgerbusError {
  constructor(realmId: string, qboId: string, linkedRealm: string, linkedId: string) {
    super('qbo_object_mismatch', `QBO customer ${qboId} of company ${realmId} is not the customer linked to this record (${linkedId} of company ${linkedRealm}): it was not changed`, {
      retriable: false,
      details: { realmId, qboId },
    });
  }
}

/**
 * The guard before every customer update. customer-sync writes no marker of its own into QBO
 * customers (most linked customers were not created by ledgerbus: onboarding, the 6240 match and
 * manual links link customers people made), so the guard is the link itself: the link must belong to
 * the company being written (its realm is the scope's current one) and the customer read back must
 * carry the Id that link names.
 */
function assertLinkOf(link: LinkRow, realmId: string, qboId: string): void {
  if (link.realm_id !== realmId || link.qbo_id !== qboId) throw new QboObjectMismatchError(realmId, qboId, link.realm_id, link.qbo_id);
}

/** Sparse-update a linked customer: merge field by field against the snapshot, re-read and re-merge on 5010. */
export async function updateLinked(input: PushInput, link: LinkRow): Promise<void> {
  const { ctx, tenantId, realmId, client, record } = input;
  const settings = await stateRepository.settings(ctx.knex, tenantId);
  const now = () => ctx.clock();
  const snapshotValues = syncedValues(link.snapshot);
  const platformValues = rebaseStaleFields(syncedValues(record), snapshotValues, link.previous_snapshot === null ? undefined : syncedValues(link.previous_snapshot));
  if (sameContent(withSyncedValues(record, platformValues), link.snapshot)) {
    // Nothing new from the platform (e.g. it restates what came from QBO): no write.
    await alreadyInQbo(input, link);
    return;
  }
  assertLinkOf(link, realmId, link.qbo_id);
  const key = requestKey(input);
  for (let attempt = 1; ; attempt++) {
    const current = await client.read('Customer', link.qbo_id);
    assertLinkOf(link, realmId, current.Id);
    const qboValues = syncedValues(fromQboCustomer(current, { customerId: record.customerId }));
    const result = mergeCustomer({ base: snapshotValues, platform: platformValues, qbo: qboValues, rule: settings.conflictRule, platformUpdatedAt: input.platformUpdatedAt, qboUpdatedAt: updatedAtOf(current) });
    let written = current;
    if (result.toQbo.length > 0) {
      await stateRepository.setPushState(ctx.knex, { tenant_id: tenantId, platform_id: record.customerId, version: input.version, status: 'in_flight', request_id: key, record: null, error: null }, now());
      try {
        written = await client.update('Customer', { ...qboFieldsFor(result.merged, result.toQbo), Id: link.qbo_id, SyncToken: current.SyncToken ?? '0', sparse: true }, { requestId: `${key}:t${current.SyncToken ?? '0'}`, retrySafe: true });
      } catch (err) {
        if (err instanceof QboStaleObjectError && attempt < MAX_STALE_ATTEMPTS) continue; // re-read, merge again by the same rule
        throw err;
      }
    }
    const merged = withSyncedValues(record, result.merged);
    await ctx.knex.transaction(async (trx) => {
      const emit = new Emitter(ctx, tenantId);
      const at = now();
      await linksRepository.upsert(trx, { ...link, snapshot: merged, previous_snapshot: link.previous_snapshot, qbo_sync_token: tokenOf(written), platform_version: input.version }, at);
      if (written !== current) await stateRepository.recordEcho(trx, realmId, link.qbo_id, tokenOf(written), contentHash(fromQboCustomer(written, { customerId: record.customerId })), at);
      await stateRepository.setPushState(trx, { tenant_id: tenantId, platform_id: record.customerId, version: input.version, status: 'done', request_id: null, record: null, error: null }, at);
      const action = result.toQbo.includes('active') && merged.active === false ? 'deactivated' : written !== current ? 'updated' : 'unchanged';
      const runId = await runMembersRepository.settleRecord(trx, tenantId, record.customerId, input.version, 'synced', action, at);
      emit.event('customer.synced', {
        tenantId,
        realmId,
        direction: 'to_qbo',
        action,
        platformId: record.customerId,
        qboId: link.qbo_id,
        version: input.version,
        syncToken: written.SyncToken ?? '0',
        ...(runId === undefined ? {} : { runId }),
        at: at.toISOString(),
      });
      if (result.conflicts.length > 0) {
        emit.event('customer.conflict_resolved', conflictEvent({ ...input, rule: settings.conflictRule }, link, result.conflicts, record, withSyncedValues(record, qboValues), merged, updatedAtOf(current), at));
      }
      if (result.toPlatform.length > 0) {
        // QBO kept some fields: the platform applies the merged record.
        emit.event('customer.changed_in_qbo', {
          tenantId,
          realmId,
          qboId: link.qbo_id,
          platformId: record.customerId,
          operation: merged.active ? 'updated' : 'deactivated',
          customer: merged,
          syncToken: written.SyncToken ?? '0',
          ...(written.MetaData?.LastUpdatedTime === undefined ? {} : { lastUpdated: new Date(written.MetaData.LastUpdatedTime).toISOString() }),
          at: at.toISOString(),
        });
      }
      await emit.flush(trx);
    });
    return;
  }
}

export function conflictEvent(
  input: { tenantId: string; realmId: string; rule: ConflictRule; platformUpdatedAt?: Date | undefined },
  link: LinkRow,
  conflicts: FieldConflict[],
  platformVersion: PlatformCustomer,
  qboVersion: PlatformCustomer,
  merged: PlatformCustomer,
  qboUpdatedAt: Date | undefined,
  at: Date,
): Record<string, unknown> {
  return {
    tenantId: input.tenantId,
    realmId: input.realmId,
    platformId: link.platform_id,
    qboId: link.qbo_id,
    rule: input.rule,
    fields: conflicts.map((c) => ({ field: c.field, base: c.base ?? null, platform: c.platform ?? null, qbo: c.qbo ?? null, winner: c.winner })),
    platformVersion,
    qboVersion,
    merged,
    ...(input.platformUpdatedAt === undefined ? {} : { platformUpdatedAt: input.platformUpdatedAt.toISOString() }),
    ...(qboUpdatedAt === undefined ? {} : { qboUpdatedAt: qboUpdatedAt.toISOString() }),
    at: at.toISOString(),
  };
}

/**
 * After an admin linked the customer by hand: the platform's latest version goes to the QBO
 * customer it is now linked to (an update merged against the QBO side, never a create), then
 * its sites waiting for it.
 */
export async function pushAfterManualLink(ctx: CustomerSyncContext, data: CustomerUpserted, eventTime: string): Promise<void> {
  const connection = await stateRepository.connectionOfTenant(ctx.knex, data.tenantId);
  if (!connection || connection.status !== 'connected') throw new NotConnectedError(data.tenantId);
  const record = recordOf(data);
  const input: PushInput = { ctx, tenantId: data.tenantId, realmId: connection.realm_id, client: ctx.qbo(connection.realm_id), record, version: data.version, platformUpdatedAt: new Date(data.updatedAt ?? eventTime) };
  await pushRecord(input, false);
}

/** A platform delete makes the QBO customer inactive (QBO never deletes customers). */
export async function pushCustomerDelete(ctx: CustomerSyncContext, data: CustomerDeleted, eventTime: string): Promise<void> {
  const entry = await stateRepository.directoryEntry(ctx.knex, data.tenantId, 'customer', data.customerId);
  if (entry) await ctx.knex('directory').where({ tenant_id: data.tenantId, entity: 'customer', platform_id: data.customerId }).update({ deleted: true });
  const settings = await publishedSettings(ctx, data.tenantId);
  if (settings.entities.customers !== 'to_qbo' && settings.entities.customers !== 'both') return;
  if (await unlinkedRepository.isPlatformUnlinked(ctx.knex, data.tenantId, data.customerId)) return;
  const connection = await stateRepository.connectionOfTenant(ctx.knex, data.tenantId);
  if (!connection || connection.status !== 'connected') {
    // Parked only when there is something to deactivate (a link); the replay looks again in the company of that day.
    if (await linksRepository.activeAnyRealm(ctx.knex, data.tenantId, data.customerId)) throw new NotConnectedError(data.tenantId);
    return;
  }
  // Only a link in the company the scope is connected to now: a customer pushed to a former company is not in this one.
  const link = await linksRepository.byPlatform(ctx.knex, data.tenantId, data.customerId, connection.realm_id);
  if (!link) return;
  const record: PlatformCustomer = { ...link.snapshot, active: false };
  const input: PushInput = { ctx, tenantId: data.tenantId, realmId: link.realm_id, client: ctx.qbo(link.realm_id), record, version: data.version, platformUpdatedAt: new Date(eventTime) };
  await failOnRefusal(input, link.qbo_id, () => updateLinked(input, link));
}
