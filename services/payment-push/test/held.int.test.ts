/**
 * Records published before the tenant has settings, or while invoices / payments are off, are
 * held (not skipped for good) and pushed once the admin's settings allow it; a filter the
 * admin chose still skips. Real Kafka, real PostgreSQL, the sandbox.
 */
import type { MessageBus } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import { dlqTopicName, effectiveSettingsSchema } from '@ledgerbus/contracts';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import type { Company, Topics, Workers } from './support/harness';
import { brokers, company, createSandbox, freshTopics, linkCustomers, newBus, publish, startWorkers } from './support/harness';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('records held until the settings allow them', () => {
  let sandbox: Sandbox;
  let bus: MessageBus;
  let topics: Topics;
  let workers: Workers;
  let acme: Company;
  const tokens = new Map<string, string>();
  const tenantId = uniqueName('tenant');

  beforeAll(async () => {
    sandbox = createSandbox({ settings: { limits: { enabled: false } } });
    const baseUrl = await sandbox.listen(0);
    acme = company(sandbox, baseUrl, 'Held Co');
    tokens.set(acme.realmId, acme.token);
    bus = newBus();
    topics = freshTopics();
    // A short wait bound: the old give-up time for "no settings yet" was this bound.
    workers = await startWorkers({ topics, schema: uniqueName('push_held'), bus, groupPrefix: uniqueName('g'), baseUrl, tokens, tuning: { maxWaitMs: 2_000 } });
  });

  afterAll(async () => {
    await workers.stop();
    await bus.close();
    await sandbox.close();
  });

  const publishSettings = (version: number, on: { invoices: boolean; payments: boolean }): Promise<void> =>
    publish(bus, topics.settings, tenantId, 'settings.state', [
      {
        tenantId,
        version,
        updatedAt: new Date().toISOString(),
        settings: effectiveSettingsSchema.parse({
          settings: { invoices: { enabled: on.invoices }, payments: { enabled: on.payments }, accounts: { income: acme.accountIdOf('Income', 0), deposit: acme.accountIdOf('Bank', 0) }, filters: { syncDataAfter: '2024-01-01' } },
          mappings: {},
          realmId: acme.realmId,
        }),
      },
    ]);
  const events = async (): Promise<CloudEvent[]> =>
    (await readTopic(brokers, topics.events.name, { untilIdleMs: 800, timeoutMs: 30_000 })).flatMap((m) => (m.event && (m.event.data as Json).tenantId === tenantId ? [m.event] : []));
  const heldReasons = (es: CloudEvent[], id: string): string[] => es.filter((e) => e.type.endsWith('.held') && (e.data as Json).platformId === id).map((e) => String((e.data as Json).reason));
  const ours = (entity: string): Json[] => (sandbox.admin.entities(acme.realmId, entity) as Json[]).filter((e) => typeof e.PrivateNote === 'string' && e.PrivateNote.includes(`${tenantId}/`));

  it('holds invoices and payments with no settings and while switched off, pushes them when enabled, and still skips what a filter excludes', async () => {
    await linkCustomers(bus, topics, tenantId, acme, ['c1']);
    const invoice = (id: string, txnDate: string): Json => ({ tenantId, invoiceId: id, number: id, customerId: 'c1', txnDate, version: 1, lines: [{ productId: 'p1', productName: 'Visit', quantity: '1', unitPrice: '30.00' }] });
    await publish(bus, topics.invoices, tenantId, 'invoice.upserted', [invoice('h1', '2024-02-01'), invoice('h2', '2024-02-02'), invoice('old', '2023-06-01')]);
    await publish(bus, topics.payments, tenantId, 'payment.recorded', [{ tenantId, paymentId: 'hp1', customerId: 'c1', amount: '30.00', date: '2024-02-03', appliedTo: [{ invoiceId: 'h1', amount: '30.00' }], version: 1 }]);

    // No settings yet: held, and still held well past the old wait bound.
    await waitFor(async () => heldReasons(await events(), 'hp1').includes('settings_missing') && heldReasons(await events(), 'h1').includes('settings_missing'), { timeoutMs: 30_000, description: 'held without settings' });
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    // Settings arrive with both off (what mapping publishes on connect): held as sync_disabled.
    await publishSettings(1, { invoices: false, payments: false });
    await waitFor(async () => heldReasons(await events(), 'h1').includes('sync_disabled') && heldReasons(await events(), 'hp1').includes('sync_disabled'), { timeoutMs: 30_000, description: 'held while off' });
    expect(ours('Invoice')).toHaveLength(0);
    expect(ours('Payment')).toHaveLength(0);

    // Invoices on: they land; the payment stays held (payments are still off).
    await publishSettings(2, { invoices: true, payments: false });
    await waitFor(() => ours('Invoice').length === 2, { timeoutMs: 60_000, description: 'h1 and h2 in QBO' });
    expect(ours('Payment')).toHaveLength(0);

    // Payments on: it lands too.
    await publishSettings(3, { invoices: true, payments: true });
    await waitFor(() => ours('Payment').length === 1, { timeoutMs: 60_000, description: 'hp1 in QBO' });

    const all = await events();
    const final = (id: string): string[] => all.filter((e) => (e.data as Json).platformId === id && !e.type.endsWith('.held')).map((e) => e.type);
    expect(final('h1')).toEqual(['invoice.pushed']);
    expect(final('h2')).toEqual(['invoice.pushed']);
    expect(final('hp1')).toEqual(['payment.pushed']);
    // The filter the admin chose skips, named, and the record is not in QBO.
    expect(all.filter((e) => (e.data as Json).platformId === 'old' && e.type === 'invoice.skipped').map((e) => (e.data as Json).filter)).toEqual(['sync_data_after']);
    expect(ours('Invoice').map((e) => e.DocNumber).sort()).toEqual(['h1', 'h2']);
    // Nothing failed or was dead-lettered on the way.
    expect(all.filter((e) => e.type.endsWith('.push_failed'))).toEqual([]);
    for (const topic of [topics.invoices, topics.payments]) expect(await readTopic(brokers, dlqTopicName(topic.name), { untilIdleMs: 500, timeoutMs: 10_000 })).toHaveLength(0);
  });
});
