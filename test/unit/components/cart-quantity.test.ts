import { describe, expect, it } from 'vitest';
import { MOST_PER_ADD, readQuantity } from '../../../src/lib/components/cart-quantity.ts';

describe('readQuantity (Add to cart’s quantity, read before anything goes to the store)', () => {
  it('takes a whole number from 1 to the most one add takes', () => {
    expect(readQuantity('1')).toEqual({ ok: true, quantity: 1 });
    expect(readQuantity(' 12 ')).toEqual({ ok: true, quantity: 12 });
    expect(readQuantity(String(MOST_PER_ADD))).toEqual({ ok: true, quantity: 99 });
  });

  it('0 is not “remove”: this field only adds, so it asks for 1 or more', () => {
    expect(readQuantity('0')).toEqual({ ok: false, message: 'Enter 1 or more: this adds to your cart (from 1 to 99).' });
  });

  it('2.5, 2,5, -1 and words are not a whole number; an emptied field asks how many', () => {
    for (const typed of ['2.5', '2,5', '-1', 'two', '1e2', '2.0']) {
      expect(readQuantity(typed), typed).toEqual({ ok: false, message: 'Enter a whole number, from 1 to 99.' });
    }
    expect(readQuantity('  ')).toEqual({ ok: false, message: 'Enter how many to add, from 1 to 99.' });
    // what a number field cannot read ("2e"), which it gives as an empty value: not "enter how many"
    expect(readQuantity(null)).toEqual({ ok: false, message: 'Enter a whole number, from 1 to 99.' });
  });

  it('more than the store takes at a time (999) names its limit', () => {
    expect(readQuantity('999')).toEqual({ ok: false, message: 'The store takes at most 99 at a time: enter 99 or fewer.' });
    expect(readQuantity('100')).toMatchObject({ ok: false });
  });

  it('with the stock known, no more than it; a stock above the store’s limit, or none said (0, unknown), leaves the limit', () => {
    expect(readQuantity('13', 12)).toEqual({ ok: false, message: 'Only 12 in stock: enter 12 or fewer.' });
    expect(readQuantity('12', 12)).toEqual({ ok: true, quantity: 12 });
    expect(readQuantity('0', 12)).toEqual({ ok: false, message: 'Enter 1 or more: this adds to your cart (from 1 to 12).' });
    expect(readQuantity('99', 500)).toEqual({ ok: true, quantity: 99 });
    expect(readQuantity('99', 0)).toEqual({ ok: true, quantity: 99 });
  });
});
