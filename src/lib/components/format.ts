import type { Coupon } from '../domain/catalog.ts';
import { formatPrice } from '../shared/money.ts';

/** A price in major units, formatted for the person's locale in the store's currency (one formatter for the app and the widget). */
export { formatPrice };

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
