import { invoiceUpserted } from '@ledgerbus/contracts';
import type { FoundEntity, PushSpec, SpecContext } from '@ledgerbus/push';
import { failureOf, pickMarked, qboQuote } from '@ledgerbus/push';
import type { PlatformInvoice } from '../domain/invoice';
import { docNumberOf, filterInvoice, invoiceBody, itemPlanFor } from '../domain/invoice';
import { lineItems } from '../domain/items';

/** Items found or created by name in one round (the context is the round's): each name once. */
const itemsOfRound = new WeakMap<SpecContext, Map<string, string>>();

/** Invoices in QBO with one of these DocNumbers that carry our marker, by record id (one query per 30 numbers). */
async function findByDocNumber(ctx: SpecContext, wanted: ReadonlyArray<{ recordId: string; key: string }>): Promise<Map<string, FoundEntity>> {
  const docs = [...new Set(wanted.map((w) => w.key))];
  const found: FoundEntity[] = [];
  for (let i = 0; i < docs.length; i += 30) {
    const slice = docs.slice(i, i + 30);
    found.push(...(await ctx.qbo.query<FoundEntity>(`select * from Invoice where DocNumber in (${slice.map(qboQuote).join(', ')}) maxresults 1000`)).entities);
  }
  return pickMarked('invoice', ctx.tenantId, wanted, (w) => found.filter((e) => e.DocNumber === w.key));
}

/** An invoice's push: its customer first, found in QBO by DocNumber (prefix + number), items by mapping or by name. */
export const invoiceSpec: PushSpec<PlatformInvoice, string> = {
  entity: 'invoice',
  qboEntity: 'Invoice',
  schema: invoiceUpserted,
  enabled: (settings) => settings.settings.invoices.enabled,
  dependencies: [{ entity: 'customer', ids: (invoice) => [invoice.customerId] }],
  filter: filterInvoice,

  async body(ctx, invoice, { linked, marker }) {
    const doc = docNumberOf(ctx.settings, invoice.number);
    if (!doc.ok) return { outcome: { kind: 'failed', code: 'doc_number_too_long', message: doc.message, retriable: false } };
    let memo = itemsOfRound.get(ctx);
    if (!memo) itemsOfRound.set(ctx, (memo = new Map<string, string>()));
    let items: Awaited<ReturnType<typeof lineItems>>;
    try {
      items = await lineItems(ctx, invoice.lines.map((line) => itemPlanFor(ctx.settings, line)), memo);
    } catch (err) {
      return { outcome: failureOf(err) };
    }
    if (!items.ok) return { outcome: { kind: 'failed', code: 'item_not_mapped', message: items.message, retriable: false } };
    const customerQboId = linked.id('customer', invoice.customerId);
    const body = invoiceBody(ctx.settings, invoice, { customerQboId, docNumber: doc.docNumber, itemIds: items.itemIds, marker });
    return { body, docNumber: doc.docNumber };
  },

  findKey(settings, invoice) {
    const doc = docNumberOf(settings, invoice.number);
    return doc.ok ? doc.docNumber : undefined;
  },
  find: findByDocNumber,
};
