import { ConflictError } from '@ledgerbus/kit';
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
import type { SandboxSnapshot, SnapshotInfo } from './snapshot/snapshot-file';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, readSnapshotFile, writeSnapshotFile } from './snapshot/snapshot-file';
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
  /**
   * A snapshot file: loaded at creation when it exists (companies, ids, OAuth apps/grants/tokens,
   * webhook endpoints, sandbox time), written by `snapshot()` / `POST /_sandbox/snapshot`.
   */
  snapshotFile?: string;
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
  /** The state a restart needs (companies, ids, OAuth apps/grants/tokens, webhook endpoints, time). */
  exportState(): SandboxSnapshot;
  /** Replace that state by a snapshot's (counters, limits, requestids and delivery logs are cleared). */
  importState(snapshot: SandboxSnapshot): void;
  /** Write the state to `snapshotFile` (409 snapshot_not_configured when none is configured). */
  snapshot(): SnapshotInfo;
  /** Whether the state was loaded from `snapshotFile` at creation. */
  readonly restoredFromSnapshot: boolean;
}

/** Build the whole sandbox (never reads the environment; `main.ts` does). */
export function createSandbox(options: CreateSandboxOptions = {}): Sandbox {
  const settings = mergeDeep(defaultSettings(), options.settings ?? {});
  const loaded = options.snapshotFile === undefined ? undefined : readSnapshotFile(options.snapshotFile);
  const clockOptions: { timeScale?: number; start?: Date } = {};
  if (options.timeScale !== undefined) clockOptions.timeScale = options.timeScale;
  if (options.clockStart !== undefined) clockOptions.start = options.clockStart;
  else if (loaded) clockOptions.start = new Date(Math.max(Date.now(), Date.parse(loaded.clockNow)));
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

  const exportState = (): SandboxSnapshot => ({
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    clockNow: clock.now().toISOString(),
    store: store.exportState(),
    oauth: oauth.exportState(),
    webhooks: webhooks.exportState(),
  });
  const importState = (snapshot: SandboxSnapshot): void => {
    counters.reset();
    limiter.reset();
    requestIds.reset();
    webhooks.reset();
    store.importState(snapshot.store);
    oauth.importState(snapshot.oauth);
    webhooks.importState(snapshot.webhooks);
  };
  const snapshot = (): SnapshotInfo => {
    if (options.snapshotFile === undefined) throw new ConflictError('snapshot_not_configured', 'No snapshot file is configured (QBO_SANDBOX_SNAPSHOT_FILE / createSandbox({ snapshotFile }))');
    const state = exportState();
    const bytes = writeSnapshotFile(options.snapshotFile, state);
    return { file: options.snapshotFile, bytes, clockNow: state.clockNow, companies: state.store.companies.length };
  };
  if (loaded) importState(loaded);

  const admin = createAdmin({ store, settings, clock, counters, limiter, requestIds, parts, snapshot });
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
    exportState,
    importState,
    snapshot,
    restoredFromSnapshot: loaded !== undefined,
    async close() {
      if (closed) return;
      closed = true;
      for (const part of parts) await part.close();
      await app.close();
    },
  };
}
