import type { IncomingMessage, MessageBus, Subscription } from '@ledgerbus/bus';
import { syncEvents } from '@ledgerbus/contracts';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { Database, OutboxRelay } from '@ledgerbus/db';
import { createOutboxRelay, migrate } from '@ledgerbus/db';
import { createServiceHttpServer } from '@ledgerbus/kit';
import type { HttpServer, JwtVerifierOptions, KeyRing, Logger } from '@ledgerbus/kit';
import type { WebhooksConfig, WebhooksContext } from './context';
import { DEFAULT_CONFIG } from './context';
import { deliveriesRepository } from './db/deliveries.repository';
import { webhooksMigrations } from './db/migrations';
import type { DeliveryLoop } from './delivery/delivery-loop';
import { createDeliveryLoop } from './delivery/delivery-loop';
import { createDeliveryMetrics } from './delivery/metrics';
import { createSender } from './delivery/sender';
import { syncEventIntake } from './handlers/sync-event.handler';
import { registerDeliveryRoutes } from './http/deliveries.routes';
import { registerEndpointRoutes } from './http/endpoints.routes';

export const SERVICE_NAME = 'webhooks';
export const SERVICE_VERSION = '0.1.0';

export interface WebhooksServiceDeps {
  db: Database;
  bus: MessageBus;
  logger: Logger;
  jwt: JwtVerifierOptions;
  /** Encrypts the signing secrets at rest (WEBHOOKS_SECRET_KEY). */
  keys: KeyRing;
  config?: Partial<WebhooksConfig>;
  /** Prefix of consumer group ids (tests use a fresh one). Default "". */
  groupPrefix?: string;
  /** Topic definitions (tests pass fresh copies). Default: the registry's sync.events.v1. */
  topics?: { events?: TopicDefinition };
  relayPollIntervalMs?: number;
  /** Run the delivery loop in this process (default true; an API-only replica passes false). */
  runDelivery?: boolean;
  /** The lease owner id of this replica's delivery loop (default host:pid:random). */
  owner?: string;
}

export interface WebhooksService {
  readonly http: HttpServer;
  readonly context: WebhooksContext;
  readonly delivery: DeliveryLoop;
  /** Migrate, start the intake consumer, the outbox relay and the delivery loop. */
  start(): Promise<void>;
  /** Stop the intake consumer, then the delivery loop (attempts in flight finish and are recorded). */
  stopConsumers(): Promise<void>;
  drainOutbox(): Promise<void>;
}

/** Builds the service around its adapters; never listens and never reads the environment. */
export async function createWebhooksService(deps: WebhooksServiceDeps): Promise<WebhooksService> {
  const config: WebhooksConfig = { ...DEFAULT_CONFIG, ...deps.config };
  const eventsTopic = deps.topics?.events ?? syncEvents;
  const http = await createServiceHttpServer(deps, {
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    openapi: {
      title: 'ledgerbus webhooks',
      description:
        'Signed outbound webhooks for platform integrators: endpoints (URL, event types, a Standard Webhooks signing secret shown once), ' +
        'every matching sync.events.v1 event POSTed as a CloudEvent with retries for about 28 hours, per-key order, a delivery log and replay; ' +
        "a tenant's endpoints under /v1/tenants/{tenant}, the platform's (every tenant's events) under /v1/webhook-endpoints.",
      tags: [
        { name: 'webhook endpoints', description: 'Where events are sent: URL, event types, signing secret, enabled' },
        { name: 'webhook deliveries', description: 'Each delivery and its attempts, and replay of one message or a time range' },
        {
          name: 'platform webhook endpoints',
          description: 'The platform\'s own endpoints, which take every tenant\'s events, with their delivery log and replay: for its service account (svc: true, tenant "*")',
        },
      ],
    },
  });
  const ctx: WebhooksContext = {
    knex: deps.db.knex,
    logger: deps.logger,
    config,
    keys: deps.keys,
    eventsTopic,
    // The loop is built below, from this context; nothing wakes it before then.
    wake: () => delivery.wake(),
  };
  const metrics = createDeliveryMetrics(http.metrics, () => deliveriesRepository.backlog(deps.db.knex));
  const sender = createSender({ policy: { allowLoopback: config.allowLoopback }, userAgent: `ledgerbus-webhooks/${SERVICE_VERSION}`, maxSocketsPerHost: config.concurrency });
  const delivery = createDeliveryLoop(ctx, sender, metrics, deps.owner);
  registerEndpointRoutes(http, ctx);
  registerDeliveryRoutes(http, ctx);

  const intake = syncEventIntake(ctx, metrics);
  const subscriptions: Subscription[] = [];
  let relay: OutboxRelay | undefined;
  const runDelivery = deps.runDelivery ?? true;

  return {
    http,
    context: ctx,
    delivery,
    async start() {
      await migrate(deps.db.knex, { schema: deps.db.schema, migrations: webhooksMigrations });
      await deps.bus.ensureTopics([eventsTopic]);
      relay = createOutboxRelay({
        knex: deps.db.knex,
        bus: deps.bus,
        schema: deps.db.schema,
        logger: deps.logger,
        topics: [eventsTopic],
        ...(deps.relayPollIntervalMs === undefined ? {} : { pollIntervalMs: deps.relayPollIntervalMs }),
      });
      relay.start();
      subscriptions.push(
        await deps.bus.subscribe({
          groupId: `${deps.groupPrefix ?? ''}webhooks.intake`,
          topics: [eventsTopic],
          handler: (message: IncomingMessage) => intake([message]),
          batch: { handler: (messages) => intake(messages), maxMessages: 200 },
          handlerName: 'webhooks.intake',
          partitionsConsumedConcurrently: 3,
          fromBeginning: true,
        }),
      );
      if (runDelivery) delivery.start();
    },
    async stopConsumers() {
      const all = subscriptions.splice(0);
      await Promise.all(all.map((s) => s.stop()));
      await delivery.stop();
      sender.close();
    },
    async drainOutbox() {
      if (relay === undefined) return;
      // Stop the relay even when the drain fails (timeout): otherwise its loop and LISTEN connection outlive the service.
      try {
        await relay.drain({ timeoutMs: 10_000 });
      } finally {
        await relay.stop();
      }
    },
  };
}
