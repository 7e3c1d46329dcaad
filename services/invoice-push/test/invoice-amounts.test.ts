/** The money rule of invoice-push: an amount QBO would change is refused, never rounded. */
import { effectiveSettingsSchema } from '@ledgerbus/contracts';
import type { PlatformInvoice } from '../src/domain/invoice';
import { checkInvoiceAmounts, filterInvoice, invoiceBody, parseInvoice } from '../src/domain/invoice';

const settings = effectiveSettingsSchema.parse({ settings: {}, mappings: {} });

function invoice(lines: Array<{ quantity: string; unitPrice: string }>, extra: Record<string, unknown> = {}): PlatformInvoice {
  return parseInvoice({ tenantId: 't1', invoiceId: 'i1', number: '1001', customerId: 'c1', txnDate: '2024-03-01', version: 1, lines: lines.map((l, i) => ({ productId: `p${i}`, ...l })), ...extra });
}

describe('invoice amounts', () => {
  it('lets an invoice through whose line amounts are exact in its currency', () => {
    expect(checkInvoiceAmounts(invoice([{ quantity: '2', unitPrice: '12.50' }, { quantity: '-1', unitPrice: '5.00' }]))).toBeUndefined();
    expect(filterInvoice(settings, invoice([{ quantity: '1', unitPrice: '0' }]))).toBeUndefined();
  });

  it('refuses a line whose quantity × unit price has more decimals than USD allows, naming the line', () => {
    expect(checkInvoiceAmounts(invoice([{ quantity: '1', unitPrice: '10.00' }, { quantity: '3', unitPrice: '0.333' }]))).toEqual({
      kind: 'failed',
      code: 'invalid_amount',
      retriable: false,
      message: 'lines[1].amount: 3 × 0.333 = 0.999 has 3 decimals; USD allows 2',
    });
    expect(checkInvoiceAmounts(invoice([{ quantity: '1', unitPrice: '10.005' }]))).toMatchObject({ code: 'invalid_amount', message: expect.stringMatching(/^lines\[0\]\.amount: /) as unknown });
  });

  it('accepts a unit price with more decimals than the currency when the line amount is exact', () => {
    const exact = invoice([{ quantity: '8', unitPrice: '0.125' }]);
    expect(checkInvoiceAmounts(exact)).toBeUndefined();
    const body = invoiceBody(settings, exact, { customerQboId: '1', docNumber: '1001', itemIds: ['5'], marker: 'm' });
    expect((body.Line as Array<Record<string, unknown>>)[0]).toMatchObject({ Amount: 1, SalesItemLineDetail: { Qty: 8, UnitPrice: 0.125 } });
  });

  it('allows no decimals at all in a JPY invoice', () => {
    expect(checkInvoiceAmounts(invoice([{ quantity: '3', unitPrice: '1200' }], { currency: 'JPY' }))).toBeUndefined();
    expect(checkInvoiceAmounts(invoice([{ quantity: '1', unitPrice: '1200.50' }], { currency: 'JPY' }))).toMatchObject({
      code: 'invalid_amount',
      message: 'lines[0].amount: 1 × 1200.50 = 1200.5 has 1 decimals; JPY allows 0',
    });
  });

  it('refuses an invoice whose total is negative, even when some lines are positive', () => {
    expect(checkInvoiceAmounts(invoice([{ quantity: '1', unitPrice: '10.00' }, { quantity: '1', unitPrice: '-10.01' }]))).toEqual({
      kind: 'failed',
      code: 'invalid_amount',
      retriable: false,
      message: 'total: the lines add up to -0.01 USD; an invoice total cannot be negative',
    });
  });

  it('refuses a unit price that a JSON number cannot carry exactly', () => {
    expect(checkInvoiceAmounts(invoice([{ quantity: '1', unitPrice: '999999999999999.99' }]))).toMatchObject({ code: 'invalid_amount', message: expect.stringMatching(/^lines\[0\]\.unitPrice: /) as unknown });
  });

  it('refuses through filterInvoice, after the filters the admin chose', () => {
    const negative = invoice([{ quantity: '1', unitPrice: '-5.00' }]);
    expect(filterInvoice(settings, negative)).toMatchObject({ kind: 'failed', code: 'invalid_amount' });
    const filtered = effectiveSettingsSchema.parse({ settings: { filters: { syncDataAfter: '2025-01-01' } }, mappings: {} });
    expect(filterInvoice(filtered, negative)).toMatchObject({ kind: 'skipped', filter: 'sync_data_after' });
  });
});
