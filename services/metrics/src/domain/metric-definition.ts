import { ValidationError } from '@ledgerbus/kit';
import type { Dataset } from './datasets';
import { accountRowKey, categoriesOf, categoryRowKey } from './datasets';
import type { PeriodUnit } from './periods';

export type Aggregation = 'sum' | 'end_of_period';

/** What a metric adds up: some accounts, or a whole category (a report group). */
export type MetricSelector = { accounts: string[]; category?: undefined } | { category: string; accounts?: undefined };

export interface MetricDefinition {
  name: string;
  dataset: Dataset;
  selector: MetricSelector;
  aggregation: Aggregation;
  period: PeriodUnit;
  /** Optional target per period, a decimal string. */
  target: string | null;
}

/** The stored row keys a selector reads. */
export function rowKeysOf(selector: MetricSelector): string[] {
  if (selector.category !== undefined) return [categoryRowKey(selector.category)];
  return [...new Set(selector.accounts)].map(accountRowKey);
}

/**
 * Invariants a definition must meet beyond its shape: the category exists in the dataset,
 * accounts are known in the connected company (when the chart has been imported), and a
 * balance (balance sheet, account balances) is read at the end of a period, not summed.
 */
export function checkDefinition(def: MetricDefinition, knownAccounts: ReadonlySet<string> | null): void {
  if (def.selector.category !== undefined) {
    const allowed = categoriesOf(def.dataset);
    if (!allowed.includes(def.selector.category)) {
      throw new ValidationError(`category "${def.selector.category}" is not in dataset ${def.dataset}`, { field: 'category', allowed });
    }
  } else {
    if (def.selector.accounts.length === 0) throw new ValidationError('name at least one account, or a category', { field: 'accounts' });
    if (knownAccounts !== null) {
      const unknown = def.selector.accounts.filter((a) => !knownAccounts.has(a));
      if (unknown.length > 0) throw new ValidationError(`unknown account(s) in the connected company: ${unknown.join(', ')}`, { field: 'accounts', unknown });
    }
  }
  if (def.dataset !== 'profit_and_loss' && def.aggregation === 'sum') {
    throw new ValidationError(`${def.dataset} holds balances: use aggregation "end_of_period"`, { field: 'aggregation' });
  }
}
