import { z } from 'zod';

/** Shared field schemas used by several topics. */
export const tenantId = z
  .string()
  .min(1)
  .max(100)
  .describe("the platform tenant's id (1-100 characters): the platform's own id of the customer account that connects a QBO company; events of a tenant are keyed by it");
export const divisionId = z
  .string()
  .min(1)
  .max(100)
  .describe('one division of the tenant (1-100 characters), when the tenant connects one QBO company per division; absent = the tenant\'s own connection');
export const realmId = z.string().regex(/^[0-9]{1,30}$/, 'a QBO realm id is numeric').describe('the QBO company (realm) id, digits only, as Intuit gives it at connection');
/** A decimal amount as a string ("12.50", "-3"), never a float. */
export const decimalString = z.string().regex(/^-?[0-9]{1,15}(\.[0-9]{1,6})?$/, 'expected a decimal number as a string, e.g. "12.50"');
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });
/** A monotonically increasing version of a platform record. */
export const recordVersion = z
  .number()
  .int()
  .nonnegative()
  .describe(
    'the version of the platform record (integer ≥ 0); it must increase with every change of the record: an event whose version is not above the newest one ledgerbus holds for the record is ignored (at the same version a void or delete still wins over an upsert)',
  );
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO-4217 code such as "USD"');

export const address = z.object({
  line1: z.string().max(500).optional().describe('first street line (QBO Line1)'),
  line2: z.string().max(500).optional().describe('second street line (QBO Line2)'),
  city: z.string().max(255).optional().describe('city (QBO City)'),
  state: z.string().max(255).optional().describe('state, province or region (QBO CountrySubDivisionCode), e.g. "CA"'),
  postalCode: z.string().max(30).optional().describe('postal or ZIP code (QBO PostalCode)'),
  country: z.string().max(255).optional().describe('country (QBO Country), e.g. "USA"'),
});

/** Keys of per-tenant compacted state: the tenant, or "tenant/division". */
export const tenantKey = z.string().regex(/^[^/]{1,100}(\/[^/]{1,100})?$/, 'a tenant id, or "tenant/division"');
export const realmKey = realmId;
