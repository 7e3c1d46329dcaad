import type { EffectiveSettings } from '@ledgerbus/contracts';
import { invoiceUpserted } from '@ledgerbus/contracts';
import type { PushOutcome } from '@ledgerbus/push';
import { lineAmount, toQboNumber } from '@ledgerbus/push';
import type { z } from 'zod';

/** Invoice mapping rules: pure functions, no I/O. */
export type PlatformInvoice = z.output<typeof invoiceUpserted>;
export type PlatformLine = PlatformInvoice['lines'][number];

export const QBO_DOC_NUMBER_MAX = 21;

export function parseInvoice(payload: unknown): PlatformInvoice {
  return invoiceUpserted.parse(payload);
}

/** The filter that skips this invoice, if any. */
export function filterInvoice(settings: EffectiveSettings, invoice: PlatformInvoice): PushOutcome | undefined {
  const { syncDataAfter, marketSegment } = settings.settings.filters;
  if (syncDataAfter !== null && invoice.txnDate < syncDataAfter) {
    return { kind: 'skipped', filter: 'sync_data_after', message: `invoice dated ${invoice.txnDate} is before "sync data after" ${syncDataAfter}` };
  }
  if (marketSegment !== null && invoice.marketSegment !== marketSegment) {
    return { kind: 'skipped', filter: 'market_segment', message: `invoice market segment ${invoice.marketSegment ?? '(none)'} is not ${marketSegment}` };
  }
  return undefined;
}

/** DocNumber = prefix + number; undefined when it would not fit QBO's 21 characters. */
export function docNumberOf(settings: EffectiveSettings, number: string): { ok: true; docNumber: string } | { ok: false; message: string } {
  const p = settings.settings.documentPrefixes.invoices;
  const docNumber = `${p.enabled ? p.prefix : ''}${number}`;
  if (docNumber.length > QBO_DOC_NUMBER_MAX) {
    return { ok: false, message: `DocNumber "${docNumber}" has ${docNumber.length} characters; QBO allows ${QBO_DOC_NUMBER_MAX}` };
  }
  return { ok: true, docNumber };
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
