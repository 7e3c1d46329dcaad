/**
 * The sandbox's webhook dispatcher: a SandboxPart (admin routes under /_sandbox/webhooks/)
 * that turns the directory's committed changes into signed Intuit webhook deliveries.
 * See README.md next to this file for what is emulated.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Clock, CompanyDirectory, SandboxPart } from '../types';
import { WebhookDispatcher } from './dispatcher';
import type { DeliveryRecord, DeliveryStatus, DroppedNotification } from './dispatcher';
import { registerWebhookRoutes } from './routes';
import { resolveWebhookSettings } from './settings';
import type { WebhookEndpointConfig, WebhookFormat, WebhookSettings } from './settings';

export { DEFAULT_WEBHOOK_SETTINGS, resolveWebhookSettings } from './settings';
export type { WebhookEndpointConfig, WebhookFormat, WebhookSettings } from './settings';
export type { DeliveryAttempt, DeliveryRecord, DeliveryStatus, DroppedNotification } from './dispatcher';
export { cloudEventType, cloudEventsPayload, intuitSignature, legacyPayload } from './payloads';
export type { CloudEvent, LegacyEntity, LegacyPayload } from './payloads';
export { WEBHOOK_ADMIN_PREFIX } from './routes';

export interface WebhookDispatcherPart extends SandboxPart {
  /** Set (or replace) an app's endpoint. */
  configureEndpoint(config: Omit<WebhookEndpointConfig, 'format'> & { format?: WebhookFormat }): WebhookEndpointConfig;
  removeEndpoint(appId: string): boolean;
  listEndpoints(): WebhookEndpointConfig[];
  /** Change retry schedule, batching window, drop rate/seed … at run time. */
  updateSettings(partial: Partial<Omit<WebhookSettings, 'endpoints'>>): WebhookSettings;
  getSettings(): WebhookSettings;
  /** The delivery log: one record per POSTed batch with every attempt (status, error, latency). */
  deliveries(filter?: { appId?: string; status?: DeliveryStatus }): DeliveryRecord[];
  /** Notifications the drop knob swallowed. */
  dropped(filter?: { appId?: string }): DroppedNotification[];
  /** Close batching windows and make waiting retries due now. */
  flush(): void;
  isIdle(): boolean;
  /** Resolve true once nothing is buffered, queued or in flight (false after timeoutMs real ms). */
  waitIdle(timeoutMs?: number): Promise<boolean>;
  /** The configured endpoints, for a snapshot file (queues and the delivery log are not kept). */
  exportState(): WebhookState;
  /** Replace the endpoints by a snapshot's. */
  importState(state: WebhookState): void;
}

/** The webhook part of a snapshot. */
export interface WebhookState {
  endpoints: WebhookEndpointConfig[];
}

export interface CreateWebhookDispatcherOptions {
  directory: CompanyDirectory;
  clock: Clock;
  settings?: Partial<WebhookSettings>;
}

export function createWebhookDispatcher(options: CreateWebhookDispatcherOptions): WebhookDispatcherPart {
  const dispatcher = new WebhookDispatcher(options.directory, options.clock, resolveWebhookSettings(options.settings));
  const plugin: FastifyPluginAsync = async (app) => {
    registerWebhookRoutes(app, dispatcher);
  };
  return {
    plugin,
    reset: () => dispatcher.reset(),
    close: () => dispatcher.close(),
    configureEndpoint: (config) => dispatcher.configureEndpoint(config),
    removeEndpoint: (appId) => dispatcher.removeEndpoint(appId),
    listEndpoints: () => dispatcher.listEndpoints(),
    updateSettings: (partial) => dispatcher.updateSettings(partial),
    getSettings: () => dispatcher.getSettings(),
    deliveries: (filter) => dispatcher.deliveries(filter),
    dropped: (filter) => dispatcher.dropped(filter),
    flush: () => dispatcher.flush(),
    isIdle: () => dispatcher.isIdle(),
    waitIdle: (timeoutMs) => dispatcher.waitIdle(timeoutMs),
    exportState: () => ({ endpoints: dispatcher.listEndpoints() }),
    importState(state) {
      for (const e of dispatcher.listEndpoints()) dispatcher.removeEndpoint(e.appId);
      for (const e of state.endpoints) dispatcher.configureEndpoint(e);
    },
  };
}
