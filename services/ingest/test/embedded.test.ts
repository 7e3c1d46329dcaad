/**
 * The factory as the embedded stack builds it: the in-memory bus and PGlite, nothing else. A
 * record sent over HTTP lands on the in-memory topic, and an outcome on sync.events shows in its
 * status.
 */
import { createMemoryBus } from '@ledgerbus/bus';
import type { MemoryBus } from '@ledgerbus/bus';
import { createEvent, platformInvoices, syncEvents } from '@ledgerbus/contracts';
import { createDatabase } from '@ledgerbus/db';
import type { Database } from '@ledgerbus/db';
import { createLogger, mintToken } from '@ledgerbus/kit';
import { readMemoryTopic, waitFor } from '@ledgerbus/testing';
import type { IngestService } from '../src';
import { createIngestService } from '../src';

const SECRET = 'embedded-ingest-secret-0123456789-abcd';

describe('the ingest service on the in-memory bus and PGlite', () => {
  let db: Database;
  let bus: MemoryBus;
  let service: IngestService;
  beforeAll(async () => {
    db = await createDatabase({ pglite: {} }, { schema: 'ingest' });
    bus = createMemoryBus();
    service = await createIngestService({ db, bus, logger: createLogger({ name: 'ingest-embedded', level: 'silent' }), jwt: { secret: SECRET } });
    await service.start();
  });
  afterAll(async () => {
    await service.stopConsumers();
    await service.http.close();
    await bus.close();
    await db.destroy();
  });

  it('takes a batch, publishes it, replays it by key, and reports the outcome', async () => {
    const authorization = `Bearer ${await mintToken(SECRET, { sub: 'svc-platform', tenant: 'acme', role: 'viewer', svc: true, scope: 'ingest' })}`;
    const request = {
      method: 'POST' as const,
      url: '/v1/tenants/acme/invoices',
      headers: { authorization, 'idempotency-key': 'k-1' },
      payload: { records: [{ invoiceId: 'i-1', number: '1', customerId: 'c', txnDate: '2026-02-01', lines: [{ productId: 'p', quantity: '1', unitPrice: '1' }] }, { invoiceId: 'i-2' }] },
    };
    const first = await service.http.inject(request);
    expect(first.statusCode).toBe(202);
    expect(first.json().accepted).toMatchObject([{ index: 0, platformId: 'i-1', version: 1 }]);
    expect(first.json().rejected.map((r: { index: number; field: string }) => `${r.index}:${r.field}`)).toEqual(['1:number', '1:customerId', '1:txnDate', '1:lines']);
    const again = await service.http.inject(request);
    expect(again.json()).toEqual(first.json());
    expect(await readMemoryTopic(bus.broker, platformInvoices.name)).toHaveLength(1);

    await bus.publish(syncEvents, [
      { key: 'acme', event: createEvent({ type: 'invoice.pushed', source: 'test', data: { tenantId: 'acme', realmId: '1', platformId: 'i-1', version: 1, qboId: '77', action: 'created', at: new Date().toISOString() } }) },
    ]);
    const status = await waitFor(async () => {
      const res = await service.http.inject({ method: 'GET', url: '/v1/tenants/acme/records/invoices/i-1', headers: { authorization } });
      return res.json<{ state: string }>().state === 'pushed' ? res.json<Record<string, unknown>>() : undefined;
    });
    expect(status).toMatchObject({ latestVersion: 1, qboId: '77' });
  });
});
