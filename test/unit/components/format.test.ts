import { describe, expect, it } from 'vitest';
import { formatCouponOff, formatPrice } from '../../../src/lib/components/format.ts';

describe('formatCouponOff', () => {
  it('shows a percentage coupon as "N% off"', () => {
    expect(formatCouponOff({ percentOff: 15 }, 'EUR')).toBe('15% off');
  });

  it('shows a fixed-amount coupon in the store currency', () => {
    expect(formatCouponOff({ percentOff: null, amountOff: 5 }, 'EUR')).toBe(`${formatPrice(5, 'EUR')} off`);
    expect(formatCouponOff({ percentOff: null, amountOff: 5 }, 'EUR')).toContain('€');
  });

  it('shows the bare amount while the store currency is not known yet', () => {
    expect(formatCouponOff({ percentOff: null, amountOff: 5 }, undefined)).toBe('5 off');
  });
});
