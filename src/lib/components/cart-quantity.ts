/**
 * The quantity a shopper typed beside Add to cart, read before anything goes to the store: a whole
 * number from 1 to the most one add may take (the store's limit per add, or the stock where the
 * product's page knows it). Anything else is said beside the field in words, and what was typed is
 * kept: the browser's own bubble (which `min`, `max` and `required` gave) vanished at the next touch,
 * and screen readers and phones handled it poorly.
 */
import { formatCount } from './format.ts';

/** The most one add takes: the Goodsie demo store refuses a quantity above 99 (and keeps at most 99 on a line). */
export const MOST_PER_ADD = 99;

/** The most one add may take: the store's limit, or the stock where it is known and lower. */
export function mostPerAdd(stock?: number): number {
  return stock !== undefined && stock > 0 ? Math.min(MOST_PER_ADD, stock) : MOST_PER_ADD;
}

export type QuantityRead = { ok: true; quantity: number } | { ok: false; message: string };

/**
 * What `typed` asks to add, or what to say about it (`typed` null: the number field holds what it
 * cannot read as a number, "2e" or "-", and gives an empty value for it). `stock`: how many the store has, where the
 * page knows it. 0 is not "take it out of the cart": this field only adds (the store's API adds to a
 * cart and reads it, no more; the cart screen sends to the store's site to change it), so it asks for
 * 1 or more.
 */
export function readQuantity(typed: string | null, stock?: number): QuantityRead {
  const most = mostPerAdd(stock);
  const range = `from 1 to ${formatCount(most)}`;
  // A number field's value is Latin digits (what it cannot read comes as null, above): no other digits to read.
  const text = typed?.trim();
  if (text === '') return { ok: false, message: `Enter how many to add, ${range}.` };
  if (text === undefined || !/^\+?\d+$/.test(text)) return { ok: false, message: `Enter a whole number, ${range}.` };
  const quantity = Number(text);
  if (quantity < 1) return { ok: false, message: `Enter 1 or more: this adds to your cart (${range}).` };
  if (quantity > most) {
    return {
      ok: false,
      message:
        most < MOST_PER_ADD
          ? `Only ${formatCount(most)} in stock: enter ${formatCount(most)} or fewer.`
          : `The store takes at most ${formatCount(most)} at a time: enter ${formatCount(most)} or fewer.`,
    };
  }
  return { ok: true, quantity };
}
