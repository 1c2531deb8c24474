/**
 * What a coupon takes off, in words, for the coupons screen: a headline ("15% off", "Up to 20%
 * off", "Free shipping") and the conditions beneath it ("5% from 2 items, 10% from 5 items…").
 * Amounts are in the store's currency once it is known, bare numbers until then.
 */
import type { Coupon, CouponTiers } from '../domain/catalog.ts';
import { formatPrice } from '../shared/money.ts';
import { formatCount } from './format.ts';

export interface CouponTerms {
  /** "" when the store's terms are not ones the app can read (then `terms` says where they are). */
  off: string;
  terms: string;
}

/** Said where the app cannot read a discount's terms (Shopware's fixed prices, Foxy's incremental tiers). */
export const TERMS_ELSEWHERE = 'Its terms are set in the store’s admin.';

export function couponTerms(coupon: Pick<Coupon, 'percentOff' | 'amountOff' | 'maxOff' | 'tiers' | 'appliesTo'>, currency: string | undefined): CouponTerms {
  const money = (amount: number) => (currency ? formatPrice(amount, currency) : formatCount(amount));
  // off the shipping costs: all of them is free shipping, not "100% off" of nothing named
  const what = coupon.appliesTo === 'shipping' ? ' off shipping' : ' off';
  // a capped percentage says its cap with it: "10% off, at most €5.00", "Free shipping up to €5.00" (a
  // no-break space keeps "at most" and "up to" with the amount when a narrow card wraps the headline)
  const cap = coupon.maxOff;
  if (coupon.appliesTo === 'shipping' && coupon.percentOff === 100) return { off: cap === undefined ? 'Free shipping' : `Free shipping up\u00a0to\u00a0${money(cap)}`, terms: '' };
  if (coupon.percentOff !== null) return { off: `${formatCount(coupon.percentOff)}%${what}${cap === undefined ? '' : `, at\u00a0most\u00a0${money(cap)}`}`, terms: '' };
  if (coupon.amountOff !== undefined) return { off: `${money(coupon.amountOff)}${what}`, terms: '' };
  if (coupon.tiers === undefined || coupon.tiers.steps.length === 0) return { off: '', terms: TERMS_ELSEWHERE };
  return tiered(coupon.tiers, money);
}

function tiered({ by, unit, perItem, steps }: CouponTiers, money: (amount: number) => string): CouponTerms {
  const value = (off: number) => (unit === 'percent' ? `${formatCount(off)}%` : money(off));
  const suffix = perItem ? ' off each item' : ' off';
  const threshold = (from: number) => (by === 'items' ? `${formatCount(from)} ${from === 1 ? 'item' : 'items'}` : money(from));
  if (steps.length === 1) {
    const { from, off } = steps[0]!;
    const when = from <= 1 ? '' : by === 'items' ? `When you buy ${formatCount(from)} or more.` : `When you spend ${money(from)} or more.`;
    return { off: `${value(off)}${suffix}`, terms: when };
  }
  const best = Math.max(...steps.map((step) => step.off));
  return { off: `Up to ${value(best)}${suffix}`, terms: `${steps.map((step) => `${value(step.off)} from ${threshold(step.from)}`).join(', ')}.` };
}

/** Whether the coupon's words name an amount of money (so wait for the store's currency to say them). */
export function namesMoney(coupon: Pick<Coupon, 'percentOff' | 'amountOff' | 'maxOff' | 'tiers'>): boolean {
  if (coupon.percentOff !== null) return coupon.maxOff !== undefined;
  if (coupon.amountOff !== undefined) return true;
  return coupon.tiers !== undefined && (coupon.tiers.unit === 'amount' || coupon.tiers.by === 'spend');
}

/** Whether a coupon's end date is past at `now` (ms); one with no end date never is. */
export function isExpired(coupon: Pick<Coupon, 'expiresAt'>, now: number): boolean {
  return coupon.expiresAt !== undefined && new Date(coupon.expiresAt).getTime() < now;
}

/** Whether a coupon's start date is still ahead at `now` (ms): its code does not work yet. */
export function isUpcoming(coupon: Pick<Coupon, 'startsAt'>, now: number): boolean {
  return coupon.startsAt !== undefined && new Date(coupon.startsAt).getTime() > now;
}

/** The coupons that work now, those that start later, then the expired ones, each in the store's order. */
export function byExpiry<T extends Pick<Coupon, 'startsAt' | 'expiresAt'>>(coupons: readonly T[], now: number): { active: T[]; upcoming: T[]; expired: T[] } {
  const active: T[] = [];
  const upcoming: T[] = [];
  const expired: T[] = [];
  for (const coupon of coupons) (isExpired(coupon, now) ? expired : isUpcoming(coupon, now) ? upcoming : active).push(coupon);
  return { active, upcoming, expired };
}
