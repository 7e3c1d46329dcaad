/**
 * The one-command demo, in process: the whole embedded stack (in-memory bus, PGlite, the
 * sandbox) connected through OAuth and fed by the demo data set. Assertions read what a
 * user would look at: the QBO company (the sandbox's ledger), and the settings API's sync
 * log — not the demo's own summary.
 */
import { createLogger } from '@ledgerbus/kit';
import type { DemoRun } from '../src/demo';
import { runDemo } from '../src/demo';
import { centsToDecimal } from '../src/dataset';
import { toCents } from '../src/summary';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the embedded demo', () => {
  let run: DemoRun;
  const lines: string[] = [];

  beforeAll(async () => {
    run = await runDemo({
      logger: createLogger({ name: 'embedded-test', level: 'silent' }),
      ports: { sandbox: 0, connector: 0, mapping: 0, customerSync: 0, metrics: 0 },
      jwtSecret: 'embedded-test-secret-embedded-test-secret',
      // Metrics reads reports only; leaving it out keeps the test lighter on a shared machine.
      metrics: false,
      outcomeTimeoutMs: 150_000,
      print: (line) => lines.push(line),
    });
  }, 240_000);

  afterAll(async () => {
    await run?.stack.shutdown('test done');
  });

  const ledger = (entity: string): Json[] => run.stack.sandbox.admin.entities(run.stack.company.realmId, entity);

  it('connects the demo company through the OAuth redirects and maps accounts from its reference data', async () => {
    expect(run.connection.hops).toHaveLength(3);
    expect(run.connection.hops[1]).toContain('/connect/oauth2');
    expect(run.connection.hops[2]).toContain('/v1/oauth/callback');
    const res = await fetch(`${run.stack.urls.connector}/v1/tenants/${run.tenantId}/connection`, { headers: { authorization: `Bearer ${run.adminToken}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).connection).toMatchObject({ status: 'connected', realmId: run.stack.company.realmId });
    const settings = await fetch(`${run.stack.urls.mapping}/v1/tenants/${run.tenantId}/settings`, { headers: { authorization: `Bearer ${run.adminToken}` } });
    const body = (await settings.json()) as Json;
    expect(body.settings).toMatchObject({ invoices: { enabled: true }, payments: { enabled: true }, accounts: { deposit: run.mappings.accounts.deposit.id } });
    expect(body.problems).toEqual([]);
  });

  it('puts every invoice in QBO exactly once with its prefixed DocNumber, for the right customer', () => {
    const good = run.dataset.invoices.filter((i) => i.invoiceId !== 'inv-orphan');
    expect(good).toHaveLength(40);
    const ours = ledger('Invoice').filter((i) => String(i.DocNumber ?? '').startsWith('LB-'));
    expect(ours.map((i) => i.DocNumber).sort()).toEqual(good.map((i) => `LB-${i.number}`).sort());
    const customers = new Map(ledger('Customer').map((c) => [String(c.Id), String(c.DisplayName)]));
    const first = ours.find((i) => i.DocNumber === 'LB-INV-10001')!;
    expect(customers.get(String(first.CustomerRef.value))).toBe('Harbor View Dental');
    // The site became a sub-customer of its client.
    const site = ledger('Customer').find((c) => c.DisplayName === 'Harbor View Dental - Downtown Office')!;
    expect(site.ParentRef?.value).toBe(ledger('Customer').find((c) => c.DisplayName === 'Harbor View Dental')?.Id);
  });

  it('applies the payments: paid invoices are at zero, the partial one keeps half, unpaid ones keep their total', () => {
    const invoices = new Map(ledger('Invoice').map((i) => [String(i.DocNumber), i]));
    for (const inv of run.dataset.invoices.filter((i) => i.invoiceId !== 'inv-orphan')) {
      const total = run.dataset.invoiceTotalsCents.get(inv.invoiceId)!;
      const applied = run.dataset.appliedCents.get(inv.invoiceId) ?? 0;
      const qbo = invoices.get(`LB-${inv.number}`)!;
      expect([inv.invoiceId, centsToDecimal(toCents(qbo.TotalAmt)), centsToDecimal(toCents(qbo.Balance))]).toEqual([inv.invoiceId, centsToDecimal(total), centsToDecimal(total - applied)]);
    }
    const partial = invoices.get('LB-INV-10002')!;
    expect(toCents(partial.Balance)).toBeGreaterThan(0);
    expect(toCents(partial.Balance)).toBeLessThan(toCents(partial.TotalAmt));
    const payments = ledger('Payment').filter((p) => String(p.PaymentRefNum ?? '').startsWith('LBP-'));
    expect(payments).toHaveLength(30);
    expect(new Set(payments.map((p) => p.PaymentRefNum)).size).toBe(30);
  });

  it('fails the invoice for an unknown customer with customer_not_synced, in the outcome events and the sync log', async () => {
    expect(ledger('Invoice').some((i) => i.DocNumber === 'LB-INV-99999')).toBe(false);
    const failure = run.summary.failures.find((f) => f.platformId === 'inv-orphan');
    expect(failure).toMatchObject({ entity: 'invoice', code: 'customer_not_synced' });
    expect(failure?.message).toContain('cust-unknown');
    const res = await fetch(`${run.stack.urls.mapping}/v1/tenants/${run.tenantId}/sync-log?outcome=failed`, { headers: { authorization: `Bearer ${run.adminToken}` } });
    expect(res.status).toBe(200);
    const entries = ((await res.json()) as { entries: Json[] }).entries;
    expect(entries.map((e) => [e.type, e.platformId])).toEqual([['invoice.push_failed', 'inv-orphan']]);
    expect(entries[0]?.reason).toMatch(/customer_not_synced|cust-unknown/);
  });

  it('pushed everything through one "Enable Integration" run, phase after phase, with figures that match the ledger', async () => {
    const { run: sync } = run;
    expect(sync).toMatchObject({ kind: 'enable', status: 'partially_failed', startedBy: { type: 'user', id: 'demo-admin' } });
    expect(sync.phases.map((p) => `${p.phase}:${p.status}`)).toEqual(['inbound:completed', 'customers:completed', 'invoices:completed', 'payments:completed']);
    for (let i = 1; i < sync.phases.length; i++) {
      expect(Date.parse(String(sync.phases[i]?.startedAt))).toBeGreaterThanOrEqual(Date.parse(String(sync.phases[i - 1]?.endedAt)));
    }
    const [, customers, invoices, payments] = sync.phases;
    // Nothing was pushed before the run: every record is the run's.
    expect(customers?.summary).toMatchObject({ considered: 20, pushed: 20, alreadyCurrent: 0, failed: { total: 0 } });
    expect(invoices?.summary).toMatchObject({ considered: 41, pushed: 40, alreadyCurrent: 0, failed: { total: 1, reasons: { customer_not_synced: 1 } } });
    expect(payments?.summary).toMatchObject({ considered: 30, pushed: 30, alreadyCurrent: 0 });
    // The demo company has its own seeded documents: ours carry the prefixes.
    expect(ledger('Invoice').filter((i) => String(i.DocNumber).startsWith('LB-'))).toHaveLength(40);
    expect(ledger('Payment').filter((p) => String(p.PaymentRefNum ?? '').startsWith('LBP-'))).toHaveLength(30);
    // Seed 003's Synchronization Details, printed.
    expect(lines.some((l) => /Starting Customer Synchronization/.test(l))).toBe(true);
    expect(lines.some((l) => /Ending Payment Synchronization: 30 considered, 30 pushed/.test(l))).toBe(true);
  });

  it('prints a summary that says what landed and what failed, and judges the run OK', () => {
    expect(run.summary.ok).toBe(true);
    expect(run.summary.pending).toEqual([]);
    expect(run.report).toContain('Invoices in QBO: 40');
    expect(run.report).toContain('Payments in QBO: 30');
    expect(run.report).toContain('invoice inv-orphan: customer_not_synced');
    expect(run.report).toContain('result: OK');
    expect(lines.some((l) => l.startsWith('[5/5]'))).toBe(true);
  });
});
