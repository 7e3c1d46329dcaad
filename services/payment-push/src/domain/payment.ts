import type { EffectiveSettings } from '@ledgerbus/contracts';
import { paymentRecorded } from '@ledgerbus/contracts';
import type { PushOutcome } from '@ledgerbus/push';
import { adminFilter, compareDecimals, currencyDecimals, decimalPlaces, isExactQboNumber, prefixedNumber, sumDecimals, toQboNumber } from '@ledgerbus/push';
import type { z } from 'zod';

/** Payment mapping rules: pure functions, no I/O. */
export type PlatformPayment = z.output<typeof paymentRecorded>;

export const QBO_REF_NUM_MAX = 21;

export function parsePayment(payload: unknown): PlatformPayment {
  return paymentRecorded.parse(payload);
}

/**
 * The filter that skips this payment, if any: "sync data after" on its date, and the market
 * segment when the payment names one (a payment without a segment follows its invoices: it is
 * pushed once they are linked).
 */
export function filterPayment(settings: EffectiveSettings, payment: PlatformPayment): PushOutcome | undefined {
  return adminFilter(settings, 'payment', { date: payment.date, segment: payment.marketSegment, segmentOptional: true });
}

/**
 * Money is never changed silently: a payment whose amount or applied amount is negative, has
 * more decimals than its currency allows (`currencyDecimals`: 2 for USD, 0 for JPY …), or
 * cannot travel to QBO exactly as a JSON number is refused (`invalid_amount`, not retriable,
 * the message names the field) rather than rounded.
 */
export function checkMoney(payment: PlatformPayment): PushOutcome | undefined {
  const places = currencyDecimals(payment.currency);
  const refuse = (message: string): PushOutcome => ({ kind: 'failed', code: 'invalid_amount', message, retriable: false });
  const fields: Array<[string, string]> = [['amount', payment.amount], ...payment.appliedTo.map((a, i): [string, string] => [`appliedTo[${i}].amount`, a.amount])];
  for (const [field, value] of fields) {
    if (compareDecimals(value, '0') < 0) return refuse(`${field}: ${value} is negative; a payment amount cannot be`);
    if (decimalPlaces(value) > places) return refuse(`${field}: ${value} has ${decimalPlaces(value)} decimals; ${payment.currency} allows ${places}`);
    if (!isExactQboNumber(value)) return refuse(`${field}: ${value} has more significant digits than QBO keeps`);
  }
  return undefined;
}

/** PaymentRefNum = prefix + reference (when the payment has a reference). */
export function referenceOf(settings: EffectiveSettings, reference: string | undefined): { ok: true; ref: string | undefined } | { ok: false; message: string } {
  if (reference === undefined || reference === '') return { ok: true, ref: undefined };
  const ref = prefixedNumber(settings.settings.documentPrefixes.payments, reference, QBO_REF_NUM_MAX, 'reference');
  return ref.ok ? { ok: true, ref: ref.value } : ref;
}

/** Refuses amounts QBO would change (`checkMoney`) and payments that apply more than they carry (the rest of an overpayment stays unapplied in QBO). */
export function checkAmounts(payment: PlatformPayment): PushOutcome | undefined {
  const money = checkMoney(payment);
  if (money) return money;
  const applied = sumDecimals(payment.appliedTo.map((a) => a.amount));
  if (compareDecimals(applied, payment.amount) > 0) {
    return { kind: 'failed', code: 'payment_overapplied', message: `payment applies ${applied} but carries ${payment.amount}`, retriable: false };
  }
  if (payment.appliedTo.some((a) => compareDecimals(a.amount, '0') <= 0)) {
    return { kind: 'failed', code: 'invalid_payment', message: 'every applied amount must be positive', retriable: false };
  }
  return undefined;
}

export function paymentBody(
  settings: EffectiveSettings,
  payment: PlatformPayment,
  input: { customerQboId: string; invoiceQboIds: ReadonlyMap<string, string>; ref: string | undefined; marker: string },
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    CustomerRef: { value: input.customerQboId },
    TotalAmt: toQboNumber(payment.amount),
    TxnDate: payment.date,
    PrivateNote: input.marker,
    Line: payment.appliedTo.map((a) => ({
      Amount: toQboNumber(a.amount),
      LinkedTxn: [{ TxnId: input.invoiceQboIds.get(a.invoiceId), TxnType: 'Invoice' }],
    })),
  };
  if (input.ref) body.PaymentRefNum = input.ref;
  const method = payment.method === undefined ? undefined : settings.mappings.paymentMethods[payment.method];
  if (method) body.PaymentMethodRef = { value: method };
  if (settings.settings.accounts.deposit) body.DepositToAccountRef = { value: settings.settings.accounts.deposit };
  if (settings.settings.accounts.accountsReceivable) body.ARAccountRef = { value: settings.settings.accounts.accountsReceivable };
  return body;
}
