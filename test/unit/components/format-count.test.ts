/**
 * The counts the app writes around its prices ("495 products", "Page 1 of 2", "15% off"), in the
 * same digits as those prices: the locale's (in ar-EG the prices were Arabic-Indic and the counts Latin).
 */
import { describe, expect, it } from 'vitest';
import { formatCount, formatPrice } from '../../../src/lib/components/format.ts';

/** The digit characters of a formatted text, in order. */
const digitsOf = (text: string) => [...text].filter((c) => /\p{Nd}/u.test(c)).join('');

describe('formatCount', () => {
  it('writes a count in the digits the same locale writes a price in', () => {
    expect(formatCount(495, 'ar-EG')).toBe('٤٩٥');
    expect(digitsOf(formatPrice(495, 'EGP', 'ar-EG'))).toMatch(/^٤٩٥/);
    expect(formatCount(495, 'en-US')).toBe('495');
    expect(formatCount(12.5, 'ar-EG')).toBe('١٢٫٥');
  });

  it('groups thousands as the locale does, as its prices are: "9,492 products", not "9492"', () => {
    expect(formatCount(10000, 'en-US')).toBe('10,000');
    expect(formatCount(9492, 'de-DE')).toBe('9.492');
    expect(formatCount(999, 'en-US')).toBe('999');
  });

  it('without a locale, writes the browser’s: the same digits as a price formatted without one', () => {
    expect(digitsOf(formatCount(1234))).toBe(digitsOf(formatPrice(1234, 'USD')).slice(0, 4));
  });
});
