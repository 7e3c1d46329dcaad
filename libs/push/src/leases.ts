import type { Logger } from '@ledgerbus/kit';
import type { Knex } from 'knex';

/** What a renewal found: the lease is ours (`held`), ours but someone waits for it (`wanted`), or another's (`lost`). */
export type LeaseState = 'held' | 'wanted' | 'lost';

/** A lease kept alive in the background while work runs under it. */
export interface KeptLease {
  /** A renewal found the lease taken by another owner (it had expired): stop after the work in flight. */
  readonly lost: boolean;
  /** Stop renewing (waits for a renewal in flight). */
  stop(): Promise<void>;
}

/**
 * The per-tenant leases of `push_leases`: one owner pushes (or scans) a tenant at a time, and a
 * lease expires `leaseMs` after its last renewal, so a killed worker's tenants move on.
 *
 * A run's scan waits for the lease of a tenant whose push loops hold it: it says so in
 * `wanted_by`, the holder lets go between two rounds and hands the lease over to it on release
 * (a push loop would otherwise take the tenant again the moment it is free, round after round).
 */
export interface TenantLeases {
  /** The lease of a tenant with ready jobs, taken for `owner`, if any is free. */
  next(owner: string): Promise<string | undefined>;
  /** Take the lease if it is free or expired, or extend it if it is ours. */
  renew(tenantId: string, owner: string): Promise<LeaseState>;
  /** Let go: to the owner that waits for it, if any, else free. */
  release(tenantId: string, owner: string): Promise<void>;
  /** Renew the lease in the background (a third of `leaseMs`) until `stop`. */
  keep(tenantId: string, owner: string): KeptLease;
  /**
   * Wait for the lease, saying so to its holder, at most `timeoutMs`. Returns whether it was taken.
   * `onWait` runs between two looks (a consumer's heartbeat, so a long wait keeps its group membership).
   */
  await(tenantId: string, owner: string, options: { timeoutMs: number; pollMs?: number; onWait?: () => Promise<void> }): Promise<boolean>;
}

export function createTenantLeases(knex: Knex, leaseMs: number, logger: Logger): TenantLeases {
  async function renew(tenantId: string, owner: string): Promise<LeaseState> {
    const got = await knex.raw<{ rows: Array<{ wanted_by: string | null }> }>(
      `insert into push_leases (tenant_id, owner, until) values (?, ?, now() + (? * interval '1 millisecond'))
       on conflict (tenant_id) do update set owner = excluded.owner, until = excluded.until,
         wanted_by = case when push_leases.wanted_by = excluded.owner then null else push_leases.wanted_by end
       where push_leases.until < now() or push_leases.owner = excluded.owner
       returning wanted_by`,
      [tenantId, owner, leaseMs],
    );
    const row = got.rows[0];
    if (!row) return 'lost';
    return row.wanted_by === null ? 'held' : 'wanted';
  }

  async function release(tenantId: string, owner: string): Promise<void> {
    const handed = await knex.raw<{ rows: unknown[] }>(
      `update push_leases set owner = wanted_by, wanted_by = null, until = now() + (? * interval '1 millisecond')
       where tenant_id = ? and owner = ? and wanted_by is not null
       returning tenant_id`,
      [leaseMs, tenantId, owner],
    );
    if (handed.rows.length === 0) await knex('push_leases').where({ tenant_id: tenantId, owner }).delete();
  }

  return {
    renew,
    release,

    async next(owner) {
      const res = await knex.raw<{ rows: Array<{ tenant_id: string }> }>(
        `select j.tenant_id from push_jobs j left join push_leases l on l.tenant_id = j.tenant_id
         where j.status = 'pending' and j.not_before <= now() and (l.tenant_id is null or l.until < now() or l.owner = ?)
         group by j.tenant_id order by min(j.seq) limit 16`,
        [owner],
      );
      const candidates = res.rows.map((r) => r.tenant_id);
      // Spread the loops over tenants: start at a random candidate.
      const start = Math.floor(Math.random() * Math.max(1, candidates.length));
      for (let i = 0; i < candidates.length; i++) {
        const tenantId = candidates[(start + i) % candidates.length] as string;
        const state = await renew(tenantId, owner);
        if (state === 'held') return tenantId;
        // An expired lease a scan waits for: it is the scan's turn.
        if (state === 'wanted') await release(tenantId, owner);
      }
      return undefined;
    },

    keep: (tenantId, owner) => keepAlive(renew, leaseMs, logger, tenantId, owner),
    await: (tenantId, owner, options) => awaitLease(knex, renew, tenantId, owner, options),
  };
}

/** Renew a lease in the background (a third of `leaseMs`) until `stop`. */
function keepAlive(renew: (tenantId: string, owner: string) => Promise<LeaseState>, leaseMs: number, logger: Logger, tenantId: string, owner: string): KeptLease {
  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    renewing = renew(tenantId, owner).then(
      (state) => {
        if (state === 'lost') lost = true;
      },
      (err: unknown) => logger.warn({ err, tenantId }, 'lease renewal failed'),
    );
  }, Math.max(100, Math.floor(leaseMs / 3)));
  return {
    get lost() {
      return lost;
    },
    async stop() {
      clearInterval(heartbeat);
      await renewing;
    },
  };
}

/** Wait for a lease, asking its holder for it through `wanted_by`, at most `timeoutMs`. */
async function awaitLease(
  knex: Knex,
  renew: (tenantId: string, owner: string) => Promise<LeaseState>,
  tenantId: string,
  owner: string,
  { timeoutMs, pollMs = 50, onWait }: { timeoutMs: number; pollMs?: number; onWait?: () => Promise<void> },
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let taken = false;
  try {
    for (;;) {
      if ((await renew(tenantId, owner)) !== 'lost') return (taken = true);
      if (Date.now() >= deadline) return false;
      // Ask the holder for it (unless another scan asked first: it gets the lease next, then we do).
      await knex.raw('update push_leases set wanted_by = ? where tenant_id = ? and owner <> ? and wanted_by is null', [owner, tenantId, owner]);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      await onWait?.();
    }
  } finally {
    // Given up (or failed): the holder must not hand the lease to no one.
    if (!taken) await knex('push_leases').where({ tenant_id: tenantId, wanted_by: owner }).update({ wanted_by: null });
  }
}
