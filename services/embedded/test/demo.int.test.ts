/**
 * The one-command demo, in process: the whole embedded stack (in-memory bus, PGlite, the
 * sandbox) connected through OAuth and fed by the demo data set. Assertions read what a
 * user would look at: the QBO company (the sandbox's ledger), and the settings API's sync
 * log — not the demo's own summary.
 */
import { createLogger, mintToken } from '@ledgerbus/kit';
import { waitFor } from '@ledgerbus/testing';
import type { DemoRun } from '../src/demo';
import { runDemo } from '../src/demo';
import { centsToDecimal } from '../src/dataset';
import { toCents } from '../src/summary';
import type { WebhookReceiver } from './support/webhook-receiver';
import { startWebhookReceiver } from './support/webhook-receiver';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the embedded demo', () => {
  let run: DemoRun;
  const lines: string[] = [];

  beforeAll(async () => {
    run = await runDemo({
      logger: createLogger({ name: 'embedded-test', level: 'silent' }),
      ports: { sandbox: 0, connector: 0, mapping: 0, customerSync: 0, metrics: 0, ingest: 0, webhooks: 0 },
      jwtSecret: 'embedded-test-secret-embedded-test-secret',
      // Metrics reads reports only; leaving it out keeps the test lighter on a shared machine.
      metrics: false,
      outcomeTimeoutMs: 150_000,
      print: (line) => lines.push(line),
    });
  }, 240_000);

  let receiver: WebhookReceiver | undefined;
  afterAll(async () => {
    await run?.stack.shutdown('test done');
    await receiver?.close();
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

  it("meters every service's QBO calls by Intuit's class: the tenant's usage equals the sandbox's own counters, call for call", async () => {
    const realmId = run.stack.company.realmId;
    const usage = async (): Promise<Json> => {
      const res = await fetch(`${run.stack.urls.connector}/v1/tenants/${run.tenantId}/qbo-usage`, { headers: { authorization: `Bearer ${run.adminToken}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as Json;
    };
    const sandboxCounts = () => run.stack.sandbox.admin.metering(realmId).total;
    // The meter writes every second; the connector's CDC poll may add a read meanwhile, so compare until both agree.
    await waitFor(async () => JSON.stringify((await usage()).thisMonth) === JSON.stringify(sandboxCounts()), { timeoutMs: 20_000, description: 'ledgerbus usage equal to the sandbox metering' });
    const counted = (await usage()).thisMonth as { core: number; corePlus: number };
    // The push workers' writes are counted too: at least the 20 customers, 40 invoices and 30 payments that landed.
    expect(counted.core).toBeGreaterThanOrEqual(90);
    expect(counted.corePlus).toBeGreaterThan(0);
  });

  // Last: it adds an invoice to the ledger, which the counts above do not expect.
  it("takes records over the ingest URL and tells the outcome through the webhooks service, signed, to a tenant's and the platform's endpoints", async () => {
    const { urls } = run.stack;
    const tenant = run.tenantId;
    receiver = await startWebhookReceiver();
    const hooks = receiver;
    const json = { 'content-type': 'application/json' };

    // The tenant's admin registers an endpoint for invoice and customer outcomes; the platform one for every event of every tenant.
    const tenantEndpoint = await fetch(`${urls.webhooks}/v1/tenants/${tenant}/webhook-endpoints`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${run.adminToken}` },
      body: JSON.stringify({ url: `${hooks.url}/tenant`, eventTypes: ['invoice.*', 'customer.*'] }),
    });
    expect(tenantEndpoint.status).toBe(201);
    hooks.setSecret('/tenant', ((await tenantEndpoint.json()) as Json).secret);
    const platformToken = await mintToken(run.stack.jwtSecret, { sub: 'svc:platform', tenant: '*', role: 'admin', svc: true, scope: 'webhooks' });
    const platformEndpoint = await fetch(`${urls.webhooks}/v1/webhook-endpoints`, { method: 'POST', headers: { ...json, authorization: `Bearer ${platformToken}` }, body: JSON.stringify({ url: `${hooks.url}/platform` }) });
    expect(platformEndpoint.status).toBe(201);
    hooks.setSecret('/platform', ((await platformEndpoint.json()) as Json).secret);

    // The platform's backend sends a customer and an invoice for it over HTTP (no version: the API assigns one).
    const ingestToken = await mintToken(run.stack.jwtSecret, { sub: 'svc:platform-backend', tenant, role: 'admin', svc: true, scope: 'ingest' });
    const send = (entity: string, record: object, key: string) =>
      fetch(`${urls.ingest}/v1/tenants/${tenant}/${entity}`, { method: 'POST', headers: { ...json, authorization: `Bearer ${ingestToken}`, 'idempotency-key': key }, body: JSON.stringify(record) });
    const customer = { customerId: 'cust-http-1', displayName: 'Over HTTP Heating & Air', billingAddress: { line1: '1 Loopback Way', city: 'Portland', state: 'OR', postalCode: '97201', country: 'USA' } };
    const template = run.dataset.invoices[0]!;
    const invoice = { invoiceId: 'inv-http-1', number: 'HTTP-0001', customerId: 'cust-http-1', txnDate: template.txnDate, currency: 'USD', lines: template.lines };
    const sentCustomer = await send('customers', customer, 'k-cust-http-1');
    expect(sentCustomer.status).toBe(202);
    const sentInvoice = await send('invoices', invoice, 'k-inv-http-1');
    expect(sentInvoice.status).toBe(202);
    const accepted = ((await sentInvoice.json()) as Json).accepted as Json[];
    expect(accepted).toMatchObject([{ index: 0, platformId: 'inv-http-1', version: 1, status: 'accepted' }]);
    // The same request again with its Idempotency-Key: the first answer, nothing sent again.
    const repeat = await send('invoices', invoice, 'k-inv-http-1');
    expect([repeat.status, repeat.headers.get('idempotent-replayed')]).toEqual([202, 'true']);

    // invoice.pushed reaches both endpoints, and each receiver verifies the signature with standardwebhooks.
    const pushedAt = (path: string) => hooks.received.find((r) => r.path === path && r.event?.type === 'invoice.pushed' && r.event?.data?.platformId === 'inv-http-1');
    await waitFor(() => pushedAt('/tenant') !== undefined && pushedAt('/platform') !== undefined, { timeoutMs: 90_000, description: 'invoice.pushed of inv-http-1 at both endpoints' });
    const pushed = pushedAt('/tenant')!;
    expect(pushed.verified).toBe(true);
    expect(pushedAt('/platform')!.verified).toBe(true);
    expect(pushedAt('/platform')!.webhookId).toBe(pushed.webhookId);
    expect(pushed.event).toMatchObject({ specversion: '1.0', id: pushed.webhookId, tenantid: tenant, data: { tenantId: tenant, platformId: 'inv-http-1', version: 1 } });
    expect(hooks.received.some((r) => r.path === '/tenant' && r.event?.type === 'customer.synced' && r.event?.data?.platformId === 'cust-http-1')).toBe(true);
    expect(hooks.received.every((r) => r.verified)).toBe(true);

    // In QBO once (the repeat sent nothing), and the record's status says so.
    const inQbo = ledger('Invoice').filter((i) => i.DocNumber === 'LB-HTTP-0001');
    expect(inQbo).toHaveLength(1);
    expect(String(pushed.event.data.qboId)).toBe(String(inQbo[0]!.Id));
    const status = await fetch(accepted[0]!.statusUrl.startsWith('http') ? accepted[0]!.statusUrl : `${urls.ingest}${accepted[0]!.statusUrl}`, { headers: { authorization: `Bearer ${ingestToken}` } });
    expect(status.status).toBe(200);
    expect((await status.json()) as Json).toMatchObject({ latestVersion: 1, state: 'pushed', qboId: String(inQbo[0]!.Id) });
  });
});
