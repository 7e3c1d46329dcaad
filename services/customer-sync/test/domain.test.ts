import { syncSettingsSchema } from '@ledgerbus/contracts';
import { mergeCustomer } from '../src/domain/conflict';
import { contentHash, fromQboCustomer, sameContent, syncedValues, toQboCreateBody } from '../src/domain/customer-shape';
import type { PlatformCustomer } from '../src/domain/customer-shape';
import { disambiguatedName, sameCustomer } from '../src/domain/duplicate-name';
import { proposeAll } from '../src/domain/onboarding-match';
import { applyStateRule, hasSiteAddress, withClientStateForSite } from '../src/domain/state-rule';

const rules = (patch: Record<string, unknown> = {}) => syncSettingsSchema.parse({ customerRules: patch }).customerRules;
const base: PlatformCustomer = { customerId: 'c1', displayName: 'Acme', email: 'a@acme.test', phone: '111', active: true, billingAddress: { line1: '1 Main', city: 'Springfield', state: 'IL', postalCode: '62701' } };

describe('customer shapes', () => {
  it('round-trips a platform record through the QBO shape without losing a synced field', () => {
    const body = toQboCreateBody(base, '7');
    expect(body).toMatchObject({ DisplayName: 'Acme', ParentRef: { value: '7' }, Job: true, BillWithParent: true, BillAddr: { CountrySubDivisionCode: 'IL' } });
    const back = fromQboCustomer({ Id: '9', ...body }, { customerId: 'c1' });
    expect(sameContent(back, base)).toBe(true);
    expect(contentHash(back)).toBe(contentHash(base));
  });

  it('treats blank strings and letter case of emails as no change', () => {
    expect(sameContent({ ...base, companyName: '  ', email: 'A@ACME.test' }, base)).toBe(true);
    expect(sameContent({ ...base, phone: '222' }, base)).toBe(false);
  });
});

describe('field-by-field conflict resolution', () => {
  const b = syncedValues(base);
  const platform = syncedValues({ ...base, phone: '222', email: 'new@acme.test' });
  const qbo = syncedValues({ ...base, phone: '333', displayName: 'Acme Inc' });

  it('takes one-sided changes from each side and lets qbo_wins decide the field both changed', () => {
    const r = mergeCustomer({ base: b, platform, qbo, rule: 'qbo_wins' });
    expect(r.merged).toMatchObject({ phone: '333', email: 'new@acme.test', displayName: 'Acme Inc' });
    expect(r.conflicts).toEqual([expect.objectContaining({ field: 'phone', winner: 'qbo', platform: '222', qbo: '333', base: '111' })]);
    expect(r.toQbo).toEqual(['email']);
    expect(r.toPlatform.sort()).toEqual(['displayName', 'phone']);
  });

  it('lets platform_wins keep the platform value of a conflicting field', () => {
    const r = mergeCustomer({ base: b, platform, qbo, rule: 'platform_wins' });
    expect(r.merged.phone).toBe('222');
    expect(r.toQbo.sort()).toEqual(['email', 'phone']);
  });

  it('lets newest_wins pick the side that changed last, QBO on a tie', () => {
    const older = new Date('2030-01-01T00:00:00Z');
    const newer = new Date('2030-01-02T00:00:00Z');
    expect(mergeCustomer({ base: b, platform, qbo, rule: 'newest_wins', platformUpdatedAt: newer, qboUpdatedAt: older }).merged.phone).toBe('222');
    expect(mergeCustomer({ base: b, platform, qbo, rule: 'newest_wins', platformUpdatedAt: older, qboUpdatedAt: newer }).merged.phone).toBe('333');
    expect(mergeCustomer({ base: b, platform, qbo, rule: 'newest_wins', platformUpdatedAt: older, qboUpdatedAt: older }).merged.phone).toBe('333');
  });

  it('reports no conflict when both sides made the same change', () => {
    const same = syncedValues({ ...base, phone: '999' });
    expect(mergeCustomer({ base: b, platform: same, qbo: same, rule: 'qbo_wins' }).conflicts).toEqual([]);
  });
});

describe('duplicate-name rule', () => {
  it('recognises the same customer by email, or by name and billing address', () => {
    expect(sameCustomer(syncedValues(base), syncedValues({ ...base, displayName: 'Other', email: 'A@acme.test' }))).toBe('email');
    expect(sameCustomer(syncedValues({ ...base, email: undefined }), syncedValues({ ...base, email: undefined }))).toBe('name_and_address');
    expect(sameCustomer(syncedValues({ ...base, email: 'x@x.test' }), syncedValues({ ...base, email: 'y@y.test', billingAddress: { line1: '2 Elm' } }))).toBeUndefined();
    const noAddress = { customerId: 'c', displayName: 'Acme', active: true };
    expect(sameCustomer(syncedValues(noAddress), syncedValues(noAddress))).toBeUndefined();
  });

  it('disambiguates as "<name> (n)" within QBO\'s length', () => {
    expect(disambiguatedName('Acme', 2)).toBe('Acme (2)');
    expect(disambiguatedName('x'.repeat(600), 3)).toHaveLength(500);
  });
});

describe('default-state rule', () => {
  const noState: PlatformCustomer = { customerId: 'c', displayName: 'No State', active: true, billingAddress: { line1: '1 Main' } };

  it('fails with the exact message when the setting is off', () => {
    expect(applyStateRule(noState, rules())).toEqual({
      ok: false,
      code: 'customer_state_unknown',
      message: "The Client record has an unknown State of Country <United States>. Please add a State to the QuickBooks record or enable the 'Use default State' in the Sync settings and synchronize again.",
    });
  });

  it('takes the default state and country when the setting is on', () => {
    const r = applyStateRule(noState, rules({ useDefaultState: true, defaultState: 'TX', defaultCountry: 'US' }));
    expect(r).toMatchObject({ ok: true, defaulted: true, record: { billingAddress: { line1: '1 Main', state: 'TX', country: 'US' } } });
  });

  it('gives a site its client\'s state and country only when that setting is on, and needs an address', () => {
    const site: PlatformCustomer = { customerId: 's', displayName: 'Site', active: true, billingAddress: { line1: '5 Yard' } };
    expect(withClientStateForSite(site, base, rules({ useClientAddressForSites: true })).billingAddress).toMatchObject({ state: 'IL' });
    expect(withClientStateForSite(site, base, rules()).billingAddress?.state).toBeUndefined();
    expect(hasSiteAddress(site)).toBe(true);
    expect(hasSiteAddress({ customerId: 'p', displayName: 'Project', active: true })).toBe(false);
  });
});

describe('onboarding proposals', () => {
  it('matches employees by email and lists those without one', () => {
    const p = proposeAll('employee', [{ platformId: 'e1', name: 'Ann', email: 'ann@x.test' }], [
      { qboId: '1', name: 'Ann B', email: 'ANN@x.test' },
      { qboId: '2', name: 'Bob' },
      { qboId: '3', name: 'Cy', email: 'cy@x.test' },
    ]);
    expect(p.get('1')).toEqual({ kind: 'match', platformId: 'e1', matchedBy: 'email' });
    expect(p.get('2')).toMatchObject({ kind: 'attention', reason: 'employee_email_missing' });
    expect(p.get('3')).toEqual({ kind: 'import' });
  });

  it('matches customers confidently by name and email and sends look-alikes to the admin', () => {
    const dir = [
      { platformId: 'p1', name: 'Acme', email: 'a@acme.test' },
      { platformId: 'p2', name: 'Beta', email: 'b@beta.test' },
    ];
    const p = proposeAll('customer', dir, [
      { qboId: '1', name: 'ACME ', email: 'a@acme.test' },
      { qboId: '2', name: 'Beta', email: 'other@beta.test' },
      { qboId: '3', name: 'Gamma' },
    ]);
    expect(p.get('1')).toEqual({ kind: 'match', platformId: 'p1', matchedBy: 'name_and_email' });
    expect(p.get('2')).toMatchObject({ kind: 'attention', reason: 'ambiguous_match', candidates: ['p2'] });
    expect(p.get('3')).toEqual({ kind: 'import' });
  });

  it('matches items by SKU first, then by name, and never links one platform record twice', () => {
    const dir = [
      { platformId: 'i1', name: 'Widget', sku: 'W-1' },
      { platformId: 'i2', name: 'Gadget' },
    ];
    const p = proposeAll('item', dir, [
      { qboId: '1', name: 'Widget Deluxe', sku: 'w-1' },
      { qboId: '2', name: 'Gadget' },
      { qboId: '3', name: 'gadget' },
    ]);
    expect(p.get('1')).toEqual({ kind: 'match', platformId: 'i1', matchedBy: 'sku' });
    expect(p.get('2')).toMatchObject({ kind: 'attention', reason: 'ambiguous_match' });
    expect(p.get('3')).toMatchObject({ kind: 'attention', reason: 'ambiguous_match' });
  });
});
