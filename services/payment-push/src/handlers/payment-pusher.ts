import type { EffectiveSettings } from '@ledgerbus/contracts';
import type { PushContext, PushJob, PushOutcome, Pusher } from '@ledgerbus/push';
import { assertWrittenByUs, createMany, createdOutcome, failureOf, markerOf, qboQuote, removeInQbo, requestKey } from '@ledgerbus/push';
import type { CreateItem } from '@ledgerbus/push';
import type { QboEntity } from '@ledgerbus/qbo';
import type { PlatformPayment } from '../domain/payment';
import { checkAmounts, filterPayment, parsePayment, paymentBody, referenceOf } from '../domain/payment';

type Entity = QboEntity & Record<string, unknown>;

export function createPaymentPusher(): Pusher {
  return {
    entity: 'payment',
    enabled: (settings: EffectiveSettings) => settings.settings.payments.enabled && settings.settings.invoices.enabled,
    dependencies: (payload) => [
      ...(typeof payload.customerId === 'string' ? [{ entity: 'customer', platformId: payload.customerId }] : []),
      ...(Array.isArray(payload.appliedTo) ? payload.appliedTo.flatMap((a: { invoiceId?: unknown }) => (typeof a.invoiceId === 'string' ? [{ entity: 'invoice', platformId: a.invoiceId }] : [])) : []),
    ],

    async push(ctx, jobs) {
      const outcomes = new Map<string, PushOutcome>();
      const payments = new Map<string, PlatformPayment>();
      for (const j of jobs) {
        if (!j.payload) continue;
        try {
          payments.set(j.recordId, parsePayment(j.payload));
        } catch (err) {
          if (j.op === 'upsert') outcomes.set(j.recordId, { kind: 'failed', code: 'invalid_payment', message: String(err), retriable: false });
        }
      }
      const all = [...payments.values()];
      const customers = await ctx.links.get('customer', all.map((p) => p.customerId));
      const invoiceLinks = await ctx.links.get('invoice', all.flatMap((p) => p.appliedTo.map((a) => a.invoiceId)));
      const customerFailures = await ctx.links.failures('customer', all.map((p) => p.customerId).filter((id) => !customers.has(id)));
      const invoiceFailures = await ctx.links.failures('invoice', all.flatMap((p) => p.appliedTo.map((a) => a.invoiceId)).filter((id) => !invoiceLinks.has(id)));
      const prepared: Array<{ job: PushJob; payment: PlatformPayment; customerQboId: string; ref: string | undefined; body: Record<string, unknown> }> = [];
      for (const job of jobs.filter((j) => j.op === 'upsert')) {
        const payment = payments.get(job.recordId);
        if (!payment || outcomes.has(job.recordId)) continue;
        const outcome = filterPayment(ctx.settings, payment) ?? checkAmounts(payment);
        if (outcome) {
          outcomes.set(job.recordId, outcome);
          continue;
        }
        const customerQboId = customers.get(payment.customerId);
        const customerFailure = customerQboId ? undefined : customerFailures.get(payment.customerId);
        if (customerFailure) {
          outcomes.set(job.recordId, { kind: 'failed', code: 'customer_sync_failed', message: `customer ${payment.customerId} could not be synced (${customerFailure.code}): ${customerFailure.message}`, retriable: false });
          continue;
        }
        if (!customerQboId) {
          outcomes.set(job.recordId, { kind: 'wait', code: 'customer_not_synced', message: `customer ${payment.customerId} is not linked to a QBO customer yet` });
          continue;
        }
        const missing = payment.appliedTo.filter((a) => !invoiceLinks.has(a.invoiceId)).map((a) => a.invoiceId);
        const failedInvoice = missing.find((id) => invoiceFailures.has(id));
        if (failedInvoice !== undefined) {
          const f = invoiceFailures.get(failedInvoice) as { code: string; message: string };
          if (f.code === 'sync_data_after' || f.code === 'market_segment') {
            // The admin's filter left the invoice out of QBO: its payment is left out by the same filter.
            outcomes.set(job.recordId, { kind: 'skipped', filter: f.code, message: `invoice ${failedInvoice} is not synced (${f.code}): ${f.message}`.slice(0, 1000) });
            continue;
          }
          // Told at once, not after the wait: pushed again on its own once the invoice is linked.
          outcomes.set(job.recordId, { kind: 'failed', code: 'invoice_push_failed', message: `invoice ${failedInvoice} could not be pushed (${f.code}): ${f.message}`, retriable: false });
          continue;
        }
        if (missing.length > 0) {
          outcomes.set(job.recordId, { kind: 'wait', code: 'invoice_not_synced', message: `invoice(s) ${missing.join(', ')} not in QBO yet` });
          continue;
        }
        const ref = referenceOf(ctx.settings, payment.reference);
        if (!ref.ok) {
          outcomes.set(job.recordId, { kind: 'failed', code: 'reference_too_long', message: ref.message, retriable: false });
          continue;
        }
        const body = paymentBody(ctx.settings, payment, { customerQboId, invoiceQboIds: invoiceLinks, ref: ref.ref, marker: markerOf('payment', ctx.tenantId, job.recordId) });
        prepared.push({ job, payment, customerQboId, ref: ref.ref, body });
      }

      const inDoubt = prepared.filter((p) => !p.job.qboId && p.job.inDoubt);
      const found = await lookUp(ctx, inDoubt.map((p) => ({ recordId: p.job.recordId, customerQboId: p.customerQboId, date: p.payment.date })));
      const creates: CreateItem[] = [];
      for (const p of prepared) {
        const hit = found.get(p.job.recordId);
        const refPart = p.ref ? { docNumber: p.ref } : {};
        if (!p.job.qboId && hit) {
          outcomes.set(p.job.recordId, { kind: 'pushed', qboId: hit.Id, action: 'adopted', ...refPart, ...(hit.SyncToken ? { syncToken: hit.SyncToken } : {}) });
        } else if (!p.job.qboId) {
          creates.push({ recordId: p.job.recordId, body: p.body, requestKey: requestKey('payment', ctx.tenantId, p.job.recordId, p.job.version, 'create') });
        } else {
          const qboId = p.job.qboId;
          try {
            // Payment lines are all-or-none: the full Line array is sent.
            // Only the payment this record wrote is updated: the one read must carry its marker.
            const marker = markerOf('payment', ctx.tenantId, p.job.recordId);
            const updated = await ctx.qbo.sparseUpdate('Payment', qboId, (current) => {
              assertWrittenByUs('Payment', current, marker);
              return p.body;
            }, { requestId: requestKey('payment', ctx.tenantId, p.job.recordId, p.job.version, 'update') });
            outcomes.set(p.job.recordId, { kind: 'pushed', qboId, action: 'updated', ...refPart, ...(updated.SyncToken ? { syncToken: updated.SyncToken } : {}) });
          } catch (err) {
            outcomes.set(p.job.recordId, failureOf(err, qboId));
          }
        }
      }
      const created = await createMany(ctx.qbo, 'Payment', creates);
      for (const p of prepared) {
        const r = created.get(p.job.recordId);
        if (r) outcomes.set(p.job.recordId, createdOutcome(r, p.ref));
      }

      for (const job of jobs.filter((j) => j.op !== 'upsert')) {
        let qboId = job.qboId;
        const payment = payments.get(job.recordId);
        if (!qboId && payment) {
          const customerQboId = customers.get(payment.customerId);
          if (customerQboId) qboId = (await lookUp(ctx, [{ recordId: job.recordId, customerQboId, date: payment.date }])).get(job.recordId)?.Id ?? null;
        }
        outcomes.set(job.recordId, await removeInQbo(ctx, job, qboId, { entity: 'payment', qboEntity: 'Payment' }));
      }
      return outcomes;
    },
  };
}

/** Payments in QBO of this customer and date that carry our marker, by record id. */
async function lookUp(ctx: PushContext, wanted: Array<{ recordId: string; customerQboId: string; date: string }>): Promise<Map<string, Entity>> {
  const out = new Map<string, Entity>();
  const groups = new Map<string, typeof wanted>();
  for (const w of wanted) {
    const k = `${w.customerQboId}|${w.date}`;
    groups.set(k, [...(groups.get(k) ?? []), w]);
  }
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    // Page through every payment of the customer on that date (a busy customer can have more than one page).
    const entities: Entity[] = [];
    for (let start = 1; ; start += 1000) {
      const res = await ctx.qbo.query<Entity>(`select * from Payment where CustomerRef = ${qboQuote(first.customerQboId)} and TxnDate = ${qboQuote(first.date)} startposition ${start} maxresults 1000`);
      entities.push(...res.entities);
      if (res.entities.length < 1000) break;
    }
    for (const w of group) {
      const marker = markerOf('payment', ctx.tenantId, w.recordId);
      const hit = entities.find((e) => typeof e.PrivateNote === 'string' && e.PrivateNote.includes(marker));
      if (hit) out.set(w.recordId, hit);
    }
  }
  return out;
}
