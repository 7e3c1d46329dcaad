/** The HTTP API's zod schemas (bodies, parameters and the documents it answers with). */
import { z } from 'zod';
import { MAX_URL_LENGTH } from '../domain/endpoint-url';

export const tenantParams = z.object({
  // "*" is the platform (every tenant): its endpoints are under /v1/webhook-endpoints.
  tenant: z.string().min(1).max(100).refine((t) => t !== '*', 'the platform-wide endpoints are under /v1/webhook-endpoints'),
});
export const endpointParams = tenantParams.extend({ id: z.uuid() });
export const deliveryParams = endpointParams.extend({ deliveryId: z.uuid() });

/** The platform-wide routes' parameters (no tenant in the path). */
export const platformParams = z.object({});
export const platformEndpointParams = z.object({ id: z.uuid() });
export const platformDeliveryParams = platformEndpointParams.extend({ deliveryId: z.uuid() });

const eventTypes = z
  .array(z.string().min(1).max(100))
  .max(100)
  .describe('exact sync.events.v1 types ("invoice.pushed") or prefixes ("invoice.*"); empty = every event');
const description = z.string().max(500).describe('a note for people, e.g. what the endpoint is for (at most 500 characters)');

export const createEndpointBody = z.object({
  url: z.string().min(1).max(MAX_URL_LENGTH).describe('http or https URL the events are POSTed to'),
  eventTypes: eventTypes.default([]),
  description: description.optional(),
  enabled: z.boolean().default(true).describe('false creates it disabled: nothing is sent until it is enabled; default true'),
});

export const updateEndpointBody = z
  .object({
    url: z.string().min(1).max(MAX_URL_LENGTH).optional().describe('a new http or https URL the events are POSTed to'),
    eventTypes: eventTypes.optional(),
    description: description.nullable().optional().describe('a new note for people; null removes it'),
    enabled: z.boolean().optional().describe('true enables the endpoint again (its failure run starts from zero); false disables it and gives up its pending deliveries'),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'name at least one of url, eventTypes, description, enabled' });

const iso = z.string().describe('ISO 8601 date-time');

export const endpointDoc = z.object({
  id: z.uuid().describe('the endpoint id'),
  url: z.string().describe('where the events are POSTed'),
  description: z.string().nullable().describe('the note for people, if any'),
  eventTypes: z.array(z.string()).describe('exact sync.events.v1 types or prefixes ("invoice.*"); empty = every event'),
  enabled: z.boolean().describe('false while disabled: nothing is sent'),
  disabledReason: z.enum(['consecutive_failures', 'manual']).nullable().describe('consecutive_failures: disabled by the service after a run of failed attempts; manual: by an admin'),
  disabledAt: iso.nullable().describe('when it was disabled (ISO 8601), while it is'),
  consecutiveFailures: z.number().int().describe('failed attempts in a row since the last delivered one'),
  failingSince: iso.nullable().describe('when the current run of failed attempts began (ISO 8601); null while deliveries succeed'),
  secretRotatedAt: iso.nullable().describe('when the signing secret was last rotated (ISO 8601)'),
  previousSecretExpiresAt: iso.nullable().describe('until then deliveries are also signed with the secret before the last rotation'),
  createdBy: z.string().describe('the user or service account that created it'),
  updatedBy: z.string().describe('the user or service account that changed it last'),
  createdAt: iso.describe('when it was created (ISO 8601)'),
  updatedAt: iso.describe('when it was last changed (ISO 8601)'),
});

const secret = z.string().describe('the signing secret (Standard Webhooks, "whsec_…"): shown only in this answer, store it now');

export const createdEndpointDoc = endpointDoc.extend({ secret });
export const rotatedSecretDoc = z.object({ endpointId: z.uuid().describe('the endpoint id'), secret, previousSecretExpiresAt: iso.describe('the previous secret also signs until then') });
export const endpointListDoc = z.object({ items: z.array(endpointDoc).describe('the endpoints') });

export const deliveryStatus = z.enum(['pending', 'delivered', 'failed']);

export const deliveryDoc = z.object({
  id: z.uuid().describe('the delivery id'),
  endpointId: z.uuid().describe('the endpoint it goes to'),
  eventId: z.string().describe('the CloudEvent id, sent as webhook-id'),
  eventType: z.string().describe('the sync.events.v1 event type'),
  eventTime: iso.describe("the event's time (ISO 8601)"),
  key: z.string().describe('the event key (tenant or tenant/division): deliveries of one key to one endpoint keep their order'),
  status: deliveryStatus.describe('pending (waiting for its turn, a retry, or in flight), delivered, failed (given up, or its endpoint was disabled)'),
  attemptCount: z.number().int().describe('attempts made so far'),
  replays: z.number().int().describe('how often it was replayed'),
  nextAttemptAt: iso.nullable().describe('when the next attempt is due (ISO 8601), while pending'),
  lastAttemptAt: iso.nullable().describe('when the last attempt was made (ISO 8601)'),
  lastStatusCode: z.number().int().nullable().describe('HTTP status of the last attempt; null when the endpoint did not answer'),
  lastError: z.string().nullable().describe('http_<status>, timeout, connection_refused, refused_address, endpoint_disabled …'),
  deliveredAt: iso.nullable().describe('when the endpoint acknowledged it with a 2xx (ISO 8601)'),
  givenUpAt: iso.nullable().describe('when it was given up (ISO 8601): attempts exhausted or the endpoint disabled'),
  createdAt: iso.describe('when the delivery was queued (ISO 8601)'),
});

export const attemptDoc = z.object({
  attempt: z.number().int().describe('the attempt number, from 1'),
  at: iso.describe('when it was made (ISO 8601)'),
  statusCode: z.number().int().nullable().describe('the HTTP status the endpoint answered; null when it did not answer'),
  latencyMs: z.number().int().describe('milliseconds from sending to the answer or the failure'),
  outcome: z.enum(['delivered', 'failed']).describe('delivered (a 2xx) or failed'),
  error: z.string().nullable().describe('why it failed: http_<status>, timeout, connection_refused …'),
});

export const deliveryDetailDoc = deliveryDoc.extend({ attempts: z.array(attemptDoc).describe('every attempt, oldest first') });
export const deliveryListDoc = z.object({ items: z.array(deliveryDoc).describe('the deliveries, newest first'), nextCursor: z.string().nullable().describe('pass as ?cursor= for older deliveries') });

export const deliveryListQuery = z.object({
  status: deliveryStatus.optional(),
  eventType: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d{1,19}$/, 'a cursor from nextCursor').optional(),
});

export const replayRangeBody = z
  .object({
    from: z.iso.datetime({ offset: true }).describe('events whose time is at or after this'),
    to: z.iso.datetime({ offset: true }).describe('… and before this'),
  })
  // A field that is not a date-time is reported on its own; only two dates are compared.
  .refine((b) => !(Date.parse(b.from) >= Date.parse(b.to)), { message: 'to must be after from', path: ['to'] });

export const replayRangeDoc = z.object({
  replayed: z.number().int().describe('deliveries queued again (or for the first time) for events of the range'),
  alreadyPending: z.number().int().describe('events of the range whose delivery was still pending: left as they are'),
});
