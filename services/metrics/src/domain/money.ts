import Decimal from 'decimal.js';

/** Decimal arithmetic on money strings (never floats). */

const ZERO = new Decimal(0);

/** A report cell ("1350.55", "" for empty, "-100.00") as a Decimal. */
export function parseAmount(value: string | number | null | undefined): Decimal {
  if (value === null || value === undefined) return ZERO;
  const text = String(value).trim().replace(/,/g, '');
  if (text === '') return ZERO;
  try {
    return new Decimal(text);
  } catch {
    throw new RangeError(`not a decimal amount: ${String(value)}`);
  }
}

/** Canonical form for storage and the API: two decimals, "-0.00" normalised to "0.00". */
export function formatAmount(value: Decimal): string {
  const fixed = value.toFixed(2);
  return fixed === '-0.00' ? '0.00' : fixed;
}

export function sumAmounts(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export function sameAmount(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a === b;
  return parseAmount(a).equals(parseAmount(b));
}

export { Decimal };
