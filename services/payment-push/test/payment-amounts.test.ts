/** The money rule of payment-push: an amount QBO would change is refused, never rounded. */
import { effectiveSettingsSchema } from '@ledgerbus/contracts';
import type { PlatformPayment } from '../src/domain/payment';
import { checkAmounts, filterPayment, parsePayment } from '../src/domain/payment';

function payment(amount: string, applied: string[], extra: Record<string, unknown> = {}): PlatformPayment {
  return parsePayment({ tenantId: 't1', paymentId: 'p1', customerId: 'c1', amount, date: '2024-03-05', version: 1, appliedTo: applied.map((a, i) => ({ invoiceId: `i${i}`, amount: a })), ...extra });
}

describe('payment amounts', () => {
  it('lets a payment through whose amounts are exact in its currency (USD by default)', () => {
    expect(payment('10.50', ['10.50']).currency).toBe('USD');
    expect(checkAmounts(payment('10.50', ['10.50']))).toBeUndefined();
    expect(checkAmounts(payment('100.000', ['55']))).toBeUndefined();
  });

  it('refuses an amount with more decimals than the currency allows, naming the field', () => {
    expect(checkAmounts(payment('10.005', ['10.00']))).toEqual({ kind: 'failed', code: 'invalid_amount', retriable: false, message: 'amount: 10.005 has 3 decimals; USD allows 2' });
    expect(checkAmounts(payment('20.00', ['10.00', '9.999']))).toMatchObject({ code: 'invalid_amount', message: 'appliedTo[1].amount: 9.999 has 3 decimals; USD allows 2' });
    expect(checkAmounts(payment('1500.5', ['1500.5'], { currency: 'JPY' }))).toMatchObject({ code: 'invalid_amount', message: 'amount: 1500.5 has 1 decimals; JPY allows 0' });
    expect(checkAmounts(payment('1500', ['1500'], { currency: 'JPY' }))).toBeUndefined();
  });

  it('refuses a negative amount', () => {
    expect(checkAmounts(payment('-5.00', []))).toMatchObject({ code: 'invalid_amount', retriable: false, message: 'amount: -5.00 is negative; a payment amount cannot be' });
  });

  it('refuses an amount a JSON number cannot carry exactly', () => {
    expect(checkAmounts(payment('999999999999999.99', []))).toMatchObject({ code: 'invalid_amount', message: expect.stringMatching(/^amount: /) as unknown });
  });

  it('still refuses a payment that applies more than it carries', () => {
    expect(checkAmounts(payment('10.00', ['10.01']))).toMatchObject({ code: 'payment_overapplied' });
  });

  it('skips a payment of another market segment, and lets one without a segment follow its invoices', () => {
    const settings = effectiveSettingsSchema.parse({ settings: { filters: { marketSegment: 'retail' } }, mappings: {} });
    expect(filterPayment(settings, payment('10.00', ['10.00'], { marketSegment: 'wholesale' }))).toMatchObject({ kind: 'skipped', filter: 'market_segment' });
    expect(filterPayment(settings, payment('10.00', ['10.00'], { marketSegment: 'retail' }))).toBeUndefined();
    expect(filterPayment(settings, payment('10.00', ['10.00']))).toBeUndefined();
  });
});
