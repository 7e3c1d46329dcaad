/**
 * Turns committed entity changes into Intuit-style webhook deliveries: per endpoint, changes
 * are batched for a short window, signed, POSTed in order, and retried with back-off. A
 * failing delivery holds back the later ones of its endpoint until it succeeds or is given up.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Random } from '../random';
import type { Clock, CompanyDirectory, EntityChange } from '../types';
import { intuitSignature, renderPayload } from './payloads';
import type { WebhookEndpointConfig, WebhookFormat, WebhookSettings } from './settings';

export interface DeliveryAttempt {
  /** Sandbox time the attempt started. */
  at: string;
  /** HTTP status, or undefined when the request failed (timeout, connection refused…). */
  status: number | undefined;
  error: string | undefined;
  /** Real milliseconds from request to response or failure. */
  latencyMs: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRecord {
  deliveryId: string;
  appId: string;
  url: string;
  format: WebhookFormat;
  changes: EntityChange[];
  /** The raw body, exactly as signed and sent. */
  body: string;
  signature: string;
  status: DeliveryStatus;
  createdAt: string;
  deliveredAt: string | undefined;
  /** Sandbox time of the next attempt while pending. */
  nextAttemptAt: string | undefined;
  attempts: DeliveryAttempt[];
}

export interface DroppedNotification {
  appId: string;
  change: EntityChange;
  at: string;
}

interface Delivery extends DeliveryRecord {
  nextAttemptAtMs: number;
  firstAttemptAtMs: number | undefined;
}

interface Endpoint {
  config: WebhookEndpointConfig;
  buffer: EntityChange[];
  bufferSinceMs: number;
  queue: Delivery[];
  inflight: AbortController | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** Longest real wait between checks of a pending endpoint, so `clock.advance()` is noticed. */
const MAX_TIMER_MS = 200;

export class WebhookDispatcher {
  private endpoints = new Map<string, Endpoint>();
  private log: Delivery[] = [];
  private droppedLog: DroppedNotification[] = [];
  private rng: Random;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    directory: CompanyDirectory,
    private readonly clock: Clock,
    private readonly settings: WebhookSettings,
  ) {
    this.rng = new Random(settings.dropSeed);
    for (const e of settings.endpoints) this.configureEndpoint(e);
    this.unsubscribe = directory.onChange((change) => this.onChange(change));
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  // ---- configuration -----------------------------------------------------------------------

  configureEndpoint(input: Omit<WebhookEndpointConfig, 'format'> & { format?: WebhookFormat | undefined }): WebhookEndpointConfig {
    const config: WebhookEndpointConfig = {
      appId: input.appId,
      url: input.url,
      verifierToken: input.verifierToken,
      format: input.format ?? this.settings.defaultFormat,
      realmIds: input.realmIds ? [...input.realmIds] : undefined,
      entities: input.entities ? [...input.entities] : undefined,
    };
    const existing = this.endpoints.get(config.appId);
    if (existing) existing.config = config;
    else this.endpoints.set(config.appId, { config, buffer: [], bufferSinceMs: 0, queue: [], inflight: undefined, timer: undefined });
    return { ...config };
  }

  /** Remove an app's endpoint; its undelivered notifications are marked failed. */
  removeEndpoint(appId: string): boolean {
    const ep = this.endpoints.get(appId);
    if (!ep) return false;
    this.stopEndpoint(ep);
    for (const d of ep.queue) this.finish(d, 'failed');
    this.endpoints.delete(appId);
    return true;
  }

  listEndpoints(): WebhookEndpointConfig[] {
    return [...this.endpoints.values()].map((e) => ({ ...e.config }));
  }

  /** Change dispatcher settings at run time (not endpoints). A new dropSeed or dropRate restarts the drop sequence. */
  updateSettings(partial: Partial<Omit<WebhookSettings, 'endpoints'>>): WebhookSettings {
    Object.assign(this.settings, partial);
    if (partial.dropSeed !== undefined || partial.dropRate !== undefined) this.rng = new Random(this.settings.dropSeed);
    for (const ep of this.endpoints.values()) this.wake(ep);
    return { ...this.settings, endpoints: this.listEndpoints() };
  }

  getSettings(): WebhookSettings {
    return { ...this.settings, endpoints: this.listEndpoints() };
  }

  // ---- intake ------------------------------------------------------------------------------

  private onChange(change: EntityChange): void {
    if (this.closed) return;
    const now = this.nowMs();
    for (const ep of this.endpoints.values()) {
      const { realmIds, entities } = ep.config;
      if (realmIds && !realmIds.includes(change.realmId)) continue;
      if (entities && !entities.includes(change.entity)) continue;
      if (this.settings.dropRate > 0 && this.rng.chance(this.settings.dropRate)) {
        this.droppedLog.push({ appId: ep.config.appId, change: { ...change }, at: this.iso(now) });
        continue;
      }
      if (ep.buffer.length === 0) ep.bufferSinceMs = now;
      ep.buffer.push({ ...change });
      this.wake(ep);
    }
  }

  private seal(ep: Endpoint, now: number): void {
    if (ep.buffer.length === 0) return;
    const changes = ep.buffer;
    ep.buffer = [];
    const body = renderPayload(ep.config.format, changes, ep.config.appId);
    const delivery: Delivery = {
      deliveryId: randomUUID(),
      appId: ep.config.appId,
      url: ep.config.url,
      format: ep.config.format,
      changes,
      body,
      signature: intuitSignature(ep.config.verifierToken, body),
      status: 'pending',
      createdAt: this.iso(now),
      deliveredAt: undefined,
      nextAttemptAt: this.iso(now),
      nextAttemptAtMs: now,
      firstAttemptAtMs: undefined,
      attempts: [],
    };
    ep.queue.push(delivery);
    this.log.push(delivery);
    if (this.log.length > this.settings.logLimit) this.log.splice(0, this.log.length - this.settings.logLimit);
  }

  // ---- the delivery loop -------------------------------------------------------------------

  private wake(ep: Endpoint): void {
    if (this.closed) return;
    if (ep.timer) {
      clearTimeout(ep.timer);
      ep.timer = undefined;
    }
    const now = this.nowMs();
    const windowMs = this.settings.batchWindowSeconds * 1000;
    if (ep.buffer.length > 0 && now >= ep.bufferSinceMs + windowMs) this.seal(ep, now);
    if (ep.inflight) {
      // the attempt's completion wakes the endpoint again; keep the batching window ticking meanwhile
      if (ep.buffer.length > 0) this.arm(ep, ep.bufferSinceMs + windowMs, now);
      return;
    }
    const head = ep.queue[0];
    if (head && head.nextAttemptAtMs <= now) {
      void this.attempt(ep, head);
      return;
    }
    const dues: number[] = [];
    if (ep.buffer.length > 0) dues.push(ep.bufferSinceMs + windowMs);
    if (head) dues.push(head.nextAttemptAtMs);
    if (dues.length === 0) return;
    this.arm(ep, Math.min(...dues), now);
  }

  private arm(ep: Endpoint, dueMs: number, now: number): void {
    const realWait = Math.min(MAX_TIMER_MS, Math.max(0, (dueMs - now) / this.clock.timeScale));
    ep.timer = setTimeout(() => {
      ep.timer = undefined;
      this.wake(ep);
    }, Math.ceil(realWait));
  }

  private async attempt(ep: Endpoint, d: Delivery): Promise<void> {
    const controller = new AbortController();
    ep.inflight = controller;
    const startedAt = this.nowMs();
    d.firstAttemptAtMs ??= startedAt;
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    const timeout = AbortSignal.timeout(this.settings.responseTimeoutMs);
    try {
      const res = await fetch(ep.config.url, {
        method: 'POST',
        body: d.body,
        headers: {
          'content-type': 'application/json',
          'intuit-signature': d.signature,
          'intuit-t-id': randomUUID(),
          'intuit-created-time': d.createdAt,
          'intuit-notification-schema-version': '0.1',
          'user-agent': 'intuit_notification_server/0.1',
        },
        signal: AbortSignal.any([controller.signal, timeout]),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = timeout.aborted ? 'timeout' : describeFetchError(err);
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    if (ep.inflight === controller) ep.inflight = undefined;
    if (this.closed || controller.signal.aborted) return;
    d.attempts.push({ at: this.iso(startedAt), status, error, latencyMs });
    const now = this.nowMs();
    if (status === 200) {
      this.finish(d, 'delivered', now);
      ep.queue.shift();
    } else {
      const failures = d.attempts.length;
      const delaySeconds = this.settings.retryScheduleSeconds[failures - 1] ?? this.settings.retryRepeatSeconds;
      const next = now + delaySeconds * 1000;
      if (next - (d.firstAttemptAtMs ?? now) > this.settings.giveUpAfterSeconds * 1000) {
        this.finish(d, 'failed');
        ep.queue.shift();
      } else {
        d.nextAttemptAtMs = next;
        d.nextAttemptAt = this.iso(next);
      }
    }
    this.wake(ep);
  }

  private finish(d: Delivery, status: DeliveryStatus, at?: number): void {
    d.status = status;
    d.nextAttemptAt = undefined;
    if (status === 'delivered' && at !== undefined) d.deliveredAt = this.iso(at);
  }

  private stopEndpoint(ep: Endpoint): void {
    if (ep.timer) clearTimeout(ep.timer);
    ep.timer = undefined;
    ep.inflight?.abort();
    ep.inflight = undefined;
  }

  // ---- admin -------------------------------------------------------------------------------

  /** Close every batching window now and make waiting retries due now. */
  flush(): void {
    const now = this.nowMs();
    for (const ep of this.endpoints.values()) {
      this.seal(ep, now);
      const head = ep.queue[0];
      if (head && head.nextAttemptAtMs > now) {
        head.nextAttemptAtMs = now;
        head.nextAttemptAt = this.iso(now);
      }
      this.wake(ep);
    }
  }

  /** Nothing buffered, queued or in flight. */
  isIdle(): boolean {
    for (const ep of this.endpoints.values()) if (ep.buffer.length > 0 || ep.queue.length > 0 || ep.inflight) return false;
    return true;
  }

  /** Resolve true once idle, or false after `timeoutMs` real milliseconds. */
  async waitIdle(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isIdle()) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return true;
  }

  deliveries(filter: { appId?: string; status?: DeliveryStatus } = {}): DeliveryRecord[] {
    return this.log
      .filter((d) => (filter.appId === undefined || d.appId === filter.appId) && (filter.status === undefined || d.status === filter.status))
      .map((d) => ({
        deliveryId: d.deliveryId,
        appId: d.appId,
        url: d.url,
        format: d.format,
        changes: d.changes.map((c) => ({ ...c })),
        body: d.body,
        signature: d.signature,
        status: d.status,
        createdAt: d.createdAt,
        deliveredAt: d.deliveredAt,
        nextAttemptAt: d.nextAttemptAt,
        attempts: d.attempts.map((a) => ({ ...a })),
      }));
  }

  dropped(filter: { appId?: string } = {}): DroppedNotification[] {
    return this.droppedLog.filter((d) => filter.appId === undefined || d.appId === filter.appId).map((d) => ({ ...d, change: { ...d.change } }));
  }

  /** Forget endpoints, queues and logs; go back to the configured endpoints and seed. */
  reset(): void {
    for (const ep of this.endpoints.values()) this.stopEndpoint(ep);
    this.endpoints = new Map();
    this.log = [];
    this.droppedLog = [];
    this.rng = new Random(this.settings.dropSeed);
    for (const e of this.settings.endpoints) this.configureEndpoint(e);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const ep of this.endpoints.values()) this.stopEndpoint(ep);
  }
}

function describeFetchError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: { code?: unknown } }).cause;
    if (cause && typeof cause.code === 'string') return cause.code;
    return err.message;
  }
  return String(err);
}
