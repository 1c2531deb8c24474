/**
 * widget.js as the build makes it (the same Rolldown options, in memory) stays within issue 15's
 * budget, and inlines only the storefront readers, never the app's adapters: an import that pulls
 * one back in fails here, not first in `npm run size`. Exact bytes, so no flake on a loaded machine.
 */
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS } from '../../bench/size-report.ts';
import { buildWidgetCode } from '../../demo-store/widget-dev.ts';
import { ROOT_DIR } from '../../helpers/paths.ts';

let code: string;
beforeAll(async () => {
  code = await buildWidgetCode(ROOT_DIR, 'iife');
}, 60_000);

describe('widget.js', () => {
  it('is at most 6 KB gzip (gzip -9, as npm run size and the bench measure it)', () => {
    expect(BUDGETS.widget).toBe(6_000);
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(BUDGETS.widget);
  });

  it('reads Goodsie and Shopware’s Store API, and carries none of the app’s adapters (orders, cart, Admin API, editing)', () => {
    expect(code).toContain('/api/v1/products');
    expect(code).toContain('/store-api/');
    for (const adapterOnly of ['/api/v1/orders', 'cart/items', '/api/search/', 'description_short', 'percent_off', 'orderNumber']) {
      expect(code).not.toContain(adapterOnly);
    }
  });

  it('is ASCII only (its “ ” … as \\u escapes): a classic script is read in the host page’s encoding where its server names no charset, and many pages are not UTF-8', () => {
    expect(code).toContain('Loading products');
    expect(code.match(/[^\x00-\x7f]/gu) ?? []).toEqual([]);
  });

  it('ships its stylesheet minified: no CSS comments, no indentation', () => {
    expect(code).toContain(':host{');
    expect(code).not.toMatch(/\/\*[^`]*Theme \(CSS custom properties/);
    expect(code).not.toMatch(/\n {2}display: block !important;/);
  });

  it('keeps light-dark() as written: lowered by the minifier, it would need a color-scheme polyfill the widget does not have', () => {
    expect(code.includes('--a:var(--sc-accent,light-dark(#0b57d0,#8bf))')).toBe(true);
    expect(code.includes('lightningcss')).toBe(false);
  });
});
