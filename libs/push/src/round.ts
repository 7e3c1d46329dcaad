import type { EffectiveSettings, TopicDefinition } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import { errorMessage, isDatabaseUnavailable, isRetriable } from '@ledgerbus/kit';
import type { Logger } from '@ledgerbus/kit';
import type { QboClient } from '@ledgerbus/qbo';
import type { Knex } from 'knex';
import type { DeadLetter, OutcomePolicy } from './outcome-plan';
import { planOutcomes } from './outcome-plan';
import { holdBeforeQbo, holdReasonOfCode, pushErrorCode, scopeToRealm } from './holds';
import type { JobsRepository } from './jobs.repository';
import { qboItemCache } from './qbo-items.repository';
import type { ReadModel } from './read-model';
import type { PushJob, PushOutcome, Pusher } from './types';

export interface RoundDeps {
  knex: Knex;
  jobs: JobsRepository;
  readModel: ReadModel;
  pusher: Pusher;
  qboClientFor: (realmId: string) => QboClient;
  policy: OutcomePolicy;
  topics: { events: TopicDefinition; links: TopicDefinition };
  deadLetter: (deadLetters: readonly DeadLetter[], at: string) => Promise<void>;
  /** Jobs per round (QBO batch holds 30). */
  batchSize: number;
  stats: { rounds: number; outcomes: Record<string, number> };
  logger: Logger;
}

/**
 * One push round of a tenant: claim up to `batchSize` ready jobs, push each division's with
 * its settings and company (or hold them before QBO), then write the outcomes, their events
 * and links in one transaction (outbox) and dead-letter what failed for good.
 * Returns how many jobs it claimed (0: nothing to do).
 */
export function createRound(deps: RoundDeps): (tenantId: string) => Promise<number> {
  const { knex, jobs: repository, readModel, pusher, logger } = deps;

  /** What the pusher makes of the jobs in the company `realmId`; an error it throws is every job's outcome. */
  async function pushInQbo(tenantId: string, divisionId: string | null, realmId: string, settings: EffectiveSettings, jobs: PushJob[]): Promise<Map<string, PushOutcome>> {
    const outcomes = new Map<string, PushOutcome>();
    const ctx = { tenantId, realmId, settings, qbo: deps.qboClientFor(realmId), links: readModel.linksOf(tenantId, realmId), items: qboItemCache(knex, realmId) };
    try {
      for (const [k, v] of await pusher.push(ctx, jobs)) outcomes.set(k, v);
    } catch (err) {
      const code = pushErrorCode(err);
      logger.warn({ err, tenantId, divisionId, realmId, code }, 'push round failed');
      // Our own database went away mid-round (a restart): the jobs wait for it without spending an attempt.
      const outcome: PushOutcome = isDatabaseUnavailable(err)
        ? { kind: 'wait', code, message: errorMessage(err) }
        : { kind: 'failed', code, message: errorMessage(err), retriable: isRetriable(err) };
      for (const j of jobs) if (!outcomes.has(j.recordId)) outcomes.set(j.recordId, outcome);
    }
    // The connection needs an admin (revoked grant, disconnected): hold, do not use up attempts.
    for (const [k, v] of outcomes) {
      const reason = v.kind === 'failed' ? holdReasonOfCode(v.code) : undefined;
      if (reason) outcomes.set(k, { kind: 'held', reason, message: v.kind === 'failed' ? v.message : '' });
    }
    return outcomes;
  }

  /** Push one division's jobs (or the tenant's own, `divisionId` null) with that division's settings and company. */
  async function pushGroup(tenantId: string, divisionId: string | null, claimed: PushJob[]): Promise<void> {
    const who = divisionId === null ? `tenant ${tenantId}` : `division ${divisionId} of tenant ${tenantId}`;
    const stored = await readModel.settings(divisionId === null ? tenantId : `${tenantId}/${divisionId}`);
    const hold = holdBeforeQbo(stored, pusher.entity, (s) => pusher.enabled(s), who);
    if (hold || !stored?.settings.realmId) {
      const held: PushOutcome = { kind: 'held', reason: hold?.reason ?? 'not_connected', message: hold?.message ?? '' };
      await applyOutcomes(claimed, new Map(claimed.map((j) => [j.recordId, held])), undefined);
      return;
    }
    const realmId = stored.settings.realmId;
    const jobs = claimed.map((j) => scopeToRealm(j, realmId));
    await applyOutcomes(jobs, await pushInQbo(tenantId, divisionId, realmId, stored.settings, jobs), realmId);
  }

  async function applyOutcomes(jobs: PushJob[], outcomes: Map<string, PushOutcome>, realmId: string | undefined): Promise<void> {
    const now = new Date();
    const plan = planOutcomes(jobs, outcomes, realmId, deps.policy, now);
    for (const [kind, n] of Object.entries(plan.counts)) deps.stats.outcomes[kind] = (deps.stats.outcomes[kind] ?? 0) + n;
    await knex.transaction(async (trx) => {
      await repository.recordOutcomes(trx, plan.rows);
      if (plan.events.length > 0) await outbox.enqueue(trx, deps.topics.events, plan.events);
      if (plan.links.length > 0) await outbox.enqueue(trx, deps.topics.links, plan.links);
    });
    await deps.deadLetter(plan.deadLetters, now.toISOString());
  }

  return async (tenantId) => {
    const jobs = await repository.claim(tenantId, deps.batchSize);
    if (jobs.length === 0) return 0;
    deps.stats.rounds += 1;
    // A tenant's divisions each have their own settings and company (seed 001): one push per division.
    const byDivision = new Map<string | null, PushJob[]>();
    for (const j of jobs) byDivision.set(j.divisionId, [...(byDivision.get(j.divisionId) ?? []), j]);
    for (const [divisionId, group] of byDivision) await pushGroup(tenantId, divisionId, group);
    return jobs.length;
  };
}
