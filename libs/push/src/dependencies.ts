import type { LinkLookup, PushOutcome } from './types';

/** The records a pushed record may need in QBO first. */
export type DependencyEntity = 'customer' | 'invoice';

/**
 * How each dependency is told: the code of a record whose dependency failed on its own
 * service, the wait while it is not linked, and whether a filter that left it out skips the
 * record by the same filter (an invoice the admin filtered out takes its payment with it).
 */
const RULES: Record<DependencyEntity, { failedCode: string; failed: string; waitCode: string; waiting(ids: string[]): string; skipsOnFilter: boolean }> = {
  customer: { failedCode: 'customer_sync_failed', failed: 'could not be synced', waitCode: 'customer_not_synced', waiting: (ids) => `customer ${ids.join(', ')} is not linked to a QBO customer yet`, skipsOnFilter: false },
  invoice: { failedCode: 'invoice_push_failed', failed: 'could not be pushed', waitCode: 'invoice_not_synced', waiting: (ids) => `invoice(s) ${ids.join(', ')} not in QBO yet`, skipsOnFilter: true },
};

/** What is known of the dependencies of a round's records: links and failures, by entity. */
export interface DependencyState {
  links: Map<DependencyEntity, Map<string, string>>;
  failures: Map<DependencyEntity, Map<string, { code: string; message: string }>>;
}

/** One read of the links of every dependency of the round (and of the failures of those not linked), entity by entity. */
export async function readDependencies(links: LinkLookup, wanted: ReadonlyArray<{ entity: DependencyEntity; ids: string[] }>): Promise<DependencyState> {
  const state: DependencyState = { links: new Map(), failures: new Map() };
  for (const { entity, ids } of wanted) state.links.set(entity, await links.get(entity, ids));
  for (const { entity, ids } of wanted) {
    const linked = state.links.get(entity) ?? new Map<string, string>();
    state.failures.set(entity, await links.failures(entity, ids.filter((id) => !linked.has(id))));
  }
  return state;
}

/**
 * Whether a record may go to QBO as far as one dependency is concerned: undefined when all its
 * records of `entity` are linked; else failed at once (a dependency failed on its own service:
 * pushed again by itself once that one is linked), skipped (a filter left it out) or a wait.
 */
export function dependencyOutcome(state: DependencyState, entity: DependencyEntity, ids: readonly string[]): PushOutcome | undefined {
  const rule = RULES[entity];
  const linked = state.links.get(entity);
  const missing = ids.filter((id) => !linked?.has(id));
  if (missing.length === 0) return undefined;
  const failures = state.failures.get(entity);
  const failedId = missing.find((id) => failures?.has(id));
  const failure = failedId === undefined ? undefined : failures?.get(failedId);
  if (failedId !== undefined && failure) {
    if (rule.skipsOnFilter && (failure.code === 'sync_data_after' || failure.code === 'market_segment')) {
      return { kind: 'skipped', filter: failure.code, message: `${entity} ${failedId} is not synced (${failure.code}): ${failure.message}`.slice(0, 1000) };
    }
    return { kind: 'failed', code: rule.failedCode, message: `${entity} ${failedId} ${rule.failed} (${failure.code}): ${failure.message}`, retriable: false };
  }
  return { kind: 'wait', code: rule.waitCode, message: rule.waiting(missing) };
}
