import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * A CloudEvents 1.0 event. On Kafka it travels in the binary binding: the attributes
 * as `ce_*` headers, `data` as the JSON message value. Extension attributes are
 * lowercase alphanumerics (CloudEvents naming rule): `correlationid`, `causationid`,
 * `tenantid`.
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  datacontenttype: 'application/json';
  subject?: string;
  dataschema?: string;
  correlationid?: string;
  causationid?: string;
  tenantid?: string;
  data: T;
}

/** The attributes without `data`, as they appear in `ce_*` headers. */
export const cloudEventAttributesSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  subject: z.string().min(1).optional(),
  dataschema: z.string().min(1).optional(),
  correlationid: z.string().min(1).optional(),
  causationid: z.string().min(1).optional(),
  tenantid: z.string().min(1).optional(),
});

export type CloudEventAttributes = z.infer<typeof cloudEventAttributesSchema>;

/** Attribute names carried as Kafka headers (`ce_<name>`); `datacontenttype` is `content-type`. */
export const CLOUDEVENT_HEADER_ATTRIBUTES = [
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'subject',
  'dataschema',
  'correlationid',
  'causationid',
  'tenantid',
] as const;

export interface NewEvent<T> {
  type: string;
  source: string;
  data: T;
  subject?: string;
  id?: string;
  time?: Date | string;
  correlationid?: string;
  causationid?: string;
  tenantid?: string;
}

/** Build an event with a fresh id and the current time unless given. */
export function createEvent<T>(input: NewEvent<T>): CloudEvent<T> {
  const time = input.time === undefined ? new Date().toISOString() : typeof input.time === 'string' ? input.time : input.time.toISOString();
  const event: CloudEvent<T> = {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    time,
    datacontenttype: 'application/json',
    data: input.data,
  };
  if (input.subject !== undefined) event.subject = input.subject;
  if (input.correlationid !== undefined) event.correlationid = input.correlationid;
  if (input.causationid !== undefined) event.causationid = input.causationid;
  if (input.tenantid !== undefined) event.tenantid = input.tenantid;
  return event;
}
