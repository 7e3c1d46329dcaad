import { notEmulated } from '../faults/not-emulated';
import { faults } from '../faults/qbo-fault';
import { isObject } from '../store/fields';
import type { Json } from '../store/company';

/**
 * The properties QBO's schema knows per entity (Intuit's `Finance.xsd` / `IntuitBaseTypes.xsd`
 * in the Java SDK, and the entity pages), read-only ones included: QBO's JSON binding refuses
 * a property its schema does not have (400 ValidationFault 2010 "Request has invalid or
 * unsupported property", see the README for the sources) but accepts and ignores read-only
 * ones, so a client may send back what it read. The sandbox checks the entity's top-level
 * properties, each `Line`'s properties and the properties of the line detail objects it
 * emulates. Names are case-sensitive, as the JSON binding's are.
 */
const ENTITY_BASE = ['Id', 'SyncToken', 'MetaData', 'CustomField', 'AttachableRef', 'domain', 'status', 'sparse'];
const TXN_BASE = [
  ...ENTITY_BASE, 'DocNumber', 'TxnDate', 'DepartmentRef', 'CurrencyRef', 'ExchangeRate', 'PrivateNote', 'TxnStatus', 'LinkedTxn', 'Line',
  'TxnTaxDetail', 'TxnSource', 'TransactionLocationType', 'TaxFormType', 'TaxFormNum', 'ProjectRef', 'RecurDataRef', 'GlobalTaxCalculation',
  'HomeTotalAmt', 'TotalAmt',
];
const SALES_TXN = [
  ...TXN_BASE, 'AutoDocNumber', 'CustomerRef', 'CustomerMemo', 'BillAddr', 'ShipAddr', 'FreeFormAddress', 'ShipFromAddr', 'RemitToRef', 'ClassRef',
  'SalesTermRef', 'DueDate', 'SalesRepRef', 'PONumber', 'FOB', 'ShipMethodRef', 'ShipDate', 'TrackingNum', 'ApplyTaxAfterDiscount', 'TemplateRef',
  'PrintStatus', 'EmailStatus', 'BillEmail', 'BillEmailCc', 'BillEmailBcc', 'ARAccountRef', 'Balance', 'HomeBalance', 'FinanceCharge',
  'PaymentMethodRef', 'PaymentRefNum', 'PaymentType', 'CheckPayment', 'CreditCardPayment', 'DepositToAccountRef', 'DeliveryInfo', 'DiscountRate',
  'DiscountAmt', 'GovtTxnRefIdentifier', 'TaxExemptionRef', 'AllowIPNPayment', 'AllowOnlinePayment', 'AllowOnlineCreditCardPayment',
  'AllowOnlineACHPayment', 'AllowOnlinePayPalPayment',
];
const NAME_BASE = [
  ...ENTITY_BASE, 'Organization', 'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'FullyQualifiedName', 'CompanyName', 'DisplayName',
  'PrintOnCheckName', 'UserId', 'Active', 'V4IDPseudonym', 'PrimaryPhone', 'AlternatePhone', 'Mobile', 'Fax', 'PrimaryEmailAddr', 'WebAddr',
  'OtherContactInfo', 'DefaultTaxCodeRef',
];

const ENTITY_PROPERTIES: Record<string, readonly string[]> = {
  Invoice: [...SALES_TXN, 'Deposit', 'InvoiceLink', 'EInvoiceStatus', 'ECloudStatusTimeStamp', 'LessCIS', 'InvoiceEx', 'CfdiUse', 'Exportation', 'GlobalInfo'],
  SalesReceipt: [...SALES_TXN, 'SalesReceiptEx'],
  Payment: [
    ...TXN_BASE, 'CustomerRef', 'RemitToRef', 'ARAccountRef', 'DepositToAccountRef', 'PaymentMethodRef', 'PaymentRefNum', 'PaymentType', 'CheckPayment',
    'CreditCardPayment', 'UnappliedAmt', 'ProcessPayment', 'PaymentEx', 'TaxExemptionRef',
  ],
  Purchase: [
    ...TXN_BASE, 'AccountRef', 'PaymentMethodRef', 'PaymentRefNum', 'PaymentType', 'EntityRef', 'Credit', 'RemitToAddr', 'PrintStatus', 'PurchaseEx',
    'IncludeInAnnualTPAR', 'TaxExemptionRef',
  ],
  JournalEntry: [...TXN_BASE, 'Adjustment', 'JournalEntryEx'],
  Customer: [
    ...NAME_BASE, 'Taxable', 'BillAddr', 'ShipAddr', 'OtherAddr', 'ContactName', 'AltContactName', 'Notes', 'Job', 'BillWithParent', 'RootCustomerRef',
    'ParentRef', 'Level', 'CustomerTypeRef', 'SalesTermRef', 'SalesRepRef', 'PaymentMethodRef', 'CCDetail', 'PriceLevelRef', 'Balance',
    'OpenBalanceDate', 'BalanceWithJobs', 'CreditLimit', 'AcctNum', 'CurrencyRef', 'OverDueBalance', 'TotalRevenue', 'TotalExpense',
    'PreferredDeliveryMethod', 'ResaleNum', 'JobInfo', 'TDSEnabled', 'CustomerEx', 'SecondaryTaxIdentifier', 'ARAccountRef', 'PrimaryTaxIdentifier',
    'TaxExemptionReasonId', 'IsProject', 'ClientEntityId', 'BusinessNumber', 'GSTIN', 'GSTRegistrationType', 'IsCISContractor', 'TaxRegime', 'Source',
  ],
  Employee: [
    ...NAME_BASE, 'EmployeeType', 'EmployeeNumber', 'SSN', 'PrimaryAddr', 'OtherAddr', 'BillableTime', 'BillRate', 'BirthDate', 'Gender', 'HiredDate',
    'ReleasedDate', 'UseTimeEntry', 'EmployeeEx', 'CostRate',
  ],
  Item: [
    ...ENTITY_BASE, 'Name', 'Sku', 'Description', 'Active', 'SubItem', 'ParentRef', 'Level', 'FullyQualifiedName', 'Taxable', 'SalesTaxIncluded',
    'PercentBased', 'UnitPrice', 'RatePercent', 'Type', 'PaymentMethodRef', 'UOMSetRef', 'IncomeAccountRef', 'PurchaseDesc', 'PurchaseTaxIncluded',
    'PurchaseCost', 'ExpenseAccountRef', 'COGSAccountRef', 'AssetAccountRef', 'PrefVendorRef', 'AvgCost', 'TrackQtyOnHand', 'QtyOnHand',
    'QtyOnPurchaseOrder', 'QtyOnSalesOrder', 'ReorderPoint', 'ManPartNum', 'DepositToAccountRef', 'SalesTaxCodeRef', 'PurchaseTaxCodeRef',
    'InvStartDate', 'BuildPoint', 'PrintGroupedItems', 'SpecialItem', 'SpecialItemType', 'ItemGroupDetail', 'ItemAssemblyDetail', 'AbatementRate',
    'ReverseChargeRate', 'ServiceType', 'ItemCategoryType', 'ItemEx', 'TaxClassificationRef', 'ClassRef', 'Source',
  ],
  Account: [
    ...ENTITY_BASE, 'Name', 'SubAccount', 'ParentRef', 'Description', 'FullyQualifiedName', 'AccountAlias', 'TxnLocationType', 'Active',
    'Classification', 'AccountType', 'AccountSubType', 'AccountPurposes', 'AcctNum', 'AcctNumExtn', 'BankNum', 'OpeningBalance',
    'OpeningBalanceDate', 'CurrentBalance', 'CurrentBalanceWithSubAccounts', 'CurrencyRef', 'TaxAccount', 'TaxCodeRef', 'OnlineBankingEnabled',
    'FIName', 'JournalCodeRef', 'AccountEx',
  ],
  PaymentMethod: [...ENTITY_BASE, 'Name', 'Active', 'Type'],
  Class: [...ENTITY_BASE, 'Name', 'SubClass', 'ParentRef', 'FullyQualifiedName', 'Active', 'ClassEx'],
  CompanyInfo: [
    ...ENTITY_BASE, 'CompanyName', 'LegalName', 'CompanyAddr', 'CustomerCommunicationAddr', 'LegalAddr', 'CompanyEmailAddr',
    'CustomerCommunicationEmailAddr', 'CompanyURL', 'PrimaryPhone', 'OtherContactInfo', 'Email', 'WebAddr', 'Country', 'FiscalYearStartMonth',
    'CompanyStartDate', 'EmployerId', 'SupportedLanguages', 'DefaultTimeZone', 'NameValue', 'TaxPayerId', 'MultiByteCharsSupported', 'QBVersion',
    'CompanyFileName', 'SampleFile', 'LastImportedTime', 'LastSyncTime', 'HeadOffice',
  ],
  Preferences: [
    ...ENTITY_BASE, 'AccountingInfoPrefs', 'AdvancedInventoryPrefs', 'ProductAndServicesPrefs', 'SalesFormsPrefs', 'EmailMessagesPrefs',
    'PrintDocumentPrefs', 'VendorAndPurchasesPrefs', 'TimeTrackingPrefs', 'TaxPrefs', 'FinanceChargesPrefs', 'CurrencyPrefs', 'ReportPrefs',
    'OtherPrefs',
  ],
};

const LINE_PROPERTIES = [
  'Id', 'LineNum', 'Description', 'Amount', 'Received', 'LinkedTxn', 'DetailType', 'PaymentLineDetail', 'DiscountLineDetail', 'TaxLineDetail',
  'SalesItemLineDetail', 'DescriptionLineDetail', 'ItemBasedExpenseLineDetail', 'AccountBasedExpenseLineDetail', 'ReimburseLineDetail',
  'DepositLineDetail', 'PurchaseOrderItemLineDetail', 'SalesOrderItemLineDetail', 'ItemReceiptLineDetail', 'JournalEntryLineDetail',
  'GroupLineDetail', 'SubTotalLineDetail', 'TDSLineDetail', 'CustomField', 'LineEx', 'ProjectRef', 'HomeAmount',
];

/** Properties of the line detail objects the sandbox emulates. */
const DETAIL_PROPERTIES: Record<string, readonly string[]> = {
  SalesItemLineDetail: [
    'ServiceDate', 'ItemRef', 'ClassRef', 'UnitPrice', 'RatePercent', 'PriceLevelRef', 'MarkupInfo', 'Qty', 'UOMRef', 'ItemAccountRef',
    'InventorySiteRef', 'TaxCodeRef', 'TaxClassificationRef', 'TaxInclusiveAmt', 'DiscountRate', 'DiscountAmt', 'SalesItemLineDetailEx',
  ],
  DiscountLineDetail: ['Discount', 'ClassRef', 'TaxCodeRef', 'DiscountAccountRef', 'PercentBased', 'DiscountPercent', 'DiscountLineDetailEx'],
  AccountBasedExpenseLineDetail: [
    'CustomerRef', 'ClassRef', 'AccountRef', 'BillableStatus', 'MarkupInfo', 'TaxAmount', 'TaxCodeRef', 'TaxInclusiveAmt', 'AccountBasedExpenseLineDetailEx',
  ],
  JournalEntryLineDetail: [
    'PostingType', 'Entity', 'AccountRef', 'ClassRef', 'DepartmentRef', 'TaxCodeRef', 'TaxApplicableOn', 'TaxAmount', 'BillableStatus',
    'JournalCodeRef', 'TaxInclusiveAmt', 'JournalEntryLineDetailEx',
  ],
};

const known = new Map(Object.entries(ENTITY_PROPERTIES).map(([k, v]) => [k, new Set(v)]));
const lineKnown = new Set(LINE_PROPERTIES);
const detailKnown = new Map(Object.entries(DETAIL_PROPERTIES).map(([k, v]) => [k, new Set(v)]));

/** The first property QBO would not know in `body` (path like `Line[0].SalesItemLineDetail.Foo`), or undefined. */
export function unknownProperty(entity: string, body: Json): string | undefined {
  const props = known.get(entity);
  if (!props) return undefined;
  for (const key of Object.keys(body)) if (!props.has(key)) return key;
  if (!Array.isArray(body.Line)) return undefined;
  for (const [i, line] of body.Line.entries()) {
    if (!isObject(line)) continue;
    for (const key of Object.keys(line)) {
      if (!lineKnown.has(key)) return `Line[${i}].${key}`;
      const detail = detailKnown.get(key);
      const value = line[key];
      if (detail && isObject(value)) for (const k of Object.keys(value)) if (!detail.has(k)) return `Line[${i}].${key}.${k}`;
    }
  }
  return undefined;
}

/** Throw QBO's 2010 fault for the first property its schema does not have. */
export function rejectUnknownProperties(entity: string, body: unknown): void {
  if (!isObject(body)) return;
  const path = unknownProperty(entity, body);
  if (path === undefined) return;
  const name = path.slice(path.lastIndexOf('.') + 1);
  throw faults.unknownProperty(path, name);
}

/**
 * Fields of QBO's schema whose behaviour the sandbox does not emulate: a foreign `CurrencyRef`
 * (multi-currency). They answer the "not emulated" fault instead of being stored as if in USD.
 */
export function rejectNotEmulatedFields(body: Json): void {
  const currency = body.CurrencyRef;
  const code = isObject(currency) ? currency.value : currency;
  if (typeof code === 'string' && code.toUpperCase() !== 'USD') throw notEmulated('field', 'CurrencyRef', `The QBO sandbox does not emulate multi-currency (CurrencyRef ${code}); its companies are in USD. This is a limit of the emulator, not an answer of QuickBooks Online.`);
}
