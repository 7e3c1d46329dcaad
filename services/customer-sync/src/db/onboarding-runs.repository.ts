import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export type OnboardingRunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';
export type OnboardingPhase = 'list' | 'decide';

export interface OnboardingRunRow {
  tenant_id: string;
  run_id: string;
  realm_id: string;
  mode: 'auto' | 'manual';
  status: OnboardingRunStatus;
  phase: OnboardingPhase | null;
  /** QBO records listed so far. */
  listed: number;
  /** Proposals decided (imported, linked or refused) by this run so far. */
  decided: number;
  /** Proposals the decide phase works through (auto mode). */
  to_decide: number | null;
  /** Onboarding records of the tenant per status when the run ended. */
  counts: Record<string, number> | null;
  error_code: string | null;
  error_message: string | null;
  started_at: Date;
  updated_at: Date;
  ended_at: Date | null;
  /** The process running it (null: a run from before owners, or one handed back). */
  owner: string | null;
  /** The owner's last sign of life (database time); a running run whose heartbeat is stale is taken over. */
  heartbeat_at: Date | null;
  /** How many times another process took the run over. */
  takeovers: number;
}

/** A run taken over: the row as it now is, with the owner and heartbeat it had before. */
export type TakenOverRun = OnboardingRunRow & { previous_owner: string | null; previous_heartbeat: Date | null };

type Patch = Partial<Pick<OnboardingRunRow, 'status' | 'phase' | 'listed' | 'decided' | 'to_decide' | 'counts' | 'error_code' | 'error_message' | 'ended_at'>>;

export const onboardingRunsRepository = {
  async insert(db: Db, row: Pick<OnboardingRunRow, 'tenant_id' | 'run_id' | 'realm_id' | 'mode' | 'owner'>, now: Date): Promise<void> {
    await db('onboarding_runs').insert({ ...row, status: 'running', started_at: now, updated_at: now, heartbeat_at: db.raw('now()') });
  },
  async get(db: Db, tenantId: string, runId: string): Promise<OnboardingRunRow | undefined> {
    return (await db('onboarding_runs').where({ tenant_id: tenantId, run_id: runId }).first()) as OnboardingRunRow | undefined;
  },
  /**
   * Writes the run's phase, progress or end. With `owner`, only while that process still owns the
   * running run (it beats for it too); returns whether the row was written.
   */
  async update(db: Db, tenantId: string, runId: string, patch: Patch, now: Date, owner?: string): Promise<boolean> {
    const { counts, ...rest } = patch;
    const q = db('onboarding_runs').where({ tenant_id: tenantId, run_id: runId });
    if (owner !== undefined) void q.andWhere({ owner, status: 'running' });
    const n = await q.update({
      ...rest,
      ...(counts === undefined ? {} : { counts: counts === null ? null : JSON.stringify(counts) }),
      ...(owner === undefined ? {} : { heartbeat_at: db.raw('now()') }),
      updated_at: now,
    });
    return n > 0;
  },
  /** The owner's heartbeat; false when the run is no longer running under this owner (taken over, ended). */
  async beat(db: Db, tenantId: string, runId: string, owner: string): Promise<boolean> {
    const n = await db('onboarding_runs').where({ tenant_id: tenantId, run_id: runId, owner, status: 'running' }).update({ heartbeat_at: db.raw('now()') });
    return n > 0;
  },
  /**
   * Takes over running runs whose owner has not beaten for `staleAfterMs` (a run from before owners
   * counts from its last update): this owner, a fresh heartbeat, one more takeover. Rows another
   * process is taking at the same moment are skipped.
   */
  async takeOverStale(db: Db, owner: string, staleAfterMs: number, limit: number): Promise<TakenOverRun[]> {
    const res = await db.raw<{ rows: TakenOverRun[] }>(
      `with stale as (
         select tenant_id, run_id, owner as previous_owner, heartbeat_at as previous_heartbeat from onboarding_runs
         where status = 'running' and coalesce(heartbeat_at, updated_at) < now() - (? * interval '1 millisecond')
         order by started_at limit ? for update skip locked
       )
       update onboarding_runs r set owner = ?, heartbeat_at = now(), takeovers = r.takeovers + 1
       from stale s where r.tenant_id = s.tenant_id and r.run_id = s.run_id
       returning r.*, s.previous_owner, s.previous_heartbeat`,
      [staleAfterMs, limit, owner],
    );
    return res.rows;
  },
  /** How the records this run listed were decided so far (a run taken over in its decide phase goes on counting). */
  async decidedBy(db: Db, tenantId: string, runId: string): Promise<{ succeeded: number; failed: number }> {
    const rows: Array<{ status: string; n: string | number }> = await db('onboarding_records')
      .where({ tenant_id: tenantId, run_id: runId })
      .whereIn('status', ['imported', 'linked', 'refused'])
      .select('status')
      .count<Array<{ status: string; n: string | number }>>('* as n')
      .groupBy('status');
    const n = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { succeeded: n('imported') + n('linked'), failed: n('refused') };
  },
};
