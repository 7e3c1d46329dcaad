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
}

type Patch = Partial<Pick<OnboardingRunRow, 'status' | 'phase' | 'listed' | 'decided' | 'to_decide' | 'counts' | 'error_code' | 'error_message' | 'ended_at'>>;

export const onboardingRunsRepository = {
  async insert(db: Db, row: Pick<OnboardingRunRow, 'tenant_id' | 'run_id' | 'realm_id' | 'mode'>, now: Date): Promise<void> {
    await db('onboarding_runs').insert({ ...row, status: 'running', started_at: now, updated_at: now });
  },
  async get(db: Db, tenantId: string, runId: string): Promise<OnboardingRunRow | undefined> {
    return (await db('onboarding_runs').where({ tenant_id: tenantId, run_id: runId }).first()) as OnboardingRunRow | undefined;
  },
  async update(db: Db, tenantId: string, runId: string, patch: Patch, now: Date): Promise<void> {
    const { counts, ...rest } = patch;
    await db('onboarding_runs')
      .where({ tenant_id: tenantId, run_id: runId })
      .update({ ...rest, ...(counts === undefined ? {} : { counts: counts === null ? null : JSON.stringify(counts) }), updated_at: now });
  },
};
