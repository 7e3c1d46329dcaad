import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { SandboxAdmin } from './admin/admin-api';
import { createAdmin } from './admin/admin-api';
import { adminRoutes } from './admin/admin.routes';
import { CallCounters } from './admin/call-counters';
import { accountingApi } from './api/plugin';
import type { SandboxClock } from './clock';
import { createClock } from './clock';
import { FaultInjector } from './faults/fault-injector';
import { RequestIdCache } from './idempotency/request-ids';
import { RateLimiter } from './limits/rate-limiter';
import { createOAuthServer } from './oauth';
import type { OAuthServer } from './oauth';
import { Random } from './random';
import { createWebhookDispatcher } from './webhooks';
import type { WebhookDispatcherPart } from './webhooks';
import type { DeepPartial, SandboxSettings } from './settings';
import { defaultSettings, mergeDeep } from './settings';
import { chainVerifiers } from './static-tokens';
import { SandboxStore } from './store/store';
import type { AccessTokenVerifier, SandboxPart } from './types';

export interface CreateSandboxOptions {
  /** Overrides of the defaults (see settings.ts and the README). */
  settings?: DeepPartial<SandboxSettings>;
  /** Sandbox ms per real ms (limits, token lifetimes and webhook retries follow it). Default 1. */
  timeScale?: number;
  /** Sandbox time at start. Default: now. */
  clockStart?: Date;
  /** Fixed bearer tokens: token → realmId ("*" = every realm). For admin and demo use. */
  staticTokens?: Record<string, string>;
  /** Replaces the OAuth server as the source of truth for bearer tokens (tests of the API alone). */
  accessTokenVerifier?: AccessTokenVerifier;
  /** Fastify logging (default off). */
  logger?: boolean;
}

export interface Sandbox {
  app: FastifyInstance;
  store: SandboxStore;
  clock: SandboxClock;
  admin: SandboxAdmin;
  /** The live settings object (mutate through admin.updateSettings). */
  settings: SandboxSettings;
  oauth: OAuthServer;
  /** The webhook dispatcher (endpoints, delivery log, drop knob). */
  webhooks: WebhookDispatcherPart;
  /** Start listening (port 0 = ephemeral); resolves to the base URL, e.g. http://127.0.0.1:8111. */
  listen(port?: number, host?: string): Promise<string>;
  /** The base URL once listening. */
  readonly url: string | undefined;
  /** Stop timers of every part and close the server. Idempotent. */
  close(): Promise<void>;
}

/** Build the whole sandbox (never reads the environment; `main.ts` does). */
export function createSandbox(options: CreateSandboxOptions = {}): Sandbox {
  const settings = mergeDeep(defaultSettings(), options.settings ?? {});
  const clockOptions: { timeScale?: number; start?: Date } = {};
  if (options.timeScale !== undefined) clockOptions.timeScale = options.timeScale;
  if (options.clockStart !== undefined) clockOptions.start = options.clockStart;
  const clock = createClock(clockOptions);
  const random = new Random(settings.randomSeed);
  const store = new SandboxStore(clock, settings);
  const counters = new CallCounters();
  const limiter = new RateLimiter(clock, () => settings.limits);
  const requestIds = new RequestIdCache(clock, random, () => settings.idempotency);
  const faultInjector = new FaultInjector(random, () => settings);

  const oauth = createOAuthServer({ directory: store, clock, settings: settings.oauth });
  const webhooks = createWebhookDispatcher({ directory: store, clock, settings: settings.webhooks });
  const parts: SandboxPart[] = [oauth, webhooks];
  const verifier = chainVerifiers(options.staticTokens ?? {}, options.accessTokenVerifier ?? oauth);

  const admin = createAdmin({ store, settings, clock, counters, limiter, requestIds, parts });
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 20 * 1024 * 1024 });
  void app.register(accountingApi({ store, settings, clock, limiter, requestIds, faultInjector, counters, verifier }));
  void app.register(adminRoutes(admin));
  for (const part of parts) void app.register(part.plugin);

  let url: string | undefined;
  let closed = false;
  return {
    app,
    store,
    clock,
    admin,
    settings,
    oauth,
    webhooks,
    get url() {
      return url;
    },
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
      return url;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const part of parts) await part.close();
      await app.close();
    },
  };
}
