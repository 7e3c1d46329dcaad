/**
 * Settings of the sandbox's webhook dispatcher. Delays are sandbox seconds on the sandbox
 * Clock, so a time-scaled sandbox runs Intuit's retry schedule in (real) seconds.
 */

/** Payload shape: Intuit's legacy `eventNotifications` object or the CloudEvents 1.0 array. */
export type WebhookFormat = 'legacy' | 'cloudevents';

/** One app's webhook subscription (the "Webhooks" page of an Intuit app). */
export interface WebhookEndpointConfig {
  /** The app, e.g. its OAuth client id. One endpoint per app. */
  appId: string;
  /** Where notifications are POSTed. */
  url: string;
  /** Key of the `intuit-signature` HMAC-SHA256. */
  verifierToken: string;
  format: WebhookFormat;
  /** Only these companies (undefined = every company of the directory). */
  realmIds?: string[] | undefined;
  /** Only these entity names, e.g. ["Customer", "Invoice"] (undefined = every entity). */
  entities?: string[] | undefined;
}

export interface WebhookSettings {
  /** Endpoints configured at start (and after a reset). */
  endpoints: WebhookEndpointConfig[];
  /**
   * Delays before retry 1, 2, … after a failed attempt (non-200 or timeout). Intuit (Feb 2026
   * policy, UNCONFIRMED verbatim): 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h, then every 6 h.
   */
  retryScheduleSeconds: number[];
  /** Delay between retries once the schedule is used up. Default 6 h. */
  retryRepeatSeconds: number;
  /** Give a delivery up when its next retry would fall later than this after its first attempt. UNCONFIRMED; default 72 h. */
  giveUpAfterSeconds: number;
  /**
   * The receiver must answer within this many REAL milliseconds (Intuit: 3 s); a slower answer
   * counts as a failed attempt. Not scaled by the clock, since it is about a real receiver.
   */
  responseTimeoutMs: number;
  /**
   * Changes for one endpoint that arrive within this window (from the first one) travel in one
   * delivery. Intuit production offers 0, 1, 3 or 5 minutes; its sandbox is near real time.
   * Default 1 s. 0 = one delivery per change.
   */
  batchWindowSeconds: number;
  /** Share of notifications (per change and endpoint) silently dropped, 0…1. Default 0. */
  dropRate: number;
  /** Seed of the drop decisions (same seed and same changes → same drops). */
  dropSeed: number;
  /** Payload format for endpoints configured without one. */
  defaultFormat: WebhookFormat;
  /** Entries kept in the delivery log (oldest dropped first). */
  logLimit: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  endpoints: [],
  retryScheduleSeconds: [10, 20, 30, 300, 1200, 7200, 14400, 21600],
  retryRepeatSeconds: 21600,
  giveUpAfterSeconds: 72 * 3600,
  responseTimeoutMs: 3000,
  batchWindowSeconds: 1,
  dropRate: 0,
  dropSeed: 1,
  defaultFormat: 'legacy',
  logLimit: 10000,
};

export function resolveWebhookSettings(partial: Partial<WebhookSettings> = {}): WebhookSettings {
  const s: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, ...partial };
  if (!(s.dropRate >= 0 && s.dropRate <= 1)) throw new RangeError('WebhookSettings.dropRate must be within 0…1');
  if (s.retryScheduleSeconds.some((d) => !(d >= 0))) throw new RangeError('WebhookSettings.retryScheduleSeconds must be >= 0');
  for (const key of ['retryRepeatSeconds', 'giveUpAfterSeconds', 'responseTimeoutMs'] as const) {
    if (!(s[key] > 0)) throw new RangeError(`WebhookSettings.${key} must be > 0`);
  }
  if (!(s.batchWindowSeconds >= 0)) throw new RangeError('WebhookSettings.batchWindowSeconds must be >= 0');
  return s;
}
