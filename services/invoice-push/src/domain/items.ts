import type { SpecContext } from '@ledgerbus/push';
import { qboQuote } from '@ledgerbus/push';
import { QboDuplicateNameError } from '@ledgerbus/qbo';
import type { QboEntity } from '@ledgerbus/qbo';
import type { ItemPlan } from './invoice';

type Entity = QboEntity & Record<string, unknown>;

/** Finds, creates or updates the QBO item of a `by_name` plan; remembers it per realm (the engine's item cache). */
export async function ensureItem(ctx: SpecContext, plan: Extract<ItemPlan, { kind: 'by_name' }>): Promise<string> {
  const fingerprint = `${plan.type}|${plan.incomeAccountId}|${plan.expenseAccountId ?? ''}`;
  const cached = await ctx.items.get(plan.name);
  if (cached && cached.fingerprint === fingerprint) return cached.qboId;
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
  await ctx.items.save(plan.name, { qboId: item.Id, fingerprint });
  return item.Id;
}

/**
 * The QBO item of each line, in order: mapped, or found / created by name (once per round and
 * name: `memo`), or why a line has none (`item_not_mapped`).
 */
export async function lineItems(ctx: SpecContext, plans: readonly ItemPlan[], memo: Map<string, string>): Promise<{ ok: true; itemIds: string[] } | { ok: false; message: string }> {
  const itemIds: string[] = [];
  for (const plan of plans) {
    if (plan.kind === 'missing') return { ok: false, message: plan.message };
    if (plan.kind === 'item') {
      itemIds.push(plan.itemId);
      continue;
    }
    let id = memo.get(plan.name);
    if (!id) {
      id = await ensureItem(ctx, plan);
      memo.set(plan.name, id);
    }
    itemIds.push(id);
  }
  return { ok: true, itemIds };
}
