import type { CloudEvent } from '@ledgerbus/contracts';
import { CLOUDEVENT_HEADER_ATTRIBUTES } from '@ledgerbus/contracts';
import { PoisonMessageError } from './errors';

/**
 * CloudEvents 1.0 Kafka binary binding: every attribute is a `ce_<name>` header, the
 * content type is the `content-type` header, and `data` is the JSON message value.
 */
export const CONTENT_TYPE = 'application/json';

export interface EncodedMessage {
  headers: Record<string, string>;
  value: Buffer | null;
}

/** Header values as kafkajs hands them over. */
export type RawHeaderValue = Buffer | string | Array<Buffer | string> | undefined;

export function encodeEvent(event: CloudEvent, extraHeaders: Record<string, string> = {}): EncodedMessage {
  const headers: Record<string, string> = { ...extraHeaders };
  const attributes = event as unknown as Record<string, unknown>;
  for (const name of CLOUDEVENT_HEADER_ATTRIBUTES) {
    const value = attributes[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') headers[`ce_${name}`] = String(value);
  }
  headers['content-type'] = CONTENT_TYPE;
  const value = event.data === undefined ? null : Buffer.from(JSON.stringify(event.data), 'utf8');
  return { headers, value };
}

/** kafkajs headers (Buffers, strings, arrays) → plain strings; for a repeated header the last one wins. */
export function headersToStrings(headers: Record<string, RawHeaderValue> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  for (const [name, raw] of Object.entries(headers)) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value === undefined) continue;
    out[name] = typeof value === 'string' ? value : value.toString('utf8');
  }
  return out;
}

/**
 * Headers and value → a CloudEvent. Anything that is not a well-formed binary-mode
 * CloudEvent with a JSON value raises a non-retriable `PoisonMessageError` naming why.
 * The attribute values are checked by the topic contract afterwards (`validateEvent`).
 */
export function decodeEvent(headers: Record<string, string>, value: Buffer | null): CloudEvent {
  const missing = ['specversion', 'id', 'source', 'type'].filter((a) => headers[`ce_${a}`] === undefined);
  if (missing.length > 0) {
    throw new PoisonMessageError('undecodable_message', `not a CloudEvent: missing header(s) ${missing.map((a) => `ce_${a}`).join(', ')}`, {
      missing: missing.map((a) => `ce_${a}`),
    });
  }
  const contentType = headers['content-type'];
  if (contentType !== undefined && contentType.split(';')[0]!.trim().toLowerCase() !== CONTENT_TYPE) {
    throw new PoisonMessageError('undecodable_message', `unsupported content-type "${contentType}" (expected ${CONTENT_TYPE})`);
  }
  let data: unknown = undefined;
  if (value !== null && value.length > 0) {
    try {
      data = JSON.parse(value.toString('utf8'));
    } catch (err) {
      throw new PoisonMessageError('undecodable_message', `value is not valid JSON: ${(err as Error).message}`, undefined, err);
    }
  }
  const event: Record<string, unknown> = { datacontenttype: CONTENT_TYPE };
  for (const name of CLOUDEVENT_HEADER_ATTRIBUTES) {
    const header = headers[`ce_${name}`];
    if (header !== undefined) event[name] = header;
  }
  event.data = data;
  return event as unknown as CloudEvent;
}
