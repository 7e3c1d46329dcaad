/**
 * Divisions (seed 001): a tenant connects one QBO company per division; each platform record
 * names its division and must land in that division's company, with that division's settings.
 * Real Kafka, real PostgreSQL, the sandbox with two companies.
 */
import type { MessageBus } from '@ledgerbus/bus';
import { effectiveSettingsSchema } from '@ledgerbus/contracts';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import type { Company, Topics, Workers } from './support/harness';
import { brokers, company, createSandbox, freshTopics, newBus, publish, startWorkers } from './support/harness';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('push workers with one QBO company per division', () => {
  let sandbox: Sandbox;
  let bus: MessageBus;
  let topics: Topics;
  let workers: Workers;
  let north: Company;
  let south: Company;
  const tokens = new Map<string, string>();
  const tenantId = uniqueName('tenant');

  beforeAll(async () => {
    sandbox = createSandbox({ settings: { limits: { enabled: false } } });
    const baseUrl = await sandbox.listen(0);
    north = company(sandbox, baseUrl, 'North Division Co');
    south = company(sandbox, baseUrl, 'South Division Co');
    tokens.set(north.realmId, north.token);
    tokens.set(south.realmId, south.token);
    bus = newBus();
    topics = freshTopics();
    workers = await startWorkers({ topics, schema: uniqueName('push_div'), bus, groupPrefix: uniqueName('g'), baseUrl, tokens });
  });

  afterAll(async () => {
    await workers.stop();
    await bus.close();
    await sandbox.close();
  });

  const ours = (c: Company, entity: string): Json[] =>
    (sandbox.admin.entities(c.realmId, entity) as Json[]).filter((e) => typeof e.PrivateNote === 'string' && e.PrivateNote.includes(`${tenantId}/`));

  it("pushes each division's invoices and payments to its own company with its own settings, and names the division in the outcomes", async () => {
    for (const [divisionId, c, prefix] of [['north', north, 'N-'], ['south', south, 'S-']] as const) {
      const settings = effectiveSettingsSchema.parse({
        settings: { invoices: { enabled: true }, payments: { enabled: true }, accounts: { income: c.accountIdOf('Income', 0), deposit: c.accountIdOf('Bank', 0) }, documentPrefixes: { invoices: { prefix } } },
        mappings: {},
        realmId: c.realmId,
      });
      await publish(bus, topics.settings, `${tenantId}/${divisionId}`, 'settings.state', [{ tenantId, divisionId, version: 1, settings, updatedAt: new Date().toISOString() }]);
      // Platform ids are unique within a tenant: each division has its own customers.
      const customer = await c.qbo.create('Customer', { DisplayName: `${tenantId} ${divisionId} customer` }, { requestId: uniqueName('cust') });
      await publish(bus, topics.links, tenantId, 'link.created', [{ tenantId, divisionId, realmId: c.realmId, entity: 'customer', platformId: `c-${divisionId}`, qboId: customer.Id, at: new Date().toISOString() }]);
    }
    const invoice = (id: string, divisionId: string): Json => ({
      tenantId, divisionId, invoiceId: id, number: id.toUpperCase(), customerId: `c-${divisionId}`, txnDate: '2024-03-01', version: 1,
      lines: [{ productId: 'p-svc', productName: 'Service', quantity: '1', unitPrice: '40.00' }],
    });
    await publish(bus, topics.invoices, `${tenantId}/north`, 'invoice.upserted', [invoice('n1', 'north'), invoice('n2', 'north')]);
    await publish(bus, topics.invoices, `${tenantId}/south`, 'invoice.upserted', [invoice('s1', 'south')]);
    await publish(bus, topics.payments, `${tenantId}/north`, 'payment.recorded', [{ tenantId, divisionId: 'north', paymentId: 'pn1', customerId: 'c-north', amount: '40.00', date: '2024-03-02', appliedTo: [{ invoiceId: 'n1', amount: '40.00' }], version: 1 }]);
    await publish(bus, topics.payments, `${tenantId}/south`, 'payment.recorded', [{ tenantId, divisionId: 'south', paymentId: 'ps1', customerId: 'c-south', amount: '15.00', date: '2024-03-02', appliedTo: [{ invoiceId: 's1', amount: '15.00' }], version: 1 }]);

    await waitFor(() => ours(north, 'Payment').length === 1 && ours(south, 'Payment').length === 1, { timeoutMs: 60_000, description: 'one payment in each company' });
    expect(ours(north, 'Invoice').map((e) => e.DocNumber).sort()).toEqual(['N-N1', 'N-N2']);
    expect(ours(south, 'Invoice').map((e) => e.DocNumber)).toEqual(['S-S1']);
    expect(await south.qbo.read('Invoice', String(ours(south, 'Invoice')[0]?.Id))).toMatchObject({ Balance: 25 });
    expect(await north.qbo.read('Invoice', String(ours(north, 'Invoice').find((e) => e.DocNumber === 'N-N1')?.Id))).toMatchObject({ Balance: 0 });

    const events = (await readTopic(brokers, topics.events.name, { untilIdleMs: 1_000, timeoutMs: 30_000 })).flatMap((m) => (m.event?.type.endsWith('.pushed') ? [m.event.data as Json] : []));
    expect(events.map((d) => [d.platformId, d.divisionId, d.realmId]).sort()).toEqual([
      ['n1', 'north', north.realmId],
      ['n2', 'north', north.realmId],
      ['pn1', 'north', north.realmId],
      ['ps1', 'south', south.realmId],
      ['s1', 'south', south.realmId],
    ]);
  });
});
