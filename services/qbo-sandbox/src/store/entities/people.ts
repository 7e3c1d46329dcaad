import { faults } from '../../faults/qbo-fault';
import type { Company, Json } from '../company';
import type { EntityDef, WriteContext } from '../entity-def';
import { activeFlag, checkRef, physicalAddress, sameName } from '../entity-def';
import { copyFields, optBool, optString, text } from '../fields';
import { customerBalances } from '../ledger';
import { Money } from '../money';
import { checkNoCycle, fullyQualifiedName, hierarchyLevel } from './account';

/** QBO renames an inactive customer/employee "<name> (deleted)", freeing the name. */
export const DELETED_SUFFIX = ' (deleted)';

/** Customer, Employee (and Vendor) share one DisplayName namespace (6240). */
const NAME_SPACE = ['Customer', 'Employee', 'Vendor'];

function displayNameOf(input: Json, existing: Json | undefined): string {
  const given = optString(input, 'DisplayName', 500);
  if (given !== undefined && given.trim() !== '') return given.trim();
  const parts = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'].map((f) => optString(input, f, 100)).filter((p): p is string => !!p && p.trim() !== '');
  if (parts.length > 0) return parts.join(' ');
  if (existing && typeof existing.DisplayName === 'string') return existing.DisplayName;
  throw faults.requiredParam('DisplayName');
}

function checkUniqueName(company: Company, entity: string, id: string | undefined, name: string): void {
  for (const e of NAME_SPACE) {
    for (const other of company.all(e)) {
      if (e === entity && other.Id === id) continue;
      if (sameName(other.DisplayName, name)) throw faults.duplicateName('name');
    }
  }
}

/** Apply QBO's inactive-name quirk: add or strip the " (deleted)" suffix. */
function activeName(name: string, active: boolean): string {
  const base = name.endsWith(DELETED_SUFFIX) ? name.slice(0, -DELETED_SUFFIX.length) : name;
  return active ? base : base + DELETED_SUFFIX;
}

const CUSTOMER_FIELDS = [
  'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'CompanyName', 'PrimaryEmailAddr', 'PrimaryPhone', 'Mobile', 'Fax',
  'AlternatePhone', 'WebAddr', 'Notes', 'PreferredDeliveryMethod', 'SalesTermRef', 'DefaultTaxCodeRef', 'ResaleNum',
  'TaxExemptionReasonId', 'PrimaryTaxIdentifier',
] as const;

export const customerDef: EntityDef = {
  name: 'Customer',
  kind: 'name-list',
  cdc: true,
  derived: ['FullyQualifiedName', 'Level', 'Balance', 'BalanceWithJobs'],
  queryable: ['Id', 'DisplayName', 'GivenName', 'MiddleName', 'FamilyName', 'CompanyName', 'FullyQualifiedName', 'PrimaryEmailAddr', 'Active', 'Job', 'ParentRef', 'Level', 'Balance', 'BalanceWithJobs', 'PrintOnCheckName', 'Taxable', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(ctx: WriteContext, input: Json, existing: Json | undefined): Json {
    const id = existing?.Id as string | undefined;
    const active = activeFlag(input, existing);
    const requested = displayNameOf(input, existing);
    if (requested.includes(':')) throw faults.invalidValue('DisplayName', 'DisplayName cannot contain a colon (:)');
    const name = activeName(requested, active);
    if (active || !requested.endsWith(DELETED_SUFFIX)) checkUniqueName(ctx.company, 'Customer', id, name);
    const parent = checkRef(ctx, input, 'ParentRef', 'Customer', { nameField: 'DisplayName' });
    checkNoCycle(ctx.company, 'Customer', id, parent?.value);
    if (parent) {
      const parentLevel = hierarchyLevel(ctx.company, 'Customer', ctx.company.get('Customer', parent.value) ?? {});
      if (parentLevel + 1 > 4) throw faults.businessValidation('Sub-customers can be nested at most 5 levels deep', 'ParentRef');
    }
    const job = optBool(input, 'Job');
    if (job === true && !parent) throw faults.requiredParam('ParentRef');
    const out: Json = {
      DisplayName: name,
      PrintOnCheckName: optString(input, 'PrintOnCheckName', 110) ?? requested,
      Active: active,
      Job: parent !== undefined,
      BillWithParent: parent !== undefined ? (optBool(input, 'BillWithParent') ?? false) : false,
      Taxable: optBool(input, 'Taxable') ?? true,
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
    };
    if (parent) out.ParentRef = { value: parent.value };
    const pm = checkRef(ctx, input, 'PaymentMethodRef', 'PaymentMethod');
    if (pm) out.PaymentMethodRef = pm;
    copyFields(input, CUSTOMER_FIELDS, out);
    for (const field of ['BillAddr', 'ShipAddr']) {
      const addr = physicalAddress(ctx, input, field, existing);
      if (addr) out[field] = addr;
    }
    return out;
  },
  view(company: Company, data: Json): Json {
    const balances = customerBalances(company);
    const own = balances.get(String(data.Id)) ?? Money.zero();
    let withJobs = own;
    const stack = [String(data.Id)];
    const children = childIndex(company);
    while (stack.length > 0) {
      const next = children.get(stack.pop() ?? '') ?? [];
      for (const child of next) {
        withJobs = withJobs.plus(balances.get(child) ?? Money.zero());
        stack.push(child);
      }
    }
    return {
      ...data,
      FullyQualifiedName: fullyQualifiedName(company, 'Customer', data, 'DisplayName'),
      Level: hierarchyLevel(company, 'Customer', data),
      Balance: own,
      BalanceWithJobs: withJobs,
    };
  },
};

const childCache = new WeakMap<Company, { version: string; index: Map<string, string[]> }>();

function childIndex(company: Company): Map<string, string[]> {
  const version = company.versionOf(['Customer']);
  const cached = childCache.get(company);
  if (cached && cached.version === version) return cached.index;
  const index = new Map<string, string[]>();
  for (const c of company.all('Customer')) {
    const parent = (c.ParentRef as { value?: string } | undefined)?.value;
    if (!parent) continue;
    const list = index.get(parent) ?? [];
    list.push(String(c.Id));
    index.set(parent, list);
  }
  childCache.set(company, { version, index });
  return index;
}

const EMPLOYEE_FIELDS = [
  'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'PrimaryPhone', 'Mobile', 'PrimaryEmailAddr', 'EmployeeNumber',
  'HiredDate', 'ReleasedDate', 'BirthDate', 'Gender', 'BillableTime', 'BillRate', 'CostRate', 'Organization',
] as const;

export const employeeDef: EntityDef = {
  name: 'Employee',
  kind: 'name-list',
  cdc: true,
  queryable: ['Id', 'DisplayName', 'GivenName', 'MiddleName', 'FamilyName', 'PrimaryEmailAddr', 'EmployeeNumber', 'Active', 'HiredDate', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(ctx: WriteContext, input: Json, existing: Json | undefined): Json {
    const id = existing?.Id as string | undefined;
    const active = activeFlag(input, existing);
    const hasNamePart = ['GivenName', 'FamilyName', 'DisplayName'].some((f) => text(input[f]).trim() !== '');
    if (!hasNamePart) throw faults.requiredParam('GivenName');
    const requested = displayNameOf(input, existing);
    const name = activeName(requested, active);
    if (active || !requested.endsWith(DELETED_SUFFIX)) checkUniqueName(ctx.company, 'Employee', id, name);
    const out: Json = { DisplayName: name, PrintOnCheckName: optString(input, 'PrintOnCheckName', 110) ?? requested, Active: active };
    copyFields(input, EMPLOYEE_FIELDS, out);
    const addr = physicalAddress(ctx, input, 'PrimaryAddr', existing);
    if (addr) out.PrimaryAddr = addr;
    const ssn = optString(input, 'SSN');
    if (ssn) out.SSN = ssn;
    return out;
  },
  view(_company: Company, data: Json): Json {
    return data.SSN === undefined ? data : { ...data, SSN: 'XXX-XX-XXXX' };
  },
};
