import type { EffectiveSettings } from '@ledgerbus/contracts';
import type { PushContext, PushJob, PushOutcome, Pusher } from '@ledgerbus/push';
import { assertWrittenByUs, createMany, createdOutcome, failureOf, markerOf, qboQuote, removeInQbo, requestKey } from '@ledgerbus/push';
import type { CreateItem } from '@ledgerbus/push';
import { QboDuplicateNameError } from '@ledgerbus/qbo';
import type { QboEntity } from '@ledgerbus/qbo';
import type { ItemPlan, PlatformInvoice } from '../domain/invoice';
import { docNumberOf, filterInvoice, invoiceBody, itemPlanFor, parseInvoice } from '../domain/invoice';

type Entity = QboEntity & Record<string, unknown>;

/** Finds, creates or updates the QBO item of a `by_name` plan; remembers it per realm. */
async function ensureItem(ctx: PushContext, plan: Extract<ItemPlan, { kind: 'by_name' }>): Promise<string> {
  const fingerprint = `${plan.type}|${plan.incomeAccountId}|${plan.expenseAccountId ?? ''}`;
  const cached = (await ctx.knex('qbo_items').where({ realm_id: ctx.realmId, name: plan.name }).first()) as { qbo_id: string; fingerprint: string } | undefined;
  if (cached && cached.fingerprint === fingerprint) return cached.qbo_id;
  const desired: Record<string, unknown> = { IncomeAccountRef: { value: plan.incomeAccountId } };
  if (plan.expenseAccountId) desired.ExpenseAccountRef = { value: plan.expenseAccountId };
  const find = async (): Promise<Entity | undefined> =>
    (await ctx.qbo.query<Entity>(`select * from Item where Name = ${qboQuote(plan.name)}`)).entities[0];
  let item = await find();
  if (!item) {
    try {
      item = (await ctx.qbo.create('Item', { Name: plan.name, Type: plan.type, ...desired }, { requestId: `lb:item:${ctx.realmId}:${plan.name}:${fingerprint}` }));
    } catch (err) {
      if (!(err instanceof QboDuplicateNameError)) throw err;
      item = await find();
      if (!item) throw err;
    }
  }
  const income = (item.IncomeAccountRef as { value?: string } | undefined)?.value;
  const expense = (item.ExpenseAccountRef as { value?: string } | undefined)?.value;
  if (income !== plan.incomeAccountId || (plan.expenseAccountId !== null && expense !== plan.expenseAccountId)) {
    item = (await ctx.qbo.sparseUpdate('Item', item.Id, () => desired, { requestId: `lb:item-upd:${ctx.realmId}:${item?.Id ?? ''}:${fingerprint}` }));
  }
  await ctx.knex('qbo_items').insert({ realm_id: ctx.realmId, name: plan.name, qbo_id: item.Id, fingerprint }).onConflict(['realm_id', 'name']).merge(['qbo_id', 'fingerprint']);
  return item.Id;
}

interface Prepared {
  job: PushJob;
  invoice: PlatformInvoice;
  docNumber: string;
  body: Record<string, unknown>;
}

export function createInvoicePusher(): Pusher {
  return {
    entity: 'invoice',
    enabled: (settings: EffectiveSettings) => settings.settings.invoices.enabled,
    dependencies: (payload) => (typeof payload.customerId === 'string' ? [{ entity: 'customer', platformId: payload.customerId }] : []),

    async push(ctx, jobs) {
      const outcomes = new Map<string, PushOutcome>();
      const upserts = jobs.filter((j) => j.op === 'upsert');
      const invoices = new Map<string, PlatformInvoice>();
      for (const j of jobs) {
        if (j.payload) {
          try {
            invoices.set(j.recordId, parseInvoice(j.payload));
          } catch (err) {
            if (j.op === 'upsert') outcomes.set(j.recordId, { kind: 'failed', code: 'invalid_invoice', message: String(err), retriable: false });
          }
        }
      }
      const customerIds = [...invoices.values()].map((i) => i.customerId);
      const customers = await ctx.links.get('customer', customerIds);
      const customerFailures = await ctx.links.failures('customer', customerIds.filter((id) => !customers.has(id)));
      const itemIds = new Map<string, string>();
      const prepared: Prepared[] = [];

      for (const job of upserts) {
        const invoice = invoices.get(job.recordId);
        if (!invoice || outcomes.has(job.recordId)) continue;
        const skip = filterInvoice(ctx.settings, invoice);
        if (skip) {
          outcomes.set(job.recordId, skip);
          continue;
        }
        const customerQboId = customers.get(invoice.customerId);
        const customerFailure = customerQboId ? undefined : customerFailures.get(invoice.customerId);
        if (customerFailure) {
          // Told at once, not after the wait: pushed again on its own once the customer is linked.
          outcomes.set(job.recordId, { kind: 'failed', code: 'customer_sync_failed', message: `customer ${invoice.customerId} could not be synced (${customerFailure.code}): ${customerFailure.message}`, retriable: false });
          continue;
        }
        if (!customerQboId) {
          outcomes.set(job.recordId, { kind: 'wait', code: 'customer_not_synced', message: `customer ${invoice.customerId} is not linked to a QBO customer yet` });
          continue;
        }
        const doc = docNumberOf(ctx.settings, invoice.number);
        if (!doc.ok) {
          outcomes.set(job.recordId, { kind: 'failed', code: 'doc_number_too_long', message: doc.message, retriable: false });
          continue;
        }
        const lineItems: string[] = [];
        let missing: string | undefined;
        try {
          for (const line of invoice.lines) {
            const plan = itemPlanFor(ctx.settings, line);
            if (plan.kind === 'missing') {
              missing = plan.message;
              break;
            }
            if (plan.kind === 'item') lineItems.push(plan.itemId);
            else {
              const key = `${plan.name}`;
              let id = itemIds.get(key);
              if (!id) {
                id = await ensureItem(ctx, plan);
                itemIds.set(key, id);
              }
              lineItems.push(id);
            }
          }
        } catch (err) {
          outcomes.set(job.recordId, failureOf(err));
          continue;
        }
        if (missing) {
          outcomes.set(job.recordId, { kind: 'failed', code: 'item_not_mapped', message: missing, retriable: false });
          continue;
        }
        const body = invoiceBody(ctx.settings, invoice, { customerQboId, docNumber: doc.docNumber, itemIds: lineItems, marker: markerOf('invoice', ctx.tenantId, job.recordId) });
        prepared.push({ job, invoice, docNumber: doc.docNumber, body });
      }

      // After an uncertain outcome: look the invoice up by DocNumber and our marker before creating again.
      const inDoubt = prepared.filter((p) => !p.job.qboId && p.job.inDoubt);
      const found = await lookUp(ctx, inDoubt.map((p) => ({ recordId: p.job.recordId, docNumber: p.docNumber })));
      const creates: CreateItem[] = [];
      for (const p of prepared) {
        const existing = p.job.qboId ?? found.get(p.job.recordId)?.Id;
        if (!existing) {
          creates.push({ recordId: p.job.recordId, body: p.body, requestKey: requestKey('invoice', ctx.tenantId, p.job.recordId, p.job.version, 'create') });
          continue;
        }
        const adopted = !p.job.qboId;
        if (adopted && found.get(p.job.recordId)) {
          const f = found.get(p.job.recordId) as Entity;
          outcomes.set(p.job.recordId, { kind: 'pushed', qboId: f.Id, docNumber: p.docNumber, action: 'adopted', ...(f.SyncToken ? { syncToken: f.SyncToken } : {}) });
          continue;
        }
        try {
          // Only the invoice this record wrote is updated: the one read must carry its marker.
          const marker = markerOf('invoice', ctx.tenantId, p.job.recordId);
          const updated = await ctx.qbo.sparseUpdate('Invoice', existing, (current) => {
            assertWrittenByUs('Invoice', current, marker);
            return p.body;
          }, { requestId: requestKey('invoice', ctx.tenantId, p.job.recordId, p.job.version, 'update') });
          outcomes.set(p.job.recordId, { kind: 'pushed', qboId: updated.Id, docNumber: p.docNumber, action: 'updated', ...(updated.SyncToken ? { syncToken: updated.SyncToken } : {}) });
        } catch (err) {
          outcomes.set(p.job.recordId, failureOf(err, existing));
        }
      }
      const created = await createMany(ctx.qbo, 'Invoice', creates);
      for (const p of prepared) {
        const r = created.get(p.job.recordId);
        if (r) outcomes.set(p.job.recordId, createdOutcome(r, p.docNumber));
      }

      // Voids and deletes.
      for (const job of jobs.filter((j) => j.op !== 'upsert')) {
        let qboId = job.qboId;
        if (!qboId) {
          const invoice = invoices.get(job.recordId);
          const doc = invoice ? docNumberOf(ctx.settings, invoice.number) : undefined;
          if (doc?.ok) qboId = (await lookUp(ctx, [{ recordId: job.recordId, docNumber: doc.docNumber }])).get(job.recordId)?.Id ?? null;
        }
        outcomes.set(job.recordId, await removeInQbo(ctx, job, qboId, { entity: 'invoice', qboEntity: 'Invoice' }));
      }
      return outcomes;
    },
  };
}

/** Invoices in QBO with one of these DocNumbers that carry our marker, by record id. */
async function lookUp(ctx: PushContext, wanted: Array<{ recordId: string; docNumber: string }>): Promise<Map<string, Entity>> {
  const out = new Map<string, Entity>();
  if (wanted.length === 0) return out;
  const docs = [...new Set(wanted.map((w) => w.docNumber))];
  const found: Entity[] = [];
  for (let i = 0; i < docs.length; i += 30) {
    const slice = docs.slice(i, i + 30);
    const res = await ctx.qbo.query<Entity>(`select * from Invoice where DocNumber in (${slice.map(qboQuote).join(', ')}) maxresults 1000`);
    found.push(...res.entities);
  }
  for (const w of wanted) {
    const marker = markerOf('invoice', ctx.tenantId, w.recordId);
    const hit = found.find((e) => e.DocNumber === w.docNumber && typeof e.PrivateNote === 'string' && e.PrivateNote.includes(marker));
    if (hit) out.set(w.recordId, hit);
  }
  return out;
}
