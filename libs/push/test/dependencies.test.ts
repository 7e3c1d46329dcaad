import type { DependencyState } from '../src/dependencies';
import { dependencyOutcome, readDependencies } from '../src/dependencies';
import type { LinkLookup } from '../src/types';

function state(links: Record<string, Record<string, string>>, failures: Record<string, Record<string, { code: string; message: string }>> = {}): DependencyState {
  return {
    links: new Map(Object.entries(links).map(([e, m]) => [e as 'customer' | 'invoice', new Map(Object.entries(m))])),
    failures: new Map(Object.entries(failures).map(([e, m]) => [e as 'customer' | 'invoice', new Map(Object.entries(m))])),
  };
}

describe('dependencies of a pushed record (no database)', () => {
  it('lets a record through when all its dependencies are linked', () => {
    expect(dependencyOutcome(state({ customer: { c1: '9' } }), 'customer', ['c1'])).toBeUndefined();
    expect(dependencyOutcome(state({}), 'invoice', [])).toBeUndefined();
  });

  it('waits for a customer or invoices that are not linked yet, naming them', () => {
    expect(dependencyOutcome(state({}), 'customer', ['c1'])).toEqual({ kind: 'wait', code: 'customer_not_synced', message: 'customer c1 is not linked to a QBO customer yet' });
    expect(dependencyOutcome(state({ invoice: { i1: '5' } }), 'invoice', ['i1', 'i2', 'i3'])).toEqual({ kind: 'wait', code: 'invoice_not_synced', message: 'invoice(s) i2, i3 not in QBO yet' });
  });

  it('fails at once when a dependency failed on its own service', () => {
    const s = state({}, { customer: { c1: { code: 'qbo_validation', message: 'bad name' } }, invoice: { i2: { code: 'item_not_mapped', message: 'no item' } } });
    expect(dependencyOutcome(s, 'customer', ['c1'])).toEqual({ kind: 'failed', code: 'customer_sync_failed', message: 'customer c1 could not be synced (qbo_validation): bad name', retriable: false });
    expect(dependencyOutcome(s, 'invoice', ['i1', 'i2'])).toEqual({ kind: 'failed', code: 'invoice_push_failed', message: 'invoice i2 could not be pushed (item_not_mapped): no item', retriable: false });
  });

  it('skips by the same filter what needs an invoice the filter left out, but not what needs such a customer', () => {
    const s = state({}, { invoice: { i1: { code: 'market_segment', message: 'east' } }, customer: { c1: { code: 'market_segment', message: 'east' } } });
    expect(dependencyOutcome(s, 'invoice', ['i1'])).toEqual({ kind: 'skipped', filter: 'market_segment', message: 'invoice i1 is not synced (market_segment): east' });
    expect(dependencyOutcome(s, 'customer', ['c1'])).toMatchObject({ kind: 'failed', code: 'customer_sync_failed' });
  });

  it('reads the links of every dependency entity, then the failures of only those not linked', async () => {
    const calls: string[] = [];
    const links: LinkLookup = {
      get: (entity, ids) => {
        calls.push(`get ${entity} ${ids.join(',')}`);
        return Promise.resolve(new Map(ids.filter((id) => id.endsWith('1')).map((id) => [id, `q${id}`])));
      },
      failures: (entity, ids) => {
        calls.push(`failures ${entity} ${ids.join(',')}`);
        return Promise.resolve(new Map());
      },
    };
    const s = await readDependencies(links, [{ entity: 'customer', ids: ['c1', 'c2'] }, { entity: 'invoice', ids: ['i1', 'i2', 'i3'] }]);
    expect(calls).toEqual(['get customer c1,c2', 'get invoice i1,i2,i3', 'failures customer c2', 'failures invoice i2,i3']);
    expect(s.links.get('invoice')?.get('i1')).toBe('qi1');
  });
});
