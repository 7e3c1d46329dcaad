/**
 * "Use default state": a QBO customer without a state (BillAddr.CountrySubDivisionCode)
 * takes the tenant's default state (and default country when it has none) when the
 * setting is on; otherwise it fails with `DEFAULT_STATE_ERROR`'s text. During onboarding,
 * sites take their client's state and country when "use the client's state/country for
 * sites" is on.
 */
import type { SyncSettings } from '@ledgerbus/contracts';
import type { PlatformCustomer } from './customer-shape';

export const DEFAULT_COUNTRY = 'United States';
export const STATE_UNKNOWN_CODE = 'customer_state_unknown';

export function defaultStateError(country: string): string {
  return `The Client record has an unknown State of Country <${country}>. Please add a State to the QuickBooks record or enable the 'Use default State' in the Sync settings and synchronize again.`;
}

export type StateRuleResult = { ok: true; record: PlatformCustomer; defaulted: boolean } | { ok: false; code: string; message: string };

type CustomerRules = SyncSettings['customerRules'];

export function applyStateRule(record: PlatformCustomer, rules: CustomerRules): StateRuleResult {
  const billing = record.billingAddress ?? {};
  if (billing.state !== undefined && billing.state.trim() !== '') return { ok: true, record, defaulted: false };
  if (rules.useDefaultState && rules.defaultState !== null) {
    const country = billing.country ?? rules.defaultCountry ?? undefined;
    return {
      ok: true,
      defaulted: true,
      record: { ...record, billingAddress: { ...billing, state: rules.defaultState, ...(country === undefined ? {} : { country }) } },
    };
  }
  const country = billing.country ?? rules.defaultCountry ?? DEFAULT_COUNTRY;
  return { ok: false, code: STATE_UNKNOWN_CODE, message: defaultStateError(country) };
}

/** A site takes its client's state and country (onboarding, when the setting is on). */
export function withClientStateForSite(site: PlatformCustomer, client: PlatformCustomer, rules: CustomerRules): PlatformCustomer {
  if (!rules.useClientAddressForSites) return site;
  const from = client.billingAddress;
  if (from?.state === undefined && from?.country === undefined) return site;
  const billing = { ...(site.billingAddress ?? {}) };
  if (from.state !== undefined) billing.state = from.state;
  if (from.country !== undefined) billing.country = from.country;
  return { ...site, billingAddress: billing };
}

/** A site / project needs an address of its own (a street line or a city). */
export function hasSiteAddress(site: PlatformCustomer): boolean {
  const has = (a: PlatformCustomer['billingAddress']) => a !== undefined && ((a.line1 ?? '').trim() !== '' || (a.city ?? '').trim() !== '');
  return has(site.billingAddress) || has(site.shippingAddress);
}
