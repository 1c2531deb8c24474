/** Rounding a wire price (a float in major units) to what its currency can express. */
import { currencyDigits } from '../shared/money.ts';

export { currencyDigits };

/**
 * Rounds half away from zero at `digits` decimals, on the number's shortest decimal spelling, so
 * that 1.005 becomes 1.01 (plain `Math.round(x * 100) / 100` gives 1.00: 1.005 * 100 = 100.49999...).
 */
export function roundToDigits(value: number, digits: number): number {
  const [mantissa = '0', exponent = '0'] = String(Math.abs(value)).split('e');
  const shifted = Math.round(Number(`${mantissa}e${Number(exponent) + digits}`));
  const [shiftedMantissa = '0', shiftedExponent = '0'] = String(shifted).split('e');
  const rounded = Number(`${shiftedMantissa}e${Number(shiftedExponent) - digits}`);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** A wire amount rounded to its currency's minor digits. */
export function roundToCurrency(value: number, currency: string): number {
  return roundToDigits(value, currencyDigits(currency));
}
