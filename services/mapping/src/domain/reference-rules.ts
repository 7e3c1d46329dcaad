import type { Mappings, SettingsProblem, SyncSettings } from '@ledgerbus/contracts';
import type { Violation } from './errors';

/** The QBO entities the service keeps as reference data. */
export const REFERENCE_ENTITIES = ['Account', 'PaymentMethod', 'TaxCode', 'Class', 'Item'] as const;
export type ReferenceEntity = (typeof REFERENCE_ENTITIES)[number];

export function isReferenceEntity(entity: string): entity is ReferenceEntity {
  return (REFERENCE_ENTITIES as readonly string[]).includes(entity);
}

/** One QBO object of the connected company, as kept from `qbo.changes.v1`. */
export interface ReferenceObject {
  entity: ReferenceEntity;
  qboId: string;
  name: string;
  /** AccountType for accounts, Type for items and payment methods. */
  type: string | null;
  active: boolean;
  deleted: boolean;
}

/** A settings field that points at a QBO object, and what that object must be. */
export interface ReferenceRequirement {
  field: string;
  entity: ReferenceEntity;
  qboId: string;
  /** Allowed `type` values; undefined = any. */
  types?: readonly string[];
  /** What the field needs, in words ("an Income account"). */
  needs: string;
}

export const ACCOUNT_TYPES_FOR = {
  accountsReceivable: ['Accounts Receivable'],
  income: ['Income'],
  expense: ['Expense', 'Cost of Goods Sold'],
  deposit: ['Bank', 'Other Current Asset'],
} as const;

const SELLABLE_ITEM_TYPES = ['Service', 'NonInventory', 'Inventory'] as const;

function join(prefix: string, ...parts: string[]): string {
  return [prefix, ...parts].filter((p) => p !== '').join('.');
}

function accountNeeds(types: readonly string[]): string {
  return `an account of type ${types.join(' or ')}`;
}

/** Every QBO reference in the sync settings; field paths start with `prefix`. */
export function settingsReferences(settings: SyncSettings, prefix = ''): ReferenceRequirement[] {
  const out: ReferenceRequirement[] = [];
  for (const key of Object.keys(ACCOUNT_TYPES_FOR) as Array<keyof typeof ACCOUNT_TYPES_FOR>) {
    const id = settings.accounts[key];
    if (id !== null) {
      const types = ACCOUNT_TYPES_FOR[key];
      out.push({ field: join(prefix, 'accounts', key), entity: 'Account', qboId: id, types, needs: accountNeeds(types) });
    }
  }
  return out;
}

/** Every QBO reference in the mappings; field paths start with `prefix`. */
export function mappingReferences(mappings: Mappings, prefix = ''): ReferenceRequirement[] {
  const out: ReferenceRequirement[] = [];
  for (const [value, id] of Object.entries(mappings.paymentMethods)) {
    out.push({ field: join(prefix, 'paymentMethods', value), entity: 'PaymentMethod', qboId: id, needs: 'a payment method' });
  }
  for (const [code, id] of Object.entries(mappings.glCodes)) {
    const types = ACCOUNT_TYPES_FOR.income;
    out.push({ field: join(prefix, 'glCodes', code), entity: 'Account', qboId: id, types, needs: accountNeeds(types) });
  }
  for (const [productType, target] of Object.entries(mappings.productTypes)) {
    if (target.itemId !== null) {
      out.push({
        field: join(prefix, 'productTypes', productType, 'itemId'),
        entity: 'Item',
        qboId: target.itemId,
        types: [target.itemType],
        needs: `an item of type ${target.itemType}`,
      });
    }
  }
  const d = mappings.defaults;
  const needsItem = `an item of type ${SELLABLE_ITEM_TYPES.join(', ')}`;
  if (d.oneTimeItemId !== null) {
    out.push({ field: join(prefix, 'defaults', 'oneTimeItemId'), entity: 'Item', qboId: d.oneTimeItemId, types: SELLABLE_ITEM_TYPES, needs: needsItem });
  }
  if (d.recurringItemId !== null) {
    out.push({ field: join(prefix, 'defaults', 'recurringItemId'), entity: 'Item', qboId: d.recurringItemId, types: SELLABLE_ITEM_TYPES, needs: needsItem });
  }
  if (d.taxCodeId !== null) {
    out.push({ field: join(prefix, 'defaults', 'taxCodeId'), entity: 'TaxCode', qboId: d.taxCodeId, needs: 'a tax code' });
  }
  if (d.classId !== null) {
    out.push({ field: join(prefix, 'defaults', 'classId'), entity: 'Class', qboId: d.classId, needs: 'a class' });
  }
  return out;
}

export function referenceKey(entity: string, qboId: string): string {
  return `${entity}:${qboId}`;
}

/** What is wrong with each requirement, given the objects found (keyed by `referenceKey`). */
export function checkReferences(
  requirements: readonly ReferenceRequirement[],
  found: ReadonlyMap<string, ReferenceObject>,
): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const req of requirements) {
    const obj = found.get(referenceKey(req.entity, req.qboId));
    const base = { field: req.field, entity: req.entity, qboId: req.qboId };
    if (obj === undefined || obj.deleted) {
      problems.push({ ...base, reason: 'missing', message: `${req.entity} ${req.qboId} does not exist in the connected QuickBooks company; ${req.field} needs ${req.needs}` });
    } else if (!obj.active) {
      problems.push({ ...base, reason: 'inactive', message: `${req.entity} ${req.qboId} "${obj.name}" is inactive in QuickBooks; ${req.field} needs an active one` });
    } else if (req.types !== undefined && (obj.type === null || !req.types.includes(obj.type))) {
      problems.push({
        ...base,
        reason: 'wrong_type',
        message: `${req.entity} ${req.qboId} "${obj.name}" is of type ${obj.type ?? 'unknown'}; ${req.field} needs ${req.needs}`,
      });
    }
  }
  return problems;
}

/** The same problems as request violations (HTTP 422). */
export function problemsAsViolations(problems: readonly SettingsProblem[]): Violation[] {
  return problems.map((p) => ({
    field: p.field,
    code: p.reason === 'not_connected' ? 'qbo_not_connected' : 'invalid_reference',
    message: p.message,
    entity: p.entity,
    qboId: p.qboId,
    reason: p.reason,
  }));
}

/** Requirements that cannot be checked because the tenant has no connected company. */
export function notConnectedProblems(requirements: readonly ReferenceRequirement[]): SettingsProblem[] {
  return requirements.map((req) => ({
    field: req.field,
    entity: req.entity,
    qboId: req.qboId,
    reason: 'not_connected' as const,
    message: `connect a QuickBooks company before mapping ${req.field} (it must point at ${req.needs})`,
  }));
}

/** Stable comparison of two problem lists (order-insensitive). */
export function sameProblems(a: readonly SettingsProblem[], b: readonly SettingsProblem[]): boolean {
  const key = (p: SettingsProblem) => `${p.field}|${p.entity}|${p.qboId}|${p.reason}`;
  const sa = a.map(key).sort();
  const sb = b.map(key).sort();
  return sa.length === sb.length && sa.every((k, i) => k === sb[i]);
}

/** Problems in `next` that were not in `previous`. */
export function newProblems(previous: readonly SettingsProblem[], next: readonly SettingsProblem[]): SettingsProblem[] {
  const key = (p: SettingsProblem) => `${p.field}|${p.entity}|${p.qboId}|${p.reason}`;
  const seen = new Set(previous.map(key));
  return next.filter((p) => !seen.has(key(p)));
}

/** Reads a QBO entity payload into a reference object (no I/O). */
export function referenceFromQbo(entity: ReferenceEntity, qboId: string, object: Record<string, unknown> | undefined): ReferenceObject {
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const o = object ?? {};
  const name = str(o.FullyQualifiedName) ?? str(o.Name) ?? qboId;
  const type = entity === 'Account' ? str(o.AccountType) : entity === 'Item' || entity === 'PaymentMethod' ? str(o.Type) : null;
  return { entity, qboId, name, type, active: o.Active !== false, deleted: false };
}
