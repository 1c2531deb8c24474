/**
 * Reading an order's lines (providers/order-items.ts): one malformed line is left out and counted,
 * never the order; a field that is no list says nothing, as a platform that sends none.
 */
import { describe, expect, it } from 'vitest';
import { orderItemsFrom, readOrderLine } from '../../../src/lib/providers/order-items.ts';

const keys = { name: 'name', quantity: 'quantity' };
const read = (lines: unknown) => orderItemsFrom(lines, (line, i) => readOrderLine(line, `items[${i}]`, keys));

describe('orderItemsFrom', () => {
  it('reads each line’s name (trimmed) and whole quantity (a string of digits too)', () => {
    expect(read([{ name: ' Mug ', quantity: 2 }, { name: 'Tote', quantity: '3' }])).toEqual({ items: [{ name: 'Mug', quantity: 2 }, { name: 'Tote', quantity: 3 }] });
  });

  it.each([
    ['no name', { quantity: 1 }],
    ['a blank name', { name: '  ', quantity: 1 }],
    ['a name that is no text', { name: { en: 'Mug' }, quantity: 1 }],
    ['no quantity', { name: 'Mug' }],
    ['a zero quantity', { name: 'Mug', quantity: 0 }],
    ['a fractional quantity', { name: 'Mug', quantity: 1.5 }],
    ['a negative quantity', { name: 'Mug', quantity: -1 }],
    ['not an object', 'Mug'],
    ['null', null],
  ])('a line with %s is left out and counted; the others stay', (_what, bad) => {
    expect(read([{ name: 'Tote', quantity: 1 }, bad])).toEqual({ items: [{ name: 'Tote', quantity: 1 }], itemsUnread: 1 });
  });

  it('with a line-total key, a finite number there is what the line cost, rounded to the currency; anything else leaves the price out, never the line', () => {
    const priced = { ...keys, lineTotal: 'totalPrice' };
    const lines = [{ name: 'Mug', quantity: 2, totalPrice: 37.005 }, { name: 'Tote', quantity: 1, totalPrice: '18.50' }, { name: 'Cap', quantity: 1, totalPrice: null }, { name: 'Pin', quantity: 1, totalPrice: Infinity }, { name: 'Sock', quantity: 3, totalPrice: 0 }];
    expect(orderItemsFrom(lines, (line, i) => readOrderLine(line, `items[${i}]`, priced, 'EUR'))).toEqual({
      items: [{ name: 'Mug', quantity: 2, lineTotal: 37.01 }, { name: 'Tote', quantity: 1 }, { name: 'Cap', quantity: 1 }, { name: 'Pin', quantity: 1 }, { name: 'Sock', quantity: 3, lineTotal: 0 }],
    });
    // no line-total key (StoreHippo: its items' price key is not documented): no price, whatever the line carries
    expect(read([{ name: 'Mug', quantity: 2, totalPrice: 37 }])).toEqual({ items: [{ name: 'Mug', quantity: 2 }] });
  });

  it('no list (absent, null, an object, a string): nothing is said', () => {
    for (const lines of [undefined, null, {}, 'items']) expect(read(lines)).toEqual({});
  });

  it('a line read as no item (null) is left out, not counted', () => {
    expect(orderItemsFrom([{ name: 'Mug', quantity: 1 }, { name: 'Discount', quantity: 1 }], (line, i) => (i === 1 ? null : readOrderLine(line, 'x', keys)))).toEqual({ items: [{ name: 'Mug', quantity: 1 }] });
  });
});
