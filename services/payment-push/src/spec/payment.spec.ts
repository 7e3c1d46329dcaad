import { paymentRecorded } from '@ledgerbus/contracts';
import type { FoundEntity, PushSpec, SpecContext } from '@ledgerbus/push';
import { pickMarked, qboQuote } from '@ledgerbus/push';
import type { PlatformPayment } from '../domain/payment';
import { checkAmounts, filterPayment, paymentBody, referenceOf } from '../domain/payment';

/** A payment is found in QBO among its customer's payments of its date. */
interface PaymentKey {
  customerQboId: string;
  date: string;
}

/** Payments in QBO of this customer and date that carry our marker, by record id (every page of each customer and date once). */
async function findByCustomerAndDate(ctx: SpecContext, wanted: ReadonlyArray<{ recordId: string; key: PaymentKey }>): Promise<Map<string, FoundEntity>> {
  const groupOf = (key: PaymentKey): string => `${key.customerQboId}|${key.date}`;
  const read = new Map<string, FoundEntity[]>();
  for (const { key } of wanted) {
    if (read.has(groupOf(key))) continue;
    // Page through every payment of the customer on that date (a busy customer can have more than one page).
    const entities: FoundEntity[] = [];
    for (let start = 1; ; start += 1000) {
      const res = await ctx.qbo.query<FoundEntity>(`select * from Payment where CustomerRef = ${qboQuote(key.customerQboId)} and TxnDate = ${qboQuote(key.date)} startposition ${start} maxresults 1000`);
      entities.push(...res.entities);
      if (res.entities.length < 1000) break;
    }
    read.set(groupOf(key), entities);
  }
  return pickMarked('payment', ctx.tenantId, wanted, (w) => read.get(groupOf(w.key)) ?? []);
}

/** A payment's push: its customer and the invoices it pays first (applied to them in QBO), found in QBO by customer, date and marker. */
export const paymentSpec: PushSpec<PlatformPayment, PaymentKey> = {
  entity: 'payment',
  qboEntity: 'Payment',
  schema: paymentRecorded,
  enabled: (settings) => settings.settings.payments.enabled && settings.settings.invoices.enabled,
  dependencies: [
    { entity: 'customer', ids: (payment) => [payment.customerId] },
    { entity: 'invoice', ids: (payment) => payment.appliedTo.map((a) => a.invoiceId) },
  ],
  filter: (settings, payment) => filterPayment(settings, payment) ?? checkAmounts(payment),

  body(ctx, payment, { linked, marker }) {
    const ref = referenceOf(ctx.settings, payment.reference);
    if (!ref.ok) return Promise.resolve({ outcome: { kind: 'failed', code: 'reference_too_long', message: ref.message, retriable: false } });
    // Payment lines are all-or-none: an update sends the full Line array too.
    const body = paymentBody(ctx.settings, payment, { customerQboId: linked.id('customer', payment.customerId), invoiceQboIds: linked.of('invoice'), ref: ref.ref, marker });
    return Promise.resolve({ body, ...(ref.ref !== undefined ? { docNumber: ref.ref } : {}) });
  },

  findKey(_settings, payment, linked) {
    const customerQboId = linked.of('customer').get(payment.customerId);
    return customerQboId === undefined ? undefined : { customerQboId, date: payment.date };
  },
  find: findByCustomerAndDate,
};
