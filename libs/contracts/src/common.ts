import { z } from 'zod';

/** Shared field schemas used by several topics. */
export const tenantId = z.string().min(1).max(100).describe('the platform tenant');
export const divisionId = z.string().min(1).max(100).describe('one division of a tenant (optional)');
export const realmId = z.string().regex(/^[0-9]{1,30}$/, 'a QBO realm id is numeric').describe('the QBO company id');
/** A decimal amount as a string ("12.50", "-3"), never a float. */
export const decimalString = z.string().regex(/^-?[0-9]{1,15}(\.[0-9]{1,6})?$/, 'expected a decimal number as a string, e.g. "12.50"');
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });
/** A monotonically increasing version of a platform record. */
export const recordVersion = z.number().int().nonnegative();
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO-4217 code such as "USD"');

export const address = z.object({
  line1: z.string().max(500).optional(),
  line2: z.string().max(500).optional(),
  city: z.string().max(255).optional(),
  state: z.string().max(255).optional(),
  postalCode: z.string().max(30).optional(),
  country: z.string().max(255).optional(),
});

/** Keys of per-tenant compacted state: the tenant, or "tenant/division". */
export const tenantKey = z.string().regex(/^[^/]{1,100}(\/[^/]{1,100})?$/, 'a tenant id, or "tenant/division"');
export const realmKey = realmId;
