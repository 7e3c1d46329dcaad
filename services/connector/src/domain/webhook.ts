/**
 * Intuit webhooks: the `intuit-signature` check (base64 HMAC-SHA256 of the raw body with
 * the app's verifier token, compared in constant time) and both payload formats — the
 * legacy `eventNotifications` object and the CloudEvents 1.0 array (or a single event) — parsed into one shape.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { WebhookPayloadError, WebhookSignatureError } from './errors';

export type ChangeOperation = 'Create' | 'Update' | 'Delete' | 'Merge' | 'Void' | 'Emailed';

/** One entity change Intuit told us about (ids only; the entity is fetched afterwards). */
export interface ChangeNotification {
  realmId: string;
  /** QBO entity name, e.g. "Customer". */
  entity: string;
  entityId: string;
  operation: ChangeOperation;
  /** ISO date-time of the change. */
  lastUpdated: string;
  /** For Merge: the id merged away into `entityId`. */
  deletedId?: string;
}

export function webhookSignature(verifierToken: string, rawBody: Buffer | string): string {
  return createHmac('sha256', verifierToken).update(rawBody).digest('base64');
}

/** Throws `WebhookSignatureError` unless `header` is the signature of `rawBody` under one of the verifier tokens. */
export function verifyWebhookSignature(verifierTokens: readonly string[], rawBody: Buffer, header: string | undefined): void {
  if (header === undefined || header.trim() === '') throw new WebhookSignatureError('missing');
  const given = Buffer.from(header.trim(), 'base64');
  let ok = false;
  for (const token of verifierTokens) {
    const expected = createHmac('sha256', token).update(rawBody).digest();
    // Compare every token (no early exit) so timing says nothing about which one matched.
    if (given.length === expected.length && timingSafeEqual(given, expected)) ok = true;
  }
  if (!ok) throw new WebhookSignatureError('mismatch');
}

const ENTITY_NAMES = [
  'Account', 'Bill', 'BillPayment', 'Budget', 'Class', 'CreditMemo', 'Currency', 'Customer', 'Department', 'Deposit',
  'Employee', 'Estimate', 'Invoice', 'Item', 'JournalCode', 'JournalEntry', 'Payment', 'PaymentMethod', 'Preferences',
  'Purchase', 'PurchaseOrder', 'RefundReceipt', 'SalesReceipt', 'TaxAgency', 'TaxCode', 'TaxRate', 'Term',
  'TimeActivity', 'Transfer', 'Vendor', 'VendorCredit', 'CompanyCurrency', 'CreditCardPayment', 'RecurringTransaction',
  'ReimburseCharge', 'CustomerType', 'Attachable',
] as const;
const BY_LOWER = new Map<string, string>(ENTITY_NAMES.map((n) => [n.toLowerCase(), n]));

/** "customer" / "Customer" / "journalentry" → "Customer" / "JournalEntry"; unknown names keep a capital first letter. */
export function canonicalEntityName(name: string): string {
  return BY_LOWER.get(name.toLowerCase()) ?? name.charAt(0).toUpperCase() + name.slice(1);
}

const OPERATIONS: Record<string, ChangeOperation> = {
  create: 'Create', created: 'Create',
  update: 'Update', updated: 'Update',
  delete: 'Delete', deleted: 'Delete',
  merge: 'Merge', merged: 'Merge',
  void: 'Void', voided: 'Void',
  emailed: 'Emailed', email: 'Emailed',
};

function operationOf(value: string): ChangeOperation {
  const op = OPERATIONS[value.toLowerCase()];
  if (op === undefined) throw new WebhookPayloadError(`unknown webhook operation "${value}"`);
  return op;
}

const realm = z.string().regex(/^[0-9]{1,30}$/, 'realmId must be numeric');
const id = z.string().min(1).max(50);

const legacySchema = z.object({
  eventNotifications: z.array(
    z.object({
      realmId: realm,
      dataChangeEvent: z
        .object({
          entities: z.array(
            z.object({
              name: z.string().min(1).max(50),
              id,
              operation: z.string().min(1).max(20),
              lastUpdated: z.string().min(1).max(40),
              deletedId: id.optional(),
            }),
          ),
        })
        .optional(),
    }),
  ),
});

const cloudEventSchema = z.object({
  specversion: z.string().optional(),
  id: z.string().optional(),
  type: z.string().regex(/^qbo\.[a-z0-9]+\.[a-z]+\.v[0-9]+$/i, 'type must look like qbo.<entity>.<operation>.v1'),
  time: z.string().optional(),
  intuitentityid: id,
  intuitaccountid: realm,
  data: z.record(z.string(), z.unknown()).nullish(),
});
const cloudEventsSchema = z.array(cloudEventSchema);

/** Intuit writes "2015-10-05T14:42:19-0700"; make the offset ISO ("-07:00") and fall back to now when unparsable. */
export function normalizeTimestamp(value: string | undefined, now: Date = new Date()): string {
  if (value === undefined) return now.toISOString();
  const fixed = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(fixed);
  return Number.isNaN(ms) ? now.toISOString() : new Date(ms).toISOString();
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

/** A single CloudEvent (structured mode, `application/cloudevents+json`) rather than a batch or a legacy body. */
function isSingleCloudEvent(body: unknown, contentType: string | undefined): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return mediaType === 'application/cloudevents+json' || ('specversion' in body && !('eventNotifications' in body));
}

/**
 * Parses either format; throws `WebhookPayloadError` (400) naming the bad field. A single CloudEvent
 * object (`application/cloudevents+json`, or any object with `specversion` and no `eventNotifications`)
 * is one event.
 */
export function parseWebhookPayload(
  body: unknown,
  now: Date = new Date(),
  contentType?: string,
): { format: 'legacy' | 'cloudevents'; notifications: ChangeNotification[] } {
  if (isSingleCloudEvent(body, contentType)) body = [body];
  if (Array.isArray(body)) {
    const parsed = cloudEventsSchema.safeParse(body);
    if (!parsed.success) throw new WebhookPayloadError(`invalid CloudEvents webhook: ${issues(parsed.error)}`);
    return {
      format: 'cloudevents',
      notifications: parsed.data.map((e) => {
        const [, entity = '', operation = ''] = e.type.split('.');
        const deleted = e.data?.deletedid ?? e.data?.deletedId;
        return {
          realmId: e.intuitaccountid,
          entity: canonicalEntityName(entity),
          entityId: e.intuitentityid,
          operation: operationOf(operation),
          lastUpdated: normalizeTimestamp(e.time, now),
          ...(typeof deleted === 'string' && deleted.length > 0 ? { deletedId: deleted } : {}),
        };
      }),
    };
  }
  const parsed = legacySchema.safeParse(body);
  if (!parsed.success) throw new WebhookPayloadError(`invalid webhook payload: ${issues(parsed.error)}`);
  const notifications: ChangeNotification[] = [];
  for (const n of parsed.data.eventNotifications) {
    for (const e of n.dataChangeEvent?.entities ?? []) {
      notifications.push({
        realmId: n.realmId,
        entity: canonicalEntityName(e.name),
        entityId: e.id,
        operation: operationOf(e.operation),
        lastUpdated: normalizeTimestamp(e.lastUpdated, now),
        ...(e.deletedId === undefined ? {} : { deletedId: e.deletedId }),
      });
    }
  }
  return { format: 'legacy', notifications };
}
