import type { OutgoingMessage } from '@ledgerbus/bus';
import { createEvent } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import type { Knex } from 'knex';
import type { CustomerSyncContext } from '../context';
import { EVENT_SOURCE } from '../context';

/** Collects the events of one state change; `flush` enqueues them in the same transaction. */
export class Emitter {
  private readonly events: OutgoingMessage[] = [];
  private readonly links: OutgoingMessage[] = [];

  constructor(private readonly ctx: CustomerSyncContext, private readonly tenantId: string) {}

  /** Queues one event; returns its CloudEvent id. */
  event(type: string, data: Record<string, unknown>, subject?: string): string {
    const event = createEvent({ type, source: EVENT_SOURCE, data, tenantid: this.tenantId, ...(subject === undefined ? {} : { subject }) });
    this.events.push({ key: this.tenantId, event });
    return event.id;
  }

  link(type: 'link.created' | 'link.removed', data: { realmId: string; platformId: string; qboId?: string; entity?: string }): void {
    this.links.push({
      key: this.tenantId,
      event: createEvent({ type, source: EVENT_SOURCE, tenantid: this.tenantId, data: { tenantId: this.tenantId, entity: 'customer', ...data, at: this.ctx.clock().toISOString() } }),
    });
  }

  async flush(trx: Knex.Transaction): Promise<void> {
    if (this.links.length > 0) await outbox.enqueue(trx, this.ctx.topics.syncLinks, this.links.splice(0));
    if (this.events.length > 0) await outbox.enqueue(trx, this.ctx.topics.syncEvents, this.events.splice(0));
  }
}
