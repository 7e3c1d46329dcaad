import { faults } from '../../faults/qbo-fault';
import type { Company, Json } from '../company';
import type { EntityDef, WriteContext } from '../entity-def';
import { activeFlag, checkRef, sameName } from '../entity-def';
import { copyFields, optBool, optDate, optNumber, optString, reqString } from '../fields';
import { checkNoCycle, fullyQualifiedName, hierarchyLevel } from './account';

const ITEM_TYPES = ['Service', 'NonInventory', 'Inventory', 'Category'];
const INCOME_TYPES = new Set(['Income', 'Other Income']);

function uniqueIn(company: Company, entity: string, id: string | undefined, name: string, kind: 'name' | 'item' = 'name'): void {
  for (const other of company.all(entity)) if (other.Id !== id && sameName(other.Name, name)) throw faults.duplicateName(kind);
}

export const itemDef: EntityDef = {
  name: 'Item',
  kind: 'name-list',
  cdc: true,
  derived: ['FullyQualifiedName'],
  queryable: ['Id', 'Name', 'Type', 'Sku', 'Active', 'Description', 'FullyQualifiedName', 'ParentRef', 'SubItem', 'UnitPrice', 'QtyOnHand', 'Taxable', 'IncomeAccountRef', 'ExpenseAccountRef', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(ctx: WriteContext, input: Json, existing: Json | undefined): Json {
    const id = existing?.Id as string | undefined;
    const name = reqString(input, 'Name', 100);
    if (name.includes(':')) throw faults.invalidValue('Name', 'Item Name cannot contain a colon (:)');
    const type = reqString(input, 'Type');
    if (!ITEM_TYPES.includes(type)) throw faults.invalidValue('Type', `Invalid Item Type: ${type}. Supported: ${ITEM_TYPES.join(', ')}`);
    if (existing && existing.Type !== type && (existing.Type === 'Inventory' || type === 'Inventory')) {
      throw faults.businessValidation('An item cannot change to or from the Inventory type', 'Type');
    }
    uniqueIn(ctx.company, 'Item', id, name, 'item');
    const out: Json = { Name: name, Type: type, Active: activeFlag(input, existing) };
    const parent = checkRef(ctx, input, 'ParentRef', 'Item', { filter: (p) => p.Type === 'Category' });
    checkNoCycle(ctx.company, 'Item', id, parent?.value);
    out.SubItem = parent !== undefined;
    if (parent) out.ParentRef = parent;
    if (type !== 'Category') {
      const income = checkRef(ctx, input, 'IncomeAccountRef', 'Account', { required: type === 'Service' || type === 'Inventory', filter: (a) => INCOME_TYPES.has(String(a.AccountType)) });
      if (income) out.IncomeAccountRef = income;
      const expense = checkRef(ctx, input, 'ExpenseAccountRef', 'Account', { required: type === 'Inventory' });
      if (expense) out.ExpenseAccountRef = expense;
      const unitPrice = optNumber(input, 'UnitPrice');
      out.UnitPrice = unitPrice ?? 0;
      const cost = optNumber(input, 'PurchaseCost');
      out.PurchaseCost = cost ?? 0;
      out.Taxable = optBool(input, 'Taxable') ?? false;
      const trackQty = optBool(input, 'TrackQtyOnHand') ?? false;
      if (type === 'Inventory') {
        const asset = checkRef(ctx, input, 'AssetAccountRef', 'Account', { required: true, filter: (a) => a.AccountType === 'Other Current Asset' });
        if (asset) out.AssetAccountRef = asset;
        if (!trackQty) throw faults.requiredParam('TrackQtyOnHand');
        const qty = optNumber(input, 'QtyOnHand');
        if (qty === undefined) throw faults.requiredParam('QtyOnHand');
        const start = optDate(input, 'InvStartDate');
        if (!start) throw faults.requiredParam('InvStartDate');
        out.QtyOnHand = qty;
        out.InvStartDate = start;
      } else if (existing?.TrackQtyOnHand === true && !trackQty) {
        throw faults.businessValidation('TrackQtyOnHand cannot be turned off once on', 'TrackQtyOnHand');
      }
      out.TrackQtyOnHand = trackQty;
      const cls = checkRef(ctx, input, 'ClassRef', 'Class');
      if (cls) out.ClassRef = cls;
      const tax = checkRef(ctx, input, 'SalesTaxCodeRef', 'TaxCode');
      if (tax) out.SalesTaxCodeRef = tax;
    }
    copyFields(input, ['Sku', 'Description', 'PurchaseDesc'], out);
    return out;
  },
  view(company: Company, data: Json): Json {
    return { ...data, FullyQualifiedName: fullyQualifiedName(company, 'Item', data, 'Name'), Level: hierarchyLevel(company, 'Item', data) };
  },
};

export const paymentMethodDef: EntityDef = {
  name: 'PaymentMethod',
  kind: 'name-list',
  cdc: true,
  queryable: ['Id', 'Name', 'Type', 'Active', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(ctx: WriteContext, input: Json, existing: Json | undefined): Json {
    const name = reqString(input, 'Name', 31);
    uniqueIn(ctx.company, 'PaymentMethod', existing?.Id as string | undefined, name);
    const type = optString(input, 'Type') ?? 'NON_CREDIT_CARD';
    if (type !== 'CREDIT_CARD' && type !== 'NON_CREDIT_CARD') throw faults.invalidValue('Type', `Invalid PaymentMethod Type: ${type}`);
    return { Name: name, Type: type, Active: activeFlag(input, existing) };
  },
};

export const classDef: EntityDef = {
  name: 'Class',
  kind: 'name-list',
  cdc: true,
  derived: ['FullyQualifiedName'],
  queryable: ['Id', 'Name', 'Active', 'SubClass', 'ParentRef', 'FullyQualifiedName', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(ctx: WriteContext, input: Json, existing: Json | undefined): Json {
    const id = existing?.Id as string | undefined;
    const name = reqString(input, 'Name', 100);
    if (name.includes(':')) throw faults.invalidValue('Name', 'Class Name cannot contain a colon (:)');
    const parent = checkRef(ctx, input, 'ParentRef', 'Class');
    checkNoCycle(ctx.company, 'Class', id, parent?.value);
    for (const other of ctx.company.all('Class')) {
      if (other.Id !== id && sameName(other.Name, name) && (other.ParentRef as { value?: string } | undefined)?.value === parent?.value) throw faults.duplicateName('name');
    }
    const out: Json = { Name: name, SubClass: parent !== undefined, Active: activeFlag(input, existing) };
    if (parent) out.ParentRef = parent;
    return out;
  },
  view(company: Company, data: Json): Json {
    return { ...data, FullyQualifiedName: fullyQualifiedName(company, 'Class', data, 'Name') };
  },
};

/** TaxCode is read-only through the API (QBO creates them through /taxservice). */
export const taxCodeDef: EntityDef = {
  name: 'TaxCode',
  kind: 'read-only',
  cdc: false,
  queryable: ['Id', 'Name', 'Active', 'Taxable', 'TaxGroup', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(_ctx: WriteContext, input: Json): Json {
    const out: Json = { Name: reqString(input, 'Name'), Active: input.Active !== false, Taxable: input.Taxable === true, TaxGroup: input.TaxGroup === true };
    copyFields(input, ['Description', 'SalesTaxRateList', 'PurchaseTaxRateList'], out);
    return out;
  },
};
