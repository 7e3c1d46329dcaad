import { currencyDecimals, decimalPlaces, exactProduct, isExactQboNumber, lineAmount } from '../src/decimal';

describe('money as decimal strings', () => {
  it('allows the ISO 4217 minor units of a currency, at most the two decimals QBO keeps', () => {
    expect(currencyDecimals('USD')).toBe(2);
    expect(currencyDecimals('EUR')).toBe(2);
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('KRW')).toBe(0);
    expect(currencyDecimals('BHD')).toBe(2);
  });

  it('counts significant decimals, ignoring trailing zeros', () => {
    expect(decimalPlaces('12.50')).toBe(1);
    expect(decimalPlaces('12.500')).toBe(1);
    expect(decimalPlaces('0.125')).toBe(3);
    expect(decimalPlaces('7')).toBe(0);
    expect(decimalPlaces('-3.10')).toBe(1);
  });

  it('multiplies quantity by unit price exactly, without rounding', () => {
    expect(exactProduct('3', '0.333')).toBe('0.999');
    expect(exactProduct('8', '0.125')).toBe('1');
    expect(exactProduct('0.5', '-0.01')).toBe('-0.005');
    expect(exactProduct('999999999999999', '999999.999999')).toBe('999999999998999000000.000001');
    expect(lineAmount('3', '0.333')).toBe('1.00');
  });

  it('tells whether a decimal survives the trip to QBO as a JSON number', () => {
    expect(isExactQboNumber('12.50')).toBe(true);
    expect(isExactQboNumber('0.000001')).toBe(true);
    expect(isExactQboNumber('999999999999.99')).toBe(true);
    expect(isExactQboNumber('999999999999999.999999')).toBe(false);
    expect(isExactQboNumber('123456789012345678')).toBe(false);
  });
});
