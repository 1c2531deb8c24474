import { describe, expect, it } from 'vitest';
import { linesTotalIfNotSubtotal } from '../../../src/lib/components/cart-lines.ts';
import type { Cart, Product } from '../../../src/lib/domain/catalog.ts';

const product = (id: string, price: number | null, currency = 'USD') => ({ id, price, currency }) as Product;
const cart = (subtotal: number, currency = 'USD'): Cart => ({ items: [{ productId: 'a', quantity: 3 }, { productId: 'b', quantity: 1 }], subtotal, currency });

describe('linesTotalIfNotSubtotal', () => {
  it('is null when the lines add up to the store’s subtotal (no float noise: 3 × 19.90 + 0.30 is 60.00)', () => {
    expect(linesTotalIfNotSubtotal(cart(60), { a: product('a', 19.9), b: product('b', 0.3) })).toBeNull();
  });

  it('says what the lines add up to when the store totals at other prices (one changed since it was added)', () => {
    expect(linesTotalIfNotSubtotal(cart(60), { a: product('a', 21.9), b: product('b', 0.3) })).toBe(66);
  });

  it('compares in the currency’s own digits (JPY: none)', () => {
    expect(linesTotalIfNotSubtotal(cart(3001, 'JPY'), { a: product('a', 1000, 'JPY'), b: product('b', 1, 'JPY') })).toBeNull();
    expect(linesTotalIfNotSubtotal(cart(3002, 'JPY'), { a: product('a', 1000, 'JPY'), b: product('b', 1, 'JPY') })).toBe(3001);
  });

  it('says nothing when a line cannot be summed: its product not read, priced in no way the app reads, or in another currency', () => {
    expect(linesTotalIfNotSubtotal(cart(1), { a: product('a', 19.9) })).toBeNull();
    expect(linesTotalIfNotSubtotal(cart(1), { a: product('a', 19.9), b: product('b', null) })).toBeNull();
    expect(linesTotalIfNotSubtotal(cart(1), { a: product('a', 19.9), b: product('b', 5, 'EUR') })).toBeNull();
    expect(linesTotalIfNotSubtotal(cart(1, 'NOT-A-CODE'), { a: product('a', 19.9, 'NOT-A-CODE'), b: product('b', 5, 'NOT-A-CODE') })).toBeNull();
  });
});
