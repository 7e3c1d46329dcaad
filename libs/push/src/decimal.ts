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
