import { describe, expect, it } from 'vitest';
import { currencyDigits, roundToDigits } from '../../../src/lib/providers/money.ts';

describe('money', () => {
  it('reads minor digits from Intl', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(() => currencyDigits('US')).toThrow(RangeError);
  });

  it('rounds half away from zero on the decimal spelling', () => {
    expect(roundToDigits(1.005, 2)).toBe(1.01);
    expect(roundToDigits(2.675, 2)).toBe(2.68);
    expect(roundToDigits(19.899999999999999, 2)).toBe(19.9);
    expect(roundToDigits(-1.005, 2)).toBe(-1.01);
    expect(roundToDigits(1e21, 2)).toBe(1e21);
    expect(roundToDigits(5e-7, 2)).toBe(0);
    expect(Object.is(roundToDigits(-0.001, 2), -0)).toBe(false);
    expect(roundToDigits(1999.5, 0)).toBe(2000);
  });
});
