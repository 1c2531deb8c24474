import { describe, expect, it } from 'vitest';
import { clearLabel, noProductsWords } from '../../../src/lib/components/no-products.ts';

describe('what an empty catalogue says, once', () => {
  it('names what was chosen, and the button clears that', () => {
    expect(noProductsWords({ q: 'teapot', category: '' })).toBe('No products match “teapot”');
    expect(noProductsWords({ q: '', category: 'Wood' })).toBe('No products in Wood');
    expect(noProductsWords({ q: 'teapot', category: 'Wood' })).toBe('No products in Wood match “teapot”');
    expect(noProductsWords({ q: '', category: '' })).toBe('This store has no products to show yet');
    expect(clearLabel({ q: 'teapot', category: '' })).toBe('Clear search');
    expect(clearLabel({ q: '', category: 'Wood' })).toBe('Clear category');
    expect(clearLabel({ q: 'teapot', category: 'Wood' })).toBe('Clear search and category');
    expect(clearLabel({ q: '', category: '' })).toBeNull();
  });

  it('keeps a right-to-left search in its own direction', () => {
    expect(noProductsWords({ q: 'كوب', category: '' })).toBe('No products match “\u2068كوب\u2069”');
  });
});
