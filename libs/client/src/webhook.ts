/**
 * Verifying a ledgerbus webhook (Standard Webhooks, https://www.standardwebhooks.com) with the
 * maintained `standardwebhooks` implementation: HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>`
 * with the endpoint's `whsec_…` secret, constant-time comparison, timestamps older or newer than
 * 5 minutes refused. The body is a CloudEvent (structured JSON mode) of `sync.events.v1`; a known
 * event type's `data` is checked against its contract.
 */
import type { CloudEvent, EventTypes, TopicEvent } from '@ledgerbus/contracts';
import { syncEvents } from '@ledgerbus/contracts';
import { Webhook, WebhookVerificationError as StandardWebhookError } from 'standardwebhooks';
import { WebhookVerificationError } from './errors';

/** Every event type of `sync.events.v1`, as the contracts in libs/contracts define them. */
export type SyncEventType = EventTypes<typeof syncEvents>;
/** A known event: its `data` typed by `type` (narrow with `switch (event.type)`). */
export type SyncEvent = TopicEvent<typeof syncEvents>;
/** What a webhook carries: a known event, or one of a type this client does not know yet (newer server). */
export type WebhookEvent = (SyncEvent & { known: true }) | (CloudEvent<unknown> & { known: false });

export const SYNC_EVENT_TYPES = Object.keys(syncEvents.events) as SyncEventType[];

/** Fetch API `Headers`, Node's `IncomingHttpHeaders`, or any object of header names (any casing) to values. */
export type WebhookHeaders = Headers | object;

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, unknown>;
  const value = record[name] ?? Object.entries(record).find(([k]) => k.toLowerCase() === name)?.[1];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

export interface VerifyOptions {
  /** The endpoint's secret(s): during a rotation, the new and the previous one (either may sign). */
  secret: string | readonly string[];
}

/**
 * Checks the signature of a delivery and returns its event. `payload` must be the raw body, byte for
 * byte (do not parse and re-serialize it first). Throws `WebhookVerificationError`: answer 400 and
 * drop the message. Deduplicate on `event.id` (= `webhook-id`): the same event may come again.
 */
export function verifyWebhook(payload: string | Buffer | Uint8Array, headers: WebhookHeaders, options: VerifyOptions): WebhookEvent {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signature = header(headers, 'webhook-signature');
  if (id === undefined || timestamp === undefined || signature === undefined) {
    throw new WebhookVerificationError('missing_headers', 'webhook-id, webhook-timestamp and webhook-signature are required');
  }
  const body = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  if (secrets.length === 0) throw new RangeError('verifyWebhook: give at least one secret');
  let verified: unknown;
  let lastError: unknown;
  for (const secret of secrets) {
    try {
      verified = new Webhook(secret).verify(body, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature });
      break;
    } catch (err) {
      lastError = err;
    }
  }
  if (verified === undefined) {
    const message = lastError instanceof Error ? lastError.message : 'invalid signature';
    if (lastError instanceof StandardWebhookError && /timestamp/i.test(message)) {
      throw new WebhookVerificationError('timestamp_out_of_tolerance', message, { cause: lastError });
    }
    if (lastError instanceof StandardWebhookError) throw new WebhookVerificationError('invalid_signature', message, { cause: lastError });
    throw new WebhookVerificationError('invalid_body', message, { cause: lastError });
  }
  return parseWebhookEvent(verified);
}

/** A delivery's parsed body → a typed event (after the signature was checked). */
export function parseWebhookEvent(body: unknown): WebhookEvent {
  if (typeof body !== 'object' || body === null) throw new WebhookVerificationError('invalid_body', 'the body is not a JSON object');
  const event = body as Partial<CloudEvent<unknown>>;
  for (const attribute of ['specversion', 'id', 'source', 'type'] as const) {
    if (typeof event[attribute] !== 'string') throw new WebhookVerificationError('invalid_event', `not a CloudEvent: "${attribute}" is missing`);
  }
  const schema = (syncEvents.events as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }>)[
    event.type as string
  ];
  if (schema === undefined) return { ...(event as CloudEvent<unknown>), known: false };
  const parsed = schema.safeParse(event.data);
  if (!parsed.success) {
    const issue = parsed.error?.issues[0];
    throw new WebhookVerificationError('invalid_event', `data of ${event.type} does not match its contract${issue === undefined ? '' : `: ${['data', ...issue.path.map(String)].join('.')} ${issue.message}`}`);
  }
  return { ...(event as CloudEvent<unknown>), data: parsed.data, known: true } as WebhookEvent;
}
