/**
 * Intake of `sync.events.v1` (the service's own consumer group): every event of a tenant that
 * has webhook endpoints (every event, when the platform has endpoints) is stored once, and each enabled endpoint whose filter takes it gets a
 * pending delivery — in one transaction, so the offset is committed only once the deliveries are
 * durable, and a redelivered event changes nothing (unique (tenant, event id) and (endpoint, event id)).
 * Events of tenants without endpoints are not kept. The event is stored as the exact JSON that
 * is sent and signed (CloudEvents structured mode), so every attempt sends the same bytes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import type { WebhooksContext } from '../context';
import { PLATFORM_OWNER } from '../context';
import type { StoredEvent } from '../db/deliveries.repository';
import { deliveriesRepository } from '../db/deliveries.repository';
import type { RoutingEndpoint } from '../db/endpoints.repository';
import { endpointsRepository } from '../db/endpoints.repository';
import { matchesEventTypes } from '../domain/event-types';

import type { DeliveryMetrics } from '../delivery/metrics';

/** The tenant of a `sync.events.v1` key ("tenant" or "tenant/division"). */
export function tenantOfKey(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? key : key.slice(0, slash);
}

/** The CloudEvent in structured JSON mode: its attributes, then `data`. */
export function structuredJson(event: CloudEvent): string {
  const { data, ...attributes } = event;
  return JSON.stringify({ ...attributes, data });
}

export function storedEventOf(message: IncomingMessage): StoredEvent {
  return {
    tenantId: tenantOfKey(message.key),
    eventId: message.event.id,
    eventType: message.event.type,
    eventKey: message.key,
    eventTime: message.event.time,
    payload: structuredJson(message.event),
  };
}

export function syncEventIntake(ctx: WebhooksContext, metrics: DeliveryMetrics): (messages: readonly IncomingMessage[]) => Promise<void> {
  return async (messages) => {
    const tenants = [...new Set(messages.map((m) => tenantOfKey(m.key)))];
    const created = await ctx.knex.transaction(async (trx) => {
      const endpoints = await endpointsRepository.routing(trx, tenants, PLATFORM_OWNER);
      if (endpoints.length === 0) return 0;
      // A tenant's events go to its endpoints and to the platform's (which take every tenant's).
      const platform = endpoints.filter((e) => e.tenantId === PLATFORM_OWNER);
      const byTenant = new Map<string, RoutingEndpoint[]>();
      for (const e of endpoints) if (e.tenantId !== PLATFORM_OWNER) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
      for (const tenant of tenants) byTenant.set(tenant, [...(tenant === PLATFORM_OWNER ? [] : (byTenant.get(tenant) ?? [])), ...platform]);
      const events: StoredEvent[] = [];
      const rows: Array<{ id: string; endpointId: string; event: StoredEvent }> = [];
      for (const message of messages) {
        const own = byTenant.get(tenantOfKey(message.key));
        if (own === undefined || own.length === 0) continue;
        const event = storedEventOf(message);
        events.push(event);
        for (const endpoint of own) {
          if (endpoint.enabled && matchesEventTypes(endpoint.eventTypes, event.eventType)) rows.push({ id: randomUUID(), endpointId: endpoint.id, event });
        }
      }
      await deliveriesRepository.insertEvents(trx, events);
      return deliveriesRepository.queue(trx, rows);
    });
    if (created > 0) {
      metrics.queued.inc(created);
      ctx.logger.debug({ events: messages.length, deliveries: created }, 'deliveries queued');
      ctx.wake();
    }
  };
}
