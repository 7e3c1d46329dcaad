/**
 * Platform-wide webhook endpoints (`/v1/webhook-endpoints` of the webhooks service): endpoints of
 * the platform itself that take **every tenant's** events, managed with the platform's service
 * account (a token of tenant "*" with scope `webhooks`). Same shapes as the tenant's endpoints.
 */
import createFetchClient from 'openapi-fetch';
import type { LedgerbusClientOptions, RequestOptions } from './client';
import { bearerAuth, createSender } from './client';
import type { operations as WebhooksOperations, paths as WebhooksPaths } from './generated/webhooks';

type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type JsonAnswer<Op, Status extends number> = Op extends { responses: { [S in Status]: { content: { 'application/json': infer A } } } } ? A : never;

export type PlatformWebhookEndpointInput = JsonBody<WebhooksOperations['createPlatformWebhookEndpoint']>;
export type PlatformWebhookEndpointUpdate = JsonBody<WebhooksOperations['updatePlatformWebhookEndpoint']>;
export type CreatedPlatformWebhookEndpoint = JsonAnswer<WebhooksOperations['createPlatformWebhookEndpoint'], 201>;
export type PlatformWebhookEndpoint = JsonAnswer<WebhooksOperations['getPlatformWebhookEndpoint'], 200>;
export type PlatformWebhookEndpointList = JsonAnswer<WebhooksOperations['listPlatformWebhookEndpoints'], 200>;
export type PlatformRotatedSecret = JsonAnswer<WebhooksOperations['rotatePlatformWebhookEndpointSecret'], 200>;
export type PlatformWebhookDeliveryList = JsonAnswer<WebhooksOperations['listPlatformWebhookDeliveries'], 200>;
export type PlatformWebhookDelivery = JsonAnswer<WebhooksOperations['getPlatformWebhookDelivery'], 200>;
export type PlatformWebhookReplayInput = JsonBody<WebhooksOperations['replayPlatformWebhookEvents']>;
export type PlatformWebhookReplayResult = JsonAnswer<WebhooksOperations['replayPlatformWebhookEvents'], 202>;

export interface PlatformWebhooksClientOptions {
  /** The platform's service account (tenant "*", scope `webhooks`), or a function returning a fresh one. */
  token: LedgerbusClientOptions['token'];
  /** The webhooks service (or a gateway in front of every service). */
  baseUrl: string;
  retry?: LedgerbusClientOptions['retry'];
  fetch?: LedgerbusClientOptions['fetch'];
}

export interface PlatformWebhooksClient {
  /** Registers an endpoint for every tenant's events; the answer carries its `secret`, shown only here. */
  create(input: PlatformWebhookEndpointInput, options?: RequestOptions): Promise<CreatedPlatformWebhookEndpoint>;
  list(options?: RequestOptions): Promise<PlatformWebhookEndpointList>;
  get(id: string, options?: RequestOptions): Promise<PlatformWebhookEndpoint>;
  update(id: string, input: PlatformWebhookEndpointUpdate, options?: RequestOptions): Promise<PlatformWebhookEndpoint>;
  delete(id: string, options?: RequestOptions): Promise<void>;
  rotateSecret(id: string, options?: RequestOptions): Promise<PlatformRotatedSecret>;
  deliveries(id: string, query?: { status?: string; eventType?: string; limit?: number; cursor?: string }, options?: RequestOptions): Promise<PlatformWebhookDeliveryList>;
  delivery(id: string, deliveryId: string, options?: RequestOptions): Promise<PlatformWebhookDelivery>;
  replayDelivery(id: string, deliveryId: string, options?: RequestOptions): Promise<void>;
  replay(id: string, input: PlatformWebhookReplayInput, options?: RequestOptions): Promise<PlatformWebhookReplayResult>;
}

export function createPlatformWebhooksClient(options: PlatformWebhooksClientOptions): PlatformWebhooksClient {
  const client = createFetchClient<WebhooksPaths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), ...(options.fetch === undefined ? {} : { fetch: options.fetch }) });
  client.use(bearerAuth(options.token));
  const send = createSender(options.retry);
  const init = (o: RequestOptions | undefined) => (o?.signal === undefined ? {} : { signal: o.signal });
  return {
    create: (input, o) => send(() => client.POST('/v1/webhook-endpoints', { body: input, ...init(o) }), o?.signal),
    list: (o) => send(() => client.GET('/v1/webhook-endpoints', { ...init(o) }), o?.signal),
    get: (id, o) => send(() => client.GET('/v1/webhook-endpoints/{id}', { params: { path: { id } }, ...init(o) }), o?.signal),
    update: (id, input, o) => send(() => client.PATCH('/v1/webhook-endpoints/{id}', { params: { path: { id } }, body: input, ...init(o) }), o?.signal),
    async delete(id, o) {
      await send<unknown>(() => client.DELETE('/v1/webhook-endpoints/{id}', { params: { path: { id } }, ...init(o) }), o?.signal);
    },
    rotateSecret: (id, o) => send(() => client.POST('/v1/webhook-endpoints/{id}/rotate-secret', { params: { path: { id } }, ...init(o) }), o?.signal),
    deliveries: (id, query = {}, o) => send(() => client.GET('/v1/webhook-endpoints/{id}/deliveries', { params: { path: { id }, query: query as never }, ...init(o) }), o?.signal),
    delivery: (id, deliveryId, o) => send(() => client.GET('/v1/webhook-endpoints/{id}/deliveries/{deliveryId}', { params: { path: { id, deliveryId } }, ...init(o) }), o?.signal),
    async replayDelivery(id, deliveryId, o) {
      await send<unknown>(() => client.POST('/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay', { params: { path: { id, deliveryId } }, ...init(o) }), o?.signal);
    },
    replay: (id, input, o) => send(() => client.POST('/v1/webhook-endpoints/{id}/replay', { params: { path: { id } }, body: input, ...init(o) }), o?.signal),
  };
}
