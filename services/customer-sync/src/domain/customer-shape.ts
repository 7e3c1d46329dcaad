/**
 * Platform ↔ QBO shapes of a customer (no I/O). The platform record is the
 * `platform.customers.v1` record without tenant and version; the QBO record is a
 * Customer as the Accounting API returns it.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { platformCustomerRecord } from '@ledgerbus/contracts';
import type { Customer } from '@ledgerbus/qbo';

export type PlatformCustomer = z.infer<typeof platformCustomerRecord>;
export type PlatformAddress = NonNullable<PlatformCustomer['billingAddress']>;

/** The fields that sync both ways and take part in conflict resolution, in a stable order. */
export const SYNCED_FIELDS = [
  'displayName',
  'companyName',
  'givenName',
  'familyName',
  'email',
  'phone',
  'billingAddress',
  'shippingAddress',
  'active',
] as const;
export type SyncedField = (typeof SYNCED_FIELDS)[number];
export type SyncedValues = Partial<Pick<PlatformCustomer, SyncedField>>;

const ADDRESS_KEYS = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'] as const;

function clean(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  return t === '' ? undefined : t;
}

function cleanAddress(a: PlatformAddress | undefined): PlatformAddress | undefined {
  if (a === undefined) return undefined;
  const out: PlatformAddress = {};
  for (const k of ADDRESS_KEYS) {
    const v = clean(a[k]);
    if (v !== undefined) out[k] = v;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** The synced fields of a record, normalized (trimmed, empty = absent), for comparing and hashing. */
export function syncedValues(record: Partial<PlatformCustomer>): SyncedValues {
  const out: SyncedValues = {};
  const displayName = clean(record.displayName);
  if (displayName !== undefined) out.displayName = displayName;
  for (const k of ['companyName', 'givenName', 'familyName', 'phone'] as const) {
    const v = clean(record[k]);
    if (v !== undefined) out[k] = v;
  }
  const email = clean(record.email);
  if (email !== undefined) out.email = email.toLowerCase();
  const billing = cleanAddress(record.billingAddress);
  if (billing) out.billingAddress = billing;
  const shipping = cleanAddress(record.shippingAddress);
  if (shipping) out.shippingAddress = shipping;
  out.active = record.active ?? true;
  return out;
}

function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** True when the two records agree on every synced field (after normalization). */
export function sameContent(a: Partial<PlatformCustomer>, b: Partial<PlatformCustomer>): boolean {
  return canonical(syncedValues(a)) === canonical(syncedValues(b));
}

/** sha256 of the normalized synced fields: what the echo ledger remembers of a write. */
export function contentHash(record: Partial<PlatformCustomer>): string {
  return createHash('sha256').update(canonical(syncedValues(record))).digest('hex');
}

type QboAddress = NonNullable<Customer['BillAddr']>;

function toQboAddress(a: PlatformAddress | undefined): QboAddress | undefined {
  const c = cleanAddress(a);
  if (c === undefined) return undefined;
  const out: QboAddress = {};
  if (c.line1 !== undefined) out.Line1 = c.line1;
  if (c.line2 !== undefined) out.Line2 = c.line2;
  if (c.city !== undefined) out.City = c.city;
  if (c.state !== undefined) out.CountrySubDivisionCode = c.state;
  if (c.postalCode !== undefined) out.PostalCode = c.postalCode;
  if (c.country !== undefined) out.Country = c.country;
  return out;
}

function fromQboAddress(a: QboAddress | undefined): PlatformAddress | undefined {
  if (a === undefined) return undefined;
  return cleanAddress({
    ...(a.Line1 === undefined ? {} : { line1: a.Line1 }),
    ...(a.Line2 === undefined ? {} : { line2: a.Line2 }),
    ...(a.City === undefined ? {} : { city: a.City }),
    ...(a.CountrySubDivisionCode === undefined ? {} : { state: a.CountrySubDivisionCode }),
    ...(a.PostalCode === undefined ? {} : { postalCode: a.PostalCode }),
    ...(a.Country === undefined ? {} : { country: a.Country }),
  });
}

/** QBO body fields for the given synced values (only those present in `fields`). */
export function qboFieldsFor(values: SyncedValues, fields: readonly SyncedField[] = SYNCED_FIELDS): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f];
    switch (f) {
      case 'displayName':
        if (v !== undefined) body.DisplayName = v;
        break;
      case 'companyName':
        body.CompanyName = v ?? '';
        break;
      case 'givenName':
        body.GivenName = v ?? '';
        break;
      case 'familyName':
        body.FamilyName = v ?? '';
        break;
      case 'email':
        body.PrimaryEmailAddr = { Address: (v as string | undefined) ?? '' };
        break;
      case 'phone':
        body.PrimaryPhone = { FreeFormNumber: (v as string | undefined) ?? '' };
        break;
      case 'billingAddress':
        body.BillAddr = toQboAddress(v as PlatformAddress | undefined) ?? {};
        break;
      case 'shippingAddress':
        body.ShipAddr = toQboAddress(v as PlatformAddress | undefined) ?? {};
        break;
      case 'active':
        body.Active = v ?? true;
        break;
    }
  }
  return body;
}

/**
 * The QBO create body for a platform record. A site / sub-customer names its parent's
 * QBO id: it becomes a QBO sub-customer (ParentRef, Job, BillWithParent).
 */
export function toQboCreateBody(record: PlatformCustomer, parentQboId?: string, displayName?: string): Record<string, unknown> {
  const values = syncedValues(record);
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(qboFieldsFor(values))) {
    // A create sends only what has a value.
    if (v === '' || (typeof v === 'object' && v !== null && Object.values(v).every((x) => x === '' || x === undefined))) continue;
    body[k] = v;
  }
  if (displayName !== undefined) body.DisplayName = displayName;
  if (parentQboId !== undefined) {
    body.ParentRef = { value: parentQboId };
    body.Job = true;
    body.BillWithParent = true;
  }
  return body;
}

/** The platform-shaped record of a QBO customer (`customerId` and the parent's platform id supplied by the caller). */
export function fromQboCustomer(qbo: Customer, ids: { customerId: string; parentCustomerId?: string }): PlatformCustomer {
  const name = clean(qbo.DisplayName) ?? clean(qbo.FullyQualifiedName) ?? clean([qbo.GivenName, qbo.FamilyName].filter(Boolean).join(' ')) ?? `QBO customer ${qbo.Id}`;
  const record: PlatformCustomer = { customerId: ids.customerId, displayName: name, active: qbo.Active ?? true };
  const set = <K extends keyof PlatformCustomer>(k: K, v: PlatformCustomer[K] | undefined) => {
    if (v !== undefined) record[k] = v;
  };
  set('companyName', clean(qbo.CompanyName));
  set('givenName', clean(qbo.GivenName));
  set('familyName', clean(qbo.FamilyName));
  const email = clean(qbo.PrimaryEmailAddr?.Address);
  set('email', email?.toLowerCase());
  set('phone', clean(qbo.PrimaryPhone?.FreeFormNumber));
  set('billingAddress', fromQboAddress(qbo.BillAddr));
  set('shippingAddress', fromQboAddress(qbo.ShipAddr));
  set('parentCustomerId', ids.parentCustomerId);
  return record;
}

/** Overwrite the synced fields of `record` with `values` (absent values clear the field). */
export function withSyncedValues(record: PlatformCustomer, values: SyncedValues): PlatformCustomer {
  const out: PlatformCustomer = { customerId: record.customerId, displayName: values.displayName ?? record.displayName, active: values.active ?? true };
  for (const f of SYNCED_FIELDS) {
    if (f === 'displayName' || f === 'active') continue;
    const v = values[f];
    if (v !== undefined) (out as Record<string, unknown>)[f] = v;
  }
  if (record.parentCustomerId !== undefined) out.parentCustomerId = record.parentCustomerId;
  return out;
}

/** The platform id ledgerbus assigns to a customer (or employee, item) that came from QBO. */
export function platformIdForQbo(realmId: string, qboId: string, entity: 'customer' | 'employee' | 'item' = 'customer'): string {
  return entity === 'customer' ? `qbo-${realmId}-${qboId}` : `qbo-${entity}-${realmId}-${qboId}`;
}
