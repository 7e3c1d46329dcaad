import type { EffectiveSettings } from '@ledgerbus/contracts';
import { effectiveSettingsSchema } from '@ledgerbus/contracts';
import type { Knex } from 'knex';
import type { DependencyFailure, LinkLookup } from './types';

export interface StoredSettings {
  version: number;
  settings: EffectiveSettings;
}

/** The read model of `mapping.settings.v1` and `sync.links.v1` in the service's own schema. */
export class ReadModel {
  constructor(private readonly knex: Knex) {}

  /** Keeps the newest settings of a tenant (by version, then updatedAt). Returns whether they changed. */
  async saveSettings(tenantKey: string, version: number, updatedAt: string, body: unknown): Promise<boolean> {
    const res = await this.knex.raw<{ rows: unknown[] }>(
      `insert into tenant_settings (tenant_key, version, updated_at, body) values (?, ?, ?, ?::jsonb)
       on conflict (tenant_key) do update set version = excluded.version, updated_at = excluded.updated_at, body = excluded.body
       where excluded.version > tenant_settings.version
          or (excluded.version = tenant_settings.version and excluded.updated_at > tenant_settings.updated_at)
       returning tenant_key`,
      [tenantKey, version, updatedAt, JSON.stringify(body)],
    );
    return res.rows.length > 0;
  }

  async settings(tenantKey: string): Promise<StoredSettings | undefined> {
    const row = (await this.knex('tenant_settings').where({ tenant_key: tenantKey }).first()) as { version: number; body: unknown } | undefined;
    if (!row) return undefined;
    return { version: row.version, settings: effectiveSettingsSchema.parse(row.body) };
  }

  async saveLink(link: { tenantId: string; entity: string; platformId: string; realmId: string; qboId: string }): Promise<void> {
    await this.knex('links')
      .insert({ tenant_id: link.tenantId, entity: link.entity, platform_id: link.platformId, realm_id: link.realmId, qbo_id: link.qboId })
      .onConflict(['tenant_id', 'entity', 'platform_id'])
      .merge(['realm_id', 'qbo_id']);
  }

  async removeLink(link: { tenantId: string; entity: string; platformId: string }): Promise<void> {
    await this.knex('links').where({ tenant_id: link.tenantId, entity: link.entity, platform_id: link.platformId }).delete();
  }

  /** A dependency failed on its own service (`customer.sync_failed`, `invoice.push_failed`); the newest failure wins. */
  async saveDependencyFailure(f: { tenantId: string; entity: string; platformId: string; code: string; message: string }): Promise<void> {
    await this.knex('dependency_failures')
      .insert({ tenant_id: f.tenantId, entity: f.entity, platform_id: f.platformId, code: f.code, message: f.message.slice(0, 2000), failed_at: this.knex.fn.now() })
      .onConflict(['tenant_id', 'entity', 'platform_id'])
      .merge(['code', 'message', 'failed_at']);
  }

  /** The dependency is linked now (or pushed): whatever failed before no longer holds. Returns whether a failure was cleared. */
  async clearDependencyFailure(f: { tenantId: string; entity: string; platformId: string }): Promise<boolean> {
    return (await this.knex('dependency_failures').where({ tenant_id: f.tenantId, entity: f.entity, platform_id: f.platformId }).delete()) > 0;
  }

  linksOf(tenantId: string, realmId: string): LinkLookup {
    return {
      get: async (entity, platformIds) => {
        const out = new Map<string, string>();
        if (platformIds.length === 0) return out;
        const rows: Array<{ platform_id: string; qbo_id: string }> = await this.knex('links')
          .where({ tenant_id: tenantId, entity, realm_id: realmId })
          .whereIn('platform_id', [...new Set(platformIds)])
          .select('platform_id', 'qbo_id');
        for (const r of rows) out.set(r.platform_id, r.qbo_id);
        return out;
      },
      failures: async (entity, platformIds) => {
        const out = new Map<string, DependencyFailure>();
        if (platformIds.length === 0) return out;
        const rows: Array<{ platform_id: string; code: string; message: string }> = await this.knex('dependency_failures')
          .where({ tenant_id: tenantId, entity })
          .whereIn('platform_id', [...new Set(platformIds)])
          .select('platform_id', 'code', 'message');
        for (const r of rows) out.set(r.platform_id, { code: r.code, message: r.message });
        return out;
      },
    };
  }
}
