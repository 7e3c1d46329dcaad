import type { TopicDefinition } from '@ledgerbus/contracts';
import { createEvent } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import type { Logger } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import type { JobsRepository } from './jobs.repository';
import type { ReadModel } from './read-model';
import type { Pusher } from './types';

export interface ReactionDeps {
  knex: Knex;
  service: string;
  pusher: Pusher;
  jobs: JobsRepository;
  readModel: ReadModel;
  eventsTopic: TopicDefinition;
  /** Wake the push loops. */
  wake: () => void;
  logger: Logger;
}

/** What the engine does when the state around its records changes (settings, links, connections, failures elsewhere, retries). */
export interface Reactions {
  /** Pending jobs that back off or wait are ready now, and the loops look. */
  wakeTenant(tenantId: string): Promise<void>;
  /** An admin's retry from the sync log: a failed, skipped or held record is pushed again. */
  retryRequested(tenantId: string, platformId: string): Promise<void>;
  /**
   * Held jobs of a tenant go back to pending (the condition may have cleared: settings arrived
   * or changed, a connection was made). A job whose condition still holds is held again by its
   * next round, without a second `held` event (its last code is the same).
   */
  releaseHeld(tenantId: string): Promise<void>;
  /**
   * A dependency failed on its own service (`customer.sync_failed`, `invoice.push_failed`):
   * remember it, and wake the tenant so that records waiting on it fail at once with the reason.
   */
  dependencyFailed(tenantId: string, dependency: string, platformId: string, code: string, message: string): Promise<void>;
  /** A dependency is linked now: records that failed because it had failed are pushed again. */
  dependencyLinked(tenantId: string, dependency: string, platformId: string): Promise<void>;
  /** A worker applies a settings version from now on: say so (the settings API shows it as `appliedBy`). */
  settingsApplied(tenantKey: string, version: number): Promise<void>;
}

export function createReactions(deps: ReactionDeps): Reactions {
  const { jobs, readModel, pusher, service, wake } = deps;
  const reactions: Reactions = {
    async wakeTenant(tenantId) {
      await jobs.readyNow(tenantId);
      wake();
    },
    async retryRequested(tenantId, platformId) {
      await jobs.retry(tenantId, platformId);
      wake();
    },
    async releaseHeld(tenantId) {
      const n = await jobs.releaseHeld(tenantId);
      if (n > 0) deps.logger.info({ tenantId, released: n }, 'held records released');
      await reactions.wakeTenant(tenantId);
    },
    async dependencyFailed(tenantId, dependency, platformId, code, message) {
      await readModel.saveDependencyFailure({ tenantId, entity: dependency, platformId, code, message });
      await reactions.wakeTenant(tenantId);
    },
    async dependencyLinked(tenantId, dependency, platformId) {
      await readModel.clearDependencyFailure({ tenantId, entity: dependency, platformId });
      if (!pusher.dependencies) return;
      const failed = await jobs.failedOnDependency(tenantId, dependency);
      const waiting = failed
        .filter((r) => r.payload && pusher.dependencies?.(r.payload).some((d) => d.entity === dependency && d.platformId === platformId))
        .map((r) => r.recordId);
      if (waiting.length === 0) return;
      await jobs.requeueFailed(tenantId, waiting);
      wake();
    },
    async settingsApplied(tenantKey, version) {
      const [tenantId, divisionId] = tenantKey.split('/') as [string, string | undefined];
      const data = { tenantId, ...(divisionId ? { divisionId } : {}), service, version, at: new Date().toISOString() };
      await deps.knex.transaction(async (trx) => {
        await outbox.enqueue(trx, deps.eventsTopic, [{ key: tenantId, event: createEvent({ type: 'settings.applied', source: `ledgerbus/${service}`, tenantid: tenantId, data }) }]);
      });
    },
  };
  return reactions;
}
