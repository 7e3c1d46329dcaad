import type { EffectiveSettings, SyncSettings } from '@ledgerbus/contracts';
import { effectiveSettingsSchema } from '@ledgerbus/contracts';
import type { Knex } from 'knex';
import { tenantOfScope } from '../domain/scope';

type Db = Knex | Knex.Transaction;

export interface ConnectionRow {
  tenant_id: string;
  realm_id: string;
  status: string;
}

export interface PushStateRow {
  tenant_id: string;
  platform_id: string;
  version: number;
  status: 'in_flight' | 'done' | 'waiting_parent' | 'failed';
  request_id: string | null;
  record: Record<string, unknown> | null;
  error: string | null;
  /** As read (a write stamps its own time). */
  updated_at?: Date;
}

export interface DirectoryRow {
  tenant_id: string;
  entity: 'customer' | 'employee' | 'item';
  platform_id: string;
  name: string;
  email: string | null;
  sku: string | null;
  version: number;
  record: Record<string, unknown>;
  deleted: boolean;
  updated_at: Date;
}

/** Customers are kept per scope (a division's own); employees and products carry no division: a division reads its tenant's. */
function directoryScope(scope: string, entity: DirectoryRow['entity']): string {
  return entity === 'customer' ? scope : tenantOfScope(scope);
}

const defaultSettings: EffectiveSettings = effectiveSettingsSchema.parse({ settings: {}, mappings: {} });

export const stateRepository = {
  async upsertConnection(db: Db, row: ConnectionRow & { updated_at: Date }): Promise<void> {
    await db('connections')
      .insert(row)
      .onConflict('tenant_id')
      .merge()
      .where('connections.updated_at', '<=', row.updated_at);
  },
  async connectionOfTenant(db: Db, tenantId: string): Promise<ConnectionRow | undefined> {
    return (await db('connections').where({ tenant_id: tenantId }).first()) as ConnectionRow | undefined;
  },
  async tenantsOfRealm(db: Db, realmId: string): Promise<ConnectionRow[]> {
    return (await db('connections').where({ realm_id: realmId }).whereNot({ status: 'disconnected' })) as ConnectionRow[];
  },

  async upsertSettings(db: Db, tenantId: string, version: number, settings: EffectiveSettings, updatedAt: Date): Promise<void> {
    await db('tenant_settings')
      .insert({ tenant_id: tenantId, version, settings: JSON.stringify(settings), updated_at: updatedAt })
      .onConflict('tenant_id')
      .merge()
      .where('tenant_settings.updated_at', '<=', updatedAt);
  },
  /** The settings version stored for the tenant (undefined before the first). */
  async storedVersion(db: Db, tenantId: string, options: { forUpdate?: boolean } = {}): Promise<number | undefined> {
    const q = db('tenant_settings').where({ tenant_id: tenantId }).select('version');
    if (options.forUpdate === true) void q.forUpdate();
    const row = (await q.first()) as { version: number } | undefined;
    return row?.version;
  },
  /** The tenant's mappings as mapping published them (defaults before the first `settings.state`). */
  async mappings(db: Db, tenantId: string): Promise<EffectiveSettings['mappings']> {
    const row = (await db('tenant_settings').where({ tenant_id: tenantId }).first()) as { settings: EffectiveSettings } | undefined;
    return row?.settings.mappings ?? defaultSettings.mappings;
  },
  /** The tenant's sync settings as mapping published them; undefined before the first `settings.state`. */
  async storedSettings(db: Db, tenantId: string): Promise<SyncSettings | undefined> {
    const row = (await db('tenant_settings').where({ tenant_id: tenantId }).first()) as { settings: EffectiveSettings } | undefined;
    return row?.settings.settings;
  },
  /** The tenant's sync settings (defaults until mapping publishes them). */
  async settings(db: Db, tenantId: string): Promise<SyncSettings> {
    return (await stateRepository.storedSettings(db, tenantId)) ?? defaultSettings.settings;
  },

  async pushState(db: Db, tenantId: string, platformId: string): Promise<PushStateRow | undefined> {
    return (await db('push_state').where({ tenant_id: tenantId, platform_id: platformId }).first()) as PushStateRow | undefined;
  },
  async setPushState(db: Db, row: PushStateRow, now: Date): Promise<void> {
    await db('push_state')
      .insert({ ...row, record: row.record === null ? null : JSON.stringify(row.record), updated_at: now })
      .onConflict(['tenant_id', 'platform_id'])
      .merge();
  },
  async waitingChildren(db: Db, tenantId: string, parentPlatformId: string): Promise<PushStateRow[]> {
    return (await db('push_state')
      .where({ tenant_id: tenantId, status: 'waiting_parent' })
      .whereRaw("record->>'parentCustomerId' = ?", [parentPlatformId])
      .orderBy('updated_at')) as PushStateRow[];
  },

  async recordEcho(db: Db, realmId: string, qboId: string, syncToken: number, contentHash: string, now: Date): Promise<void> {
    await db('echo_ledger').insert({ realm_id: realmId, qbo_id: qboId, sync_token: syncToken, content_hash: contentHash, written_at: now }).onConflict(['realm_id', 'qbo_id', 'sync_token']).merge();
  },
  async echoOf(db: Db, realmId: string, qboId: string, syncToken: number): Promise<{ content_hash: string } | undefined> {
    return (await db('echo_ledger').where({ realm_id: realmId, qbo_id: qboId, sync_token: syncToken }).first()) as { content_hash: string } | undefined;
  },

  /** Records that this failure of this QBO customer version is reported; false when it already was. */
  async recordFailure(db: Db, row: { tenant_id: string; realm_id: string; qbo_id: string; sync_token: number; code: string }, now: Date): Promise<boolean> {
    const inserted = (await db('sync_failures')
      .insert({ ...row, failed_at: now })
      .onConflict(['tenant_id', 'realm_id', 'qbo_id', 'sync_token', 'code'])
      .ignore()
      .returning('qbo_id')) as unknown[];
    return inserted.length > 0;
  },

  /** Keeps the latest version of a platform record (older versions are ignored). */
  async upsertDirectory(db: Db, row: Omit<DirectoryRow, 'deleted'> & { deleted?: boolean }): Promise<void> {
    await db('directory')
      .insert({ ...row, deleted: row.deleted ?? false, record: JSON.stringify(row.record) })
      .onConflict(['tenant_id', 'entity', 'platform_id'])
      .merge()
      .where('directory.version', '<=', row.version);
  },
  async directoryEntry(db: Db, tenantId: string, entity: DirectoryRow['entity'], platformId: string): Promise<DirectoryRow | undefined> {
    return (await db('directory').where({ tenant_id: directoryScope(tenantId, entity), entity, platform_id: platformId }).first()) as DirectoryRow | undefined;
  },
  async directory(db: Db, tenantId: string, entity: DirectoryRow['entity']): Promise<DirectoryRow[]> {
    return (await db('directory').where({ tenant_id: directoryScope(tenantId, entity), entity, deleted: false })) as DirectoryRow[];
  },
};
