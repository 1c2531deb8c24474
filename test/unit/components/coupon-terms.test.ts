import { describe, expect, it } from 'vitest';
import { byExpiry, couponTerms, namesMoney, TERMS_ELSEWHERE } from '../../../src/lib/components/coupon-terms.ts';
import type { CouponTiers } from '../../../src/lib/domain/catalog.ts';
import { formatPrice } from '../../../src/lib/shared/money.ts';

const eur = (amount: number) => formatPrice(amount, 'EUR');
const tiers = (by: CouponTiers['by'], unit: CouponTiers['unit'], steps: CouponTiers['steps'], perItem = false) => ({ percentOff: null, tiers: { by, unit, perItem, steps } });

describe('couponTerms', () => {
  it('shows a percentage coupon as "N% off"', () => {
    expect(couponTerms({ percentOff: 15 }, 'EUR')).toEqual({ off: '15% off', terms: '' });
  });

  it('shows a fixed amount in the store currency, bare while the currency is not known yet', () => {
    expect(couponTerms({ percentOff: null, amountOff: 5 }, 'EUR')).toEqual({ off: `${eur(5)} off`, terms: '' });
    expect(couponTerms({ percentOff: null, amountOff: 5 }, 'EUR').off).toContain('€');
    expect(couponTerms({ percentOff: null, amountOff: 5 }, undefined).off).toBe('5 off');
  });

  it('says a discount on the shipping costs as such, all of them as "Free shipping" (regression: a Shopware delivery discount had no headline)', () => {
    expect(couponTerms({ percentOff: 100, appliesTo: 'shipping' }, 'EUR')).toEqual({ off: 'Free shipping', terms: '' });
    expect(couponTerms({ percentOff: 50, appliesTo: 'shipping' }, 'EUR')).toEqual({ off: '50% off shipping', terms: '' });
    expect(couponTerms({ percentOff: null, amountOff: 4.5, appliesTo: 'shipping' }, 'EUR')).toEqual({ off: `${eur(4.5)} off shipping`, terms: '' });
    // 100 % off the order is not free shipping
    expect(couponTerms({ percentOff: 100 }, 'EUR')).toEqual({ off: '100% off', terms: '' });
  });

  it('says a capped percentage with its cap in the shop’s currency, on the order and on shipping (regression: "10% off" without its cap)', () => {
    expect(couponTerms({ percentOff: 10, maxOff: 5 }, 'EUR')).toEqual({ off: `10% off, at\u00a0most\u00a0${eur(5)}`, terms: '' });
    expect(couponTerms({ percentOff: 50, maxOff: 2.5, appliesTo: 'shipping' }, 'EUR')).toEqual({ off: `50% off shipping, at\u00a0most\u00a0${eur(2.5)}`, terms: '' });
    // all the shipping up to a cap is not plain free shipping
    expect(couponTerms({ percentOff: 100, maxOff: 4.5, appliesTo: 'shipping' }, 'EUR')).toEqual({ off: `Free shipping up\u00a0to\u00a0${eur(4.5)}`, terms: '' });
    expect(couponTerms({ percentOff: 10, maxOff: 5 }, undefined).off).toBe('10% off, at\u00a0most\u00a05');
  });

  it('says what one tier asks of the cart', () => {
    expect(couponTerms(tiers('spend', 'percent', [{ from: 50, off: 15 }]), 'EUR')).toEqual({ off: '15% off', terms: `When you spend ${eur(50)} or more.` });
    expect(couponTerms(tiers('items', 'amount', [{ from: 3, off: 4 }]), 'EUR')).toEqual({ off: `${eur(4)} off`, terms: 'When you buy 3 or more.' });
  });

  it('says an amount is taken off each item, with no condition from the first item', () => {
    expect(couponTerms(tiers('items', 'amount', [{ from: 1, off: 2 }], true), 'EUR')).toEqual({ off: `${eur(2)} off each item`, terms: '' });
  });

  it('heads several tiers with the most and lists them all, lowest first', () => {
    expect(couponTerms(tiers('items', 'percent', [{ from: 1, off: 5 }, { from: 5, off: 10 }, { from: 10, off: 20 }]), 'USD')).toEqual({
      off: 'Up to 20% off',
      terms: '5% from 1 item, 10% from 5 items, 20% from 10 items.',
    });
    expect(couponTerms(tiers('spend', 'amount', [{ from: 50, off: 5 }, { from: 100, off: 15 }]), 'EUR')).toEqual({
      off: `Up to ${eur(15)} off`,
      terms: `${eur(5)} from ${eur(50)}, ${eur(15)} from ${eur(100)}.`,
    });
  });

  it('claims nothing it cannot read and says where the terms are', () => {
    expect(couponTerms({ percentOff: null }, 'EUR')).toEqual({ off: '', terms: TERMS_ELSEWHERE });
    expect(couponTerms(tiers('items', 'percent', []), 'EUR')).toEqual({ off: '', terms: TERMS_ELSEWHERE });
  });
});

describe('namesMoney (the coupons screen waits for the store’s currency before saying these)', () => {
  it('is true for an amount off, an amount per tier and a spend threshold; false for a percentage, by items, or terms it cannot read', () => {
    expect(namesMoney({ percentOff: null, amountOff: 5 })).toBe(true);
    expect(namesMoney(tiers('items', 'amount', [{ from: 2, off: 3 }]))).toBe(true);
    expect(namesMoney(tiers('spend', 'percent', [{ from: 50, off: 15 }]))).toBe(true);
    expect(namesMoney({ percentOff: 15 })).toBe(false);
    // a percentage's cap is money
    expect(namesMoney({ percentOff: 10, maxOff: 5 })).toBe(true);
    expect(namesMoney(tiers('items', 'percent', [{ from: 2, off: 5 }]))).toBe(false);
    expect(namesMoney({ percentOff: null })).toBe(false);
  });
});

describe('byExpiry', () => {
  it('files a coupon whose start is still ahead apart from the ones that work now (regression: listed as live), and an expired one as expired whatever its start', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    const coupons = [
      { code: 'LIVE', startsAt: '2026-12-01T00:00:00Z' },
      { code: 'LATER', startsAt: '2026-12-06T12:00:01Z', expiresAt: '2027-01-01T00:00:00Z' },
      { code: 'OPEN' },
      { code: 'OVER', startsAt: '2025-11-28T00:00:00Z', expiresAt: '2025-12-01T00:00:00Z' },
    ];
    const codes = (list: readonly { code: string }[]) => list.map((c) => c.code);
    const groups = byExpiry(coupons, now);
    expect({ active: codes(groups.active), upcoming: codes(groups.upcoming), expired: codes(groups.expired) }).toEqual({ active: ['LIVE', 'OPEN'], upcoming: ['LATER'], expired: ['OVER'] });
  });
});
