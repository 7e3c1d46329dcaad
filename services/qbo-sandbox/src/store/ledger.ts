import Decimal from 'decimal.js';
import type { Company, Json } from './company';
import { isObject } from './fields';
import { Money } from './money';

export type ReportBasis = 'Accrual' | 'Cash';

/** One side of a posting: debit positive, credit negative. */
export interface Posting {
  accountId: string;
  date: string;
  amount: Decimal;
  txnType: string;
  txnId: string;
}

/** Account that a line without one posts to (first Income account). */
const FALLBACK_INCOME = '';

function refValue(v: unknown): string | undefined {
  return isObject(v) && typeof v.value === 'string' ? v.value : undefined;
}

function money(v: unknown): Decimal {
  return v instanceof Money ? v.value : new Decimal(0);
}

interface SalesSplit {
  income: { accountId: string; amount: Decimal }[];
  cogs: { expenseId: string; assetId: string; amount: Decimal }[];
}

/** Where the lines of an invoice or sales receipt post: income per item, and COGS for inventory. */
function splitSales(company: Company, txn: Json): SalesSplit {
  const income: SalesSplit['income'] = [];
  const cogs: SalesSplit['cogs'] = [];
  const fallback = company.all('Account').find((a) => a.AccountType === 'Income');
  for (const line of (txn.Line as Json[] | undefined) ?? []) {
    if (line.DetailType === 'DiscountLineDetail' && isObject(line.DiscountLineDetail)) {
      // A discount reduces income on its discount account (a contra-income account in QBO's chart).
      const discountId = refValue(line.DiscountLineDetail.DiscountAccountRef);
      if (discountId) income.push({ accountId: discountId, amount: money(line.Amount).neg() });
      continue;
    }
    if (line.DetailType !== 'SalesItemLineDetail' || !isObject(line.SalesItemLineDetail)) continue;
    const detail = line.SalesItemLineDetail;
    const item = company.get('Item', refValue(detail.ItemRef) ?? '');
    const incomeId = refValue(item?.IncomeAccountRef) ?? (fallback ? String(fallback.Id) : FALLBACK_INCOME);
    income.push({ accountId: incomeId, amount: money(line.Amount) });
    if (item?.Type === 'Inventory' && typeof detail.Qty === 'number' && detail.Qty !== 0) {
      const cost = new Decimal(typeof item.PurchaseCost === 'number' ? item.PurchaseCost : 0).times(detail.Qty).toDecimalPlaces(2);
      const expenseId = refValue(item.ExpenseAccountRef);
      const assetId = refValue(item.AssetAccountRef);
      if (!cost.isZero() && expenseId && assetId) cogs.push({ expenseId, assetId, amount: cost });
    }
  }
  return { income, cogs };
}

function push(out: Posting[], accountId: string | undefined, date: string, amount: Decimal, txnType: string, txnId: string): void {
  if (accountId === undefined || amount.isZero()) return;
  out.push({ accountId, date, amount, txnType, txnId });
}

/** Allocate `amount` over parts in proportion to their weights, exactly (rounding on the last part). */
function allocate(amount: Decimal, weights: Decimal[]): Decimal[] {
  const total = weights.reduce((s, w) => s.plus(w), new Decimal(0));
  if (total.isZero()) return weights.map(() => new Decimal(0));
  let left = amount;
  return weights.map((w, i) => {
    if (i === weights.length - 1) return left;
    const share = amount.times(w).dividedBy(total).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    left = left.minus(share);
    return share;
  });
}

function computePostings(company: Company, basis: ReportBasis): Posting[] {
  const out: Posting[] = [];
  for (const inv of company.all('Invoice')) {
    const id = String(inv.Id);
    const date = String(inv.TxnDate);
    const split = splitSales(company, inv);
    for (const c of split.cogs) {
      push(out, c.expenseId, date, c.amount, 'Invoice', id);
      push(out, c.assetId, date, c.amount.neg(), 'Invoice', id);
    }
    if (basis === 'Cash') continue;
    push(out, refValue(inv.ARAccountRef), date, money(inv.TotalAmt), 'Invoice', id);
    for (const i of split.income) push(out, i.accountId, date, i.amount.neg(), 'Invoice', id);
  }
  for (const p of company.all('Payment')) {
    const id = String(p.Id);
    const date = String(p.TxnDate);
    const total = money(p.TotalAmt);
    push(out, refValue(p.DepositToAccountRef), date, total, 'Payment', id);
    if (basis === 'Accrual') {
      push(out, refValue(p.ARAccountRef), date, total.neg(), 'Payment', id);
      continue;
    }
    // Cash basis: the applied part is income now, in proportion to the invoice's lines.
    let applied = new Decimal(0);
    for (const line of (p.Line as Json[] | undefined) ?? []) {
      const amount = money(line.Amount);
      const invoiceId = ((line.LinkedTxn as Json[] | undefined) ?? [])[0]?.TxnId;
      const inv = typeof invoiceId === 'string' ? company.get('Invoice', invoiceId) : undefined;
      if (!inv || amount.isZero()) continue;
      const split = splitSales(company, inv);
      const shares = allocate(amount, split.income.map((i) => i.amount));
      split.income.forEach((i, k) => push(out, i.accountId, date, (shares[k] ?? new Decimal(0)).neg(), 'Payment', id));
      applied = applied.plus(amount);
    }
    push(out, refValue(p.ARAccountRef), date, total.minus(applied).neg(), 'Payment', id);
  }
  for (const sr of company.all('SalesReceipt')) {
    const id = String(sr.Id);
    const date = String(sr.TxnDate);
    const split = splitSales(company, sr);
    push(out, refValue(sr.DepositToAccountRef), date, money(sr.TotalAmt), 'SalesReceipt', id);
    for (const i of split.income) push(out, i.accountId, date, i.amount.neg(), 'SalesReceipt', id);
    for (const c of split.cogs) {
      push(out, c.expenseId, date, c.amount, 'SalesReceipt', id);
      push(out, c.assetId, date, c.amount.neg(), 'SalesReceipt', id);
    }
  }
  for (const pu of company.all('Purchase')) {
    const id = String(pu.Id);
    const date = String(pu.TxnDate);
    push(out, refValue(pu.AccountRef), date, money(pu.TotalAmt).neg(), 'Purchase', id);
    for (const line of (pu.Line as Json[] | undefined) ?? []) {
      const detail = isObject(line.AccountBasedExpenseLineDetail) ? line.AccountBasedExpenseLineDetail : {};
      push(out, refValue(detail.AccountRef), date, money(line.Amount), 'Purchase', id);
    }
  }
  for (const je of company.all('JournalEntry')) {
    const id = String(je.Id);
    const date = String(je.TxnDate);
    for (const line of (je.Line as Json[] | undefined) ?? []) {
      const detail = isObject(line.JournalEntryLineDetail) ? line.JournalEntryLineDetail : {};
      const amount = money(line.Amount);
      push(out, refValue(detail.AccountRef), date, detail.PostingType === 'Credit' ? amount.neg() : amount, 'JournalEntry', id);
    }
  }
  return out;
}

/** What postings and balances depend on. */
const LEDGER_INPUTS = ['Invoice', 'Payment', 'SalesReceipt', 'Purchase', 'JournalEntry', 'Item', 'Account'];

interface DerivedCache {
  version: string;
  postings: Partial<Record<ReportBasis, Posting[]>>;
  accountBalances?: Map<string, Money>;
  customerBalances?: Map<string, Money>;
}

const caches = new WeakMap<Company, DerivedCache>();

function cacheOf(company: Company): DerivedCache {
  const version = company.versionOf(LEDGER_INPUTS);
  let c = caches.get(company);
  if (!c || c.version !== version) {
    c = { version, postings: {} };
    caches.set(company, c);
  }
  return c;
}

/** Every posting of the company's live transactions, on the given basis (cached per write version). */
export function postings(company: Company, basis: ReportBasis): Posting[] {
  const cache = cacheOf(company);
  return (cache.postings[basis] ??= computePostings(company, basis));
}

const CREDIT_NORMAL = new Set(['Liability', 'Equity', 'Revenue']);
const BALANCE_SHEET = new Set(['Asset', 'Liability', 'Equity']);

/** Balance-sheet accounts' CurrentBalance (normal sign); income/expense accounts read 0, as in QBO. */
export function accountBalances(company: Company): Map<string, Money> {
  const cache = cacheOf(company);
  if (cache.accountBalances) return cache.accountBalances;
  const sums = new Map<string, Decimal>();
  for (const p of postings(company, 'Accrual')) sums.set(p.accountId, (sums.get(p.accountId) ?? new Decimal(0)).plus(p.amount));
  const out = new Map<string, Money>();
  for (const a of company.all('Account')) {
    const cls = String(a.Classification);
    if (!BALANCE_SHEET.has(cls)) continue;
    const sum = sums.get(String(a.Id)) ?? new Decimal(0);
    out.set(String(a.Id), new Money(CREDIT_NORMAL.has(cls) ? sum.neg() : sum));
  }
  cache.accountBalances = out;
  return out;
}

/** Customer Balance: open invoice balances less unapplied payments. */
export function customerBalances(company: Company): Map<string, Money> {
  const cache = cacheOf(company);
  if (cache.customerBalances) return cache.customerBalances;
  const out = new Map<string, Money>();
  const add = (id: string | undefined, m: Money): void => {
    if (id !== undefined) out.set(id, (out.get(id) ?? Money.zero()).plus(m));
  };
  for (const inv of company.all('Invoice')) add(refValue(inv.CustomerRef), inv.Balance as Money);
  for (const p of company.all('Payment')) add(refValue(p.CustomerRef), (p.UnappliedAmt as Money).neg());
  cache.customerBalances = out;
  return out;
}
