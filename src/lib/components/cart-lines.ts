/**
 * Whether a cart's lines, as the cart screen shows them (each product's price now × its quantity),
 * add up to the subtotal the store sent. They may not: Goodsie's cart names only products and
 * quantities (goodsie-api.yaml, Cart), and a store that keeps the price a product had when it went
 * into the cart totals at that price, while the lines show today's.
 */
import type { Cart, Product } from '../domain/catalog.ts';
import { currencyDigits } from '../shared/money.ts';

/**
 * The lines' sum when it can be told (every line's product read, priced, in the cart's currency) and
 * it is not the store's subtotal in the currency's smallest unit; otherwise null (nothing to say).
 */
export function linesTotalIfNotSubtotal(cart: Cart, products: Readonly<Record<string, Product>>): number | null {
  let digits: number;
  try {
    digits = currencyDigits(cart.currency);
  } catch {
    return null;
  }
  const minor = (amount: number) => Math.round(amount * 10 ** digits);
  let sum = 0;
  for (const item of cart.items) {
    const product = products[item.productId];
    if (product === undefined || product.price === null || product.currency !== cart.currency) return null;
    sum += minor(product.price) * item.quantity;
  }
  return sum === minor(cart.subtotal) ? null : sum / 10 ** digits;
}
