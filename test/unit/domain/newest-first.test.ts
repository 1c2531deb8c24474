/**
 * newestFirst (domain/catalog.ts): whether a coupon list's creation dates, in the order the store sent
 * them, show it kept the newest-first order asked, so that those past the pages read may be said to be
 * the oldest (Foxy's `date_created`, StoreHippo's `created_on`).
 */
import { describe, expect, it } from 'vitest';
import { newestFirst, withCouponsUnread } from '../../../src/lib/domain/catalog.ts';

describe('newestFirst', () => {
  it('true for dates none newer than the one before, ties included, Foxy offsets (-0800) read', () => {
    expect(newestFirst(['2025-02-01T17:02:00+0000', '2025-02-01T17:01:00+0000', '2025-02-01T17:01:00+0000', '2025-01-07T09:00:00-0800'])).toBe(true);
    expect(newestFirst(['2024-01-15T00:01:00.000Z', '2024-01-15T00:00:00.000Z'])).toBe(true);
    // an offset is no mere text: 09:00-0800 is 17:00 UTC, after 16:30 UTC
    expect(newestFirst(['2025-01-07T09:00:00-0800', '2025-01-07T16:30:00+0000'])).toBe(true);
    expect(newestFirst(['2025-01-07T16:30:00+0000', '2025-01-07T09:00:00-0800'])).toBe(false);
  });

  it('false for the store\'s own order, a missing or unreadable date, or nothing read', () => {
    expect(newestFirst(['2025-01-01T09:00:00-0800', '2025-01-02T09:00:00-0800'])).toBe(false);
    expect(newestFirst(['2025-01-02T09:00:00-0800', undefined])).toBe(false);
    expect(newestFirst(['2025-01-02T09:00:00-0800', 'yesterday'])).toBe(false);
    expect(newestFirst([1735800000000])).toBe(false);
    expect(newestFirst([])).toBe(false);
  });

  it('withCouponsUnread says the unread are the oldest only when the dates read show it', () => {
    const list = { coupons: [] };
    expect(withCouponsUnread(list, 12, 10, ['2025-01-02T00:00:00Z', '2025-01-01T00:00:00Z'])).toEqual({ coupons: [], unread: 2, unreadOldest: true, noun: 'coupon' });
    expect(withCouponsUnread(list, 12, 10, ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'])).toEqual({ coupons: [], unread: 2, noun: 'coupon' });
    expect(withCouponsUnread(list, undefined, 10)).toEqual({ coupons: [], unread: 'uncounted', noun: 'coupon' });
  });
});
