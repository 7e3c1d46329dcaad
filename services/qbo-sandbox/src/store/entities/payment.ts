import { faults } from '../../faults/qbo-fault';
import type { Json } from '../company';
import type { EntityDef, WriteContext } from '../entity-def';
import { checkRef, linesOf } from '../entity-def';
import { copyFields, isObject, optDate, optMoney, optString, reqMoney } from '../fields';
import { Money } from '../money';
import { applicationsTo, defaultAccount, refreshInvoiceBalance } from './sales';

function linkedInvoiceIds(payment: Json | undefined): string[] {
  const ids: string[] = [];
  for (const line of (payment?.Line as Json[] | undefined) ?? []) {
    for (const link of (line.LinkedTxn as Json[] | undefined) ?? []) if (link.TxnType === 'Invoice') ids.push(String(link.TxnId));
  }
  return ids;
}

export const paymentDef: EntityDef = {
  name: 'Payment',
  kind: 'transaction',
  cdc: true,
  queryable: ['Id', 'TxnDate', 'CustomerRef', 'TotalAmt', 'UnappliedAmt', 'PaymentRefNum', 'PrivateNote', 'DepositToAccountRef', 'PaymentMethodRef', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(ctx: WriteContext, input: Json, existing: Json | undefined): Json {
    const total = reqMoney(input, 'TotalAmt');
    if (total.value.isNegative()) throw faults.businessValidation('The payment amount cannot be negative', 'TotalAmt');
    const customer = checkRef(ctx, input, 'CustomerRef', 'Customer', { required: true, nameField: 'DisplayName' });
    const paymentId = existing?.Id as string | undefined;
    const lines: Json[] = [];
    let applied = Money.zero();
    const perInvoice = new Map<string, Money>();
    linesOf(input, false).forEach((line, index) => {
      const amount = optMoney(line, 'Amount');
      if (amount === undefined) throw faults.requiredParam('Line.Amount');
      if (amount.value.isNegative()) throw faults.businessValidation('A payment line amount cannot be negative', 'Line.Amount');
      const links = Array.isArray(line.LinkedTxn) ? (line.LinkedTxn as unknown[]) : [];
      if (links.length === 0) throw faults.requiredParam('Line.LinkedTxn');
      const outLinks: Json[] = [];
      for (const link of links) {
        if (!isObject(link)) throw faults.invalidValue('Line.LinkedTxn', 'LinkedTxn must be an object');
        const txnId = optString(link, 'TxnId');
        if (!txnId) throw faults.requiredParam('LinkedTxn.TxnId');
        const txnType = optString(link, 'TxnType') ?? 'Invoice';
        if (txnType !== 'Invoice') throw faults.businessValidation(`The sandbox applies payments to invoices only (got TxnType ${txnType})`, 'LinkedTxn.TxnType');
        const invoice = ctx.company.get('Invoice', txnId);
        if (!invoice) throw faults.invalidReference('LinkedTxn', txnId, 'Invoice');
        if ((invoice.CustomerRef as { value: string }).value !== customer?.value) {
          throw faults.businessValidation(`Invoice ${txnId} belongs to another customer`, 'LinkedTxn');
        }
        perInvoice.set(txnId, (perInvoice.get(txnId) ?? Money.zero()).plus(amount));
        outLinks.push({ TxnId: txnId, TxnType: 'Invoice' });
      }
      applied = applied.plus(amount);
      lines.push({ Amount: amount, LinkedTxn: outLinks, LineNum: index + 1 });
    });
    for (const [invoiceId, amount] of perInvoice) {
      const invoice = ctx.company.get('Invoice', invoiceId) as Json;
      const others = Money.sum(applicationsTo(ctx.company, invoiceId).filter((a) => a.paymentId !== paymentId).map((a) => a.amount));
      const open = (invoice.TotalAmt as Money).minus(others);
      if (amount.cmp(open) > 0) throw faults.businessValidation(`The amount applied to invoice ${invoiceId} (${amount.toFixed()}) exceeds its open balance (${open.toFixed()})`, 'Line.Amount');
    }
    if (applied.cmp(total) > 0) throw faults.businessValidation(`The amounts applied (${applied.toFixed()}) exceed the payment total (${total.toFixed()})`, 'TotalAmt');
    const deposit = checkRef(ctx, input, 'DepositToAccountRef', 'Account', { filter: (a) => a.AccountType === 'Bank' || a.AccountType === 'Other Current Asset' });
    const undeposited = defaultAccount(ctx.company, 'UndepositedFunds');
    const ar = checkRef(ctx, input, 'ARAccountRef', 'Account', { filter: (a) => a.AccountType === 'Accounts Receivable' });
    const defaultAr = defaultAccount(ctx.company, 'AccountsReceivable');
    const out: Json = {
      CustomerRef: customer,
      TotalAmt: total,
      UnappliedAmt: total.minus(applied),
      TxnDate: optDate(input, 'TxnDate') ?? ctx.today,
      Line: lines,
      ProcessPayment: false,
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
    };
    if (deposit) out.DepositToAccountRef = deposit;
    else if (undeposited) out.DepositToAccountRef = { value: String(undeposited.Id), name: String(undeposited.Name) };
    else throw faults.requiredParam('DepositToAccountRef');
    if (ar) out.ARAccountRef = ar;
    else if (defaultAr) out.ARAccountRef = { value: String(defaultAr.Id), name: String(defaultAr.Name) };
    const pm = checkRef(ctx, input, 'PaymentMethodRef', 'PaymentMethod');
    if (pm) out.PaymentMethodRef = pm;
    const refNum = optString(input, 'PaymentRefNum', 21);
    if (refNum !== undefined) out.PaymentRefNum = refNum;
    copyFields(input, ['PrivateNote'], out);
    return out;
  },
  afterWrite(ctx: WriteContext, before: Json | undefined, after: Json | undefined): void {
    const ids = new Set([...linkedInvoiceIds(before), ...linkedInvoiceIds(after)]);
    for (const id of ids) ctx.touch('Invoice', id, (invoice) => refreshInvoiceBalance(ctx.company, invoice));
  },
  voided(_ctx: WriteContext, existing: Json): Json {
    const lines = ((existing.Line as Json[] | undefined) ?? []).map((l) => ({ ...l, Amount: Money.zero() }));
    const note = typeof existing.PrivateNote === 'string' && existing.PrivateNote !== '' ? `Voided - ${existing.PrivateNote}` : 'Voided';
    const out: Json = { ...existing, Line: lines, TotalAmt: Money.zero(), UnappliedAmt: Money.zero(), PrivateNote: note };
    delete out.Id;
    delete out.SyncToken;
    delete out.MetaData;
    return out;
  },
};
