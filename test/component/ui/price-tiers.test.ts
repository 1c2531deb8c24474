/**
 * Prices by quantity (Shopware's advanced prices) as the shop's product page lists them: a real
 * table per rule, captioned with the rule, "Quantity" and "Unit price" column headers, each row
 * headed "To" its last quantity, the last "From" it, prices in the product's currency.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import PriceTiers from '../../../src/lib/components/PriceTiers.svelte';
import { formatPrice } from '../../../src/lib/components/format.ts';

afterEach(() => cleanup());

describe('PriceTiers', () => {
  it('one table per rule, named in its caption; row headers "To 4", "From 5"; unit prices in the currency', () => {
    render(PriceTiers, {
      props: {
        currency: 'USD',
        tables: [
          { rule: 'Trade', tiers: [{ quantity: 4, price: 0.9 }, { quantity: 5, price: 0.8 }] },
          { tiers: [{ quantity: 9, price: 1.2 }, { quantity: 19, price: 1.1 }, { quantity: 20, price: 1 }] },
        ],
      },
    });
    const [trade, unnamed] = screen.getAllByRole('table');
    expect(trade).toHaveAccessibleName('Prices by quantity for the rule “Trade”');
    expect(unnamed).toHaveAccessibleName('Prices by quantity');
    expect(within(trade!).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual(['Quantity', 'Unit price']);
    expect(within(trade!).getAllByRole('rowheader').map((h) => h.textContent?.trim())).toEqual(['To 4', 'From 5']);
    expect(within(trade!).getAllByRole('cell').map((c) => c.textContent?.trim())).toEqual([formatPrice(0.9, 'USD'), formatPrice(0.8, 'USD')]);
    expect(within(unnamed!).getAllByRole('rowheader').map((h) => h.textContent?.trim())).toEqual(['To 9', 'To 19', 'From 20']);
  });
});
