import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** customer-sync's answer to a run's customers phase (`sync.phase_scanned`), kept to answer a redelivery alike. */
export interface RunScanRow {
  tenant_id: string;
  run_id: string;
  realm_id: string | null;
  considered: number;
  already_current: number;
  queued: number;
  skipped: Record<string, number> | null;
  error: { code: string; message: string } | null;
  scanned_at: Date;
}

/** A final outcome of a run member; `cancelled` when the run was cancelled before the member's turn (no event). */
export type MemberOutcome = 'synced' | 'failed' | 'held' | 'cancelled';

export interface RunMemberRow {
  tenant_id: string;
  run_id: string;
  platform_id: string;
  seq: string;
  version: number;
  parent_id: string | null;
  outcome: MemberOutcome | null;
  reason: string | null;
  attempts: number;
  not_before: Date;
  last_error: string | null;
  created_at: Date;
  settled_at: Date | null;
}

export type MemberKey = Pick<RunMemberRow, 'tenant_id' | 'run_id' | 'platform_id'>;

function keyOf(m: MemberKey): MemberKey {
  return { tenant_id: m.tenant_id, run_id: m.run_id, platform_id: m.platform_id };
}

export const runScansRepository = {
  /**
   * Takes the run's scan for this request: true when this transaction inserted it (and must fill it in),
   * false when it was already there (a redelivery; the insert waited for the first one to commit).
   */
  async claim(trx: Knex.Transaction, tenantId: string, runId: string, now: Date): Promise<boolean> {
    const rows = (await trx('run_scans')
      .insert({ tenant_id: tenantId, run_id: runId, considered: 0, already_current: 0, queued: 0, scanned_at: now })
      .onConflict(['tenant_id', 'run_id'])
      .ignore()
      .returning('run_id')) as unknown[];
    return rows.length > 0;
  },
  async complete(trx: Knex.Transaction, row: Omit<RunScanRow, 'scanned_at'>): Promise<void> {
    await trx('run_scans')
      .where({ tenant_id: row.tenant_id, run_id: row.run_id })
      .update({ ...row, skipped: row.skipped === null ? null : JSON.stringify(row.skipped), error: row.error === null ? null : JSON.stringify(row.error) });
  },
  async get(db: Db, tenantId: string, runId: string): Promise<RunScanRow | undefined> {
    return (await db('run_scans').where({ tenant_id: tenantId, run_id: runId }).first()) as RunScanRow | undefined;
  },
};

export const runMembersRepository = {
  async insertMany(trx: Knex.Transaction, rows: Array<Pick<RunMemberRow, 'tenant_id' | 'run_id' | 'platform_id' | 'version' | 'parent_id'>>, now: Date): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      await trx('run_members')
        .insert(rows.slice(i, i + 1000).map((r) => ({ ...r, not_before: now, created_at: now })))
        .onConflict(['tenant_id', 'run_id', 'platform_id'])
        .ignore();
    }
  },
  async get(db: Db, key: MemberKey): Promise<RunMemberRow | undefined> {
    return (await db('run_members').where(keyOf(key)).first()) as RunMemberRow | undefined;
  },
  /**
   * An outcome of the customer at `version` (or later) was just decided, in `trx`: the earliest open
   * member of any run waiting for that customer is settled by it. Returns that run's id for the
   * event, undefined when no run waits for the customer (a live push).
   */
  async settleRecord(trx: Knex.Transaction, tenantId: string, platformId: string, version: number, outcome: Exclude<MemberOutcome, 'cancelled'>, reason: string | null, now: Date): Promise<string | undefined> {
    const res = await trx.raw<{ rows: Array<{ run_id: string }> }>(
      `with picked as (
         select tenant_id, run_id, platform_id from run_members
         where tenant_id = ? and platform_id = ? and outcome is null and version <= ?
         order by seq limit 1 for update
       )
       update run_members m set outcome = ?, reason = ?, settled_at = ?
       from picked p where m.tenant_id = p.tenant_id and m.run_id = p.run_id and m.platform_id = p.platform_id
       returning m.run_id`,
      [tenantId, platformId, version, outcome, reason, now],
    );
    return res.rows[0]?.run_id;
  },
  /** Settles this member when it is still open; false when something else settled it first. */
  async settle(trx: Knex.Transaction, key: MemberKey, outcome: MemberOutcome, reason: string | null, now: Date): Promise<boolean> {
    const n = await trx('run_members').where(keyOf(key)).whereNull('outcome').update({ outcome, reason, settled_at: now });
    return n > 0;
  },
  /** Open members of a scope whose turn has come: clients before sites, then in the order the run took them. */
  async due(db: Db, tenantId: string, limit: number): Promise<RunMemberRow[]> {
    return (await db('run_members')
      .where({ tenant_id: tenantId })
      .whereNull('outcome')
      .andWhere('not_before', '<=', db.raw('now()'))
      .orderByRaw('(parent_id is not null), seq')
      .limit(limit)) as RunMemberRow[];
  },
  async defer(db: Db, key: MemberKey, patch: { notBefore: Date; attempts?: number; lastError?: string }): Promise<void> {
    await db('run_members')
      .where(keyOf(key))
      .whereNull('outcome')
      .update({ not_before: patch.notBefore, ...(patch.attempts === undefined ? {} : { attempts: patch.attempts }), ...(patch.lastError === undefined ? {} : { last_error: patch.lastError.slice(0, 2000) }) });
  },
  /** The run was cancelled: its open members are closed without an event (nothing more is pushed for it). */
  async cancelRun(db: Db, runId: string, now: Date): Promise<number> {
    return db('run_members').where({ run_id: runId }).whereNull('outcome').update({ outcome: 'cancelled', reason: 'run_cancelled', settled_at: now });
  },
};

/** Which process works a scope's members: one at a time, expiring so that a killed process's scope is taken over. */
export const runLeasesRepository = {
  /** Scopes with members due and no live lease of another owner (a few, oldest work first). */
  async candidates(db: Db, owner: string, limit: number): Promise<string[]> {
    const res = await db.raw<{ rows: Array<{ tenant_id: string }> }>(
      `select m.tenant_id from run_members m left join run_leases l on l.tenant_id = m.tenant_id
       where m.outcome is null and m.not_before <= now() and (l.tenant_id is null or l.until < now() or l.owner = ?)
       group by m.tenant_id order by min(m.seq) limit ?`,
      [owner, limit],
    );
    return res.rows.map((r) => r.tenant_id);
  },
  /** Takes or extends the lease; false when another owner holds a live one. */
  async renew(db: Db, tenantId: string, owner: string, leaseMs: number): Promise<boolean> {
    const res = await db.raw<{ rows: unknown[] }>(
      `insert into run_leases (tenant_id, owner, until) values (?, ?, now() + (? * interval '1 millisecond'))
       on conflict (tenant_id) do update set owner = excluded.owner, until = excluded.until
       where run_leases.until < now() or run_leases.owner = excluded.owner
       returning tenant_id`,
      [tenantId, owner, leaseMs],
    );
    return res.rows.length > 0;
  },
  async release(db: Db, tenantId: string, owner: string): Promise<void> {
    await db('run_leases').where({ tenant_id: tenantId, owner }).delete();
  },
};
