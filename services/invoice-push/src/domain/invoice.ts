import type { EffectiveSettings } from '@ledgerbus/contracts';
import { invoiceUpserted } from '@ledgerbus/contracts';
import type { PushOutcome } from '@ledgerbus/push';
import { adminFilter, currencyDecimals, decimalPlaces, exactProduct, isExactQboNumber, lineAmount, prefixedNumber, sumDecimals, toQboNumber } from '@ledgerbus/push';
import type { z } from 'zod';

/** Invoice mapping rules: pure functions, no I/O. */
export type PlatformInvoice = z.output<typeof invoiceUpserted>;
export type PlatformLine = PlatformInvoice['lines'][number];

export const QBO_DOC_NUMBER_MAX = 21;

export function parseInvoice(payload: unknown): PlatformInvoice {
  return invoiceUpserted.parse(payload);
}

/**
 * What stops this invoice before QBO, if anything: a filter the admin chose (`skipped`), then
 * an amount QBO would change (`failed`, `invalid_amount`, see `checkInvoiceAmounts`).
 */
export function filterInvoice(settings: EffectiveSettings, invoice: PlatformInvoice): PushOutcome | undefined {
  return adminFilter(settings, 'invoice', { date: invoice.txnDate, segment: invoice.marketSegment }) ?? checkInvoiceAmounts(invoice);
}

/**
 * Money is never changed silently: the invoice is refused (`invalid_amount`, not retriable,
 * the message names the field) rather than rounded when
 * - a line amount (quantity × unit price) has more decimals than the invoice's currency allows
 *   (`currencyDecimals`: 2 for USD, 0 for JPY …), since QBO would round it;
 * - a quantity or unit price cannot travel to QBO exactly as a JSON number (more than ~15
 *   significant digits);
 * - the invoice total is negative (QBO has credit memos for that).
 * A unit price may have more decimals than the currency ("0.125" per unit) as long as every
 * line amount is exact: QBO keeps unit prices with more decimals, and nothing is rounded.
 */
export function checkInvoiceAmounts(invoice: PlatformInvoice): PushOutcome | undefined {
  const places = currencyDecimals(invoice.currency);
  const refuse = (message: string): PushOutcome => ({ kind: 'failed', code: 'invalid_amount', message, retriable: false });
  const amounts: string[] = [];
  for (const [i, line] of invoice.lines.entries()) {
    for (const field of ['quantity', 'unitPrice'] as const) {
      if (!isExactQboNumber(line[field])) return refuse(`lines[${i}].${field}: ${line[field]} has more significant digits than QBO keeps`);
    }
    const amount = exactProduct(line.quantity, line.unitPrice);
    if (decimalPlaces(amount) > places) {
      return refuse(`lines[${i}].amount: ${line.quantity} × ${line.unitPrice} = ${amount} has ${decimalPlaces(amount)} decimals; ${invoice.currency} allows ${places}`);
    }
    if (!isExactQboNumber(amount)) return refuse(`lines[${i}].amount: ${amount} has more significant digits than QBO keeps`);
    amounts.push(lineAmount(line.quantity, line.unitPrice));
  }
  const total = sumDecimals(amounts);
  if (total.startsWith('-')) return refuse(`total: the lines add up to ${total} ${invoice.currency}; an invoice total cannot be negative`);
  return undefined;
}

/** DocNumber = prefix + number; undefined when it would not fit QBO's 21 characters. */
export function docNumberOf(settings: EffectiveSettings, number: string): { ok: true; docNumber: string } | { ok: false; message: string } {
  const doc = prefixedNumber(settings.settings.documentPrefixes.invoices, number, QBO_DOC_NUMBER_MAX, 'DocNumber');
  return doc.ok ? { ok: true, docNumber: doc.value } : doc;
}

/** How a line finds its QBO item. */
export type ItemPlan =
  | { kind: 'item'; itemId: string }
  | { kind: 'by_name'; name: string; type: 'Service' | 'NonInventory' | 'Inventory'; incomeAccountId: string; expenseAccountId: string | null }
  | { kind: 'missing'; message: string };

export function itemPlanFor(settings: EffectiveSettings, line: PlatformLine): ItemPlan {
  const { mappings } = settings;
  const productType = line.productType === undefined ? undefined : mappings.productTypes[line.productType];
  if (productType?.itemId) return { kind: 'item', itemId: productType.itemId };
  const income = (line.glCode === undefined ? undefined : mappings.glCodes[line.glCode]) ?? settings.settings.accounts.income;
  const itemsSync = settings.settings.entities.items;
  if (line.productName && income && (itemsSync === 'to_qbo' || itemsSync === 'both')) {
    if (productType?.itemType === 'Inventory') {
      // QBO needs an inventory asset account, a start date and a quantity on hand that the platform does not have.
      return { kind: 'missing', message: `product type ${line.productType ?? ''} maps to item type Inventory, which ledgerbus does not create (QBO needs an asset account and stock levels): map an existing Inventory item in mappings.productTypes.${line.productType ?? ''}.itemId` };
    }
    return { kind: 'by_name', name: line.productName.slice(0, 100), type: productType?.itemType ?? 'Service', incomeAccountId: income, expenseAccountId: settings.settings.accounts.expense };
  }
  const fallback = line.recurring ? mappings.defaults.recurringItemId : mappings.defaults.oneTimeItemId;
  if (fallback) return { kind: 'item', itemId: fallback };
  return { kind: 'missing', message: `product ${line.productId} matches no item and no default ${line.recurring ? 'recurring' : 'one-time'} item is mapped` };
}

/** The QBO Invoice body (create; also the sparse patch of an update). */
export function invoiceBody(
  settings: EffectiveSettings,
  invoice: PlatformInvoice,
  input: { customerQboId: string; docNumber: string; itemIds: string[]; marker: string },
): Record<string, unknown> {
  const { defaults } = settings.mappings;
  const lines = invoice.lines.map((line, i) => ({
    DetailType: 'SalesItemLineDetail',
    LineNum: i + 1,
    Amount: toQboNumber(lineAmount(line.quantity, line.unitPrice)),
    ...(line.description ? { Description: line.description } : {}),
    SalesItemLineDetail: {
      ItemRef: { value: input.itemIds[i] },
      Qty: toQboNumber(line.quantity),
      UnitPrice: toQboNumber(line.unitPrice),
      TaxCodeRef: { value: line.taxable ? 'TAX' : 'NON' },
      ...(defaults.classId ? { ClassRef: { value: defaults.classId } } : {}),
    },
  }));
  const body: Record<string, unknown> = {
    CustomerRef: { value: input.customerQboId },
    DocNumber: input.docNumber,
    TxnDate: invoice.txnDate,
    Line: lines,
    PrivateNote: input.marker,
  };
  if (invoice.dueDate) body.DueDate = invoice.dueDate;
  if (settings.settings.accounts.accountsReceivable) body.ARAccountRef = { value: settings.settings.accounts.accountsReceivable };
  if (defaults.taxCodeId && invoice.lines.some((l) => l.taxable)) body.TxnTaxDetail = { TxnTaxCodeRef: { value: defaults.taxCodeId } };
  return body;
}
