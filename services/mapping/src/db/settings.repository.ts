import type { Knex } from 'knex';
import type { Mappings, SettingsProblem, SyncSettings } from '@ledgerbus/contracts';
import { mappingsSchema, syncSettingsSchema } from '@ledgerbus/contracts';

type Db = Knex | Knex.Transaction;

export interface SettingsScope {
  tenantId: string;
  /** undefined = the whole tenant. */
  divisionId?: string | undefined;
}

export interface StoredSettings extends SettingsScope {
  version: number;
  settings: SyncSettings;
  mappings: Mappings;
  problems: SettingsProblem[];
  updatedAt: Date;
  updatedBy: string | null;
  /** False when nothing was saved yet (the defaults, version 1). */
  stored: boolean;
}

interface Row {
  tenant_id: string;
  division_id: string;
  version: number;
  settings: unknown;
  mappings: unknown;
  problems: unknown;
  updated_at: Date | string;
  updated_by: string | null;
}

export function defaultSettings(): SyncSettings {
  return syncSettingsSchema.parse({});
}
export function defaultMappings(): Mappings {
  return mappingsSchema.parse({});
}

function divisionKey(scope: SettingsScope): string {
  return scope.divisionId ?? '';
}

function fromRow(row: Row): StoredSettings {
  return {
    tenantId: row.tenant_id,
    ...(row.division_id === '' ? {} : { divisionId: row.division_id }),
    version: row.version,
    // Re-parse: stored documents get the defaults of fields added since.
    settings: syncSettingsSchema.parse(row.settings),
    mappings: mappingsSchema.parse(row.mappings),
    problems: row.problems as SettingsProblem[],
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by,
    stored: true,
  };
}

export const settingsRepository = {
  /** The stored settings, or the defaults (version 1, not stored) for a tenant that never saved any. */
  async get(db: Db, scope: SettingsScope, options: { forUpdate?: boolean } = {}): Promise<StoredSettings> {
    let query = db<Row>('settings').where({ tenant_id: scope.tenantId, division_id: divisionKey(scope) }).first();
    if (options.forUpdate) query = query.forUpdate();
    const row = (await query);
    if (row !== undefined) return fromRow(row);
    return {
      tenantId: scope.tenantId,
      ...(scope.divisionId === undefined ? {} : { divisionId: scope.divisionId }),
      version: 1,
      settings: defaultSettings(),
      mappings: defaultMappings(),
      problems: [],
      updatedAt: new Date(0),
      updatedBy: null,
      stored: false,
    };
  },

  /** Make sure a row exists (so that `get(..., {forUpdate})` locks it): inserts the defaults at version 1. */
  async ensure(db: Db, scope: SettingsScope, now: Date): Promise<void> {
    await db('settings')
      .insert({
        tenant_id: scope.tenantId,
        division_id: divisionKey(scope),
        version: 1,
        settings: JSON.stringify(defaultSettings()),
        mappings: JSON.stringify(defaultMappings()),
        problems: JSON.stringify([]),
        updated_at: now,
        updated_by: null,
      })
      .onConflict(['tenant_id', 'division_id'])
      .ignore();
  },

  async save(db: Db, value: StoredSettings): Promise<void> {
    await db('settings')
      .insert({
        tenant_id: value.tenantId,
        division_id: divisionKey(value),
        version: value.version,
        settings: JSON.stringify(value.settings),
        mappings: JSON.stringify(value.mappings),
        problems: JSON.stringify(value.problems),
        updated_at: value.updatedAt,
        updated_by: value.updatedBy,
      })
      .onConflict(['tenant_id', 'division_id'])
      .merge();
  },

  /** Every stored scope of a tenant (the tenant itself and its divisions). */
  async scopesOfTenant(db: Db, tenantId: string): Promise<SettingsScope[]> {
    const rows: Array<{ division_id: string }> = await db('settings').where({ tenant_id: tenantId }).select('division_id');
    return rows.map((r) => ({ tenantId, ...(r.division_id === '' ? {} : { divisionId: r.division_id }) }));
  },
};
