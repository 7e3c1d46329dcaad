import { unwrap } from './api/client';
import type { Clients } from './api/client';

export interface ReferenceObject {
  id: string;
  name: string;
  type: string | null;
  active: boolean;
}

export type ReferenceKind = 'accounts' | 'payment-methods' | 'tax-codes' | 'classes' | 'items';

/** The connected company's reference data of one kind (inactive ones too, so a mapping to one can be flagged). */
export async function loadReference(api: Clients, tenant: string, kind: ReferenceKind): Promise<ReferenceObject[]> {
  const data = unwrap(await api.mapping.GET('/v1/tenants/{tenant}/reference/{kind}', { params: { path: { tenant, kind }, query: { includeInactive: 'true', limit: 1000 } } }));
  return data.items;
}

/** Options for a drop-down: the active objects of the given types, plus the current value when it is inactive or gone. */
export function optionsFor(list: ReferenceObject[], types: readonly string[] | undefined, current: string | null | undefined): Array<{ value: string; label: string }> {
  const fits = (o: ReferenceObject): boolean => types === undefined || (o.type !== null && types.includes(o.type));
  const out = list.filter((o) => o.active && fits(o)).map((o) => ({ value: o.id, label: o.type !== null && types !== undefined && types.length > 1 ? `${o.name} (${o.type})` : o.name }));
  if (current !== null && current !== undefined && current !== '' && !out.some((o) => o.value === current)) {
    const known = list.find((o) => o.id === current);
    out.unshift({ value: current, label: known === undefined ? `#${current} (not in QuickBooks)` : `${known.name} (${known.active ? 'wrong type' : 'inactive'})` });
  }
  return out;
}
