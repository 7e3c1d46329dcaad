import type { Knex } from 'knex';
import type { SettingsScope } from './settings.repository';

type Db = Knex | Knex.Transaction;

/** The newest settings version each worker applies, from `settings.applied` (not sync-log lines). */
export const settingsAppliedRepository = {
  /** Keeps the higher version: an older report (a redelivery, a replica behind) never lowers it. */
  async record(db: Db, scope: SettingsScope, service: string, version: number, at: Date): Promise<void> {
    await db('settings_applied')
      .insert({ tenant_id: scope.tenantId, division_id: scope.divisionId ?? '', service, version, applied_at: at })
      .onConflict(['tenant_id', 'division_id', 'service'])
      .merge(['version', 'applied_at'])
      .where('settings_applied.version', '<', db.raw('excluded.version'));
  },

  /** `{ "invoice-push": 3, … }` for one settings document (tenant or division); a worker that never reported is absent. */
  async byService(db: Db, scope: SettingsScope): Promise<Record<string, number>> {
    const rows = (await db('settings_applied')
      .where({ tenant_id: scope.tenantId, division_id: scope.divisionId ?? '' })
      .select('service', 'version')
      .orderBy('service')) as Array<{ service: string; version: number }>;
    return Object.fromEntries(rows.map((r) => [r.service, r.version]));
  },
};
