import { randomUUID } from 'node:crypto';
import type { HttpServer } from '@ledgerbus/kit';
import type { Knex } from 'knex';
import type { WebhooksContext } from '../context';
import type { AttemptRow, DeliveryRow } from '../db/deliveries.repository';
import { deliveriesRepository } from '../db/deliveries.repository';
import type { EndpointRow } from '../db/endpoints.repository';
import { endpointsRepository } from '../db/endpoints.repository';
import { DeliveryNotFoundError, EndpointDisabledError, EndpointNotFoundError, ReplayTooLargeError } from '../errors';
import type { EndpointScope } from './access';
import { PLATFORM_OWNER, PLATFORM_SCOPE, TENANT_SCOPE, actorOf, readErrors, writeErrors } from './access';
import { deliveryDetailDoc, deliveryListDoc, deliveryListQuery, replayRangeBody, replayRangeDoc } from './schemas';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function deliveryDocOf(d: DeliveryRow) {
  return {
    id: d.id,
    endpointId: d.endpoint_id,
    eventId: d.event_id,
    eventType: d.event_type,
    eventTime: new Date(d.event_time).toISOString(),
    key: d.event_key,
    status: d.status,
    attemptCount: d.attempts,
    replays: d.replays,
    nextAttemptAt: d.status === 'pending' ? iso(d.next_attempt_at) : null,
    lastAttemptAt: iso(d.last_attempt_at),
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    deliveredAt: iso(d.delivered_at),
    givenUpAt: iso(d.given_up_at),
    createdAt: new Date(d.created_at).toISOString(),
  };
}

function attemptDocOf(a: AttemptRow) {
  return { attempt: a.attempt, at: new Date(a.started_at).toISOString(), statusCode: a.status_code, latencyMs: a.latency_ms, outcome: a.outcome, error: a.error };
}

/** The delivery log and replay of a tenant's endpoints and of the platform's. */
export function registerDeliveryRoutes(app: HttpServer, ctx: WebhooksContext): void {
  registerScope(app, ctx, TENANT_SCOPE);
  registerScope(app, ctx, PLATFORM_SCOPE);
}

const idsOf = (params: unknown) => params as { id: string; deliveryId: string };

function registerScope(app: HttpServer, ctx: WebhooksContext, scope: EndpointScope): void {
  async function endpointOrThrow(db: Knex, tenant: string, id: string, options: { forUpdate?: boolean } = {}): Promise<EndpointRow> {
    const row = await endpointsRepository.row(db, tenant, id, options);
    if (row === undefined) throw new EndpointNotFoundError(id);
    return row;
  }

  async function detail(db: Knex, endpointId: string, deliveryId: string) {
    const delivery = await deliveriesRepository.get(db, endpointId, deliveryId);
    if (delivery === undefined) throw new DeliveryNotFoundError(deliveryId);
    return { ...deliveryDocOf(delivery), attempts: (await deliveriesRepository.attempts(db, deliveryId)).map(attemptDocOf) };
  }

  const tag = scope === TENANT_SCOPE ? 'webhook deliveries' : scope.tag;
  app.get(
    `${scope.prefix}/:id/deliveries`,
    {
      preHandler: scope.access(app, 'read'),
      schema: {
        operationId: scope.operationId('listWebhookDeliveries'),
        tags: [tag],
        summary: scope.summary("The endpoint's delivery log, newest first: event, status, attempts, last status code and error"),
        params: scope.params.endpoint,
        querystring: deliveryListQuery,
        response: { 200: deliveryListDoc, ...readErrors },
      },
    },
    async (request) => {
      const tenant = scope.ownerOf(request);
      const { id } = idsOf(request.params);
      await endpointOrThrow(ctx.knex, tenant, id);
      const q = request.query;
      const rows = await deliveriesRepository.list(ctx.knex, id, { status: q.status, eventType: q.eventType, before: q.cursor, limit: q.limit });
      const last = rows[rows.length - 1];
      return { items: rows.map(deliveryDocOf), nextCursor: rows.length === q.limit && last !== undefined ? String(last.seq) : null };
    },
  );

  app.get(
    `${scope.prefix}/:id/deliveries/:deliveryId`,
    {
      preHandler: scope.access(app, 'read'),
      schema: {
        operationId: scope.operationId('getWebhookDelivery'),
        tags: [tag],
        summary: scope.summary('One delivery with every attempt: time, status code, latency, error'),
        params: scope.params.delivery,
        response: { 200: deliveryDetailDoc, ...readErrors },
      },
    },
    async (request) => {
      const tenant = scope.ownerOf(request);
      const { id, deliveryId } = idsOf(request.params);
      await endpointOrThrow(ctx.knex, tenant, id);
      return detail(ctx.knex, id, deliveryId);
    },
  );

  app.post(
    `${scope.prefix}/:id/deliveries/:deliveryId/replay`,
    {
      preHandler: scope.access(app, 'write'),
      schema: {
        operationId: scope.operationId('replayWebhookDelivery'),
        tags: [tag],
        summary: scope.summary('Send one message again (same webhook-id), with a fresh round of attempts; a pending one is left as it is'),
        params: scope.params.delivery,
        response: { 202: deliveryDetailDoc, ...writeErrors },
      },
    },
    async (request, reply) => {
      const tenant = scope.ownerOf(request);
      const { id, deliveryId } = idsOf(request.params);
      const answer = await ctx.knex.transaction(async (trx) => {
        const endpoint = await endpointOrThrow(trx, tenant, id, { forUpdate: true });
        if ((await deliveriesRepository.get(trx, id, deliveryId)) === undefined) throw new DeliveryNotFoundError(deliveryId);
        if (!endpoint.enabled) throw new EndpointDisabledError(id);
        await deliveriesRepository.reopen(trx, [deliveryId]);
        return detail(trx, id, deliveryId);
      });
      ctx.wake();
      request.log.info({ tenantId: tenant, endpointId: id, deliveryId, actor: actorOf(request) }, 'webhook delivery replayed');
      return reply.code(202).send(answer);
    },
  );

  app.post(
    `${scope.prefix}/:id/replay`,
    {
      preHandler: scope.access(app, 'write'),
      schema: {
        operationId: scope.operationId('replayWebhookEvents'),
        tags: [tag],
        summary: scope.summary("Send again every event of a time range that the endpoint's event types take (also those that came while it was disabled), in their order"),
        params: scope.params.endpoint,
        body: replayRangeBody,
        response: { 202: replayRangeDoc, ...writeErrors, 422: readErrors[400] },
      },
    },
    async (request, reply) => {
      const tenant = scope.ownerOf(request);
      const { id } = idsOf(request.params);
      const from = new Date(request.body.from);
      const to = new Date(request.body.to);
      const limit = ctx.config.replayLimit;
      const answer = await ctx.knex.transaction(async (trx) => {
        const endpoint = await endpointOrThrow(trx, tenant, id, { forUpdate: true });
        if (!endpoint.enabled) throw new EndpointDisabledError(id);
        // A platform endpoint's range holds every tenant's events.
        const events = await deliveriesRepository.eventsBetween(trx, tenant === PLATFORM_OWNER ? null : tenant, from, to, endpoint.event_types, limit + 1);
        if (events.length > limit) throw new ReplayTooLargeError(limit);
        const existing = new Map((await deliveriesRepository.byEvents(trx, id, events.map((e) => e.eventId))).map((d) => [d.event_id, d.id]));
        let replayed = 0;
        // One event at a time, in event order, so the line keeps the events' order.
        for (const event of events) {
          const deliveryId = existing.get(event.eventId);
          if (deliveryId === undefined) replayed += await deliveriesRepository.queue(trx, [{ id: randomUUID(), endpointId: id, event }]);
          else replayed += await deliveriesRepository.reopen(trx, [deliveryId]);
        }
        return { replayed, alreadyPending: events.length - replayed };
      });
      ctx.wake();
      request.log.info({ tenantId: tenant, endpointId: id, from: from.toISOString(), to: to.toISOString(), ...answer, actor: actorOf(request) }, 'webhook events replayed');
      return reply.code(202).send(answer);
    },
  );
}
