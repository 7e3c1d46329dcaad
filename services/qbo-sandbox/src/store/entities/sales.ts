import Decimal from 'decimal.js';
import { notEmulated } from '../../faults/not-emulated';
import { faults } from '../../faults/qbo-fault';
import { addDays } from '../../time';
import type { Company, Json } from '../company';
import type { EntityDef, WriteContext } from '../entity-def';
import { checkRef, linesOf, physicalAddress } from '../entity-def';
import { copyFields, isObject, optBool, optDate, optMoney, optNumber, optString, refId, text } from '../fields';
import { Money } from '../money';

/** Sales line DetailTypes of QBO's schema the sandbox does not emulate (a "not emulated" fault, not a QBO code). */
const SALES_DETAIL_TYPES_NOT_EMULATED = new Set(['GroupLineDetail']);

/** The company's default account of a sub-type (A/R, Undeposited Funds). */
export function defaultAccount(company: Company, subType: string): Json | undefined {
  return company.all('Account').find((a) => a.AccountSubType === subType && a.Active !== false);
}

function nextLineId(existingLines: Json[], used: Set<string>): () => string {
  let max = 0;
  for (const l of existingLines) max = Math.max(max, Number(l.Id) || 0);
  for (const id of used) max = Math.max(max, Number(id) || 0);
  return () => String(++max);
}

/**
 * Validate sales lines (Invoice, SalesReceipt): SalesItemLineDetail lines with an active
 * ItemRef, Amount = Qty × UnitPrice (6070), optional ClassRef/TaxCodeRef. Lines keeping an
 * existing Id are updated, lines without one are added; the SubTotal line is recomputed.
 */
export function salesLines(ctx: WriteContext, input: Json, existing: Json | undefined): { lines: Json[]; total: Money } {
  const given = linesOf(input, true).filter((l) => l.DetailType !== 'SubTotalLineDetail');
  const existingLines = Array.isArray(existing?.Line) ? (existing.Line as Json[]) : [];
  const existingIds = new Set(existingLines.map((l) => text(l.Id)).filter((id) => id !== ''));
  const keptIds = new Set(given.map((l) => text(l.Id)).filter((id) => existingIds.has(id)));
  const newId = nextLineId(existingLines, keptIds);
  const lines: Json[] = [];
  const discounts: { index: number; line: Json; id: string; lineNum: number }[] = [];
  let total = Money.zero();
  let salesCount = 0;
  given.forEach((line, index) => {
    const detailType = optString(line, 'DetailType');
    if (!detailType) throw faults.requiredParam('Line.DetailType');
    const id = keptIds.has(text(line.Id)) ? text(line.Id) : newId();
    if (detailType === 'DescriptionOnly') {
      const out: Json = { Id: id, LineNum: index + 1, DetailType: detailType, Amount: Money.zero(), DescriptionLineDetail: isObject(line.DescriptionLineDetail) ? line.DescriptionLineDetail : {} };
      copyFields(line, ['Description'], out);
      lines.push(out);
      return;
    }
    if (detailType === 'DiscountLineDetail') {
      discounts.push({ index: lines.length, line, id, lineNum: index + 1 });
      lines.push({});
      return;
    }
    if (detailType !== 'SalesItemLineDetail' && SALES_DETAIL_TYPES_NOT_EMULATED.has(detailType)) throw notEmulated('field', `Line.DetailType ${detailType}`);
    if (detailType !== 'SalesItemLineDetail') throw faults.invalidValue('Line.DetailType', `Unsupported DetailType ${detailType} (the sandbox supports SalesItemLineDetail, SubTotalLineDetail, DescriptionOnly)`);
    const detail = isObject(line.SalesItemLineDetail) ? line.SalesItemLineDetail : undefined;
    if (!detail) throw faults.requiredParam('Line.SalesItemLineDetail');
    const item = checkRef(ctx, detail, 'ItemRef', 'Item', { required: true, filter: (i) => i.Type !== 'Category' });
    const qty = optNumber(detail, 'Qty');
    const unitPrice = optNumber(detail, 'UnitPrice');
    let amount = optMoney(line, 'Amount');
    if (amount === undefined) {
      if (qty === undefined || unitPrice === undefined) throw faults.requiredParam('Line.Amount');
      amount = new Money(new Decimal(qty).times(unitPrice));
    } else if (qty !== undefined && unitPrice !== undefined) {
      const expected = new Money(new Decimal(qty).times(unitPrice));
      if (expected.cmp(amount) !== 0) throw faults.amountMismatch(`Amount calculation incorrect in the request. Amount ${amount.toFixed()} is not equal to UnitPrice ${unitPrice} * Qty ${qty}. Line ${index + 1}`);
    }
    const taxCodeId = detail.TaxCodeRef === undefined ? 'NON' : (refId(detail, 'TaxCodeRef') ?? 'NON');
    if (!ctx.company.get('TaxCode', taxCodeId)) throw faults.invalidReference('TaxCodeRef', taxCodeId, 'TaxCode');
    const outDetail: Json = { ItemRef: item, TaxCodeRef: { value: taxCodeId } };
    // QBO returns the account the line posts to (the item's income account) as ItemAccountRef.
    const income = ctx.company.get('Item', item?.value ?? '')?.IncomeAccountRef;
    if (isObject(income)) outDetail.ItemAccountRef = income;
    if (qty !== undefined) outDetail.Qty = qty;
    if (unitPrice !== undefined) outDetail.UnitPrice = unitPrice;
    const cls = checkRef(ctx, detail, 'ClassRef', 'Class');
    if (cls) outDetail.ClassRef = cls;
    const serviceDate = optDate(detail, 'ServiceDate');
    if (serviceDate) outDetail.ServiceDate = serviceDate;
    const out: Json = { Id: id, LineNum: index + 1, DetailType: detailType, Amount: amount, SalesItemLineDetail: outDetail };
    copyFields(line, ['Description'], out);
    lines.push(out);
    total = total.plus(amount);
    salesCount++;
  });
  if (salesCount === 0) throw faults.requiredParam('Line');
  // Discount lines: a percentage of the sales lines' subtotal (rounded half up to cents) or an
  // amount, posted to DiscountAccountRef (default: the company's DiscountsRefundsGiven account).
  const subtotal = total;
  let net = total;
  for (const d of discounts) {
    const detail = isObject(d.line.DiscountLineDetail) ? d.line.DiscountLineDetail : {};
    const percentBased = detail.PercentBased === true || detail.PercentBased === 'true';
    let amount: Money;
    const outDetail: Json = { PercentBased: percentBased };
    if (percentBased) {
      const pct = optNumber(detail, 'DiscountPercent');
      if (pct === undefined) throw faults.requiredParam('Line.DiscountLineDetail.DiscountPercent');
      if (pct < 0 || pct > 100) throw faults.invalidValue('Line.DiscountLineDetail.DiscountPercent', `DiscountPercent must be between 0 and 100, got ${pct}`);
      amount = new Money(subtotal.value.times(pct).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
      outDetail.DiscountPercent = pct;
    } else {
      const given = optMoney(d.line, 'Amount');
      if (given === undefined) throw faults.requiredParam('Line.Amount');
      amount = given;
    }
    if (amount.value.isNegative()) throw faults.invalidValue('Line.Amount', 'A discount cannot be negative');
    const account = checkRef(ctx, detail, 'DiscountAccountRef', 'Account') ?? (() => {
      const def = defaultAccount(ctx.company, 'DiscountsRefundsGiven');
      if (!def) throw faults.requiredParam('Line.DiscountLineDetail.DiscountAccountRef');
      return { value: String(def.Id), name: String(def.Name) };
    })();
    outDetail.DiscountAccountRef = account;
    net = net.minus(amount);
    const out: Json = { Id: d.id, LineNum: d.lineNum, DetailType: 'DiscountLineDetail', Amount: amount, DiscountLineDetail: outDetail };
    copyFields(d.line, ['Description'], out);
    lines[d.index] = out;
  }
  if (net.value.isNegative()) throw faults.businessValidation(`The discounts (${subtotal.minus(net).toFixed()}) exceed the subtotal (${subtotal.toFixed()})`, 'Line');
  lines.push({ DetailType: 'SubTotalLineDetail', Amount: subtotal, SubTotalLineDetail: {} });
  return { lines, total: net };
}

/** Payments applied to an invoice: [{paymentId, amount}] over live payments. */
export function applicationsTo(company: Company, invoiceId: string): { paymentId: string; amount: Money }[] {
  const out: { paymentId: string; amount: Money }[] = [];
  for (const p of company.all('Payment')) {
    for (const line of (p.Line as Json[] | undefined) ?? []) {
      for (const link of (line.LinkedTxn as Json[] | undefined) ?? []) {
        if (link.TxnType === 'Invoice' && link.TxnId === invoiceId) out.push({ paymentId: String(p.Id), amount: line.Amount as Money });
      }
    }
  }
  return out;
}

/** Recompute an invoice's Balance and LinkedTxn from the payments applied to it. */
export function refreshInvoiceBalance(company: Company, invoice: Json): void {
  const apps = applicationsTo(company, String(invoice.Id));
  const applied = Money.sum(apps.map((a) => a.amount));
  invoice.Balance = (invoice.TotalAmt as Money).minus(applied);
  const others = ((invoice.LinkedTxn as Json[] | undefined) ?? []).filter((l) => l.TxnType !== 'Payment');
  const payments = [...new Set(apps.filter((a) => !a.amount.isZero()).map((a) => a.paymentId))].map((id) => ({ TxnId: id, TxnType: 'Payment' }));
  invoice.LinkedTxn = [...others, ...payments];
}

function docNumber(ctx: WriteContext, input: Json, existing: Json | undefined, entity: string): string | undefined {
  const given = optString(input, 'DocNumber', 21);
  if (given !== undefined && given !== '') {
    if (ctx.settings.api.rejectDuplicateDocNumber) {
      const clash = ctx.company.all(entity).find((o) => o.DocNumber === given && o.Id !== existing?.Id);
      if (clash) throw faults.duplicateDocNumber(given);
    }
    return given;
  }
  if (existing && typeof existing.DocNumber === 'string') return existing.DocNumber;
  return String(ctx.company.nextDocNumber++);
}

const COMMON_SALES_FIELDS = ['PrivateNote', 'CustomerMemo'] as const;
const ONLINE_FLAGS = ['AllowIPNPayment', 'AllowOnlinePayment', 'AllowOnlineCreditCardPayment', 'AllowOnlineACHPayment'] as const;

/**
 * What QBO fills in on a sales form from its customer when the request leaves it out: `BillEmail`
 * (the customer's PrimaryEmailAddr), `BillAddr` / `ShipAddr` (the customer's, each with an address
 * Id of its own), `SalesTermRef` (the customer's terms, else the company's default terms from
 * Preferences); `CustomField` is `[]` when none is given. Given values win; on an update a value
 * left out keeps the transaction's.
 */
function salesDefaults(ctx: WriteContext, input: Json, existing: Json | undefined, customerId: string | undefined, out: Json): void {
  const customer = customerId === undefined ? undefined : ctx.company.get('Customer', customerId);
  const email = input.BillEmail ?? existing?.BillEmail ?? (isObject(customer?.PrimaryEmailAddr) && customer.PrimaryEmailAddr.Address ? { Address: customer.PrimaryEmailAddr.Address } : undefined);
  if (email !== undefined && email !== null) out.BillEmail = email;
  for (const field of ['BillAddr', 'ShipAddr']) {
    const addr = physicalAddress(ctx, input, field, existing) ?? (isObject(existing?.[field]) ? existing[field] : undefined);
    const value = addr ?? (isObject(customer?.[field]) ? physicalAddress(ctx, { [field]: { ...customer[field], Id: undefined } }, field, undefined) : undefined);
    if (value) out[field] = value;
  }
  const prefs = ctx.company.get('Preferences', '1');
  const defaultTerms = isObject(prefs?.SalesFormsPrefs) ? prefs.SalesFormsPrefs.DefaultTerms : undefined;
  const terms = input.SalesTermRef ?? existing?.SalesTermRef ?? customer?.SalesTermRef ?? defaultTerms;
  if (terms !== undefined && terms !== null) out.SalesTermRef = terms;
  out.CustomField = Array.isArray(input.CustomField) ? input.CustomField : Array.isArray(existing?.CustomField) ? existing.CustomField : [];
}

export const invoiceDef: EntityDef = {
  name: 'Invoice',
  kind: 'transaction',
  cdc: true,
  queryable: ['Id', 'DocNumber', 'TxnDate', 'DueDate', 'CustomerRef', 'TotalAmt', 'Balance', 'PrivateNote', 'EmailStatus', 'PrintStatus', 'ClassRef', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(ctx: WriteContext, input: Json, existing: Json | undefined): Json {
    const customer = checkRef(ctx, input, 'CustomerRef', 'Customer', { required: true, nameField: 'DisplayName' });
    const { lines, total } = salesLines(ctx, input, existing);
    const txnDate = optDate(input, 'TxnDate') ?? ctx.today;
    const dueDate = optDate(input, 'DueDate') ?? addDays(txnDate, 30);
    if (dueDate < txnDate) throw faults.businessValidation('The due date cannot be earlier than the transaction date', 'DueDate');
    const ar = checkRef(ctx, input, 'ARAccountRef', 'Account', { filter: (a) => a.AccountType === 'Accounts Receivable' });
    const defaultAr = defaultAccount(ctx.company, 'AccountsReceivable');
    // The transaction's tax code is kept as given (an existing TaxCode); the sandbox computes no tax.
    const txnTaxCode = isObject(input.TxnTaxDetail) ? checkRef(ctx, input.TxnTaxDetail, 'TxnTaxCodeRef', 'TaxCode') : undefined;
    const out: Json = {
      CustomerRef: customer,
      Line: lines,
      TxnDate: txnDate,
      DueDate: dueDate,
      TotalAmt: total,
      Balance: total,
      Deposit: Money.zero(),
      ApplyTaxAfterDiscount: false,
      TxnTaxDetail: { ...(txnTaxCode ? { TxnTaxCodeRef: txnTaxCode } : {}), TotalTax: Money.zero() },
      EmailStatus: optString(input, 'EmailStatus') ?? 'NotSet',
      PrintStatus: optString(input, 'PrintStatus') ?? 'NotSet',
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
    };
    if (ar) out.ARAccountRef = ar;
    else if (defaultAr) out.ARAccountRef = { value: String(defaultAr.Id), name: String(defaultAr.Name) };
    const cls = checkRef(ctx, input, 'ClassRef', 'Class');
    if (cls) out.ClassRef = cls;
    copyFields(input, COMMON_SALES_FIELDS, out);
    salesDefaults(ctx, input, existing, customer?.value, out);
    for (const flag of ONLINE_FLAGS) out[flag] = optBool(input, flag) ?? (existing?.[flag] === true);
    out.LinkedTxn = [];
    if (existing) {
      const applied = Money.sum(applicationsTo(ctx.company, String(existing.Id)).map((a) => a.amount));
      if (total.cmp(applied) < 0) throw faults.businessValidation(`The invoice total ${total.toFixed()} cannot be less than the payments applied to it (${applied.toFixed()})`, 'Line');
      out.Balance = total.minus(applied);
      if (Array.isArray(existing.LinkedTxn)) out.LinkedTxn = existing.LinkedTxn;
    }
    out.DocNumber = docNumber(ctx, input, existing, 'Invoice');
    return out;
  },
  beforeDelete(ctx: WriteContext, existing: Json): void {
    if (applicationsTo(ctx.company, String(existing.Id)).some((a) => !a.amount.isZero())) {
      throw faults.businessValidation('This invoice has payments applied to it. Delete or unapply the payments first.');
    }
  },
  voided(ctx: WriteContext, existing: Json): Json {
    if (applicationsTo(ctx.company, String(existing.Id)).some((a) => !a.amount.isZero())) {
      throw faults.businessValidation('This invoice has payments applied to it. Delete or unapply the payments first.');
    }
    return voidedSales(existing);
  },
};

/** Amounts and quantities zeroed, "Voided" prepended to PrivateNote (QBO's void). */
export function voidedSales(existing: Json): Json {
  const lines = ((existing.Line as Json[] | undefined) ?? []).map((l) => {
    const line: Json = { ...l, Amount: Money.zero() };
    if (isObject(l.SalesItemLineDetail)) line.SalesItemLineDetail = { ...l.SalesItemLineDetail, Qty: 0, UnitPrice: 0 };
    return line;
  });
  const note = typeof existing.PrivateNote === 'string' && existing.PrivateNote !== '' ? `Voided - ${existing.PrivateNote}` : 'Voided';
  const out: Json = { ...existing, Line: lines, TotalAmt: Money.zero(), Balance: Money.zero(), PrivateNote: note };
  delete out.Id;
  delete out.SyncToken;
  delete out.MetaData;
  return out;
}

export const salesReceiptDef: EntityDef = {
  name: 'SalesReceipt',
  kind: 'transaction',
  cdc: true,
  queryable: ['Id', 'DocNumber', 'TxnDate', 'CustomerRef', 'TotalAmt', 'PrivateNote', 'DepositToAccountRef', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(ctx: WriteContext, input: Json, existing: Json | undefined): Json {
    const customer = checkRef(ctx, input, 'CustomerRef', 'Customer', { nameField: 'DisplayName' });
    const { lines, total } = salesLines(ctx, input, existing);
    const deposit = checkRef(ctx, input, 'DepositToAccountRef', 'Account', { filter: (a) => a.AccountType === 'Bank' || a.AccountType === 'Other Current Asset' });
    const undeposited = defaultAccount(ctx.company, 'UndepositedFunds');
    const out: Json = {
      Line: lines,
      TxnDate: optDate(input, 'TxnDate') ?? ctx.today,
      TotalAmt: total,
      Balance: Money.zero(),
      TxnTaxDetail: { TotalTax: Money.zero() },
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
    };
    if (customer) out.CustomerRef = customer;
    if (deposit) out.DepositToAccountRef = deposit;
    else if (undeposited) out.DepositToAccountRef = { value: String(undeposited.Id), name: String(undeposited.Name) };
    else throw faults.requiredParam('DepositToAccountRef');
    const pm = checkRef(ctx, input, 'PaymentMethodRef', 'PaymentMethod');
    if (pm) out.PaymentMethodRef = pm;
    const cls = checkRef(ctx, input, 'ClassRef', 'Class');
    if (cls) out.ClassRef = cls;
    copyFields(input, [...COMMON_SALES_FIELDS, 'PaymentRefNum'], out);
    salesDefaults(ctx, input, existing, customer?.value, out);
    out.DocNumber = docNumber(ctx, input, existing, 'SalesReceipt');
    return out;
  },
  voided(_ctx: WriteContext, existing: Json): Json {
    return voidedSales(existing);
  },
};
