/**
 * The 6240 duplicate-name rule. QBO's DisplayName is unique across customers, vendors and
 * employees. When a create collides:
 * - the holder is the same customer when it is a QBO Customer not linked to another
 *   platform record and either both have the same email (case-insensitive), or both have
 *   the same name and the same billing address (line 1, city and postal code, compared
 *   case- and space-insensitively; both must have one) → link to it;
 * - otherwise the name is disambiguated: "<name> (2)", then "(3)", … up to
 *   `MAX_DISAMBIGUATION`, the first one QBO accepts. The platform record keeps its name;
 *   `customer.synced` carries the QBO DisplayName used.
 */
import type { SyncedValues } from './customer-shape';

export const MAX_DISAMBIGUATION = 20;
const QBO_DISPLAY_NAME_MAX = 500;

function norm(v: string | undefined): string {
  return (v ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

function addressKey(v: SyncedValues): string | undefined {
  const a = v.billingAddress;
  if (a === undefined) return undefined;
  const key = [norm(a.line1), norm(a.city), norm(a.postalCode)].join('|');
  return key === '||' ? undefined : key;
}

export type SameCustomerReason = 'email' | 'name_and_address';

/** Why the QBO holder of a name is the same customer as the platform record, or undefined. */
export function sameCustomer(platform: SyncedValues, qbo: SyncedValues): SameCustomerReason | undefined {
  if (platform.email !== undefined && qbo.email !== undefined && norm(platform.email) === norm(qbo.email)) return 'email';
  const pa = addressKey(platform);
  if (norm(platform.displayName) === norm(qbo.displayName) && pa !== undefined && pa === addressKey(qbo)) return 'name_and_address';
  return undefined;
}

/** The n-th disambiguated DisplayName (n ≥ 2): "<name> (n)", truncated so the suffix always fits. */
export function disambiguatedName(name: string, n: number): string {
  const suffix = ` (${n})`;
  return `${name.slice(0, QBO_DISPLAY_NAME_MAX - suffix.length)}${suffix}`;
}
