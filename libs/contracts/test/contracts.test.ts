import {
  ContractViolation,
  buildAsyncApiDocument,
  createEvent,
  dlqTopicName,
  findTopic,
  topicRegistry,
  topics,
  validateEvent,
} from '@ledgerbus/contracts';

const upserted = (data: Record<string, unknown>) =>
  createEvent({ type: 'invoice.upserted', source: 'test', data, tenantid: 't1' });

const validInvoice = {
  tenantId: 't1',
  invoiceId: 'inv-1',
  number: '1001',
  customerId: 'c-1',
  txnDate: '2026-01-31',
  lines: [{ productId: 'p1', quantity: '2', unitPrice: '19.99' }],
  version: 1,
};

describe('the topic registry', () => {
  it('holds the first topics, each versioned, with at least one event type', () => {
    const names = topicRegistry.map((t) => t.name).sort();
    expect(names).toEqual([
      'connector.connections.v1',
      'mapping.settings.v1',
      'platform.customers.v1',
      'platform.employees.v1',
      'platform.invoices.v1',
      'platform.payments.v1',
      'platform.products.v1',
      'qbo.changes.v1',
      'qbo.notifications.v1',
      'sync.events.v1',
      'sync.links.v1',
    ]);
    for (const topic of topicRegistry) {
      expect(topic.name).toMatch(/\.v[0-9]+$/);
      expect(Object.keys(topic.events).length).toBeGreaterThan(0);
      expect(topic.partitions).toBeGreaterThan(0);
    }
  });

  it('marks current-state topics as compacted', () => {
    expect(findTopic('connector.connections.v1')?.cleanupPolicy).toBe('compact');
    expect(findTopic('mapping.settings.v1')?.cleanupPolicy).toBe('compact');
    expect(findTopic('sync.events.v1')?.cleanupPolicy).toBe('delete');
  });

  it('names dead-letter topics <topic>.dlq', () => {
    expect(dlqTopicName('sync.events.v1')).toBe('sync.events.v1.dlq');
  });
});

describe('validateEvent', () => {
  it('accepts a valid event and fills defaults', () => {
    const event = validateEvent(topics.platformInvoices, 't1', upserted(validInvoice));
    expect(event.type).toBe('invoice.upserted');
    expect(event.data).toMatchObject({ currency: 'USD', lines: [{ taxable: false, recurring: false }] });
  });

  it('rejects a float unit price and names the field', () => {
    const bad = { ...validInvoice, lines: [{ productId: 'p1', quantity: '1', unitPrice: 19.99 }] };
    expect(() => validateEvent(topics.platformInvoices, 't1', upserted(bad))).toThrow(ContractViolation);
    try {
      validateEvent(topics.platformInvoices, 't1', upserted(bad));
    } catch (err) {
      expect((err as ContractViolation).issues.map((i) => i.path)).toContain('data.lines.0.unitPrice');
    }
  });

  it('rejects an event type the topic does not carry', () => {
    const event = createEvent({ type: 'payment.recorded', source: 'test', data: {} });
    expect(() => validateEvent(topics.platformInvoices, 't1', event)).toThrow(/not carried by platform.invoices.v1/);
  });

  it('rejects a broken envelope', () => {
    const event = { ...upserted(validInvoice), specversion: '0.3' } as unknown as ReturnType<typeof upserted>;
    expect(() => validateEvent(topics.platformInvoices, 't1', event)).toThrow(/envelope/);
  });

  it('rejects a key that is not a tenant id', () => {
    expect(() => validateEvent(topics.platformInvoices, 'a/b/c', upserted(validInvoice))).toThrow(/key/);
  });

  it('rejects a non-numeric realm id on qbo.changes.v1', () => {
    const event = createEvent({
      type: 'qbo.entity_changed',
      source: 'connector',
      data: { realmId: 'abc', entity: 'Customer', entityId: '1', operation: 'Update', source: 'cdc', lastUpdated: '2026-01-01T00:00:00Z' },
    });
    expect(() => validateEvent(topics.qboChanges, '123', event)).toThrow(ContractViolation);
  });
});

describe('the AsyncAPI document', () => {
  const doc = buildAsyncApiDocument('1.2.3') as {
    asyncapi: string;
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    operations: Record<string, { action: string }>;
    components: { messages: Record<string, { payload: { properties: Record<string, unknown> } }> };
  };

  it('is AsyncAPI 3.1 with one channel per topic', () => {
    expect(doc.asyncapi).toBe('3.1.0');
    expect(Object.values(doc.channels).map((c) => c.address).sort()).toEqual(topicRegistry.map((t) => t.name).sort());
  });

  it('receives the platform topics and sends the others', () => {
    expect(doc.operations.receivePlatformInvoicesV1?.action).toBe('receive');
    expect(doc.operations.sendSyncEventsV1?.action).toBe('send');
  });

  it('carries each event data schema as the message payload', () => {
    const message = doc.components.messages['platformInvoicesV1.invoiceUpserted'];
    expect(Object.keys(message?.payload.properties ?? {})).toEqual(expect.arrayContaining(['invoiceId', 'lines', 'version']));
  });
});
