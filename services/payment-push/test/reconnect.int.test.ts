/**
 * A tenant disconnects company A and connects company B (seed 003's "Clear Connection"): new
 * versions, voids and deletes of records first pushed to A must never touch B's objects that
 * happen to carry the same numeric Ids (QBO ids are small per-company integers), nor A's.
 * Real Kafka, real PostgreSQL, the sandbox with two companies seeded alike.
 */
import type { MessageBus } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import { effectiveSettingsSchema } from '@ledgerbus/contracts';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import type { Company, Topics, Workers } from './support/harness';
import { brokers, company, createSandbox, freshTopics, linkCustomers, newBus, publish, startWorkers } from './support/harness';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('push workers after a reconnect to another company', () => {
  let sandbox: Sandbox;
  let baseUrl: string;
  let bus: MessageBus;
  let topics: Topics;
  let workers: Workers;
  let a: Company;
  let b: Company;
  const tokens = new Map<string, string>();
  const tenantId = uniqueName('tenant');

  beforeAll(async () => {
    sandbox = createSandbox({ settings: { limits: { enabled: false } } });
    baseUrl = await sandbox.listen(0);
    a = company(sandbox, baseUrl, 'Alpha Co');
    b = company(sandbox, baseUrl, 'Beta Co');
    tokens.set(a.realmId, a.token);
    tokens.set(b.realmId, b.token);
    bus = newBus();
    topics = freshTopics();
    workers = await startWorkers({ topics, schema: uniqueName('push_reconnect'), bus, groupPrefix: uniqueName('g'), baseUrl, tokens });
  });

  afterAll(async () => {
    await workers.stop();
    await bus.close();
    await sandbox.close();
  });

  const settingsOf = (c: Company | null): Json =>
    effectiveSettingsSchema.parse({
      settings: { invoices: { enabled: true }, payments: { enabled: true }, ...(c ? { accounts: { income: c.accountIdOf('Income', 0), deposit: c.accountIdOf('Bank', 0) } } : {}) },
      mappings: {},
      ...(c ? { realmId: c.realmId } : {}),
    });
  const publishSettings = (version: number, c: Company | null): Promise<void> =>
    publish(bus, topics.settings, tenantId, 'settings.state', [{ tenantId, version, settings: settingsOf(c), updatedAt: new Date().toISOString() }]);

  const invoice = (id: string, number: string, version: number, unitPrice = '10.00'): Json => ({
    tenantId, invoiceId: id, number, customerId: 'c1', txnDate: '2024-03-01', version,
    lines: [{ productId: 'p-svc', productName: 'Service call', quantity: '1', unitPrice }],
  });
  const payment = (id: string, invoiceId: string, version: number, amount = '5.00'): Json => ({
    tenantId, paymentId: id, customerId: 'c1', amount, date: '2024-03-05', reference: `R-${id}`, appliedTo: [{ invoiceId, amount }], version,
  });
  const ledger = (c: Company, entity: string): Json[] => (sandbox.admin.entities(c.realmId, entity) as Json[]).map((e) => JSON.parse(JSON.stringify(e)) as Json);
  const ours = (c: Company, entity: string, recordId: string): Json[] =>
    ledger(c, entity).filter((e) => typeof e.PrivateNote === 'string' && e.PrivateNote.includes(`${tenantId}/${recordId}]`));

  it('leaves the objects of company B that share Ids with company A untouched, leaves A untouched, and puts each record in B once', async () => {
    // Connected to A: three invoices and two payments land there.
    await publishSettings(1, a);
    await linkCustomers(bus, topics, tenantId, a, ['c1']);
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice('i1', '1001', 1), invoice('i2', '1002', 1), invoice('i3', '1003', 1)]);
    await publish(bus, topics.payments, tenantId, 'payment.recorded', [payment('p1', 'i1', 1), payment('p2', 'i2', 1)]);
    await waitFor(() => ours(a, 'Payment', 'p1').length === 1 && ours(a, 'Payment', 'p2').length === 1, { timeoutMs: 60_000, description: 'p1 and p2 in company A' });
    const aInvoiceIds = ['i1', 'i2', 'i3'].map((id) => String(ours(a, 'Invoice', id)[0]?.Id));
    const aPaymentIds = ['p1', 'p2'].map((id) => String(ours(a, 'Payment', id)[0]?.Id));

    // Company B has its own invoices and payments at the very same Ids (seeded alike, then used).
    const bCustomer = await b.qbo.create('Customer', { DisplayName: 'Beta walk-in customer' }, { requestId: uniqueName('bc') });
    const bItem = await b.qbo.create('Item', { Name: 'Beta labour', Type: 'Service', IncomeAccountRef: { value: b.accountIdOf('Income', 0) } }, { requestId: uniqueName('bitem') });
    while (!aInvoiceIds.every((id) => ledger(b, 'Invoice').some((e) => String(e.Id) === id))) {
      await b.qbo.create('Invoice', { CustomerRef: { value: bCustomer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 99, SalesItemLineDetail: { ItemRef: { value: String(bItem.Id) }, Qty: 1, UnitPrice: 99 } }] }, { requestId: uniqueName('bi') });
    }
    while (!aPaymentIds.every((id) => ledger(b, 'Payment').some((e) => String(e.Id) === id))) {
      await b.qbo.create('Payment', { CustomerRef: { value: bCustomer.Id }, TotalAmt: 7 }, { requestId: uniqueName('bp') });
    }
    const bBefore = { invoices: ledger(b, 'Invoice'), payments: ledger(b, 'Payment') };
    const aBefore = { invoices: ledger(a, 'Invoice'), payments: ledger(a, 'Payment') };

    // Clear Connection, then connect company B; the customer is linked there too.
    await publishSettings(2, null);
    await publishSettings(3, b);
    await linkCustomers(bus, topics, tenantId, b, ['c1']);
    // As an integrator would, wait until both workers apply the new settings (settings.applied, shown as appliedBy):
    // company A's grant would be revoked by the disconnect in production, but its token still works in this sandbox.
    await waitFor(
      async () => {
        const events = (await readTopic(brokers, topics.events.name, { untilIdleMs: 500, timeoutMs: 30_000 })).flatMap((m) => (m.event?.type === 'settings.applied' ? [m.event.data as Json] : []));
        return ['invoice-push', 'payment-push'].every((service) => events.some((d) => d.tenantId === tenantId && d.service === service && d.version === 3));
      },
      { timeoutMs: 30_000, intervalMs: 500, description: 'settings v3 applied by both workers' },
    );

    // New versions, a void and a delete of the records first pushed to A.
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice('i1', '1001', 2, '12.00')]);
    await publish(bus, topics.invoices, tenantId, 'invoice.voided', [{ tenantId, invoiceId: 'i2', version: 2 }]);
    await publish(bus, topics.invoices, tenantId, 'invoice.deleted', [{ tenantId, invoiceId: 'i3', version: 2 }]);
    await publish(bus, topics.payments, tenantId, 'payment.recorded', [payment('p1', 'i1', 2, '6.00')]);
    await publish(bus, topics.payments, tenantId, 'payment.deleted', [{ tenantId, paymentId: 'p2', version: 2 }]);

    const outcomeOf = (events: CloudEvent[], type: string, platformId: string): Json | undefined =>
      events.filter((e) => e.type === type && (e.data as Json).platformId === platformId && (e.data as Json).version === 2).map((e) => e.data as Json)[0];
    let events: CloudEvent[] = [];
    await waitFor(
      async () => {
        events = (await readTopic(brokers, topics.events.name, { untilIdleMs: 1_000, timeoutMs: 30_000 })).flatMap((m) => (m.event ? [m.event] : []));
        return ['i1', 'i2', 'i3'].every((id) => events.some((e) => e.type.startsWith('invoice.') && e.type !== 'invoice.held' && (e.data as Json).platformId === id && (e.data as Json).version === 2)) &&
          ['p1', 'p2'].every((id) => events.some((e) => e.type.startsWith('payment.') && e.type !== 'payment.held' && (e.data as Json).platformId === id && (e.data as Json).version === 2));
      },
      { timeoutMs: 90_000, intervalMs: 1_000, description: 'an outcome for every version 2' },
    ).catch((err: unknown) => {
      throw new Error(`events so far: ${JSON.stringify(events.map((e) => [e.type, (e.data as Json).platformId, (e.data as Json).version, (e.data as Json).code ?? (e.data as Json).reason ?? '']))}`, { cause: err });
    });

    // B's own objects are exactly as they were; A is exactly as it was.
    for (const before of bBefore.invoices) expect(ledger(b, 'Invoice').find((e) => e.Id === before.Id)).toEqual(before);
    for (const before of bBefore.payments) expect(ledger(b, 'Payment').find((e) => e.Id === before.Id)).toEqual(before);
    expect(ledger(a, 'Invoice')).toEqual(aBefore.invoices);
    expect(ledger(a, 'Payment')).toEqual(aBefore.payments);

    // The records land in B once: i1 and p1 created there; i2, i3 and p2 were never in B, so nothing is voided or deleted there.
    expect(ours(b, 'Invoice', 'i1')).toHaveLength(1);
    // As a QBO client reads them (the ledger keeps money in its own form).
    expect(await b.qbo.read('Invoice', String(ours(b, 'Invoice', 'i1')[0]?.Id))).toMatchObject({ DocNumber: '1001', TotalAmt: 12 });
    expect(outcomeOf(events, 'invoice.pushed', 'i1')).toMatchObject({ realmId: b.realmId, action: 'created', qboId: String(ours(b, 'Invoice', 'i1')[0]?.Id) });
    expect(ours(b, 'Payment', 'p1')).toHaveLength(1);
    expect(await b.qbo.read('Payment', String(ours(b, 'Payment', 'p1')[0]?.Id))).toMatchObject({ TotalAmt: 6 });
    expect(ours(b, 'Invoice', 'i2')).toHaveLength(0);
    expect(ours(b, 'Invoice', 'i3')).toHaveLength(0);
    expect(ours(b, 'Payment', 'p2')).toHaveLength(0);
    expect(outcomeOf(events, 'invoice.skipped', 'i2')).toMatchObject({ filter: 'nothing_to_remove' });
    expect(outcomeOf(events, 'invoice.skipped', 'i3')).toMatchObject({ filter: 'nothing_to_remove' });
    expect(outcomeOf(events, 'payment.skipped', 'p2')).toMatchObject({ filter: 'nothing_to_remove' });
  });

  it('fails qbo_object_mismatch and changes nothing when the object at the stored Id is not the one it wrote', async () => {
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice('i9', '1009', 1)]);
    await waitFor(() => ours(b, 'Invoice', 'i9').length === 1, { timeoutMs: 60_000, description: 'i9 in company B' });
    const pushed = ours(b, 'Invoice', 'i9')[0] as Json;
    // Someone in QBO rewrites the invoice's memo (the marker is gone): it is no longer provably ours.
    await b.qbo.sparseUpdate('Invoice', String(pushed.Id), () => ({ PrivateNote: 'edited by the bookkeeper' }), { requestId: uniqueName('edit') });
    const before = ledger(b, 'Invoice').find((e) => e.Id === pushed.Id);

    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice('i9', '1009', 2, '50.00')]);
    await publish(bus, topics.invoices, tenantId, 'invoice.voided', [{ tenantId, invoiceId: 'i9', version: 3 }]);
    let failed: Json[] = [];
    await waitFor(
      async () => {
        const events = (await readTopic(brokers, topics.events.name, { untilIdleMs: 1_000, timeoutMs: 30_000 })).flatMap((m) => (m.event ? [m.event] : []));
        failed = events.filter((e) => e.type === 'invoice.push_failed' && (e.data as Json).platformId === 'i9').map((e) => e.data as Json);
        return failed.length >= 1;
      },
      { timeoutMs: 60_000, intervalMs: 1_000, description: 'i9 failed' },
    );
    expect(failed[0]).toMatchObject({ code: 'qbo_object_mismatch', retriable: false, qboId: String(pushed.Id) });
    expect(ledger(b, 'Invoice').find((e) => e.Id === pushed.Id)).toEqual(before);
  });
});
