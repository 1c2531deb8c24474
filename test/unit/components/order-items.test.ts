/**
 * The short line of what an order bought: the first lines named with their quantities, the rest
 * counted ("and 3 more"), lines the store sent unreadable never dropped unsaid.
 */
import { describe, expect, it } from 'vitest';
import { itemWords, itemsSummary, itemsSummaryShortens } from '../../../src/lib/components/order-items.ts';

const mug = { name: 'Ceramic Mug', quantity: 2 };
const tote = { name: 'Tote Bag', quantity: 1 };
const cap = { name: 'Cap', quantity: 1 };
const more = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Sticker ${i + 1}`, quantity: 1 }));

describe('itemsSummary', () => {
  it('names up to three lines, a quantity above one before its name', () => {
    expect(itemsSummary([tote])).toBe('Tote Bag');
    expect(itemsSummary([mug])).toBe('2\u00a0×\u00a0Ceramic Mug');
    expect(itemsSummary([mug, tote])).toBe('2\u00a0×\u00a0Ceramic Mug and Tote Bag');
    expect(itemsSummary([mug, tote, cap])).toBe('2\u00a0×\u00a0Ceramic Mug, Tote Bag and Cap');
    // the count, its × and the name's first word on one line: a narrow cell ended a line with "2 ×", "Sticker Pack" under it
    expect(itemWords({ name: 'Sticker Pack', quantity: 2 })).toBe('2\u00a0×\u00a0Sticker Pack');
    expect(itemsSummaryShortens([mug, tote, cap])).toBe(false);
  });

  it('past three, names two and counts the rest: the full list is behind a disclosure', () => {
    expect(itemsSummary([mug, tote, ...more(3)])).toBe('2\u00a0×\u00a0Ceramic Mug, Tote Bag and 3 more');
    expect(itemsSummaryShortens([mug, tote, ...more(3)])).toBe(true);
  });

  it('counts the lines the store sent that could not be read, never leaving them out unsaid', () => {
    expect(itemsSummary([mug], 1)).toBe('2\u00a0×\u00a0Ceramic Mug and 1 item not readable');
    expect(itemsSummary([mug, tote], 2)).toBe('2\u00a0×\u00a0Ceramic Mug, Tote Bag and 2 more');
    expect(itemsSummary([], 3)).toBe('3 items the store sent could not be read');
    expect(itemsSummary([], 1)).toBe('1 item the store sent could not be read');
    expect(itemsSummaryShortens([mug], 1)).toBe(true);
  });

  it('an order holding more lines than were read: no count is said, only that there are more, and the full list says so', () => {
    expect(itemsSummary([mug, tote, ...more(22)], 0, true)).toBe('2\u00a0×\u00a0Ceramic Mug, Tote Bag and more');
    expect(itemsSummary([mug], 0, true)).toBe('2\u00a0×\u00a0Ceramic Mug and more');
    expect(itemsSummary([mug, tote], 2, true)).toBe('2\u00a0×\u00a0Ceramic Mug, Tote Bag and more');
    expect(itemsSummary([], 0, true)).toBe('Items not read here');
    expect(itemsSummaryShortens([mug], 0, true)).toBe(true);
    expect(itemsSummaryShortens([mug], 0, false)).toBe(false);
  });

  it('an order with no goods (only a discount line): says none were listed', () => {
    expect(itemsSummary([])).toBe('No items listed');
    expect(itemsSummaryShortens([])).toBe(false);
  });

  it('where the store said what each line cost, each line says it after its name, in the order’s currency (a merchant checks the total by them)', () => {
    const pricedMug = { ...mug, lineTotal: 37 };
    const pricedTote = { ...tote, lineTotal: 12.5 };
    expect(itemWords(pricedMug, 'USD')).toBe('2\u00a0×\u00a0Ceramic Mug\u00a0·\u00a0$37.00');
    expect(itemsSummary([pricedMug, pricedTote], 0, false, 'USD')).toBe('2\u00a0×\u00a0Ceramic Mug\u00a0·\u00a0$37.00 and Tote Bag\u00a0·\u00a0$12.50');
    expect(itemsSummary([pricedMug, pricedTote, ...more(3)], 0, false, 'USD')).toBe('2\u00a0×\u00a0Ceramic Mug\u00a0·\u00a0$37.00, Tote Bag\u00a0·\u00a0$12.50 and 3 more');
    expect(itemsSummary([pricedMug, pricedTote], 0, true, 'USD')).toBe('2\u00a0×\u00a0Ceramic Mug\u00a0·\u00a0$37.00, Tote Bag\u00a0·\u00a0$12.50 and more');
    // the price never starts a line of its own ("Watering Can" / "· $193.50" in a narrow cell): no break before its dot
    expect(itemWords({ name: 'Watering Can', quantity: 3, lineTotal: 193.5 }, 'USD')).toMatch(/ Can\u00a0·\u00a0\$193\.50$/);
    // a line without its cost (the store did not say it) is named alone, never priced 0
    expect(itemsSummary([pricedMug, cap], 0, false, 'USD')).toBe('2\u00a0×\u00a0Ceramic Mug\u00a0·\u00a0$37.00 and Cap');
  });
});
