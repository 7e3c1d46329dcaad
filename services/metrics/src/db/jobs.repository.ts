import type { Knex } from 'knex';

/**
 * Durable import requests, one per tenant. A request made while one is waiting moves its
 * due time (debounce) but never past `first_requested_at + maxDelay`; a request made while
 * the import runs bumps `generation`, so the finished run leaves it for another pass.
 */
export interface ImportJob {
  tenantId: string;
  realmId: string;
  reason: string;
  attempts: number;
  generation: number;
}

interface Row {
  tenant_id: string;
  realm_id: string;
  reason: string;
  attempts: number;
  generation: number;
}

const fromRow = (r: Row): ImportJob => ({ tenantId: r.tenant_id, realmId: r.realm_id, reason: r.reason, attempts: r.attempts, generation: r.generation });

export const jobsRepository = {
  async request(db: Knex | Knex.Transaction, input: { tenantId: string; realmId: string; reason: string; now: Date; delayMs: number; maxDelayMs: number }): Promise<void> {
    const due = new Date(input.now.getTime() + input.delayMs);
    await db.raw(
      `insert into import_jobs (tenant_id, realm_id, reason, first_requested_at, due_at, attempts, generation)
       values (?, ?, ?, ?, ?, 0, 0)
       on conflict (tenant_id) do update set
         realm_id = excluded.realm_id,
         reason = excluded.reason,
         due_at = least(excluded.due_at, import_jobs.first_requested_at + (? * interval '1 millisecond')),
         attempts = 0,
         generation = import_jobs.generation + 1`,
      [input.tenantId, input.realmId, input.reason, input.now, due, input.maxDelayMs],
    );
  },

  async cancel(db: Knex | Knex.Transaction, tenantId: string): Promise<void> {
    await db('import_jobs').where({ tenant_id: tenantId }).delete();
  },

  /** Claims due jobs for `leaseMs` (replicas skip each other's claims). */
  async claimDue(knex: Knex, now: Date, leaseMs: number, limit: number): Promise<ImportJob[]> {
    const result = await knex.raw<{ rows: Row[] }>(
      `update import_jobs set locked_until = ?
       where tenant_id in (
         select tenant_id from import_jobs
         where due_at <= ? and (locked_until is null or locked_until < ?)
         order by due_at limit ? for update skip locked)
       returning tenant_id, realm_id, reason, attempts, generation`,
      [new Date(now.getTime() + leaseMs), now, now, limit],
    );
    return result.rows.map(fromRow);
  },

  /** Done: remove the job unless a newer request arrived while it ran. */
  async complete(knex: Knex, job: ImportJob): Promise<void> {
    const deleted = await knex('import_jobs').where({ tenant_id: job.tenantId, generation: job.generation }).delete();
    if (deleted === 0) await knex('import_jobs').where({ tenant_id: job.tenantId }).update({ locked_until: null, first_requested_at: knex.fn.now() });
  },

  async retryLater(db: Knex | Knex.Transaction, job: ImportJob, dueAt: Date): Promise<void> {
    await db('import_jobs').where({ tenant_id: job.tenantId }).update({ locked_until: null, due_at: dueAt, attempts: job.attempts + 1 });
  },

  /** Schedule: a job for every connected tenant whose last import is older than `intervalMs` (or never ran). */
  async scheduleStale(knex: Knex, now: Date, intervalMs: number): Promise<number> {
    const result = await knex.raw<{ rowCount: number }>(
      `insert into import_jobs (tenant_id, realm_id, reason, first_requested_at, due_at)
       select c.tenant_id, c.realm_id, 'schedule', ?, ?
       from connections c
       where c.status = 'connected'
         and not exists (
           select 1 from import_status s
           where s.tenant_id = c.tenant_id and s.dataset = 'profit_and_loss' and s.realm_id = c.realm_id
             and s.finished_at is not null and s.finished_at > ?)
       on conflict (tenant_id) do nothing`,
      [now, now, new Date(now.getTime() - intervalMs)],
    );
    return result.rowCount;
  },
};
