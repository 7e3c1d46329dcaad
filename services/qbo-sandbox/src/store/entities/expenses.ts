import { notEmulated } from '../../faults/not-emulated';
import { faults } from '../../faults/qbo-fault';
import type { Json } from '../company';
import type { EntityDef, WriteContext } from '../entity-def';
import { checkRef, linesOf } from '../entity-def';
import { copyFields, isObject, optDate, optMoney, optString, reqString } from '../fields';
import { Money } from '../money';

const PAYMENT_TYPES = ['Cash', 'Check', 'CreditCard'];

/** Purchase: an expense paid from a bank or credit-card account (AccountBasedExpenseLineDetail lines). */
export const purchaseDef: EntityDef = {
  name: 'Purchase',
  kind: 'transaction',
  cdc: true,
  queryable: ['Id', 'DocNumber', 'TxnDate', 'PaymentType', 'AccountRef', 'EntityRef', 'TotalAmt', 'PrivateNote', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(ctx: WriteContext, input: Json): Json {
    const paymentType = reqString(input, 'PaymentType');
    if (!PAYMENT_TYPES.includes(paymentType)) throw faults.invalidValue('PaymentType', `Invalid PaymentType: ${paymentType}`);
    const account = checkRef(ctx, input, 'AccountRef', 'Account', {
      required: true,
      filter: (a) => (paymentType === 'CreditCard' ? a.AccountType === 'Credit Card' : a.AccountType === 'Bank'),
    });
    let total = Money.zero();
    const lines = linesOf(input, true).map((line, index) => {
      if (line.DetailType === 'ItemBasedExpenseLineDetail') throw notEmulated('field', 'Line.DetailType ItemBasedExpenseLineDetail');
      if (line.DetailType !== 'AccountBasedExpenseLineDetail') throw faults.invalidValue('Line.DetailType', 'The sandbox supports AccountBasedExpenseLineDetail purchase lines');
      const detail = isObject(line.AccountBasedExpenseLineDetail) ? line.AccountBasedExpenseLineDetail : undefined;
      if (!detail) throw faults.requiredParam('Line.AccountBasedExpenseLineDetail');
      const lineAccount = checkRef(ctx, detail, 'AccountRef', 'Account', { required: true });
      const amount = optMoney(line, 'Amount');
      if (amount === undefined) throw faults.requiredParam('Line.Amount');
      total = total.plus(amount);
      const outDetail: Json = { AccountRef: lineAccount, BillableStatus: 'NotBillable', TaxCodeRef: { value: 'NON' } };
      const cls = checkRef(ctx, detail, 'ClassRef', 'Class');
      if (cls) outDetail.ClassRef = cls;
      const out: Json = { Id: String(index + 1), DetailType: 'AccountBasedExpenseLineDetail', Amount: amount, AccountBasedExpenseLineDetail: outDetail };
      copyFields(line, ['Description'], out);
      return out;
    });
    const out: Json = { PaymentType: paymentType, AccountRef: account, Line: lines, TotalAmt: total, TxnDate: optDate(input, 'TxnDate') ?? ctx.today, CurrencyRef: { value: 'USD', name: 'United States Dollar' } };
    copyFields(input, ['EntityRef', 'PrivateNote', 'DocNumber'], out);
    return out;
  },
};

/** JournalEntry: balanced Debit/Credit lines on accounts. */
export const journalEntryDef: EntityDef = {
  name: 'JournalEntry',
  kind: 'transaction',
  cdc: true,
  queryable: ['Id', 'DocNumber', 'TxnDate', 'TotalAmt', 'PrivateNote', 'Adjustment', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  normalize(ctx: WriteContext, input: Json): Json {
    let debits = Money.zero();
    let credits = Money.zero();
    const lines = linesOf(input, true).map((line, index) => {
      const detail = isObject(line.JournalEntryLineDetail) ? line.JournalEntryLineDetail : undefined;
      if (line.DetailType !== 'JournalEntryLineDetail' || !detail) throw faults.requiredParam('Line.JournalEntryLineDetail');
      const postingType = optString(detail, 'PostingType');
      if (postingType !== 'Debit' && postingType !== 'Credit') throw faults.requiredParam('Line.JournalEntryLineDetail.PostingType');
      const account = checkRef(ctx, detail, 'AccountRef', 'Account', { required: true });
      const amount = optMoney(line, 'Amount');
      if (amount === undefined) throw faults.requiredParam('Line.Amount');
      if (postingType === 'Debit') debits = debits.plus(amount);
      else credits = credits.plus(amount);
      const outDetail: Json = { PostingType: postingType, AccountRef: account };
      const cls = checkRef(ctx, detail, 'ClassRef', 'Class');
      if (cls) outDetail.ClassRef = cls;
      const out: Json = { Id: String(index), DetailType: 'JournalEntryLineDetail', Amount: amount, JournalEntryLineDetail: outDetail };
      copyFields(line, ['Description'], out);
      return out;
    });
    if (debits.cmp(credits) !== 0) throw faults.businessValidation(`Transaction is not balanced: debits ${debits.toFixed()} and credits ${credits.toFixed()} must be equal`, 'Line');
    const out: Json = { Line: lines, TotalAmt: debits, TxnDate: optDate(input, 'TxnDate') ?? ctx.today, Adjustment: input.Adjustment === true, CurrencyRef: { value: 'USD', name: 'United States Dollar' } };
    copyFields(input, ['PrivateNote', 'DocNumber'], out);
    return out;
  },
};
