import { faults } from '../../faults/qbo-fault';
import type { Company, Json } from '../company';
import type { EntityDef, WriteContext } from '../entity-def';
import { activeFlag, checkRef, sameName } from '../entity-def';
import { copyFields, optString, reqString, text } from '../fields';
import { accountBalances } from '../ledger';
import { Money } from '../money';

/** AccountType → Classification (Java Finance.xsd). */
export const ACCOUNT_TYPES: Record<string, 'Asset' | 'Liability' | 'Equity' | 'Revenue' | 'Expense'> = {
  Bank: 'Asset',
  'Accounts Receivable': 'Asset',
  'Other Current Asset': 'Asset',
  'Fixed Asset': 'Asset',
  'Other Asset': 'Asset',
  'Accounts Payable': 'Liability',
  'Credit Card': 'Liability',
  'Other Current Liability': 'Liability',
  'Long Term Liability': 'Liability',
  Equity: 'Equity',
  Income: 'Revenue',
  'Other Income': 'Revenue',
  'Cost of Goods Sold': 'Expense',
  Expense: 'Expense',
  'Other Expense': 'Expense',
};

/** AccountSubType → AccountType for the sub-types the sandbox knows. */
export const ACCOUNT_SUB_TYPES: Record<string, string> = {
  Checking: 'Bank',
  Savings: 'Bank',
  MoneyMarket: 'Bank',
  CashOnHand: 'Bank',
  AccountsReceivable: 'Accounts Receivable',
  UndepositedFunds: 'Other Current Asset',
  Inventory: 'Other Current Asset',
  PrepaidExpenses: 'Other Current Asset',
  OtherCurrentAssets: 'Other Current Asset',
  MachineryAndEquipment: 'Fixed Asset',
  FurnitureAndFixtures: 'Fixed Asset',
  Vehicles: 'Fixed Asset',
  AccumulatedDepreciation: 'Fixed Asset',
  SecurityDeposits: 'Other Asset',
  AccountsPayable: 'Accounts Payable',
  CreditCard: 'Credit Card',
  SalesTaxPayable: 'Other Current Liability',
  PayrollTaxPayable: 'Other Current Liability',
  OtherCurrentLiabilities: 'Other Current Liability',
  NotesPayable: 'Long Term Liability',
  OpeningBalanceEquity: 'Equity',
  RetainedEarnings: 'Equity',
  OwnersEquity: 'Equity',
  PartnerContributions: 'Equity',
  SalesOfProductIncome: 'Income',
  ServiceFeeIncome: 'Income',
  DiscountsRefundsGiven: 'Income',
  OtherPrimaryIncome: 'Income',
  InterestEarned: 'Other Income',
  OtherMiscellaneousIncome: 'Other Income',
  SuppliesMaterialsCogs: 'Cost of Goods Sold',
  CostOfLaborCos: 'Cost of Goods Sold',
  AdvertisingPromotional: 'Expense',
  Auto: 'Expense',
  BankCharges: 'Expense',
  Insurance: 'Expense',
  LegalProfessionalFees: 'Expense',
  OfficeGeneralAdministrativeExpenses: 'Expense',
  RentOrLeaseOfBuildings: 'Expense',
  RepairMaintenance: 'Expense',
  SuppliesMaterials: 'Expense',
  Travel: 'Expense',
  Utilities: 'Expense',
  PayrollExpenses: 'Expense',
  OtherMiscellaneousServiceCost: 'Expense',
  Depreciation: 'Other Expense',
  OtherMiscellaneousExpense: 'Other Expense',
};

const DEFAULT_SUB_TYPE: Record<string, string> = {
  Bank: 'Checking',
  'Accounts Receivable': 'AccountsReceivable',
  'Other Current Asset': 'OtherCurrentAssets',
  'Fixed Asset': 'MachineryAndEquipment',
  'Other Asset': 'SecurityDeposits',
  'Accounts Payable': 'AccountsPayable',
  'Credit Card': 'CreditCard',
  'Other Current Liability': 'OtherCurrentLiabilities',
  'Long Term Liability': 'NotesPayable',
  Equity: 'OwnersEquity',
  Income: 'ServiceFeeIncome',
  'Other Income': 'OtherMiscellaneousIncome',
  'Cost of Goods Sold': 'SuppliesMaterialsCogs',
  Expense: 'OfficeGeneralAdministrativeExpenses',
  'Other Expense': 'OtherMiscellaneousExpense',
};

function fullyQualifiedName(company: Company, entity: string, data: Json, nameField: string): string {
  const parts: string[] = [];
  let current: Json | undefined = data;
  for (let depth = 0; current && depth < 6; depth++) {
    parts.unshift(text(current[nameField]));
    const parent = current.ParentRef as { value?: string } | undefined;
    current = parent?.value ? company.get(entity, parent.value) : undefined;
  }
  return parts.join(':');
}

export function hierarchyLevel(company: Company, entity: string, data: Json): number {
  let level = 0;
  let parent = data.ParentRef as { value?: string } | undefined;
  while (parent?.value && level < 6) {
    const p = company.get(entity, parent.value);
    if (!p) break;
    level++;
    parent = p.ParentRef as { value?: string } | undefined;
  }
  return level;
}

export { fullyQualifiedName };

/** Reject a ParentRef that is the record itself or one of its descendants. */
export function checkNoCycle(company: Company, entity: string, id: string | undefined, parentId: string | undefined): void {
  if (!id || !parentId) return;
  let current: string | undefined = parentId;
  for (let depth = 0; current && depth < 10; depth++) {
    if (current === id) throw faults.businessValidation('A record cannot be its own parent or the parent of its parent', 'ParentRef');
    current = (company.get(entity, current)?.ParentRef as { value?: string } | undefined)?.value;
  }
}

export const accountDef: EntityDef = {
  name: 'Account',
  kind: 'name-list',
  cdc: true,
  derived: ['FullyQualifiedName', 'CurrentBalance', 'CurrentBalanceWithSubAccounts'],
  queryable: ['Id', 'Name', 'SubAccount', 'ParentRef', 'Description', 'Active', 'Classification', 'AccountType', 'AccountSubType', 'FullyQualifiedName', 'AcctNum', 'CurrentBalance', 'CurrentBalanceWithSubAccounts', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(ctx: WriteContext, input: Json, existing: Json | undefined): Json {
    const name = reqString(input, 'Name', 100);
    if (/[":]/.test(name)) throw faults.invalidValue('Name', 'Account Name cannot contain double quotes (") or colons (:)');
    let type = optString(input, 'AccountType');
    let subType = optString(input, 'AccountSubType');
    if (!type && !subType) throw faults.requiredParam('AccountType');
    if (!type && subType) {
      type = ACCOUNT_SUB_TYPES[subType];
      if (!type) throw faults.invalidValue('AccountSubType', `Invalid AccountSubType: ${subType}`);
    }
    if (!type || !ACCOUNT_TYPES[type]) throw faults.invalidValue('AccountType', `Invalid AccountType: ${type}`);
    if (subType && ACCOUNT_SUB_TYPES[subType] !== undefined && ACCOUNT_SUB_TYPES[subType] !== type) {
      throw faults.businessValidation(`AccountSubType ${subType} does not belong to AccountType ${type}`, 'AccountSubType');
    }
    subType ??= DEFAULT_SUB_TYPE[type];
    const parent = checkRef(ctx, input, 'ParentRef', 'Account');
    const id = existing?.Id as string | undefined;
    checkNoCycle(ctx.company, 'Account', id, parent?.value);
    for (const other of ctx.company.all('Account')) {
      if (other.Id !== id && sameName(other.Name, name) && (other.ParentRef as { value?: string } | undefined)?.value === parent?.value) throw faults.duplicateName('account');
    }
    const out: Json = {
      Name: name,
      SubAccount: parent !== undefined,
      AccountType: type,
      AccountSubType: subType,
      Classification: ACCOUNT_TYPES[type],
      Active: activeFlag(input, existing),
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
    };
    if (parent) out.ParentRef = { value: parent.value };
    copyFields(input, ['Description', 'AcctNum', 'TaxCodeRef'], out);
    return out;
  },
  view(company: Company, data: Json): Json {
    const balances = accountBalances(company);
    const own = balances.get(String(data.Id)) ?? Money.zero();
    let withSubs = own;
    for (const child of company.all('Account')) {
      if ((child.ParentRef as { value?: string } | undefined)?.value === data.Id) withSubs = withSubs.plus(balances.get(String(child.Id)) ?? Money.zero());
    }
    return {
      ...data,
      FullyQualifiedName: fullyQualifiedName(company, 'Account', data, 'Name'),
      CurrentBalance: own,
      CurrentBalanceWithSubAccounts: withSubs,
    };
  },
};
