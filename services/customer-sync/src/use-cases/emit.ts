import type { OutgoingMessage } from '@ledgerbus/bus';
import { createEvent } from '@ledgerbus/contracts';
import { outbox } from '@ledgerbus/db';
import type { Knex } from 'knex';
import type { CustomerSyncContext } from '../context';
import { EVENT_SOURCE } from '../context';
import { fromScoped, splitScope } from '../domain/scope';

/**
 * Collects the events of one state change; `flush` enqueues them in the same transaction.
 * Built for a scope (the tenant or "tenant/division", see domain/scope.ts): payloads whose
 * `tenantId` is that scope leave with `tenantId` the tenant and `divisionId` the division; the
 * message key and the CloudEvent's `tenantid` are the tenant (one tenant's events stay in order).
 */
export class Emitter {
  private readonly events: OutgoingMessage[] = [];
  private readonly links: OutgoingMessage[] = [];
  private readonly tenant: string;

  constructor(private readonly ctx: CustomerSyncContext, private readonly scope: string) {
    this.tenant = splitScope(scope).tenantId;
  }

  /** Queues one event; returns its CloudEvent id. */
  event(type: string, data: Record<string, unknown>, subject?: string): string {
    const event = createEvent({ type, source: EVENT_SOURCE, data: fromScoped(data), tenantid: this.tenant, ...(subject === undefined ? {} : { subject }) });
    this.events.push({ key: this.tenant, event });
    return event.id;
  }

  link(type: 'link.created' | 'link.removed', data: { realmId: string; platformId: string; qboId?: string; entity?: string }): void {
    this.links.push({
      key: this.tenant,
      event: createEvent({ type, source: EVENT_SOURCE, tenantid: this.tenant, data: fromScoped({ tenantId: this.scope, entity: 'customer', ...data, at: this.ctx.clock().toISOString() }) }),
    });
  }

  async flush(trx: Knex.Transaction): Promise<void> {
    if (this.links.length > 0) await outbox.enqueue(trx, this.ctx.topics.syncLinks, this.links.splice(0));
    if (this.events.length > 0) await outbox.enqueue(trx, this.ctx.topics.syncEvents, this.events.splice(0));
  }
}
