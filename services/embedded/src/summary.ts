/**
 * Step 5: what landed in QBO — read from the sandbox's ledger, not from our own tables —
 * what failed and why, and what is still pending; plus the checks a user would make
 * (every invoice exactly once, payments reduced balances by what they applied).
 */
import { Money } from '@ledgerbus/qbo-sandbox';
import type { DemoDataset } from './dataset';
import { centsToDecimal } from './dataset';
import type { Outcome } from './outcomes';
import { recordKey } from './outcomes';

type Json = Record<string, unknown>;

/** Reads the QBO company's current records (the sandbox's store, or its admin API). */
export type LedgerReader = (entity: 'Customer' | 'Invoice' | 'Payment') => Json[];

export interface CustomerRow {
  platformId: string;
  name: string;
  qboId: string | undefined;
  qboDisplayName: string | undefined;
  parentQboId: string | undefined;
}
export interface InvoiceRow {
  platformId: string;
  docNumber: string;
  qboId: string;
  customer: string;
  totalCents: number;
  balanceCents: number;
  expectedBalanceCents: number;
}
export interface PaymentRow {
  platformId: string;
  refNum: string;
  qboId: string;
  totalCents: number;
  unappliedCents: number;
  appliedTo: string[];
}
export interface FailureRow {
  entity: string;
  platformId: string;
  code: string;
  message: string;
  expected: boolean;
}

export interface DemoSummary {
  ok: boolean;
  customers: CustomerRow[];
  invoices: InvoiceRow[];
  payments: PaymentRow[];
  failures: FailureRow[];
  skipped: FailureRow[];
  pending: string[];
  /** DocNumbers found more than once in QBO (must be empty). */
  duplicates: string[];
  /** Published invoices (not expected to fail) that are not in QBO. */
  missingInvoices: string[];
  /** Invoices whose balance is not total − applied. */
  balanceMismatches: string[];
  problems: string[];
}

/** A QBO amount (number, decimal string, or the sandbox store's Money) in cents, without floating-point arithmetic on money. */
export function toCents(value: unknown): number {
  const raw = typeof value === 'number' ? value.toFixed(2) : typeof value === 'string' ? value : value instanceof Money ? value.toString() : '0';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(raw.trim());
  if (match === null) return Number.NaN;
  const [, sign, whole, fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(`${fraction}00`.slice(0, 2));
  return sign === '-' ? -cents : cents;
}

/** A scalar field of a QBO record as text ('' when absent or not a scalar). */
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

const ref = (value: unknown): string | undefined => (typeof value === 'object' && value !== null ? ((value as { value?: string }).value ?? undefined) : undefined);

export function buildSummary(input: { dataset: DemoDataset; outcomes: Map<string, Outcome>; pending: string[]; ledger: LedgerReader; prefixes: { invoices: string; payments: string } }): DemoSummary {
  const { dataset, outcomes, ledger, prefixes } = input;
  const expectedFailure = new Set(dataset.expectedFailures.map((f) => recordKey(f.entity, f.platformId)));
  const problems: string[] = [];

  const qboCustomers = new Map(ledger('Customer').map((c) => [String(c.Id), c]));
  const customers: CustomerRow[] = dataset.customers.map((c) => {
    const outcome = outcomes.get(recordKey('customer', c.customerId));
    const qbo = outcome?.qboId === undefined ? undefined : qboCustomers.get(outcome.qboId);
    return {
      platformId: c.customerId,
      name: c.displayName,
      qboId: outcome?.status === 'synced' ? outcome.qboId : undefined,
      qboDisplayName: qbo === undefined ? undefined : String(qbo.DisplayName),
      parentQboId: qbo === undefined ? undefined : ref(qbo.ParentRef),
    };
  });
  const customerName = (qboId: string | undefined): string => (qboId === undefined ? '?' : text(qboCustomers.get(qboId)?.DisplayName) || `#${qboId}`);

  // Invoices: ours are the ones with our DocNumber prefix.
  const ourInvoices = ledger('Invoice').filter((i) => typeof i.DocNumber === 'string' && i.DocNumber.startsWith(prefixes.invoices));
  const byDoc = new Map<string, Json[]>();
  for (const inv of ourInvoices) byDoc.set(String(inv.DocNumber), [...(byDoc.get(String(inv.DocNumber)) ?? []), inv]);
  const duplicates = [...byDoc.entries()].filter(([, list]) => list.length > 1).map(([doc]) => doc);
  const invoices: InvoiceRow[] = [];
  const missingInvoices: string[] = [];
  const balanceMismatches: string[] = [];
  for (const inv of dataset.invoices) {
    const key = recordKey('invoice', inv.invoiceId);
    const docNumber = `${prefixes.invoices}${inv.number}`;
    const found = byDoc.get(docNumber)?.[0];
    if (found === undefined) {
      if (!expectedFailure.has(key)) missingInvoices.push(`${inv.invoiceId} (${docNumber})`);
      continue;
    }
    if (expectedFailure.has(key)) problems.push(`${inv.invoiceId} should have failed but is in QBO as ${docNumber}`);
    const totalCents = toCents(found.TotalAmt);
    const balanceCents = toCents(found.Balance);
    const expectedBalanceCents = (dataset.invoiceTotalsCents.get(inv.invoiceId) ?? totalCents) - (dataset.appliedCents.get(inv.invoiceId) ?? 0);
    if (totalCents !== dataset.invoiceTotalsCents.get(inv.invoiceId)) problems.push(`${docNumber}: QBO total ${centsToDecimal(totalCents)} ≠ platform total ${centsToDecimal(dataset.invoiceTotalsCents.get(inv.invoiceId) ?? 0)}`);
    if (balanceCents !== expectedBalanceCents) balanceMismatches.push(`${docNumber}: balance ${centsToDecimal(balanceCents)}, expected ${centsToDecimal(expectedBalanceCents)}`);
    invoices.push({ platformId: inv.invoiceId, docNumber, qboId: String(found.Id), customer: customerName(ref(found.CustomerRef)), totalCents, balanceCents, expectedBalanceCents });
  }

  const qboInvoiceDoc = new Map(ledger('Invoice').map((i) => [String(i.Id), text(i.DocNumber) || `#${text(i.Id)}`]));
  const ourPayments = new Map(ledger('Payment').filter((p) => typeof p.PaymentRefNum === 'string' && p.PaymentRefNum.startsWith(prefixes.payments)).map((p) => [String(p.Id), p]));
  const payments: PaymentRow[] = [];
  for (const p of dataset.payments) {
    const outcome = outcomes.get(recordKey('payment', p.paymentId));
    const found = outcome?.qboId === undefined ? undefined : ourPayments.get(outcome.qboId);
    if (found === undefined) continue;
    const appliedTo = ((found.Line as Json[] | undefined) ?? []).flatMap((line) =>
      ((line.LinkedTxn as Json[] | undefined) ?? []).filter((t) => t.TxnType === 'Invoice').map((t) => `${qboInvoiceDoc.get(String(t.TxnId)) ?? `#${String(t.TxnId)}`} ${centsToDecimal(toCents(line.Amount))}`),
    );
    payments.push({ platformId: p.paymentId, refNum: String(found.PaymentRefNum), qboId: String(found.Id), totalCents: toCents(found.TotalAmt), unappliedCents: toCents(found.UnappliedAmt ?? 0), appliedTo });
  }

  const failures: FailureRow[] = [];
  const skipped: FailureRow[] = [];
  for (const o of outcomes.values()) {
    const row = { entity: o.entity, platformId: o.platformId, code: o.code ?? '', message: o.message ?? '', expected: expectedFailure.has(recordKey(o.entity, o.platformId)) };
    if (o.status === 'failed') failures.push(row);
    if (o.status === 'skipped') skipped.push(row);
  }
  for (const f of dataset.expectedFailures) {
    const o = outcomes.get(recordKey(f.entity, f.platformId));
    if (o?.status !== 'failed' || o.code !== f.code) problems.push(`${f.entity} ${f.platformId} should fail with ${f.code}, but ${o === undefined ? 'has no outcome yet' : `its outcome is ${o.status}${o.code ? ` (${o.code})` : ''}`}`);
  }
  const unexpectedFailures = failures.filter((f) => !f.expected);
  const ok = input.pending.length === 0 && duplicates.length === 0 && missingInvoices.length === 0 && balanceMismatches.length === 0 && unexpectedFailures.length === 0 && problems.length === 0 && payments.length === dataset.payments.length && customers.every((c) => c.qboId !== undefined);
  return { ok, customers, invoices, payments, failures, skipped, pending: input.pending, duplicates, missingInvoices, balanceMismatches, problems };
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => `    ${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd());
}

export function formatSummary(summary: DemoSummary): string {
  const out: string[] = [];
  const syncedCustomers = summary.customers.filter((c) => c.qboId !== undefined);
  out.push(`  Customers in QBO: ${syncedCustomers.length}/${summary.customers.length}`);
  out.push(...table([['platform id', 'QBO id', 'DisplayName in QBO'], ...summary.customers.map((c) => [c.platformId, c.qboId ?? '-', `${c.qboDisplayName ?? c.name}${c.parentQboId === undefined ? '' : `  (sub-customer of #${c.parentQboId})`}`])]));
  const paid = summary.invoices.filter((i) => i.balanceCents < i.totalCents).length;
  out.push('', `  Invoices in QBO: ${summary.invoices.length} (${paid} with payments applied)`);
  out.push(...table([['platform id', 'QBO id', 'DocNumber', 'customer', 'total', 'balance'], ...summary.invoices.map((i) => [i.platformId, i.qboId, i.docNumber, i.customer, centsToDecimal(i.totalCents), centsToDecimal(i.balanceCents)])]));
  out.push('', `  Payments in QBO: ${summary.payments.length}`);
  out.push(...table([['platform id', 'QBO id', 'reference', 'amount', 'unapplied', 'applied to'], ...summary.payments.map((p) => [p.platformId, p.qboId, p.refNum, centsToDecimal(p.totalCents), centsToDecimal(p.unappliedCents), p.appliedTo.join(', ')])]));
  out.push('', `  Failed: ${summary.failures.length}`);
  for (const f of summary.failures) out.push(`    ${f.entity} ${f.platformId}: ${f.code} — ${f.message}${f.expected ? '   (the deliberately bad record)' : ''}`);
  if (summary.skipped.length > 0) {
    out.push('', `  Skipped: ${summary.skipped.length}`);
    for (const s of summary.skipped) out.push(`    ${s.entity} ${s.platformId}: ${s.code} — ${s.message}`);
  }
  if (summary.pending.length > 0) out.push('', `  Still pending (no outcome event yet): ${summary.pending.length}`, `    ${summary.pending.join(', ')}`);
  out.push('', '  Checks:');
  out.push(`    every invoice exactly once in QBO: ${summary.duplicates.length === 0 && summary.missingInvoices.length === 0 ? 'yes' : `NO (duplicates: ${summary.duplicates.join(', ') || 'none'}; missing: ${summary.missingInvoices.join(', ') || 'none'})`}`);
  out.push(`    balances = total − payments applied: ${summary.balanceMismatches.length === 0 ? 'yes' : `NO (${summary.balanceMismatches.join('; ')})`}`);
  for (const p of summary.problems) out.push(`    problem: ${p}`);
  out.push(`    result: ${summary.ok ? 'OK' : 'NOT OK'}`);
  return out.join('\n');
}
