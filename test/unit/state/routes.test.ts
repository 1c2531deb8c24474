/**
 * The address of an orders page counts from 1, as the screen does ("Page 2 of 2" is `?page=2`), while
 * the route keeps the API's 0-based page: a shared or reloaded link lands on the page it was copied from.
 */
import { describe, expect, it } from 'vitest';
import { formatRoute, hrefFor, parseRoute } from '../../../src/lib/state/routes.ts';

describe('orders routes', () => {
  it('the address says the page the screen says (regression: "Page 2 of 2" was ?page=1, and ?page=2 opened page 3)', () => {
    expect(hrefFor({ name: 'orders', storeId: 'demo', page: 1 })).toBe('#/s/demo/orders?page=2');
    expect(parseRoute('/s/demo/orders?page=2')).toEqual({ name: 'orders', storeId: 'demo', page: 1 });
  });

  it('the first page has no ?page, and ?page=1 is the first page too', () => {
    expect(formatRoute({ name: 'orders', storeId: 'demo', page: 0 })).toBe('/s/demo/orders');
    expect(parseRoute('/s/demo/orders')).toEqual({ name: 'orders', storeId: 'demo', page: 0 });
    expect(parseRoute('/s/demo/orders?page=1')).toEqual({ name: 'orders', storeId: 'demo', page: 0 });
  });

  it.each(['0', '-3', '2.5', 'abc', ''])('?page=%s is the first page', (value) => {
    expect(parseRoute(`/s/demo/orders?page=${value}`)).toEqual({ name: 'orders', storeId: 'demo', page: 0 });
  });

  it.each([0, 1, 7])('page %i reads back as itself', (page) => {
    const route = { name: 'orders', storeId: 'demo', page } as const;
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });
});
