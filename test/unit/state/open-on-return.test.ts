import { describe, expect, it } from 'vitest';
import { markOpen, noteReturnedTo, takeReopen, withOpenPart } from '../../../src/lib/state/open-on-return.ts';
import { parseRoute } from '../../../src/lib/state/routes.ts';
import { sanitizeReturnTo } from '../../../src/lib/auth/return-to.ts';

describe('open-on-return: a part open when a Reconnect leaves, opened again where it comes back', () => {
  it('carries the open part in the returnTo, after the route’s own query, and leaves the route as it is', () => {
    markOpen('new-product');
    const returnTo = withOpenPart('/s/demo?q=mug');
    expect(returnTo).toBe('/s/demo?q=mug&open=new-product');
    expect(sanitizeReturnTo(returnTo)).toBe(returnTo);
    expect(parseRoute(returnTo)).toEqual(parseRoute('/s/demo?q=mug'));
    expect(withOpenPart('/s/demo')).toBe('/s/demo?open=new-product');
    markOpen(null);
    expect(withOpenPart('/s/demo')).toBe('/s/demo');
  });

  it('coming back: the address without the mark; the part opened once, on that page only', () => {
    expect(noteReturnedTo('/s/demo?q=mug&open=new-product')).toBe('/s/demo?q=mug');
    expect(takeReopen('/s/other', 'new-product')).toBe(false);
    expect(takeReopen('/s/demo?q=mug', 'something-else')).toBe(false);
    expect(takeReopen('/s/demo?q=mug', 'new-product')).toBe(true);
    expect(takeReopen('/s/demo?q=mug', 'new-product')).toBe(false);
  });

  it('an address with no mark comes back as it is and opens nothing; a search for "open=" is not a mark', () => {
    expect(noteReturnedTo('/s/demo/product/42')).toBe('/s/demo/product/42');
    expect(takeReopen('/s/demo/product/42', 'new-product')).toBe(false);
    const searched = `/s/demo?${new URLSearchParams({ q: 'open=new-product' })}`;
    expect(noteReturnedTo(searched)).toBe(searched);
    expect(takeReopen('/s/demo', 'new-product')).toBe(false);
  });
});
