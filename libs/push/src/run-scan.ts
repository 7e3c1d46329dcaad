import { randomUUID } from 'node:crypto';
import { currentMessageContext } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import { UnavailableError } from '@ledgerbus/kit';
import type { Logger } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import type { TenantLeases } from './leases';
import type { ReadModel } from './read-model';
import type { Pusher } from './types';

/** The part of `sync.phase_requested` the scan reads. */
export interface PhaseRequest {
  tenantId: string;
  divisionId?: string;
  runId: string;
  phase: string;
  recordIds?: string[];
}

/** The figures of `sync.phase_scanned`. */
export interface PhaseFigures {
  considered: number;
  alreadyCurrent: number;
  queued: number;
}

export interface RunScanDeps {
  knex: Knex;
  service: string;
  entity: Pusher['entity'];
  eventsTopic: TopicDefinition;
  readModel: ReadModel;
  leases: TenantLeases;
  /** Lease owner prefix of this process. */
  ownerPrefix: string;
  logger: Logger;
  /** Wake the push loops: the jobs the scan queued are ready now. */
  wake: () => void;
  /** How long to wait for the tenant's lease before giving up (the consumer retries). Default 30 s. */
  leaseWaitMs?: number;
}

export interface RunScan {
  /** The run phase this service owns: "invoices", "payments". */
  readonly phase: string;
  scan(request: PhaseRequest): Promise<PhaseFigures>;
}

/** PostgreSQL's deadlock and serialization failures: the transaction did nothing and may simply run again. */
const TRANSIENT_SQLSTATES: ReadonlySet<string> = new Set(['40P01', '40001']);

/**
 * A sync run's phase on the push side (issue 14). On `sync.phase_requested` for this service's
 * phase, the tenant's (or division's) jobs are gone through in one transaction:
 * - a job this run already queued (the request was delivered before) stays queued, untouched;
 * - a job already current in QBO (done, at its version and op, in the tenant's current company)
 *   is counted and left alone: no QBO call;
 * - every other job (pending, held, failed, skipped, or pushed to another company or at an
 *   older version) is queued: tagged with the run, pending now, and a held, failed or skipped
 *   one gets its attempts and wait back. Its next round gives it one outcome event with `runId`
 *   (pushed, removed, skipped, held or failed): the entity being off or the tenant not being
 *   connected is no special case, the round holds the job and the run counts the hold.
 * The answer, `sync.phase_scanned`, goes out through the outbox in the same transaction.
 *
 * The scan takes the tenant's push lease first, so that no round is in flight while it tags
 * jobs (a round's outcome would otherwise overwrite the tag's status, and the run would wait
 * for an event that never comes).
 */
export function createRunScan(deps: RunScanDeps): RunScan {
  const { knex, service, entity, leases, logger } = deps;
  const phase = `${entity}s`;
  const leaseWaitMs = deps.leaseWaitMs ?? 30_000;

  async function tag(request: PhaseRequest, realmId: string | null): Promise<PhaseFigures> {
    const { tenantId, runId } = request;
    const divisionId = request.divisionId ?? null;
    const only = request.recordIds ? 'and record_id in (select jsonb_array_elements_text(?::jsonb))' : '';
    const requeue = "j.status in ('held', 'failed', 'skipped')";
    return knex.transaction(async (trx) => {
      // One statement whatever the number of jobs; the rows are locked in key order while they are
      // counted, so an intake of a newer version waits and cannot fall between the count and the tag.
      const res = await trx.raw<{ rows: Array<{ considered: number; queued: number; already_current: number }> }>(
        `with scope as (
           select record_id,
                  coalesce(run_id = ?, false) as mine,
                  coalesce(status = 'done' and pushed_version = version and pushed_op = op and realm_id = ?, false) as current
           from push_jobs
           where tenant_id = ? and division_id is not distinct from ? ${only}
           order by record_id
           for update
         ), queued as (
           update push_jobs j set
             run_id = ?, status = 'pending', not_before = now(), updated_at = now(),
             attempts = case when ${requeue} then 0 else j.attempts end,
             waiting_since = case when ${requeue} then now() else j.waiting_since end,
             -- A queued job starts afresh: its next hold, wait or failure is told again, with the run.
             last_code = null, last_message = null
           from scope s
           where j.tenant_id = ? and j.record_id = s.record_id and not s.mine and not s.current
           returning j.record_id
         )
         select (select count(*) from scope)::int as considered,
                ((select count(*) from scope where mine) + (select count(*) from queued))::int as queued,
                (select count(*) from scope where current and not mine)::int as already_current`,
        [runId, realmId, tenantId, divisionId, ...(request.recordIds ? [JSON.stringify(request.recordIds)] : []), runId, tenantId],
      );
      const row = res.rows[0] ?? { considered: 0, queued: 0, already_current: 0 };
      const figures: PhaseFigures = { considered: row.considered, alreadyCurrent: row.already_current, queued: row.queued };
      const data = { tenantId, ...(request.divisionId ? { divisionId: request.divisionId } : {}), runId, phase, service, ...figures, at: new Date().toISOString() };
      await outbox.enqueue(trx, deps.eventsTopic, [{ key: tenantId, event: createEvent({ type: 'sync.phase_scanned', source: `ledgerbus/${service}`, tenantid: tenantId, data }) }]);
      return figures;
    });
  }

  return {
    phase,

    async scan(request) {
      const { tenantId, runId } = request;
      const owner = `${deps.ownerPrefix}:scan:${randomUUID().slice(0, 8)}`;
      // The consumer's heartbeat while it waits: a wait longer than the session timeout must not cost the group membership.
      const heartbeat = currentMessageContext()?.heartbeat;
      if (!(await leases.await(tenantId, owner, { timeoutMs: leaseWaitMs, ...(heartbeat ? { onWait: heartbeat } : {}) }))) {
        throw new UnavailableError('tenant_busy', `the push lease of tenant ${tenantId} stayed taken for ${leaseWaitMs} ms; run ${runId} is scanned on a retry`);
      }
      const lease = leases.keep(tenantId, owner);
      try {
        const tenantKey = request.divisionId ? `${tenantId}/${request.divisionId}` : tenantId;
        const realmId = (await deps.readModel.settings(tenantKey))?.settings.realmId ?? null;
        const figures = await tag(request, realmId);
        logger.info({ tenantId, divisionId: request.divisionId, runId, phase, ...figures }, 'sync run phase scanned');
        return figures;
      } catch (err) {
        const sqlState = (err as { code?: unknown }).code;
        if (typeof sqlState === 'string' && TRANSIENT_SQLSTATES.has(sqlState)) throw new UnavailableError('database_conflict', `the scan of run ${runId} met a concurrent write; retried`, err);
        throw err;
      } finally {
        await lease.stop();
        await leases.release(tenantId, owner);
        deps.wake();
      }
    },
  };
}
