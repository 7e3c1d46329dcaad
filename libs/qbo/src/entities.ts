/**
 * zod schemas of the QBO entities ledgerbus uses. They are loose: fields we do not list
 * survive parsing untouched (QBO adds fields without bumping the minor version), and only
 * the fields services rely on are typed. Money stays as QBO sends it (JSON numbers);
 * convert with `toMinorUnits` / decimal strings, never float arithmetic.
 */
import { z } from 'zod';

export const RefSchema = z.looseObject({ value: z.string(), name: z.string().optional() });
export type Ref = z.infer<typeof RefSchema>;

export const MetaDataSchema = z.looseObject({
  CreateTime: z.string().optional(),
  LastUpdatedTime: z.string().optional(),
});

export const AddressSchema = z.looseObject({
  Id: z.string().optional(),
  Line1: z.string().optional(),
  Line2: z.string().optional(),
  Line3: z.string().optional(),
  Line4: z.string().optional(),
  Line5: z.string().optional(),
  City: z.string().optional(),
  Country: z.string().optional(),
  CountrySubDivisionCode: z.string().optional(),
  PostalCode: z.string().optional(),
});

const EmailSchema = z.looseObject({ Address: z.string().optional() });
const PhoneSchema = z.looseObject({ FreeFormNumber: z.string().optional() });
const money = z.union([z.number(), z.string()]);

/** Fields every QBO entity carries. */
export const BaseEntitySchema = z.looseObject({
  Id: z.string(),
  SyncToken: z.string().optional(),
  domain: z.string().optional(),
  sparse: z.boolean().optional(),
  status: z.string().optional(),
  MetaData: MetaDataSchema.optional(),
});
export type QboEntity = z.infer<typeof BaseEntitySchema>;

export const AccountSchema = BaseEntitySchema.extend({
  Name: z.string(),
  FullyQualifiedName: z.string().optional(),
  AccountType: z.string().optional(),
  AccountSubType: z.string().optional(),
  Classification: z.string().optional(),
  AcctNum: z.string().optional(),
  Active: z.boolean().optional(),
  SubAccount: z.boolean().optional(),
  ParentRef: RefSchema.optional(),
  CurrentBalance: money.optional(),
  CurrencyRef: RefSchema.optional(),
});
export type Account = z.infer<typeof AccountSchema>;

export const CustomerSchema = BaseEntitySchema.extend({
  DisplayName: z.string().optional(),
  GivenName: z.string().optional(),
  FamilyName: z.string().optional(),
  CompanyName: z.string().optional(),
  FullyQualifiedName: z.string().optional(),
  PrimaryEmailAddr: EmailSchema.optional(),
  PrimaryPhone: PhoneSchema.optional(),
  BillAddr: AddressSchema.optional(),
  ShipAddr: AddressSchema.optional(),
  Active: z.boolean().optional(),
  Job: z.boolean().optional(),
  BillWithParent: z.boolean().optional(),
  ParentRef: RefSchema.optional(),
  Level: z.number().optional(),
  Taxable: z.boolean().optional(),
  Balance: money.optional(),
  BalanceWithJobs: money.optional(),
  Notes: z.string().optional(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const EmployeeSchema = BaseEntitySchema.extend({
  DisplayName: z.string().optional(),
  GivenName: z.string().optional(),
  FamilyName: z.string().optional(),
  PrimaryEmailAddr: EmailSchema.optional(),
  PrimaryPhone: PhoneSchema.optional(),
  PrimaryAddr: AddressSchema.optional(),
  Active: z.boolean().optional(),
  EmployeeNumber: z.string().optional(),
});
export type Employee = z.infer<typeof EmployeeSchema>;

export const ItemSchema = BaseEntitySchema.extend({
  Name: z.string(),
  FullyQualifiedName: z.string().optional(),
  Type: z.string().optional(),
  Sku: z.string().optional(),
  Description: z.string().optional(),
  Active: z.boolean().optional(),
  UnitPrice: money.optional(),
  PurchaseCost: money.optional(),
  Taxable: z.boolean().optional(),
  IncomeAccountRef: RefSchema.optional(),
  ExpenseAccountRef: RefSchema.optional(),
  AssetAccountRef: RefSchema.optional(),
  ParentRef: RefSchema.optional(),
  SubItem: z.boolean().optional(),
  TrackQtyOnHand: z.boolean().optional(),
  QtyOnHand: z.number().optional(),
});
export type Item = z.infer<typeof ItemSchema>;

export const LinkedTxnSchema = z.looseObject({ TxnId: z.string(), TxnType: z.string() });

export const LineSchema = z.looseObject({
  Id: z.string().optional(),
  LineNum: z.number().optional(),
  Description: z.string().optional(),
  Amount: money.optional(),
  DetailType: z.string().optional(),
  SalesItemLineDetail: z
    .looseObject({
      ItemRef: RefSchema.optional(),
      Qty: z.number().optional(),
      UnitPrice: money.optional(),
      TaxCodeRef: RefSchema.optional(),
      ClassRef: RefSchema.optional(),
      ServiceDate: z.string().optional(),
    })
    .optional(),
  LinkedTxn: z.array(LinkedTxnSchema).optional(),
});
export type Line = z.infer<typeof LineSchema>;

export const InvoiceSchema = BaseEntitySchema.extend({
  DocNumber: z.string().optional(),
  TxnDate: z.string().optional(),
  DueDate: z.string().optional(),
  CustomerRef: RefSchema.optional(),
  Line: z.array(LineSchema).optional(),
  TotalAmt: money.optional(),
  Balance: money.optional(),
  PrivateNote: z.string().optional(),
  ARAccountRef: RefSchema.optional(),
  ClassRef: RefSchema.optional(),
  LinkedTxn: z.array(LinkedTxnSchema).optional(),
  BillEmail: EmailSchema.optional(),
  BillAddr: AddressSchema.optional(),
  ShipAddr: AddressSchema.optional(),
});
export type Invoice = z.infer<typeof InvoiceSchema>;

export const PaymentSchema = BaseEntitySchema.extend({
  TxnDate: z.string().optional(),
  TotalAmt: money.optional(),
  UnappliedAmt: money.optional(),
  CustomerRef: RefSchema.optional(),
  DepositToAccountRef: RefSchema.optional(),
  PaymentMethodRef: RefSchema.optional(),
  ARAccountRef: RefSchema.optional(),
  PaymentRefNum: z.string().optional(),
  PrivateNote: z.string().optional(),
  Line: z.array(LineSchema).optional(),
});
export type Payment = z.infer<typeof PaymentSchema>;

export const PaymentMethodSchema = BaseEntitySchema.extend({
  Name: z.string(),
  Type: z.string().optional(),
  Active: z.boolean().optional(),
});
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

export const TaxCodeSchema = BaseEntitySchema.extend({
  Name: z.string(),
  Description: z.string().optional(),
  Active: z.boolean().optional(),
  Taxable: z.boolean().optional(),
  TaxGroup: z.boolean().optional(),
});
export type TaxCode = z.infer<typeof TaxCodeSchema>;

export const ClassSchema = BaseEntitySchema.extend({
  Name: z.string(),
  FullyQualifiedName: z.string().optional(),
  Active: z.boolean().optional(),
  SubClass: z.boolean().optional(),
  ParentRef: RefSchema.optional(),
});
export type QboClass = z.infer<typeof ClassSchema>;

export const CompanyInfoSchema = BaseEntitySchema.extend({
  CompanyName: z.string(),
  LegalName: z.string().optional(),
  Country: z.string().optional(),
  CompanyAddr: AddressSchema.optional(),
  LegalAddr: AddressSchema.optional(),
  Email: EmailSchema.optional(),
  FiscalYearStartMonth: z.string().optional(),
  CompanyStartDate: z.string().optional(),
  NameValue: z.array(z.looseObject({ Name: z.string(), Value: z.string() })).optional(),
});
export type CompanyInfo = z.infer<typeof CompanyInfoSchema>;

export const PreferencesSchema = BaseEntitySchema.extend({
  ReportPrefs: z.looseObject({ ReportBasis: z.string().optional() }).optional(),
  SalesFormsPrefs: z.looseObject({ CustomTxnNumbers: z.boolean().optional() }).optional(),
  AccountingInfoPrefs: z
    .looseObject({ ClassTrackingPerTxn: z.boolean().optional(), ClassTrackingPerTxnLine: z.boolean().optional() })
    .optional(),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

/** The schema per entity name; other entity names parse with the base schema. */
export const ENTITY_SCHEMAS = {
  Account: AccountSchema,
  Customer: CustomerSchema,
  Employee: EmployeeSchema,
  Item: ItemSchema,
  Invoice: InvoiceSchema,
  Payment: PaymentSchema,
  PaymentMethod: PaymentMethodSchema,
  TaxCode: TaxCodeSchema,
  Class: ClassSchema,
  CompanyInfo: CompanyInfoSchema,
  Preferences: PreferencesSchema,
} as const;

export type KnownEntityName = keyof typeof ENTITY_SCHEMAS;
export interface EntityTypes {
  Account: Account;
  Customer: Customer;
  Employee: Employee;
  Item: Item;
  Invoice: Invoice;
  Payment: Payment;
  PaymentMethod: PaymentMethod;
  TaxCode: TaxCode;
  Class: QboClass;
  CompanyInfo: CompanyInfo;
  Preferences: Preferences;
}
/** The entity type for a name: typed for the known ones, `QboEntity` for the rest. */
export type EntityOf<E extends string> = E extends keyof EntityTypes ? EntityTypes[E] : QboEntity;

export function schemaFor(entity: string): z.ZodType<QboEntity> {
  return (ENTITY_SCHEMAS as Record<string, z.ZodType<QboEntity>>)[entity] ?? BaseEntitySchema;
}

/** The stub QBO returns for a deleted object (`{"status":"Deleted","Id":…}`). */
export const DeletedStubSchema = z.looseObject({ Id: z.string(), status: z.literal('Deleted'), domain: z.string().optional() });
export type DeletedStub = z.infer<typeof DeletedStubSchema>;

// ---------------------------------------------------------------- reports

export interface ReportColData {
  value: string;
  id?: string;
  href?: string;
}

const ColDataSchema = z.looseObject({ value: z.string().default(''), id: z.string().optional(), href: z.string().optional() });
const NameValueSchema = z.looseObject({ Name: z.string(), Value: z.string() });

export interface ReportRow {
  type?: string;
  group?: string;
  ColData?: ReportColData[];
  Header?: { ColData?: ReportColData[] };
  Summary?: { ColData?: ReportColData[] };
  Rows?: { Row?: ReportRow[] };
  [key: string]: unknown;
}

export const ReportRowSchema: z.ZodType<ReportRow> = z.lazy(() =>
  z.looseObject({
    type: z.string().optional(),
    group: z.string().optional(),
    ColData: z.array(ColDataSchema).optional(),
    Header: z.looseObject({ ColData: z.array(ColDataSchema).optional() }).optional(),
    Summary: z.looseObject({ ColData: z.array(ColDataSchema).optional() }).optional(),
    Rows: z.looseObject({ Row: z.array(ReportRowSchema).optional() }).optional(),
  }),
);

export const ReportSchema = z.looseObject({
  Header: z.looseObject({
    ReportName: z.string().optional(),
    Time: z.string().optional(),
    DateMacro: z.string().optional(),
    ReportBasis: z.string().optional(),
    StartPeriod: z.string().optional(),
    EndPeriod: z.string().optional(),
    SummarizeColumnsBy: z.string().optional(),
    Currency: z.string().optional(),
    Option: z.array(NameValueSchema).optional(),
  }),
  Columns: z
    .looseObject({
      Column: z
        .array(
          z.looseObject({
            ColTitle: z.string().default(''),
            ColType: z.string().optional(),
            MetaData: z.array(NameValueSchema).optional(),
          }),
        )
        .default([]),
    })
    .default({ Column: [] }),
  Rows: z.looseObject({ Row: z.array(ReportRowSchema).default([]) }).default({ Row: [] }),
});
export type Report = z.infer<typeof ReportSchema>;
