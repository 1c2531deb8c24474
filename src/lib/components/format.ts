import { formatPrice } from '../shared/money.ts';

/** A price in major units, formatted for the person's locale in the store's currency (one formatter for the app and the widget). */
export { formatPrice };

/** Said where a product's price would be when the store sent none this app can read (never 0, which reads as free). */
export const PRICE_NOT_AVAILABLE = 'Price not available';

/** A product's price (`amount` of them: a cart line), or the words for none. */
export function formatProductPrice(price: number | null, currency: string, amount = 1): string {
  return price === null ? PRICE_NOT_AVAILABLE : formatPrice(price * amount, currency);
}

/** The least of several prices (a licence, a variant each): "From €4.49", as the shops write it. */
export function formatFromPrice(price: number, currency: string): string {
  return `From ${formatPrice(price, currency)}`;
}

let counts: Intl.NumberFormat | undefined;

/**
 * A count or a number in the app's words ("495 products", "Page 2 of 5", "15% off"), in the digits
 * the prices beside it are written in: the person's locale's (ar-EG: ٤٩٥, as its prices), where a
 * template string wrote Latin digits beside Arabic-Indic prices. With the locale's thousands separator
 * ("9,492 products", "1,000 coupons"; de: "1.000"), as the prices beside them have it. `locale` as
 * formatPrice's (undefined: the browser's).
 */
export function formatCount(n: number, locale?: string): string {
  const format = locale === undefined ? (counts ??= new Intl.NumberFormat()) : new Intl.NumberFormat(locale);
  return format.format(n);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
