/** Admin routes of the webhook dispatcher, under /_sandbox/webhooks/ (not part of the QBO API). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { WebhookDispatcher } from './dispatcher';

export const WEBHOOK_ADMIN_PREFIX = '/_sandbox/webhooks';

const EndpointBody = z.object({
  url: z.string().url(),
  verifierToken: z.string().min(1),
  format: z.enum(['legacy', 'cloudevents']).optional(),
  realmIds: z.array(z.string().min(1)).optional(),
  entities: z.array(z.string().min(1)).optional(),
});

const SettingsBody = z
  .object({
    retryScheduleSeconds: z.array(z.number().min(0)),
    retryRepeatSeconds: z.number().positive(),
    giveUpAfterSeconds: z.number().positive(),
    responseTimeoutMs: z.number().positive(),
    batchWindowSeconds: z.number().min(0),
    dropRate: z.number().min(0).max(1),
    dropSeed: z.number().int(),
    defaultFormat: z.enum(['legacy', 'cloudevents']),
    logLimit: z.number().int().positive(),
  })
  .partial()
  .strict();

const DeliveryQuery = z.object({
  appId: z.string().optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
});

function badRequest(reply: FastifyReply, error: z.ZodError): FastifyReply {
  return reply.code(400).send({ error: { code: 'validation_failed', message: 'invalid request', details: error.issues } });
}

export function registerWebhookRoutes(app: FastifyInstance, dispatcher: WebhookDispatcher): void {
  const p = WEBHOOK_ADMIN_PREFIX;
  app.get(`${p}/endpoints`, async () => ({ endpoints: dispatcher.listEndpoints() }));
  app.put<{ Params: { appId: string } }>(`${p}/endpoints/:appId`, async (request, reply) => {
    const parsed = EndpointBody.safeParse(request.body);
    if (!parsed.success) return badRequest(reply, parsed.error);
    return dispatcher.configureEndpoint({ appId: request.params.appId, ...parsed.data });
  });
  app.delete<{ Params: { appId: string } }>(`${p}/endpoints/:appId`, async (request, reply) => {
    if (!dispatcher.removeEndpoint(request.params.appId)) {
      return reply.code(404).send({ error: { code: 'not_found', message: `no webhook endpoint for app ${request.params.appId}` } });
    }
    return reply.code(204).send();
  });
  app.get(`${p}/settings`, async () => dispatcher.getSettings());
  app.patch(`${p}/settings`, async (request, reply) => {
    const parsed = SettingsBody.safeParse(request.body);
    if (!parsed.success) return badRequest(reply, parsed.error);
    return dispatcher.updateSettings(parsed.data);
  });
  app.get(`${p}/deliveries`, async (request, reply) => {
    const parsed = DeliveryQuery.safeParse(request.query);
    if (!parsed.success) return badRequest(reply, parsed.error);
    const deliveries = dispatcher.deliveries(parsed.data);
    return { count: deliveries.length, deliveries };
  });
  app.get(`${p}/dropped`, async (request) => {
    const appId = (request.query as { appId?: string }).appId;
    const dropped = dispatcher.dropped(appId === undefined ? {} : { appId });
    return { count: dropped.length, dropped };
  });
  app.post(`${p}/flush`, async () => {
    dispatcher.flush();
    return { idle: dispatcher.isIdle() };
  });
  app.post(`${p}/wait-idle`, async (request) => {
    const raw = (request.query as { timeoutMs?: string }).timeoutMs;
    const timeoutMs = Math.min(120_000, Math.max(0, Number(raw ?? 10_000) || 0));
    return { idle: await dispatcher.waitIdle(timeoutMs) };
  });
}
