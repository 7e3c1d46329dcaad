/**
 * Decimal money arithmetic on strings ("12.50"), in BigInt micro-units: never floats.
 * QBO wants JSON numbers, so `toQboNumber` converts at the very edge.
 */
const SCALE = 1_000_000n;

/** "12.5" → 12_500_000n (micro-units). Up to 6 decimals. */
export function toMicros(value: string): bigint {
  const m = /^(-?)([0-9]+)(?:\.([0-9]{1,6}))?$/.exec(value.trim());
  if (!m) throw new RangeError(`not a decimal string: ${JSON.stringify(value)}`);
  const units = BigInt(m[2] ?? '0') * SCALE + BigInt(((m[3] ?? '') + '000000').slice(0, 6));
  return m[1] === '-' ? -units : units;
}

/** Micro-units → decimal string with `places` decimals, rounding half away from zero. */
export function fromMicros(micros: bigint, places = 2): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const step = 10n ** BigInt(6 - places);
  const rounded = ((abs + step / 2n) / step) * step;
  const whole = rounded / SCALE;
  const frac = (rounded % SCALE).toString().padStart(6, '0').slice(0, places);
  const text = places > 0 ? `${whole}.${frac}` : `${whole}`;
  return negative && rounded !== 0n ? `-${text}` : text;
}

/** quantity × unit price, rounded to cents, as a decimal string. */
export function lineAmount(quantity: string, unitPrice: string): string {
  const product = toMicros(quantity) * toMicros(unitPrice); // micro² units
  const micros = product >= 0n ? (product + SCALE / 2n) / SCALE : (product - SCALE / 2n) / SCALE;
  return fromMicros(micros, 2);
}

export function sumDecimals(values: readonly string[]): string {
  return fromMicros(values.reduce((acc, v) => acc + toMicros(v), 0n), 2);
}

export function compareDecimals(a: string, b: string): number {
  const d = toMicros(a) - toMicros(b);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

/** A decimal string as the JSON number QBO expects (exact for amounts with ≤ 6 decimals). */
export function toQboNumber(value: string): number {
  return Number(value);
}

/**
 * How many decimals an amount in `currency` may carry in QBO: the currency's ISO 4217 minor
 * units (Node's ICU data: 0 for JPY, KRW, CLP …; 2 for USD, EUR …), capped at 2 because QBO
 * keeps amounts with two decimals (a 3-decimal BHD amount would be rounded there).
 */
export function currencyDecimals(currency: string): number {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // Not a well-formed code (the contracts only let ISO-shaped codes through): the common case.
  }
  return Math.min(digits, 2);
}

/** Significant decimals of a decimal string: "12.50" → 1, "0.125" → 3, "7" → 0. */
export function decimalPlaces(value: string): number {
  const fraction = value.trim().split('.')[1] ?? '';
  return fraction.replace(/0+$/, '').length;
}

/** quantity × unit price, exact (up to 12 decimals), as a decimal string without trailing zeros. */
export function exactProduct(quantity: string, unitPrice: string): string {
  const product = toMicros(quantity) * toMicros(unitPrice); // 10^-12 units
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const scale = SCALE * SCALE;
  const fraction = (abs % scale).toString().padStart(12, '0').replace(/0+$/, '');
  const text = fraction === '' ? `${abs / scale}` : `${abs / scale}.${fraction}`;
  return negative ? `-${text}` : text;
}

/** Whether `toQboNumber(value)` (a JSON number, i.e. a double) carries exactly this decimal (at most ~15 significant digits do). */
export function isExactQboNumber(value: string): boolean {
  const asNumber = String(Number(value));
  if (!/^-?[0-9]+(\.[0-9]{1,6})?$/.test(asNumber)) return false;
  return compareDecimals(asNumber, value) === 0;
}
