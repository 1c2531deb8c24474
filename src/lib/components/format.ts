import type { Coupon } from '../domain/catalog.ts';
import { formatPrice } from '../shared/money.ts';

/** A price in major units, formatted for the person's locale in the store's currency (one formatter for the app and the widget). */
export { formatPrice };

/**
 * Makes the page's first price formatter ahead of the first prices: the first Intl.NumberFormat
 * loads the locale's data (15-40 ms here; later ones, any currency, cost almost nothing). Made while
 * a catalogue's first products are on their way, in a task of its own: by the boot for a returning
 * visitor's catalogue (App.svelte), and by the catalogue when it mounts (CatalogView.svelte). The
 * second call finds the formatter made.
 */
export function warmPriceFormat(): void {
  formatPrice(0, 'USD');
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** What a coupon takes off: "15% off", or "€5.00 off" for a fixed amount in the store's currency. */
export function formatCouponOff(coupon: Pick<Coupon, 'percentOff' | 'amountOff'>, currency: string | undefined): string {
  if (coupon.percentOff !== null) return `${coupon.percentOff}% off`;
  if (coupon.amountOff === undefined) return '';
  return `${currency ? formatPrice(coupon.amountOff, currency) : String(coupon.amountOff)} off`;
}
