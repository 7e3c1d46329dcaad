import type { MemoryBus } from '@ledgerbus/bus';
import { createMemoryBus } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import { connectorConnections, createEvent, qboChanges, syncEvents, syncLinks } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, mintToken } from '@ledgerbus/kit';
import type { Role } from '@ledgerbus/kit';
import { databaseUrlFromEnv, readMemoryTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import type { MappingService } from '../src/app';
import { createMappingService } from '../src/app';

export const JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface Harness {
  service: MappingService;
  db: Database;
  bus: MemoryBus;
  token(tenant: string, role: Role, options?: { sub?: string; svc?: boolean }): Promise<string>;
  connect(tenant: string, realmId: string, options?: { status?: 'connected' | 'disconnected'; divisionId?: string }): Promise<void>;
  qbo(realmId: string, entity: string, id: string, object: Record<string, unknown> | undefined, options?: { operation?: string; syncToken?: string; mergedFromId?: string }): Promise<CloudEvent>;
  publishSyncEvent(tenant: string, type: string, data: Record<string, unknown>): Promise<CloudEvent>;
  publishLink(type: 'link.created' | 'link.removed', data: Record<string, unknown>): Promise<CloudEvent>;
  /** Waits until the inbox recorded an event id (the consumer applied it). */
  applied(eventId: string): Promise<void>;
  events(topic: string): Promise<CloudEvent[]>;
  close(): Promise<void>;
}

let tick = 0;
/** Increasing timestamps, so later test events are newer. */
export function later(): string {
  tick += 1;
  return new Date(Date.UTC(2030, 0, 1) + tick * 1000).toISOString();
}

export async function startHarness(): Promise<Harness> {
  const schema = uniqueName('mapping_test').slice(0, 60);
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 5 } });
  const bus = createMemoryBus();
  await bus.ensureTopics([qboChanges, connectorConnections, syncLinks, syncEvents]);
  const logger = createLogger({ name: 'mapping-test', level: 'silent' });
  const service = await createMappingService({ db, bus, logger, jwt: { secret: JWT_SECRET }, relayPollIntervalMs: 50 });
  await service.start();
  await service.http.ready();

  const publish = async (topic: typeof qboChanges | typeof connectorConnections | typeof syncLinks | typeof syncEvents, key: string, event: CloudEvent) => {
    await bus.publish(topic, [{ key, event }]);
    return event;
  };
  const applied = async (eventId: string) => {
    await waitFor(async () => (await db.knex('inbox').where({ event_id: eventId }).first()) !== undefined, { description: `event ${eventId} applied` });
  };

  return {
    service,
    db,
    bus,
    token: (tenant, role, options = {}) => mintToken(JWT_SECRET, { sub: options.sub ?? `${role}@${tenant}`, tenant, role, svc: options.svc ?? false }),
    async connect(tenant, realmId, options = {}) {
      const event = createEvent({
        type: 'connection.state',
        source: 'test/connector',
        data: {
          tenantId: tenant,
          ...(options.divisionId === undefined ? {} : { divisionId: options.divisionId }),
          realmId,
          companyName: `Company ${realmId}`,
          status: options.status ?? 'connected',
          updatedAt: later(),
        },
      });
      await publish(connectorConnections, options.divisionId === undefined ? tenant : `${tenant}/${options.divisionId}`, event);
      await applied(event.id);
    },
    async qbo(realmId, entity, id, object, options = {}) {
      const event = createEvent({
        type: 'qbo.entity_changed',
        source: 'test/connector',
        data: {
          realmId,
          entity,
          entityId: id,
          operation: options.operation ?? 'Update',
          source: 'cdc',
          ...(options.syncToken === undefined ? {} : { syncToken: options.syncToken }),
          ...(options.mergedFromId === undefined ? {} : { mergedFromId: options.mergedFromId }),
          lastUpdated: later(),
          ...(object === undefined ? {} : { object: { Id: id, ...object } }),
        },
      });
      await publish(qboChanges, realmId, event);
      if (['Account', 'PaymentMethod', 'TaxCode', 'Class', 'Item'].includes(entity)) await applied(event.id);
      return event;
    },
    async publishSyncEvent(tenant, type, data) {
      const event = createEvent({ type, source: 'test/pusher', data: { tenantId: tenant, ...data } });
      await publish(syncEvents, tenant, event);
      await applied(event.id);
      return event;
    },
    async publishLink(type, data) {
      const event = createEvent({ type, source: 'test/pusher', data: { at: later(), ...data } });
      await publish(syncLinks, String(data.tenantId), event);
      await applied(event.id);
      return event;
    },
    applied,
    async events(topic) {
      const messages = await readMemoryTopic(bus.broker, topic);
      return messages.flatMap((m) => (m.event === undefined ? [] : [m.event]));
    },
    async close() {
      await service.stopConsumers();
      await service.http.close();
      await service.drainOutbox();
      await bus.close();
      await db.knex.raw('drop schema if exists ?? cascade', [schema]);
      await db.destroy();
    },
  };
}

/** A small chart of accounts and lists for realm `realmId`. */
export async function seedReference(h: Harness, realmId: string): Promise<void> {
  const accounts: Array<[string, string, string]> = [
    ['1', 'Checking', 'Bank'],
    ['2', 'Undeposited Funds', 'Other Current Asset'],
    ['3', 'Accounts Receivable (A/R)', 'Accounts Receivable'],
    ['4', 'Services', 'Income'],
    ['5', 'Sales of Product Income', 'Income'],
    ['6', 'Office Expenses', 'Expense'],
    ['7', 'Cost of Goods Sold', 'Cost of Goods Sold'],
  ];
  for (const [id, name, type] of accounts) await h.qbo(realmId, 'Account', id, { Name: name, AccountType: type, Active: true }, { operation: 'Snapshot', syncToken: '0' });
  await h.qbo(realmId, 'PaymentMethod', '1', { Name: 'Cash', Type: 'NON_CREDIT_CARD', Active: true }, { operation: 'Snapshot' });
  await h.qbo(realmId, 'PaymentMethod', '2', { Name: 'Visa', Type: 'CREDIT_CARD', Active: true }, { operation: 'Snapshot' });
  await h.qbo(realmId, 'TaxCode', 'TAX', { Name: 'TAX', Active: true }, { operation: 'Snapshot' });
  await h.qbo(realmId, 'Class', '100', { Name: 'East', Active: true }, { operation: 'Snapshot' });
  await h.qbo(realmId, 'Item', '10', { Name: 'Hours', Type: 'Service', Active: true }, { operation: 'Snapshot' });
  await h.qbo(realmId, 'Item', '11', { Name: 'Widget', Type: 'Inventory', Active: true }, { operation: 'Snapshot' });
}
