import Decimal from 'decimal.js';

const MARK = '\u0001money:';

/**
 * An exact money value. Stored as a Decimal; rendered by `toQboJson` as a bare JSON
 * number with two decimals (`275.00`), the way QBO writes amounts.
 */
export class Money {
  readonly value: Decimal;

  constructor(value: Decimal.Value) {
    this.value = new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  }

  static zero(): Money {
    return ZERO;
  }

  static sum(values: Iterable<Money>): Money {
    let total = new Decimal(0);
    for (const v of values) total = total.plus(v.value);
    return new Money(total);
  }

  plus(other: Money): Money {
    return new Money(this.value.plus(other.value));
  }

  minus(other: Money): Money {
    return new Money(this.value.minus(other.value));
  }

  times(factor: Decimal.Value): Money {
    return new Money(this.value.times(factor));
  }

  neg(): Money {
    return new Money(this.value.neg());
  }

  isZero(): boolean {
    return this.value.isZero();
  }

  cmp(other: Money): number {
    return this.value.cmp(other.value);
  }

  toFixed(): string {
    return this.value.toFixed(2);
  }

  toString(): string {
    return this.value.toFixed(2);
  }

  toNumber(): number {
    return this.value.toNumber();
  }

  toJSON(): string {
    return MARK + this.value.toFixed(2);
  }
}

const ZERO = new Money(0);

/** Parse a JSON money input (number or numeric string); undefined when it is not a number. */
export function parseMoney(input: unknown): Money | undefined {
  if (input instanceof Money) return input;
  if (typeof input === 'number' && Number.isFinite(input)) return new Money(input);
  if (typeof input === 'string' && /^-?\d+(\.\d+)?$/.test(input.trim())) return new Money(input.trim());
  return undefined;
}

export function isMoney(value: unknown): value is Money {
  return value instanceof Money;
}

const MONEY_RE = /"\\u0001money:(-?\d+\.\d{2})"/g;

/** JSON text of a QBO payload, with Money as bare two-decimal numbers. */
export function toQboJson(payload: unknown): string {
  const text = JSON.stringify(payload);
  return text.includes('\\u0001money:') ? text.replace(MONEY_RE, '$1') : text;
}
