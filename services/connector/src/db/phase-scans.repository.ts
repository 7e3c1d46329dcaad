/** The inbound phases this service has answered, by run: figures only, never an entity. */
import type { Knex } from 'knex';

export interface PhaseScan {
  tenantId: string;
  divisionId: string | undefined;
  runId: string;
  phase: string;
  realmId: string;
  considered: number;
  scannedAt: Date;
}

interface PhaseScanRow {
  tenant_id: string;
  division_id: string;
  run_id: string;
  phase: string;
  realm_id: string;
  considered: number;
  scanned_at: Date;
}

const TABLE = 'sync_phase_scans';

export const phaseScansRepository = {
  async find(db: Knex | Knex.Transaction, tenantId: string, divisionId: string | undefined, runId: string, phase: string): Promise<PhaseScan | undefined> {
    const row = await db<PhaseScanRow>(TABLE).where({ tenant_id: tenantId, division_id: divisionId ?? '', run_id: runId, phase }).first();
    if (row === undefined) return undefined;
    return {
      tenantId: row.tenant_id,
      divisionId: row.division_id === '' ? undefined : row.division_id,
      runId: row.run_id,
      phase: row.phase,
      realmId: row.realm_id,
      considered: Number(row.considered),
      scannedAt: new Date(row.scanned_at),
    };
  },

  /** Records the scan; false when this run's phase was already recorded (a concurrent delivery). */
  async record(trx: Knex.Transaction, scan: PhaseScan): Promise<boolean> {
    const inserted = await trx(TABLE)
      .insert({
        tenant_id: scan.tenantId,
        division_id: scan.divisionId ?? '',
        run_id: scan.runId,
        phase: scan.phase,
        realm_id: scan.realmId,
        considered: scan.considered,
        scanned_at: scan.scannedAt,
      })
      .onConflict(['tenant_id', 'division_id', 'run_id', 'phase'])
      .ignore()
      .returning('run_id');
    return inserted.length > 0;
  },
};
