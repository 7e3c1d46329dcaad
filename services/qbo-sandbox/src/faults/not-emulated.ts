import { QboFault } from './qbo-fault';

/** The response header every "not emulated" answer carries: `<kind> <name>`, e.g. `entity Vendor`. */
export const NOT_EMULATED_HEADER = 'x-sandbox-not-emulated';
/** The fault code of a "not emulated" answer; not one of QBO's codes (they are < 9000 or ≥ 10000). */
export const NOT_EMULATED_CODE = '9501';
/** The fault type of a "not emulated" answer; QBO has no such type. */
export const NOT_EMULATED_TYPE = 'SandboxNotEmulated';

export type NotEmulatedKind = 'entity' | 'report' | 'endpoint' | 'field' | 'operation';

/**
 * QBO entities the sandbox does not emulate (Intuit's entity list): a request naming one gets the
 * "not emulated" fault, never a QBO validation code that a client could mistake for QBO's answer.
 */
export const QBO_ENTITIES_NOT_EMULATED = [
  'Attachable', 'Bill', 'BillPayment', 'Budget', 'CompanyCurrency', 'CreditCardPayment', 'CreditMemo', 'Currency', 'CustomerType', 'Department',
  'Deposit', 'Entitlements', 'Estimate', 'ExchangeRate', 'InventoryAdjustment', 'JournalCode', 'PurchaseOrder', 'RecurringTransaction',
  'RefundReceipt', 'ReimburseCharge', 'SalesOrder', 'TaxAgency', 'TaxClassification', 'TaxPayment', 'TaxRate', 'TaxService', 'Term',
  'TimeActivity', 'Transfer', 'Vendor', 'VendorCredit', 'Tag',
] as const;

const notEmulatedEntities = new Map(QBO_ENTITIES_NOT_EMULATED.map((e) => [e.toLowerCase(), e]));

/** The QBO name of an entity the sandbox does not emulate, or undefined. */
export function qboEntityNotEmulated(name: string): string | undefined {
  return notEmulatedEntities.get(name.toLowerCase());
}

/**
 * HTTP 501 with a fault of the sandbox's own type and code, and the `X-Sandbox-Not-Emulated`
 * header: what a request gets when it reaches a part of QBO the emulator does not implement.
 */
export function notEmulated(kind: NotEmulatedKind, name: string, detail?: string): QboFault {
  return new QboFault(
    501,
    NOT_EMULATED_TYPE,
    [{ Message: 'Not emulated by the QBO sandbox', Detail: detail ?? `The QBO sandbox does not emulate the ${kind} ${name}. This is a limit of the emulator, not an answer of QuickBooks Online.`, code: NOT_EMULATED_CODE, element: name }],
    'standard',
    { [NOT_EMULATED_HEADER]: `${kind} ${name}` },
  );
}
