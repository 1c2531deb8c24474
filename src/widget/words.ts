/**
 * The widget's own words on the page, in English unless the host page gives its own, one attribute
 * each: `text-out-of-stock="Ausverkauft"`. Read as the widget draws (no copy kept), so the page's
 * words at that moment show; a change to one draws the widget again (storefront-products.ts: no new
 * request for products it has). A word is only ever set as text (`textContent`, `setAttribute`:
 * render.ts), never parsed as HTML: an attribute that holds markup shows it as those characters. An
 * empty one keeps the English word, which each caller gives (one string in the bundle, not two:
 * widget.js has a 6 KB budget).
 */

/**
 * Each word's attribute, as the host page writes it. English: "No picture", "Out of stock", the
 * screen reader's "Loading products…", "Products are unavailable right now.", "No products match.",
 * "There are no products to show yet.", "Try again"; a card's "From" before its price (withPrice),
 * the screen reader's "(opens in a new tab)" after a card's name and "was" before a struck-through
 * price, and the product list's name ("Products in … matching “…”", storefront-products.ts).
 */
export type WidgetWord =
  | 'text-no-picture'
  | 'text-out-of-stock'
  | 'text-loading'
  | 'text-unavailable'
  | 'text-no-match'
  | 'text-empty'
  | 'text-try-again'
  | 'text-from'
  | 'text-new-tab'
  | 'text-was'
  | 'text-list';

/** The word as `host`'s attribute gives it now; empty or absent: `english`. */
export function wordOf(host: Element, word: WidgetWord, english: string): string {
  return host.getAttribute(word) || english;
}

/**
 * A price and the word for "from" (`text-from`): `{price}` in the word is where the price goes, for
 * a language that puts it first (`{price} से शुरू`, `{price}から`); a word without it comes before
 * the price, after a space (`ab` gives `ab 19,90 €`). The price goes in as it is (a function, so a
 * `$&` in it is no replacement pattern), in the first `{price}` only.
 */
export function withPrice(word: string, price: string): string {
  return word.includes('{price}') ? word.replace('{price}', () => price) : `${word} ${price}`;
}
