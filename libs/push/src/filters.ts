import type { EffectiveSettings } from '@ledgerbus/contracts';
import type { PushOutcome } from './types';

/**
 * The filters an admin chose ("sync data after" on the record's date, the market segment), as a
 * `skipped` outcome, if one leaves the record out. `segmentOptional`: a record without a segment
 * passes the segment filter (a payment follows its invoices).
 */
export function adminFilter(settings: EffectiveSettings, entity: string, record: { date: string; segment: string | undefined; segmentOptional?: boolean }): PushOutcome | undefined {
  const { syncDataAfter, marketSegment } = settings.settings.filters;
  if (syncDataAfter !== null && record.date < syncDataAfter) {
    return { kind: 'skipped', filter: 'sync_data_after', message: `${entity} dated ${record.date} is before "sync data after" ${syncDataAfter}` };
  }
  if (marketSegment !== null && !(record.segmentOptional && record.segment === undefined) && record.segment !== marketSegment) {
    return { kind: 'skipped', filter: 'market_segment', message: `${entity} market segment ${record.segment ?? '(none)'} is not ${marketSegment}` };
  }
  return undefined;
}

/** A number QBO shows (DocNumber, PaymentRefNum): the settings' prefix + the record's number, refused when longer than QBO keeps. */
export function prefixedNumber(prefix: { enabled: boolean; prefix: string }, value: string, max: number, what: string): { ok: true; value: string } | { ok: false; message: string } {
  const out = `${prefix.enabled ? prefix.prefix : ''}${value}`;
  if (out.length > max) return { ok: false, message: `${what} "${out}" has ${out.length} characters; QBO allows ${max}` };
  return { ok: true, value: out };
}
